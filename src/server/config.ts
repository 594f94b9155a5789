/**
 * The server's one settings object, read from `OMSPAN_*` environment variables and validated with zod at
 * start: a bad setting stops the start with a message that names the variable, rather than surfacing later
 * as a confusing runtime failure in front of a ministry's users.
 */
import { z } from "zod";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../omspan/wire/client";
import { OMSPAN_PRODUCTION_BASE } from "../omspan/routes";

/**
 * The upstream timeout sits a little under the core's per-request timeout: a slow OMSPAN then reaches the
 * client as the proxy's 504 (and the upstream request is over) before the client gives up and retries.
 */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS - 5_000;

/** With Redis and no OMSPAN_CACHE_TTL_MS, how long a generation answers requests not marked as a refresh. */
export const DEFAULT_SHARED_TTL_MS = 300_000;

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));
const int = (min: number, max: number) =>
  z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(min).max(max);

/** An http(s) base URL with no credentials, query or fragment; always ends with `/`. */
const baseUrl = z.string().transform((raw, ctx) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an absolute http(s) URL" });
    return z.NEVER;
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    ctx.addIssue({ code: "custom", message: "must be an http(s) URL without credentials, query or fragment" });
    return z.NEVER;
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
});

/** A browser origin: scheme, host and optional port, nothing else (that is what `Origin` headers carry). */
const originList = z.string().transform((raw, ctx) => {
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(item).protocol) && new URL(item).origin === item;
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: "custom", message: `"${item}" is not an origin like https://host:port` });
  }
  return items;
});

/** A Redis URL: redis:// or rediss:// (TLS), credentials allowed (they are the ACL user and password). */
const redisUrl = z.string().refine((raw) => {
  try {
    return /^rediss?:$/.test(new URL(raw).protocol);
  } catch {
    return false;
  }
}, "must be a redis:// or rediss:// URL");

/** `true`/`false`, a hop count, or a comma list of proxy addresses (fastify's `trustProxy`). */
const trustProxy = z.string().transform((raw): boolean | number | string[] => {
  const v = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["", "0", "false", "no", "off"].includes(v)) return false;
  if (/^[0-9]+$/.test(v)) return Number(v);
  return v.split(",").map((s) => s.trim());
});

