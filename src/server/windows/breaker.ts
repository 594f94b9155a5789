/**
 * A short circuit breaker per process: after FAILURES_TO_OPEN failures in a row OMSPAN is taken to be
 * down for OPEN_MS, and requests that would need it are answered at once (stale where a last good
 * generation exists) instead of each waiting out the full timeout. Then one request tries (half-open):
 * success closes the breaker, failure opens it again.
 */
export const FAILURES_TO_OPEN = 2;
export const OPEN_MS = 5_000;

export class Breaker {
  private failures = 0;
  private openUntil = 0;
  private trying = false;

  constructor(private readonly openMs = OPEN_MS, private readonly now: () => number = Date.now) {}

  /** True while OMSPAN is known to be down (a request must not try). */
  get open(): boolean {
    return this.failures >= FAILURES_TO_OPEN && (this.now() < this.openUntil || this.trying);
  }

  /** May this request go upstream? In half-open state only the first caller may. */
  allow(): boolean {
    if (this.failures < FAILURES_TO_OPEN) return true;
    if (this.now() < this.openUntil || this.trying) return false;
    this.trying = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trying = false;
  }

  failure(): void {
    this.failures++;
    this.trying = false;
    if (this.failures >= FAILURES_TO_OPEN) this.openUntil = this.now() + this.openMs;
  }

  get state(): "closed" | "open" | "half-open" {
    if (this.failures < FAILURES_TO_OPEN) return "closed";
    return this.now() < this.openUntil ? "open" : "half-open";
  }
}
