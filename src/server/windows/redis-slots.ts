/**
 * The global cap on concurrent OMSPAN requests across every process sharing the Redis
 * (OMSPAN_UPSTREAM_MAX_CONCURRENT): a sorted set of holders scored by when their hold lapses, so a
 * process that dies holding a slot loses it after one lease time. Holders renew while they download;
 * waiters poll, woken early when a slot is freed. Redis unavailable: the per-process cap alone applies.
 */
import { randomUUID } from "node:crypto";
import { ServerError } from "../errors";
import type { UpstreamGate } from "./backend";
import type { RedisLink } from "./redis-link";

const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local lease = tonumber(ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease * 2)
  return 1
end
return 0`;

const POLL_MS = 100;

export class RedisSlots implements UpstreamGate {
  private readonly key: string;
  private readonly channel: string;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly link: RedisLink,
    prefix: string,
    private readonly max: number,
    private readonly leaseMs: number,
    private readonly waitMs: number,
  ) {
    this.key = `${prefix}slots`;
    this.channel = `${prefix}slot`;
    link.listen(this.channel, () => this.wakers.forEach((w) => w()));
  }

  /**
   * Waits for a global slot.
   * @throws ServerError `busy` when none frees within the queue timeout.
   */
  async acquire(signal: AbortSignal): Promise<() => void> {
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      let got: unknown;
      try {
        got = await this.link.script(ACQUIRE_LUA, [this.key], [token, String(this.max), String(this.leaseMs)]);
      } catch {
        return () => undefined; // Redis away: the per-process cap is what is left
      }
      if (got === 1) return this.holding(token);
      if (signal.aborted) throw signal.reason ?? new Error("aborted");
      if (Date.now() >= deadline) throw new ServerError("busy", Math.ceil(this.waitMs / 1000));
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, POLL_MS + Math.random() * POLL_MS);
        this.wakers.add(wake);
      });
    }
  }

  private holding(token: string): () => void {
    const renew = setInterval(() => {
      this.link.script(ACQUIRE_LUA, [this.key], [token, String(this.max), String(this.leaseMs)]).catch(() => undefined);
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      clearInterval(renew);
      this.link
        .run(async (c) => {
          await c.zRem(this.key, token);
          await c.publish(this.channel, "free");
        })
        .catch(() => undefined);
    };
  }
}
