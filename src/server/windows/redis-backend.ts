/**
 * Windows in Redis, with this process's cache in front (a window of a generation never changes, so a
 * copy is always right), and one download per window across every process:
 *  - a lease per window: `SET <window>:l <token> NX PX <lease>` (in one script with the look for the
 *    value, see TAKE_LUA), renewed while the window downloads,
 *    released only by its holder (compare-and-delete); a holder that dies stops renewing, its lease
 *    lapses and a waiter takes it over;
 *  - waiters are told on the `<prefix>ev` channel when the window is stored or failed, and poll as a
 *    fallback (a message lost while a connection broke, a holder gone); they hold no upstream slot;
 *    within a process, the requests for one window share one look, lease attempt and wait (coalesce.ts);
 *  - a global cap on OMSPAN requests across processes (redis-slots.ts), on top of the per-process one.
 * A value is one Redis string, whole or absent: one evicted by `allkeys-lru` mid-pull is a miss and is
 * fetched again, never served half. Any Redis failure becomes RedisUnavailableError: the caller then
 * serves the request from its own cache (window-service.ts).
 */
import { randomUUID } from "node:crypto";
import type { AnswerCache } from "../answer-cache";
import type { Backend, Fetcher, Obtained, UpstreamGate, WaitOutcome } from "./backend";
import { Coalescer } from "./coalesce";
import type { Coordinator } from "./generations";
import { RedisUnavailableError, type RedisLink } from "./redis-link";
import { readWindow, type StoredWindow } from "./stored-window";

const RENEW_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/**
 * Takes the lease only while the value is absent, in one step: a GET that missed, then a plain SET NX,
 * would let a process take the lease just after its holder stored the value and let it go, and
 * download the window again (seen under the 300-client bench: about one window in four twice).
 * 0: taken; 1: the value is there now; 2: someone else holds the lease.
 */
const TAKE_LUA = `if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return 2`;
/** 1: the value is there; 2: someone holds the lease; 0: neither (take the lease). */
const PROBE_LUA = `if redis.call('EXISTS', KEYS[1]) == 1 then return 1 elseif redis.call('EXISTS', KEYS[2]) == 1 then return 2 else return 0 end`;

export interface RedisBackendOptions {
  leaseMs: number;
  /** How long windows are kept (the stale age). */
  keepMs: number;
  /** Longest wait for another's download. */
  waitMs: number;
  /** Polling interval of a waiter. */
  pollMs: number;
}

export class RedisBackend implements Backend {
  readonly name = "redis" as const;
  private readonly waiting = new Map<string, Set<(outcome: string) => void>>();
  /** One look, lease attempt and wait per window in this process (coalesce.ts). */
  private readonly joined = new Coalescer<Obtained>();

  constructor(
    private readonly link: RedisLink,
    private readonly prefix: string,
    private readonly cache: AnswerCache,
    readonly coord: Coordinator,
    private readonly gate: UpstreamGate,
    private readonly o: RedisBackendOptions,
  ) {
    link.listen(`${prefix}ev`, (message) => {
      const tab = message.lastIndexOf("\t");
      const fns = this.waiting.get(message.slice(0, tab));
      fns?.forEach((fn) => fn(message.slice(tab + 1)));
    });
  }

  async get(id: string): Promise<StoredWindow | undefined> {
    const near = this.cache.get(id);
    if (near) return near;
    const raw = await this.link.run((c) => this.link.buffers.get(this.prefix + id)) as Buffer | null;
    const w = raw ? readWindow(raw) : undefined;
    if (w) this.cache.put(id, w);
    return w;
  }

  async put(id: string, w: StoredWindow): Promise<void> {
    this.cache.put(id, w);
    await this.link.run((c) => c.set(this.prefix + id, w.raw, { expiration: { type: "PX", value: this.o.keepMs } }));
  }

