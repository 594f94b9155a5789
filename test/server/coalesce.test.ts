/**
 * One operation per key in a process (src/server/windows/coalesce.ts): what keeps a process to one
 * Redis look and wait per window, however many of its clients want that window.
 */
import { Coalescer } from "../../src/server/windows/coalesce";

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

test("many callers of one key start it once and all get its value; the first is told it started it", async () => {
  const c = new Coalescer<string>();
  const d = deferred<string>();
  let starts = 0;
  const start = () => (starts++, d.promise);
  const calls = Array.from({ length: 50 }, () => c.run("w1", new AbortController().signal, start));
  const other = c.run("w2", new AbortController().signal, async () => "other");
  d.resolve("window");
  const got = await Promise.all(calls);
  expect(starts).toBe(1);
  expect(got.map((g) => g !== "gone" && g.value)).toEqual(got.map(() => "window"));
  expect(got.filter((g) => g !== "gone" && g.first)).toHaveLength(1);
  expect(await other).toEqual({ value: "other", first: true });
  // Done: the next call starts anew.
  await c.run("w1", new AbortController().signal, async () => (starts++, "again"));
  expect(starts).toBe(2);
});

test("it is cancelled only when every caller has gone; a joiner leaving just stops waiting, the starter still gets its value", async () => {
  const c = new Coalescer<string>();
  const d = deferred<string>();
  let seen: AbortSignal | undefined;
  const start = (s: AbortSignal) => ((seen = s), d.promise);
  const a = new AbortController();
  const b = new AbortController();
  const pa = c.run("w", a.signal, start);
  const pb = c.run("w", b.signal, start);
  b.abort();
  expect(await pb).toBe("gone");
  expect(seen!.aborted).toBe(false);
  a.abort();
  expect(seen!.aborted).toBe(true);
  // The one that started it still gets what it brought (a refused key's answer must still be handled).
  d.resolve("late");
  expect(await pa).toEqual({ value: "late", first: true });
});

test("a failure reaches every caller", async () => {
  const c = new Coalescer<string>();
  const boom = new Error("Redis is unavailable");
  const d = deferred<string>();
  const calls = [1, 2, 3].map(() => c.run("w", new AbortController().signal, () => d.promise));
  d.reject(boom);
  for (const p of calls) await expect(p).rejects.toBe(boom);
});
