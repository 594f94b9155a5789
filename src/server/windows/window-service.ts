/**
 * The shared cache's flow for one request (see generations.ts for which pull a request reads):
 * choose the generation → the stored window, or the one download of it (this request's or another's) →
 * commit the paging to the generation → serve. When OMSPAN fails, the paging moves to the last good
 * generation and is answered stale (or gets the failure when it cannot move; a request that named its
 * generation never moves). A refused key forgets its
 * generations and stores nothing. With Redis, any Redis failure sends the request round again on this
 * process's own backend, which learnt the generations from Redis: no client sees an error caused by Redis.
 */
import type { ErrorAnswer } from "../errors";
import { ServerError, toErrorAnswer } from "../errors";
import type { Backend, FillResult, Fetcher, PlainAnswer } from "./backend";
import type { Breaker } from "./breaker";
import type { Choice, ChooseInput } from "./generations";
import type { WindowMetrics } from "./metrics";
import { RedisUnavailableError, type RedisLink } from "./redis-link";
import { asEndMarker, type StoredWindow } from "./stored-window";
import { windowId } from "./window-key";

/** How a stored window is being served. */
export type WindowStatus = "hit" | "stored" | "stale";

/** What the route sends. */
export type Served =
  | { kind: "window"; window: StoredWindow; status: WindowStatus; gen: string }
  | { kind: "answer"; answer: PlainAnswer }
  | { kind: "error"; error: ErrorAnswer }
  | { kind: "stream"; result: Extract<FillResult, { kind: "big" }> }
  /** Forward this request on its own, unstored (another's download could not be shared). */
  | { kind: "forward" };

export interface ServiceDeps {
  local: Backend;
  redis?: { backend: Backend; link: RedisLink };
  breaker: Breaker;
  metrics: WindowMetrics;
  staleMaxAgeMs: number;
}

/** One request, as the service sees it. */
export interface WindowRequest extends Omit<ChooseInput, "breakerOpen"> {
  route: string;
}

export class WindowService {
  /** Pagings known to be committed (they never move again): no need to ask the coordinator twice. */
  private readonly committed = new Set<string>();

  constructor(private readonly d: ServiceDeps) {}

  async serve(r: WindowRequest, fetch: Fetcher, signal: AbortSignal): Promise<Served> {
    const i: ChooseInput = { ...r, breakerOpen: this.d.breaker.open };
    if (this.d.redis && this.d.redis.link.usable) {
      try {
        return await this.flow(this.d.redis.backend, i, r.route, fetch, signal);
      } catch (err) {
        if (!(err instanceof RedisUnavailableError)) throw err;
      }
    }
    if (this.d.redis) this.d.metrics.redisFallbacks++;
    return this.flow(this.d.local, i, r.route, fetch, signal);
  }

  private async flow(b: Backend, i: ChooseInput, route: string, fetch: Fetcher, signal: AbortSignal): Promise<Served> {
    const choice = await b.coord.choose(i);
    if (choice.stale) return this.stale(b, i, route, choice);
    const id = windowId({ tag: i.tag, dataset: i.dataset, gen: choice.gen, route });
    const got = await b.obtain(id, fetch, signal);
    if (got.role === "hit" || (got.role === "waiter" && "window" in got)) {
      return this.fresh(b, i, route, choice, got.window, got.role === "hit" ? "hit" : "wait");
    }
    if (got.role === "waiter") {
      if (got.outcome === "failed") return this.failed(b, i, route, choice, { kind: "failed", error: toErrorAnswer(new ServerError("upstream_unreachable", 5)) });
      if (got.outcome === "timeout") return { kind: "error", error: toErrorAnswer(new ServerError("upstream_timeout")) };
      return { kind: "forward" };
    }
    const result = got.result;
    switch (result.kind) {
      case "stored":
        if (result.noData && i.from > 1) await this.markEnd(b, i, choice, result.window);
        return this.fresh(b, i, route, choice, result.window, "stored");
      case "failed":
        return this.failed(b, i, route, choice, result);
      case "pass":
        this.d.metrics.passed++;
        if (result.refused) await this.forget(b, i);
        return { kind: "answer", answer: result.answer };
      case "big":
        this.d.metrics.passed++;
        return { kind: "stream", result };
      case "error":
        return { kind: "error", error: toErrorAnswer(result.err) };
    }
  }

