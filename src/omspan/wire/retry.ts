/**
 * When to try a request again, and how long to wait: only network errors, timeouts and 5xx are worth
 * another try (a refused key or a wrong parameter will not get better); exponential backoff with full
 * jitter, or the server's own `Retry-After` when it gives one.
 */
import { CancelledError, isOmspanError } from "../errors";

export interface RetryPolicy {
  /** Further tries after the first. */
  readonly retries: number;
  /** First backoff step in ms. */
  readonly baseMs: number;
  /** Longest single wait in ms. */
  readonly maxMs: number;
}

// With the client's 60 s per request, a hanging OMSPAN settles every cell within about three minutes.
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 500, maxMs: 30_000 };

export function isRetryable(err: unknown): boolean {
  if (!isOmspanError(err)) return false;
  if (err.code === "unreachable" || err.code === "timeout") return true;
  return err.code === "http-status" && (err.detail.status ?? 0) >= 500;
}

/** `Retry-After` as seconds or an HTTP date → ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before try number `attempt` (1 = first retry). */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxMs);
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Waits `ms`, or rejects with CancelledError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
