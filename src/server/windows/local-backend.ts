/** The per-process backend: windows in this process's cache, one download per window in flight. */
import type { AnswerCache } from "../answer-cache";
import { NO_GATE, type Backend, type Fetcher, type Obtained } from "./backend";
import type { LocalCoordinator } from "./generations";
import type { StoredWindow } from "./stored-window";

type WaiterView = { window: StoredWindow } | { outcome: "failed" | "other" };

export class LocalBackend implements Backend {
  readonly name = "local" as const;
  private readonly inflight = new Map<string, Promise<WaiterView>>();

  constructor(private readonly cache: AnswerCache, readonly coord: LocalCoordinator) {}

  async get(id: string): Promise<StoredWindow | undefined> {
    return this.cache.get(id);
  }

  async put(id: string, w: StoredWindow): Promise<void> {
    this.cache.put(id, w);
  }

  async obtain(id: string, fetch: Fetcher, signal: AbortSignal): Promise<Obtained> {
    const hit = this.cache.get(id);
    if (hit) return { role: "hit", window: hit };
    const pending = this.inflight.get(id);
    if (pending) {
      const seen = await untilAborted(pending, signal);
      return seen === undefined ? { role: "waiter", outcome: "gone" } : { role: "waiter", ...seen };
    }
    let tell!: (v: WaiterView) => void;
    this.inflight.set(id, new Promise((r) => (tell = r)));
    try {
      const result = await fetch(NO_GATE);
      if (result.kind === "stored") this.cache.put(id, result.window);
      tell(result.kind === "stored" ? { window: result.window } : { outcome: result.kind === "failed" ? "failed" : "other" });
      return { role: "leader", result };
    } catch (err) {
      tell({ outcome: "other" });
      throw err;
    } finally {
      this.inflight.delete(id);
    }
  }
}

/** The promise's value, or undefined once `signal` aborts first. */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