/** The validated server settings; field comments give the environment variable and the default. */
export const ServerConfig = z.object({
  /** OMSPAN_UPSTREAM: DataWebService base URL the `/omspan/` routes forward to. */
  upstream: baseUrl.default(OMSPAN_PRODUCTION_BASE),
  /** OMSPAN_PORT: 0 picks a free port. */
  port: int(0, 65535).default(3000),
  /** OMSPAN_HOST: the address to listen on. */
  host: z.string().min(1).default("localhost"),
  /** OMSPAN_TLS_CERT / OMSPAN_TLS_KEY: PEM files; when absent (and not plain http) the dev certificate. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** OMSPAN_PLAIN_HTTP: serve plain http (tests, or behind a TLS-terminating load balancer). */
  plainHttp: flag.default(false),
  /** OMSPAN_STATIC_DIR: the built add-in. */
  staticDir: z.string().min(1).default("dist"),
  /** OMSPAN_ALLOWED_ORIGINS: extra origins allowed to call `/omspan/` cross-origin (comma list). */
  allowedOrigins: originList.default([]),
  /** OMSPAN_STATIC_CORS: static files answer `Access-Control-Allow-Origin: *` (Excel on the web reads functions.json cross-origin). */
  staticCors: flag.default(true),
  /** OMSPAN_CONNECT_TIMEOUT_MS: TCP + TLS connect to the upstream. */
  connectTimeoutMs: int(1, 600_000).default(10_000),
  /** OMSPAN_TIMEOUT_MS: whole upstream answer, first byte to last; under the core's own timeout (see above). */
  timeoutMs: int(1, 3_600_000).default(DEFAULT_UPSTREAM_TIMEOUT_MS),
  /** OMSPAN_CLIENT_IDLE_TIMEOUT_MS: a client socket with no traffic this long is closed (not while its answer waits for OMSPAN). */
  clientIdleTimeoutMs: int(100, 3_600_000).default(30_000),
  /** OMSPAN_REQUEST_TIMEOUT_MS: longest time to receive a request's head and body (slow senders → 408). */
  requestTimeoutMs: int(100, 600_000).default(10_000),
  /**
   * OMSPAN_KEEP_ALIVE_TIMEOUT_MS: an idle kept-alive connection is closed after this. Longer than the
   * 60 s idle timeout balancers commonly keep (nginx upstream keepalive, cloud balancers), so the side
   * that reuses a connection is the side that closes it: a server closing first races the balancer's
   * (or a busy client's) next request on that connection, which then fails (a 502, a "socket hang up").
   */
  keepAliveTimeoutMs: int(100, 600_000).default(65_000),
  /** OMSPAN_MIN_CLIENT_KBPS: after the grace period, a client taking an OMSPAN answer slower than this (while the proxy has data waiting for it) is cut, freeing its upstream slot; 0 turns it off. */
  minClientKbps: int(0, 1_000_000).default(32),
  /** OMSPAN_SLOW_CLIENT_GRACE_MS: the grace period, and the window the client's rate is measured over. */
  slowClientGraceMs: int(100, 600_000).default(10_000),
  /** OMSPAN_READ_AHEAD_MB: memory for reading answers ahead of slow clients when upstream slots are short (16 MB windows; 0 turns it off). */
  readAheadMb: int(0, 65_536).default(128),
  /** OMSPAN_MAX_CONCURRENT: upstream requests in flight at once (protects OMSPAN). */
  maxConcurrent: int(1, 1024).default(8),
  /** OMSPAN_QUEUE_SIZE: requests allowed to wait for a slot before 503. */
  queueSize: int(0, 100_000).default(200),
  /** OMSPAN_QUEUE_TIMEOUT_MS: longest wait for a slot before 503. */
  queueTimeoutMs: int(1, 600_000).default(30_000),
  /** OMSPAN_RATE_LIMIT: `/omspan/` requests per client per window; 0 turns it off. */
  rateLimit: int(0, 1_000_000).default(600),
  /** OMSPAN_RATE_WINDOW_MS: the rate-limit window. */
  rateWindowMs: int(1000, 3_600_000).default(60_000),
  /** OMSPAN_CACHE_TTL_MS: how long a generation of stored windows answers requests not marked as a refresh; 0 (default) turns the per-process cache off (with Redis, 0 means DEFAULT_SHARED_TTL_MS). */
  cacheTtlMs: int(0, 86_400_000).default(0),
  /** OMSPAN_CACHE_MAX_MB: memory bound of the per-process cache (stored windows, compressed, plus copies being captured, as allocated); a decoded answer larger than an eighth of it streams through uncached. */
  cacheMaxMb: int(1, 65_536).default(256),
  /** OMSPAN_REDIS_URL: `redis://` or `rediss://` (TLS); switches the answer cache to Redis, shared by every process that names it. */
  redisUrl: redisUrl.optional(),
  /** OMSPAN_REDIS_PREFIX: prefix of every Redis key and channel (several deployments may share one Redis). */
  redisPrefix: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "must be 1-64 of A-Z a-z 0-9 : _ . -").default("omspan:"),
  /** OMSPAN_CACHE_SECRET: HMAC key for cache keys (required with Redis; at least 32 characters; never stored). */
  cacheSecret: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  /** OMSPAN_REFRESH_MIN_INTERVAL_MS: a request marked as a refresh starts a new generation at most this often per (key, dataset). */
  refreshMinIntervalMs: int(0, 86_400_000).default(60_000),
  /** OMSPAN_UPSTREAM_MAX_CONCURRENT: OMSPAN requests in flight at once across all processes sharing the Redis (on top of OMSPAN_MAX_CONCURRENT). */
  upstreamMaxConcurrent: int(1, 1024).default(8),
  /** OMSPAN_STALE_MAX_AGE_MS: while OMSPAN fails, windows of the last good generation up to this old answer instead (marked stale); also how long windows are kept. */
  staleMaxAgeMs: int(0, 30 * 86_400_000).default(86_400_000),
  /** OMSPAN_REDIS_TIMEOUT_MS: a Redis command slower than this counts as Redis being unavailable (the process falls back to its own cache). */
  redisTimeoutMs: int(10, 60_000).default(250),
  /** OMSPAN_REDIS_LEASE_MS: a window's download lease; renewed while downloading, so a dead holder is replaced after this. */
  redisLeaseMs: int(200, 600_000).default(5_000),
  /** OMSPAN_MAX_HEADER_BYTES: total request header size; larger gets 431. */
  maxHeaderBytes: int(1024, 65_536).default(16_384),
  /** OMSPAN_MAX_BODY_BYTES: request body size (the proxy takes none). */
  maxBodyBytes: int(0, 1_048_576).default(1024),
  /** OMSPAN_TRUST_PROXY: trust X-Forwarded-For from a load balancer (true, hop count or address list). */
  trustProxy: trustProxy.default(false),
  /** OMSPAN_LOG_LEVEL: pino level. */
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
})
  .refine((c) => (c.tlsCert === undefined) === (c.tlsKey === undefined), {
    message: "set both OMSPAN_TLS_CERT and OMSPAN_TLS_KEY, or neither",
    path: ["tlsCert"],
  })
  .refine((c) => c.redisUrl === undefined || c.cacheSecret !== undefined, {
    message:
      "required with OMSPAN_REDIS_URL: a secret of at least 32 characters that keys the shared cache (wajib bila OMSPAN_REDIS_URL diisi: rahasia minimal 32 karakter untuk kunci cache bersama)",
    path: ["cacheSecret"],
  });
