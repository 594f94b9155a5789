/**
 * The OMSPAN for Excel server: the add-in's own files plus a small, CORS-safe proxy to one OMSPAN
 * upstream, on one origin. Assembly order matters: the request log and the guard come first so every
 * request is logged and odd ones are refused before CORS, rate limiting, static files or the proxy.
 *
 * Map: config.ts (settings) · request-guard.ts + path-guard.ts (what may pass) · proxy-route.ts +
 * forward.ts + upstream-dispatcher.ts (forwarding, cancellable) · answer-decode.ts (encodings) ·
 * client-watch.ts (idle and slow clients) · read-ahead.ts (slots for slow clients) · limiter.ts
 * (concurrency cap) · answer-cache.ts + answer-collect.ts + windows/ (the shared cache: per process or on
 * Redis; map in windows/index.ts) · cors.ts · static-files.ts · errors.ts + error-reply.ts (every error answer) · request-log.ts ·
 * dev-certs.ts (localhost HTTPS) · main.ts (the process) · node-flags.ts (Node/V8 memory settings).
 */
import { readFileSync } from "node:fs";
import fastifyCompress from "@fastify/compress";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyReplyFrom from "@fastify/reply-from";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { ServerConfig } from "./config";
import { registerCors } from "./cors";
import { devHttpsOptions } from "./dev-certs";
import { installIdlePolicy } from "./client-watch";
import { clientErrorHandler, replyWithError } from "./error-reply";
import { ServerError } from "./errors";
import { undiciOptions } from "./forward";
import { UpstreamLimiter } from "./limiter";
import { registerProxyRoute } from "./proxy-route";
import { installRequestGuard } from "./request-guard";
import { installRequestLog, REDACT_PATHS } from "./request-log";
import { ReadAhead } from "./read-ahead";
import { registerStaticFiles } from "./static-files";
import { AbortableDispatcher } from "./upstream-dispatcher";
import { buildSharedCache } from "./windows";

export { loadServerConfig, parseServerConfig, ServerConfig, ConfigError, ENV_NAMES } from "./config";
export { devHttpsOptions } from "./dev-certs";
export { SERVER_NODE_FLAGS } from "./node-flags";
export type { ErrorBody, ErrorCode } from "./errors";

/** Options for building the server. */
export interface BuildOptions {
  /** Where log lines go (one JSON line per write); default stdout. Tests pass a capturing stream. */
  logger?: { write(line: string): void };
  /** TLS material; when absent the server speaks plain http. `startServer` fills it in from the config. */
  https?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer };
}

/** Builds (does not start) the server. */
export async function buildServer(config: ServerConfig, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const loggerOptions = { level: config.logLevel, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  // Node checks requestTimeout on this interval (default 30 s, which would let a slow sender overstay it).
  const serverOptions = { maxHeaderSize: config.maxHeaderBytes, connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs) };
  const app = Fastify({
    logger: opts.logger ? { ...loggerOptions, stream: opts.logger } : loggerOptions,
    // Fastify's two lines per request are replaced by request-log.ts's one.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: Math.max(config.maxBodyBytes, 1),
    trustProxy: config.trustProxy,
    // Fastify leaves these at 0 (never): a client that stops reading would hold its socket for ever.
    connectionTimeout: config.clientIdleTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    clientErrorHandler,
    ...(opts.https ? { https: { ...opts.https, ...serverOptions } } : { http: serverOptions }),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  installRequestLog(app);
  installIdlePolicy(app, config.clientIdleTimeoutMs);
  installRequestGuard(app);
  app.setErrorHandler((err, request, reply) => replyWithError(request, reply, err));
  app.setNotFoundHandler((request, reply) => replyWithError(request, reply, new ServerError("not_found")));

  await registerCors(app, config.allowedOrigins);
  await app.register(fastifyHelmet, {
    // The pane is framed by Office hosts (Excel on the web is another origin) and loads office.js from
    // Microsoft's CDN: frame, CSP, COEP/COOP and CORP defaults would break the add-in itself.
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
    // HSTS only with real certificate files: pinning https on localhost or on a plain-http backend
    // behind a load balancer (which should send its own) would only get in the way.
    hsts: config.tlsCert ? undefined : false,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, ctx) => new ServerError("rate_limited", Math.ceil(ctx.ttl / 1000)),
  });
  await app.register(fastifyCompress, { global: true, encodings: ["br", "gzip"] });
  const dispatcher = new AbortableDispatcher(undiciOptions(config));
  app.addHook("onClose", () => dispatcher.destroy());
  // reply-from takes any object with undici's `request`: ours adds the per-request abort signal.
  await app.register(fastifyReplyFrom, { undici: dispatcher as never, disableRequestLogging: true });

  const limiter = new UpstreamLimiter(config.maxConcurrent, config.queueSize, config.queueTimeoutMs);
  const shared = buildSharedCache(config, limiter, dispatcher, app.log);
  if (shared) app.addHook("onClose", () => shared.close());
  const upstreamOrigin = new URL(config.upstream).origin;
  const cacheState = () =>
    shared && { redis: shared.link?.state ?? "off", breaker: shared.breaker.state, ...shared.metrics.snapshot(), heldBytes: shared.cache.heldBytes };
  app.get("/health", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    return { status: "ok", upstream: upstreamOrigin, cache: shared !== undefined, ...limiter.stats(), readAhead: readAhead.active, shared: cacheState() };
  });
  // Counters only (no keys, no tags): for a scraper, or the scale bench's side-by-side figures.
  app.get("/metrics", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    const cpu = process.cpuUsage();
    return { ...limiter.stats(), cache: cacheState() ?? null, process: { cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, rss: process.memoryUsage().rss } };
  });
  const readAhead = new ReadAhead(config.readAheadMb * 1024 * 1024);
  const windows = shared && { service: shared.service, tagger: shared.tagger, fetch: shared.fetch };
  registerProxyRoute(app, config, { limiter, dispatcher, readAhead, windows });
  await registerStaticFiles(app, config);
  return app;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `https://localhost:3000`. */
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Builds and starts the server: plain http if `config.plainHttp`, else https with the configured
 * certificate files, else the development certificate. Port 0 picks a free port.
 */
export async function startServer(config: ServerConfig, opts: BuildOptions = {}): Promise<RunningServer> {
  let https = opts.https;
  if (!https && !config.plainHttp) {
    https =
      config.tlsCert && config.tlsKey
        ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) }
        : await devHttpsOptions();
  }
  const app = await buildServer(config, { ...opts, https });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `${https ? "https" : "http"}://${host}:${port}`;
  return { url, app, close: () => app.close() };
}
