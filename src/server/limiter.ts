/**
 * Caps concurrent upstream requests so a whole office refreshing at once cannot flood OMSPAN: callers
 * beyond the cap wait in a bounded FIFO queue for a bounded time; past either bound they get `busy`
 * (503 with Retry-After) at once instead of piling up.
 */
import { ServerError } from "./errors";

/** Releases a slot; calling it more than once is harmless. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  timer: NodeJS.Timeout;
}

/** A counting semaphore with a bounded, time-limited queue. */
export class UpstreamLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly queueSize: number,
    private readonly queueTimeoutMs: number,
  ) {}

  /** True when every slot is taken or callers wait for one. */
  get short(): boolean {
    return this.active >= this.maxConcurrent || this.queue.length > 0;
  }

  /** Requests in flight and waiting, for /health. */
  stats(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  /**
   * Waits for a slot. `signal` (the client going away) removes the caller from the queue.
   * @throws ServerError `busy` when the queue is full or the wait times out.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.queueSize) return Promise.reject(this.busy());
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        timer: setTimeout(() => {
          this.remove(waiter);
          signal?.removeEventListener("abort", onAbort);
          reject(this.busy());
        }, this.queueTimeoutMs),
      };
      const onAbort = () => {
        this.remove(waiter);
        reject(signal?.reason ?? new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private busy(): ServerError {
    // A hint, not a promise: roughly one queue wait, at least a second.
    return new ServerError("busy", Math.max(1, Math.ceil(this.queueTimeoutMs / 1000)));
  }

  private remove(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    const i = this.queue.indexOf(waiter);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) {
        // The slot passes straight to the next waiter: `active` stays the same.
        clearTimeout(next.timer);
        next.grant(this.releaser());
      } else {
        this.active--;
      }
    };
  }
}
