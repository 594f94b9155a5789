/**
 * One operation per key in this process, however many requests want it: the first starts it, the
 * others join it. It is cancelled only when every caller has gone. On Redis this keeps a process to one
 * look, one lease attempt and one waiter per window, whatever its number of clients: 400 requests of one
 * process waiting for the same window are one poll on Redis, not 400 (which, at 08:55, made Redis itself
 * the slow part).
 */

interface Running<T> {
  result: Promise<T>;
  ctl: AbortController;
  callers: number;
}

/**
 * What a caller got: the value (and whether it started the operation), or "gone" when its signal fired
 * first. The caller that started it always gets its value, even after its own signal (an operation
 * cancelled by every caller leaving ends soon): what it brought may need handling all the same — a
 * refused key's answer must still make the caller forget the key's generations.
 */
export type Joined<T> = { value: T; first: boolean } | "gone";

export class Coalescer<T> {
  private readonly running = new Map<string, Running<T>>();

  /** `start` runs once per key at a time; its signal fires when every caller's has. */
  async run(key: string, signal: AbortSignal, start: (signal: AbortSignal) => Promise<T>): Promise<Joined<T>> {
    let r = this.running.get(key);
    const first = r === undefined;
    if (!r) {
      const ctl = new AbortController();
      const made: Running<T> = { result: start(ctl.signal), ctl, callers: 0 };
      this.running.set(key, made);
      const end = () => {
        if (this.running.get(key) === made) this.running.delete(key);
      };
      made.result.then(end, end);
      r = made;
    }
    const run = r;
    if (signal.aborted && !first) return "gone";
    run.callers++;
    return new Promise<Joined<T>>((resolve, reject) => {
      const onAbort = () => {
        if (--run.callers === 0) run.ctl.abort();
        if (!first) resolve("gone");
      };
      signal.addEventListener("abort", onAbort, { once: true });
      run.result.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve({ value, first });
        },
        (err: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(err);
        },
      );
    });
  }
}