export type ServerConfig = z.output<typeof ServerConfig>;
/** The settings as given (every field optional, strings accepted where numbers are meant). */
export type ServerConfigInput = z.input<typeof ServerConfig>;

/** Each setting's environment variable: the message of a bad setting names it. */
export const ENV_NAMES: Readonly<Record<keyof ServerConfig, string>> = {
  upstream: "OMSPAN_UPSTREAM",
  port: "OMSPAN_PORT",
  host: "OMSPAN_HOST",
  tlsCert: "OMSPAN_TLS_CERT",
  tlsKey: "OMSPAN_TLS_KEY",
  plainHttp: "OMSPAN_PLAIN_HTTP",
  staticDir: "OMSPAN_STATIC_DIR",
  allowedOrigins: "OMSPAN_ALLOWED_ORIGINS",
  staticCors: "OMSPAN_STATIC_CORS",
  connectTimeoutMs: "OMSPAN_CONNECT_TIMEOUT_MS",
  timeoutMs: "OMSPAN_TIMEOUT_MS",
  clientIdleTimeoutMs: "OMSPAN_CLIENT_IDLE_TIMEOUT_MS",
  requestTimeoutMs: "OMSPAN_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "OMSPAN_KEEP_ALIVE_TIMEOUT_MS",
  minClientKbps: "OMSPAN_MIN_CLIENT_KBPS",
  slowClientGraceMs: "OMSPAN_SLOW_CLIENT_GRACE_MS",
  readAheadMb: "OMSPAN_READ_AHEAD_MB",
  maxConcurrent: "OMSPAN_MAX_CONCURRENT",
  queueSize: "OMSPAN_QUEUE_SIZE",
  queueTimeoutMs: "OMSPAN_QUEUE_TIMEOUT_MS",
  rateLimit: "OMSPAN_RATE_LIMIT",
  rateWindowMs: "OMSPAN_RATE_WINDOW_MS",
  cacheTtlMs: "OMSPAN_CACHE_TTL_MS",
  cacheMaxMb: "OMSPAN_CACHE_MAX_MB",
  redisUrl: "OMSPAN_REDIS_URL",
  redisPrefix: "OMSPAN_REDIS_PREFIX",
  cacheSecret: "OMSPAN_CACHE_SECRET",
  refreshMinIntervalMs: "OMSPAN_REFRESH_MIN_INTERVAL_MS",
  upstreamMaxConcurrent: "OMSPAN_UPSTREAM_MAX_CONCURRENT",
  staleMaxAgeMs: "OMSPAN_STALE_MAX_AGE_MS",
  redisTimeoutMs: "OMSPAN_REDIS_TIMEOUT_MS",
  redisLeaseMs: "OMSPAN_REDIS_LEASE_MS",
  maxHeaderBytes: "OMSPAN_MAX_HEADER_BYTES",
  maxBodyBytes: "OMSPAN_MAX_BODY_BYTES",
  trustProxy: "OMSPAN_TRUST_PROXY",
  logLevel: "OMSPAN_LOG_LEVEL",
};

/** Thrown for a bad setting; `variable` is the environment variable to fix. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

/**
 * Validates settings given as an object (tests, embedding). Empty strings count as unset.
 * @throws ConfigError naming the environment variable of the first bad setting.
 */
export function parseServerConfig(input: ServerConfigInput): ServerConfig {
  const cleaned = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ""));
  const result = ServerConfig.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? "upstream") as keyof ServerConfig;
  throw new ConfigError(ENV_NAMES[field] ?? field, issue?.message ?? "invalid");
}

/**
 * Reads the settings from `OMSPAN_*` environment variables.
 * @throws ConfigError naming the variable of the first bad setting.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const input: Record<string, string | undefined> = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) input[field] = env[name];
  return parseServerConfig(input as ServerConfigInput);
}
