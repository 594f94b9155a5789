/** Counters of the shared cache for /metrics and /health: what it saved OMSPAN, and how. */
export class WindowMetrics {
  /** Served from a stored window of a fresh generation (a waiter served by another's download counts here too). */
  hits = 0;
  /** Downloaded and stored by this request. */
  misses = 0;
  /** Requests that waited for another request's (or another process's) download. */
  waits = 0;
  /** Requests this process sent to OMSPAN for the cache. */
  upstreamRequests = 0;
  /** Answered from the last good generation because OMSPAN failed. */
  stale = 0;
  /** Upstream answers passed on unstored (refused keys, wrong parameters, too large). */
  passed = 0;
  /** Requests that found Redis unavailable and were served by this process's own cache. */
  redisFallbacks = 0;

  snapshot(): Record<string, number> {
    const { hits, misses, waits, upstreamRequests, stale, passed, redisFallbacks } = this;
    return { hits, misses, waits, upstreamRequests, stale, passed, redisFallbacks };
  }
}