  async obtain(id: string, fetch: Fetcher, signal: AbortSignal): Promise<Obtained> {
    const near = this.cache.get(id);
    if (near) return { role: "hit", window: near };
    const got = await this.joined.run(id, signal, async (all) => {
      const o = await this.obtainShared(id, fetch, all);
      // Too large to keep: only the request that started it can stream it; gone, nobody will.
      if (signal.aborted && o.role === "leader" && o.result.kind === "big") o.result.stream.destroy();
      return o;
    });
    if (got === "gone") return { role: "waiter", outcome: "gone" };
    if (got.first) return got.value;
    // Another request of this process did the looking (and maybe the download): as its waiter.
    const o = got.value;
    if (o.role !== "leader") return o;
    if (o.result.kind === "stored") return { role: "waiter", window: o.result.window };
    return { role: "waiter", outcome: o.result.kind === "failed" ? "failed" : "other" };
  }

  private async obtainShared(id: string, fetch: Fetcher, signal: AbortSignal): Promise<Obtained> {
    const deadline = Date.now() + this.o.waitMs;
    let waited = false;
    for (;;) {
      const w = await this.get(id);
      if (w) return waited ? { role: "waiter", window: w } : { role: "hit", window: w };
      const token = randomUUID();
      const lease = `${this.prefix}${id}:l`;
      const got = await this.link.script(TAKE_LUA, [this.prefix + id, lease], [token, String(this.o.leaseMs)]);
      if (got === 0) return { role: "leader", result: await this.lead(id, lease, token, fetch) };
      if (got === 1) continue; // stored between our look and the lease: read it
      waited = true;
      const outcome = await this.waitFor(id, lease, deadline, signal);
      if (outcome !== "ready" && outcome !== "lapsed") return { role: "waiter", outcome };
    }
  }

  private async lead(id: string, lease: string, token: string, fetch: Fetcher) {
    const renew = setInterval(() => {
      this.link.script(RENEW_LUA, [lease], [token, String(this.o.leaseMs)]).catch(() => undefined);
    }, Math.max(50, Math.floor(this.o.leaseMs / 3)));
    let outcome = "other";
    try {
      const result = await fetch(this.gate);
      if (result.kind === "stored") {
        this.cache.put(id, result.window);
        await this.link
          .run((c) => c.set(this.prefix + id, result.window.raw, { expiration: { type: "PX", value: this.o.keepMs } }))
          .catch(() => undefined); // Redis gone: this process still has it, the others fetch their own
        outcome = "ok";
      } else if (result.kind === "failed") {
        outcome = "failed";
      }
      return result;
    } finally {
      clearInterval(renew);
      // Stored before the lease goes, so a waiter that sees the lease gone finds the value.
      await this.link.script(RELEASE_LUA, [lease], [token]).catch(() => undefined);
      await this.link.run((c) => c.publish(`${this.prefix}ev`, `${id}\t${outcome}`)).catch(() => undefined);
    }
  }

  /** Waits for a message about `id`, polling as a fallback. "ready" and "lapsed" send the caller round again. */
  private waitFor(id: string, lease: string, deadline: number, signal: AbortSignal): Promise<WaitOutcome | "ready" | "lapsed"> {
    return new Promise((resolve, reject) => {
      let fns = this.waiting.get(id);
      if (!fns) this.waiting.set(id, (fns = new Set()));
      const timers: NodeJS.Timeout[] = [];
      const done = (v: WaitOutcome | "ready" | "lapsed" | Error) => {
        timers.forEach(clearTimeout);
        fns!.delete(onMessage);
        if (fns!.size === 0) this.waiting.delete(id);
        signal.removeEventListener("abort", onAbort);
        if (v instanceof Error) reject(v);
        else resolve(v);
      };
      const onMessage = (m: string) => done(m === "ok" ? "ready" : m === "failed" ? "failed" : "other");
      const onAbort = () => done("gone");
      fns.add(onMessage);
      signal.addEventListener("abort", onAbort, { once: true });
      const poll = () => {
        if (Date.now() >= deadline) return done("timeout");
        this.link.script(PROBE_LUA, [this.prefix + id, lease], []).then(
          (r) => (r === 1 ? done("ready") : r === 0 ? done("lapsed") : timers.push(setTimeout(poll, this.o.pollMs))),
          (err: unknown) => done(err instanceof RedisUnavailableError ? err : new RedisUnavailableError("Redis failed", { cause: err })),
        );
      };
      timers.push(setTimeout(poll, this.o.pollMs));
    });
  }
}