  /** Serves a fresh window once the paging is committed to its generation (unless it moved meanwhile). */
  private async fresh(b: Backend, i: ChooseInput, route: string, c: Choice, w: StoredWindow, how: "hit" | "wait" | "stored"): Promise<Served> {
    const known = c.paging !== undefined && this.committed.has(`${b.name}:${c.paging}`);
    if (!known && (c.paging !== undefined || how === "stored")) {
      const now = await b.coord.commit(i, c);
      if (now.gen !== c.gen) return this.stale(b, i, route, now);
      if (c.paging) this.remember(`${b.name}:${c.paging}`);
    }
    if (how === "stored") this.d.metrics.misses++;
    else this.d.metrics.hits++;
    if (how === "wait") this.d.metrics.waits++;
    return { kind: "window", window: w, status: how === "stored" ? "stored" : "hit", gen: c.gen };
  }

  private async failed(b: Backend, i: ChooseInput, route: string, c: Choice, result: Extract<FillResult, { kind: "failed" }>): Promise<Served> {
    const fb = c.named ? undefined : await b.coord.fallback(i, c);
    if (fb) {
      const served = await this.stale(b, i, route, fb, false);
      if (served) return served;
    }
    if (result.answer) return { kind: "answer", answer: result.answer };
    return { kind: "error", error: result.error ?? toErrorAnswer(new ServerError("upstream_unreachable")) };
  }

  /** A window of the last good generation, marked stale; a miss there is OMSPAN's failure, said plainly. */
  private async stale(b: Backend, i: ChooseInput, route: string, c: Choice): Promise<Served>;
  private async stale(b: Backend, i: ChooseInput, route: string, c: Choice, orError: false): Promise<Served | undefined>;
  private async stale(b: Backend, i: ChooseInput, route: string, c: Choice, orError = true): Promise<Served | undefined> {
    let w = await b.get(windowId({ tag: i.tag, dataset: i.dataset, gen: c.gen, route }));
    if (!w && i.from > 1) {
      // A window past the end that nobody asked for in that pull: the end says it holds no data.
      const end = await b.get(this.endId(i, c.gen));
      if (end?.endFrom !== undefined && end.endFrom <= i.from) w = end;
    }
    if (w && Date.now() - w.fetchedAt <= this.d.staleMaxAgeMs) {
      this.d.metrics.stale++;
      return { kind: "window", window: w, status: "stale", gen: c.gen };
    }
    return orError ? { kind: "error", error: toErrorAnswer(new ServerError("upstream_unreachable", 5)) } : undefined;
  }

  /**
   * Realisasi's end in a generation: the lowest window that came back with no data. A stale answer for
   * a window past it (a probe the morning's pull never made) is that no-data answer.
   */
  private async markEnd(b: Backend, i: ChooseInput, c: Choice, w: StoredWindow): Promise<void> {
    const id = this.endId(i, c.gen);
    const known = await b.get(id).catch(() => undefined);
    if (known?.endFrom !== undefined && known.endFrom <= i.from) return;
    await b.put(id, asEndMarker(w, i.from)).catch(() => undefined);
  }

  private endId(i: ChooseInput, gen: string): string {
    return windowId({ tag: i.tag, dataset: i.dataset, gen, route: "end" });
  }

  private async forget(b: Backend, i: ChooseInput): Promise<void> {
    await b.coord.forget(i.tag, i.dataset, i.client).catch(() => undefined);
    if (b !== this.d.local) await this.d.local.coord.forget(i.tag, i.dataset, i.client);
  }

  private remember(key: string): void {
    this.committed.add(key);
    if (this.committed.size > 50_000) this.committed.delete(this.committed.values().next().value!);
  }
}
