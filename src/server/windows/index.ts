/**
 * Builds the shared cache from the settings: off (OMSPAN_CACHE_TTL_MS 0 and no Redis), per process, or
 * on Redis with the per-process cache in front of it and as its fallback.
 *
 * Map: window-key.ts (HMAC tags, refresh marker, Accept-Encoding) · generations.ts + generations-lua.ts
 * (which pull a request reads) · stored-window.ts (compressed once) · judge-answer.ts (what may be
 * stored) · backend.ts ← local-backend.ts, redis-backend.ts (single-flight, leases) · redis-slots.ts
 * (global cap) · redis-link.ts (Redis up or down) · redis-coordinator.ts · upstream-fetch.ts (the
 * download) · breaker.ts · window-service.ts (the flow) · window-reply.ts (headers) · metrics.ts.
 */
import { AnswerCache } from "../answer-cache";
import { DEFAULT_SHARED_TTL_MS, type ServerConfig } from "../config";
import type { UpstreamLimiter } from "../limiter";
import type { AbortableDispatcher } from "../upstream-dispatcher";
import { Breaker } from "./breaker";
import { LocalCoordinator, type GenerationRules } from "./generations";
import { LocalBackend } from "./local-backend";
import { WindowMetrics } from "./metrics";
import { RedisBackend } from "./redis-backend";
import { RedisCoordinator } from "./redis-coordinator";
import { RedisLink } from "./redis-link";
import { RedisSlots } from "./redis-slots";
import type { FetchDeps } from "./upstream-fetch";
import { Tagger } from "./window-key";
import { WindowService } from "./window-service";

/** A paging with no request for this long is over (the core's timeout and a retry or two). */
export const PAGING_IDLE_MS = 180_000;

export interface SharedCache {
  service: WindowService;
  tagger: Tagger;
  fetch: FetchDeps;
  cache: AnswerCache;
  metrics: WindowMetrics;
  breaker: Breaker;
  link?: RedisLink;
  close(): Promise<void>;
}

type Log = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/** The shared cache for these settings, or undefined when it is off. */
export function buildSharedCache(config: ServerConfig, limiter: UpstreamLimiter, dispatcher: AbortableDispatcher, log: Log): SharedCache | undefined {
  if (config.cacheTtlMs === 0 && !config.redisUrl) return undefined;
  const rules: GenerationRules = {
    freshMs: config.cacheTtlMs || DEFAULT_SHARED_TTL_MS,
    minIntervalMs: config.refreshMinIntervalMs,
    staleMaxAgeMs: config.staleMaxAgeMs,
    pagingIdleMs: PAGING_IDLE_MS,
  };
  const keepMs = Math.max(config.staleMaxAgeMs, rules.freshMs);
  const cache = new AnswerCache(config.cacheMaxMb * 1024 * 1024, keepMs);
  const metrics = new WindowMetrics();
  const breaker = new Breaker();
  const localCoord = new LocalCoordinator(rules);
  const local = new LocalBackend(cache, localCoord);
  const fetch: FetchDeps = { upstream: config.upstream, timeoutMs: config.timeoutMs, dispatcher, limiter, breaker, cache, metrics };
  let link: RedisLink | undefined;
  let redis: { backend: RedisBackend; link: RedisLink } | undefined;
  if (config.redisUrl) {
    link = new RedisLink(config.redisUrl, config.redisTimeoutMs, log);
    const coord = new RedisCoordinator(link, config.redisPrefix, rules, localCoord);
    const slots = new RedisSlots(link, config.redisPrefix, config.upstreamMaxConcurrent, config.redisLeaseMs, config.queueTimeoutMs);
    const backend = new RedisBackend(link, config.redisPrefix, cache, coord, slots, {
      leaseMs: config.redisLeaseMs,
      keepMs,
      waitMs: config.timeoutMs + config.queueTimeoutMs + config.redisLeaseMs,
      pollMs: Math.min(250, Math.max(20, Math.floor(config.redisLeaseMs / 4))),
    });
    redis = { backend, link };
    link.start();
  }
  const service = new WindowService({ local, redis, breaker, metrics, staleMaxAgeMs: config.staleMaxAgeMs });
  return {
    service, tagger: new Tagger(config.cacheSecret), fetch, cache, metrics, breaker, link,
    close: async () => {
      await link?.close();
    },
  };
}
