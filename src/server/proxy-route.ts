/**
 * `GET /omspan/<route>`: forwards one of the seven known OMSPAN routes to the one configured upstream,
 * streaming the answer back (compressed by @fastify/compress on the way out). By the time the handler
 * runs the request guard has already refused odd paths, queries and methods; here come the origin
 * check, the optional cache, the concurrency cap and the total timeout.
 */
import type { IncomingHttpHeaders } from "node:http";
import { pipeline, type Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AnswerCache, captureStream, type CachedAnswer } from "./answer-cache";
import type { ServerConfig } from "./config";
import { replyWithError } from "./error-reply";
import { ServerError } from "./errors";
import { clientAnswerHeaders, upstreamRequestHeaders } from "./forward";
import type { UpstreamLimiter } from "./limiter";
import { checkTarget } from "./path-guard";
import { noteRequest } from "./request-log";

interface UpstreamAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  stream: Readable;
}

/** What the proxy route needs besides the settings. */
export interface ProxyDeps {
  limiter: UpstreamLimiter;
  cache?: AnswerCache;
}

/**
 * Refuses a cross-origin caller that is not on the allowlist. Same-origin browser requests carry no
 * `Origin` or our own; non-browser clients are not what CORS protects against.
 */
function checkOrigin(request: FastifyRequest, allowed: readonly string[]): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (allowed.includes(origin) || origin === `${request.protocol}://${request.host}`) return;
  throw new ServerError("origin_not_allowed");
}

function sendCached(reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).header("x-cache", "HIT").send(answer.body);
}

/** Registers the forwarding route. */
export function registerProxyRoute(app: FastifyInstance, config: ServerConfig, deps: ProxyDeps): void {
  const upstreamHost = new URL(config.upstream).host;
  app.route({
    method: "GET",
    url: "/omspan/*",
    exposeHeadRoute: false,
    // reply-from logs each failure at warn; the request line already carries the error code.
    logLevel: "error",
    config: config.rateLimit > 0 ? { rateLimit: { max: config.rateLimit, timeWindow: config.rateWindowMs } } : {},
    handler: async (request, reply) => {
      const target = checkTarget(request.raw.url ?? "");
      if (target.kind !== "proxy") throw new ServerError("not_found");
      noteRequest(request, { route: target.route });
      checkOrigin(request, config.allowedOrigins);

      const auth = request.headers.authorization;
      const cacheKey = deps.cache && auth ? AnswerCache.keyFor(auth, target.route) : undefined;
      if (deps.cache && cacheKey) {
        const hit = deps.cache.get(cacheKey) ?? (await deps.cache.pending(cacheKey));
        if (hit) {
          noteRequest(request, { cache: "HIT" });
          return sendCached(reply, hit);
        }
        noteRequest(request, { cache: "MISS" });
      }

      // Claim the fill before queueing for a slot, so requests arriving meanwhile wait for this pull.
      // Whatever happens next ends in the response closing, which settles a fill not settled yet.
      const settle = deps.cache && cacheKey ? deps.cache.beginFill(cacheKey) : undefined;
      reply.raw.once("close", () => settle?.(undefined));

      // The response's "close" (not the request's, which fires once the request is read) tells that a
      // waiting client went away: it then leaves the queue.
      const gone = new AbortController();
      const onClose = () => gone.abort();
      reply.raw.once("close", onClose);
      const release = await deps.limiter.acquire(gone.signal);
      reply.raw.off("close", onClose);
      if (gone.signal.aborted || reply.raw.destroyed) {
        release();
        return reply;
      }
      reply.raw.once("close", release);

      // Total timeout: before the answer starts it is a clean 504; after, the stream is cut (the status
      // is already on the wire, and a truncated body is what a client must treat as failure anyway).
      let body: Readable | undefined;
      const timer = setTimeout(() => {
        if (!reply.sent) replyWithError(request, reply, new ServerError("upstream_timeout"));
        else body?.destroy(new ServerError("upstream_timeout"));
      }, config.timeoutMs);
      reply.raw.once("close", () => clearTimeout(timer));

      return reply.from(config.upstream + target.route, {
        queryString: () => "",
        retryDelay: () => null, // never retry on the client's behalf: the core decides retries
        rewriteRequestHeaders: (req) => upstreamRequestHeaders(req.headers, upstreamHost),
        rewriteHeaders: (headers) => clientAnswerHeaders(headers),
        onError: (_rep, { error }) => {
          clearTimeout(timer);
          settle?.(undefined);
          replyWithError(request, reply, error);
        },
        onResponse: (_req, rep, raw) => {
          // reply-from's types give the raw server response; at run time it is undici's answer.
          const res = raw as unknown as UpstreamAnswer;
          const stream = res.stream;
          if (rep.sent) {
            stream.destroy(); // the total timeout answered already
            return;
          }
          if (deps.cache) rep.header("x-cache", "MISS");
          const status = res.statusCode;
          // An answer that says it is larger than a cache entry may be is streamed straight through:
          // nothing of it is copied (without a length, the capture gives up at the entry limit).
          const declared = Number(res.headers["content-length"]);
          const cache = deps.cache;
          if (settle && cache && status === 200 && !(declared > cache.maxEntryBytes)) {
            const headers = clientAnswerHeaders(res.headers);
            const capture = captureStream(
              cache.maxEntryBytes,
              (buf) => settle(buf ? { status, headers, body: buf } : undefined),
              cache,
            );
            // pipeline: a client abort or the timeout destroying `capture` also ends the upstream request.
            body = pipeline(stream, capture, () => undefined);
          } else {
            settle?.(undefined);
            body = stream;
          }
          rep.send(body);
        },
      });
    },
  });
}
