/**
 * The process's connection to Redis, and whether to use it. Redis is not a single point of failure:
 * no command may wait long (OMSPAN_REDIS_TIMEOUT_MS, a fraction of a second, measured on Redis rather
 * than on this process's backlog: redis-deadline.ts; no offline queue), the
 * first failure marks Redis down for RETRY_MS and the process serves from its own cache meanwhile, and
 * the change is logged once each way. node-redis reconnects by itself; `ready` brings Redis back.
 *
 * node-redis rather than ioredis: it is Redis' own maintained client, has no dependencies outside
 * @redis/*, and gives what this needs directly — a per-command timeout, `disableOfflineQueue` (a command
 * while disconnected fails at once instead of queueing), Buffer replies through a type mapping, EVALSHA,
 * and pub/sub on a duplicated connection that resubscribes after a reconnect. ioredis would do too.
 */
import { createHash } from "node:crypto";
import { createClient, RESP_TYPES } from "redis";
import { HARD_FACTOR, withRedisDeadline } from "./redis-deadline";

/** After a failure, Redis is not asked again for this long (then one request tries). */
export const RETRY_MS = 1_000;

/** Redis could not be used for this request: the caller falls back to the per-process cache. */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
}

type Client = ReturnType<typeof makeClient>;
type Log = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

function makeClient(url: string, timeoutMs: number) {
  return createClient({
    url,
    disableOfflineQueue: true,
    // Only a backstop for a command never written (a dead socket): run() decides when Redis is slow.
    commandOptions: { timeout: timeoutMs * HARD_FACTOR },
    socket: {
      connectTimeout: Math.max(timeoutMs * 4, 1_000),
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
}

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** One Redis connection for commands, one for pub/sub, and the up/down state. */
export class RedisLink {
  readonly client: Client;
  readonly buffers: ReturnType<Client["withTypeMapping"]>;
  private readonly sub: Client;
  private down = true;
  /** What the log last said, so each change is logged once. */
  private told?: "up" | "down";
  private retryAt = 0;
  private closed = false;
  /** When the connection last brought a reply (performance.now()): Redis is answering. */
  private lastReply = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Map<string, (message: string) => void>();

  constructor(url: string, private readonly timeoutMs: number, private readonly log: Log) {
    this.client = makeClient(url, timeoutMs);
    this.buffers = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    this.sub = this.client.duplicate();
    // An error event without a listener would throw; failures are handled where commands fail.
    this.client.on("error", (err: Error) => this.markDown(err));
    this.sub.on("error", () => undefined);
    this.client.on("ready", () => this.markUp());
  }

  /** Connects in the background: the server starts (and serves from its own cache) whether Redis is there or not. */
  start(): void {
    this.client.connect().catch((err: Error) => this.markDown(err));
    this.sub.connect().then(
      () => Promise.all([...this.listeners].map(([ch, fn]) => this.sub.subscribe(ch, fn))),
      () => undefined,
    );
  }

  /** Calls `fn` for messages on `channel` (resubscribed after reconnects). */
  listen(channel: string, fn: (message: string) => void): void {
    this.listeners.set(channel, fn);
    if (this.sub.isReady) this.sub.subscribe(channel, fn).catch(() => undefined);
  }

  /** "up" or "down", for /health and /metrics. */
  get state(): "up" | "down" {
    return this.down ? "down" : "up";
  }

  /** Whether a request should use Redis now (down: not until RETRY_MS after the last failure). */
  get usable(): boolean {
    return !this.closed && this.client.isReady && (!this.down || Date.now() >= this.retryAt);
  }

  /**
   * Runs Redis commands; any failure marks Redis down and becomes RedisUnavailableError.
   * @throws RedisUnavailableError
   */
  async run<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    if (!this.usable) throw new RedisUnavailableError("Redis is unavailable");
    try {
      const out = await withRedisDeadline(this.noting(fn(this.client)), this.timeoutMs, { lastReply: () => this.lastReply });
      if (this.down) this.markUp();
      return out;
    } catch (err) {
      this.markDown(err as Error);
      throw new RedisUnavailableError("Redis is unavailable", { cause: err });
    }
  }

  /** Notes when a call came back: a reply, or an error Redis sent (not a broken connection's). */
  private noting<T>(p: Promise<T>): Promise<T> {
    return p.then(
      (v) => {
        this.lastReply = performance.now();
        return v;
      },
      (err: unknown) => {
        if ((err as Error)?.constructor?.name === "ErrorReply") this.lastReply = performance.now();
        throw err;
      },
    );
  }

  /** EVALSHA, loading the script on NOSCRIPT. */
  async script(source: string, keys: string[], args: string[]): Promise<unknown> {
    return this.run(async (c) => {
      const sha = sha1(source);
      try {
        return await c.evalSha(sha, { keys, arguments: args });
      } catch (err) {
        if (!String((err as Error).message).includes("NOSCRIPT")) throw err;
        return c.eval(source, { keys, arguments: args });
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.client.close(), this.sub.close()]);
  }

  private markDown(err: Error): void {
    this.retryAt = Date.now() + RETRY_MS;
    this.down = true;
    if (this.told === "down" || this.closed) return;
    this.told = "down";
    this.log.warn({ redis: "down", error: err?.message?.slice(0, 200) }, "Redis unavailable: serving from this process's own cache until it is back");
  }

  private markUp(): void {
    this.down = false;
    if (this.told === "up" || this.closed) return;
    this.told = "up";
    this.log.info({ redis: "up" }, "Redis available: sharing windows across processes");
  }
}
