/**
 * The Redis deadline (src/server/windows/redis-deadline.ts) measures Redis, not this process's backlog:
 * a reply that arrived while the event loop was busy is read, not called late; a call waits on while
 * other replies keep coming; a peer that never answers is still given up on, on an idle loop within
 * the timeout, on a busy one within the hard cap.
 */
import net from "node:net";
import { HARD_FACTOR, RedisDeadlineError, withRedisDeadline } from "../../src/server/windows/redis-deadline";

/** A loopback peer that answers each line at once (as a healthy Redis does), and a client socket to it. */
async function echoPair(): Promise<{ ask(): Promise<string>; close(): Promise<void> }> {
  const server = net.createServer((s) => s.on("data", (d) => s.write(d)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  const sock = net.connect(port, "127.0.0.1");
  await new Promise<void>((r) => sock.once("connect", r));
  return {
    ask: () =>
      new Promise<string>((resolve) => {
        sock.once("data", (d) => resolve(d.toString()));
        sock.write("PING\n");
      }),
    close: async () => {
      sock.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* the process is busy with other clients: the reply waits on the socket */
  }
};

test("a reply that came while the process was busy past the timeout is read, not called late", async () => {
  const peer = await echoPair();
  try {
    const answer = withRedisDeadline(peer.ask(), 50);
    busy(150); // three timeouts long, before the loop can read anything
    await expect(answer).resolves.toBe("PING\n");
  } finally {
    await peer.close();
  }
});

test("a reply that came while the process was busy just after the command went out is read too", async () => {
  const peer = await echoPair();
  try {
    const answer = withRedisDeadline(peer.ask(), 50);
    setImmediate(() => busy(150)); // after the deadline started: its timer fires late
    await expect(answer).resolves.toBe("PING\n");
  } finally {
    await peer.close();
  }
});

test("a peer that never answers is given up on within the timeout when the process is idle", async () => {
  const t0 = performance.now();
  await expect(withRedisDeadline(new Promise(() => undefined), 60)).rejects.toBeInstanceOf(RedisDeadlineError);
  const took = performance.now() - t0;
  expect(took).toBeGreaterThanOrEqual(55);
  expect(took).toBeLessThan(60 * HARD_FACTOR);
});

test("however busy the process, a call never waits past the hard cap", async () => {
  const t0 = performance.now();
  const never = withRedisDeadline(new Promise(() => undefined), 40);
  // Keep the loop late on every timer: each turn blocks longer than the lateness threshold.
  const hog = setInterval(() => busy(30), 1);
  try {
    await expect(never).rejects.toThrow("Redis did not answer within 40 ms");
  } finally {
    clearInterval(hog);
  }
  expect(performance.now() - t0).toBeLessThan(40 * HARD_FACTOR + 200);
});

test("a call queued behind others waits on while replies keep coming, and is given up on once they stop", async () => {
  let last = performance.now();
  const ticking = setInterval(() => (last = performance.now()), 20); // other commands answered
  const t0 = performance.now();
  const queued = withRedisDeadline(new Promise(() => undefined), 50, { lastReply: () => last });
  setTimeout(() => clearInterval(ticking), 200); // then Redis goes quiet
  await expect(queued).rejects.toBeInstanceOf(RedisDeadlineError);
  const took = performance.now() - t0;
  expect(took).toBeGreaterThanOrEqual(200); // not at 50: Redis was answering until 200
  expect(took).toBeLessThan(50 * HARD_FACTOR);
});

test("the work's own failure passes through unchanged", async () => {
  const boom = new Error("READONLY");
  await expect(withRedisDeadline(Promise.reject(boom), 100)).rejects.toBe(boom);
});
