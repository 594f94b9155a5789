/**
 * `GET /omspan/<route>`: forwards one of the seven known OMSPAN routes to the one configured upstream,
 * streaming the answer back (decoded, then compressed by @fastify/compress as the client accepts). By
 * the time the handler runs the request guard has already refused odd paths, queries and methods; here
 * come the origin check, the optional cache, the concurrency cap and the total timeout.
 *
 * One rule for the upstream request's life: it ends when its client does. The client hanging up, the
 * total timeout and a client cut for reading too slowly all abort it (upstream-dispatcher.ts), and its
 * slot is released at once, so no OMSPAN request keeps running for nobody.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AnswerCache, type CachedAnswer } from "./answer-cache";
import { collectAnswer } from "./answer-collect";
import { decodedBody } from "./answer-decode";
import { watchClientRate } from "./client-watch";
import type { ServerConfig } from "./config";
import { replyWithError } from "./error-reply";
import { ServerError, toErrorAnswer } from "./errors";
import { clientAnswerHeaders, upstreamRequestHeaders } from "./forward";
import type { UpstreamLimiter } from "./limiter";
import { checkTarget } from "./path-guard";
import type { ReadAhead } from "./read-ahead";
import { noteRequest } from "./request-log";
import { SIGNAL_HEADER, type AbortableDispatcher } from "./upstream-dispatcher";

interface UpstreamAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  stream: Readable;
}

/** What the proxy route needs besides the settings. */
export interface ProxyDeps {
  limiter: UpstreamLimiter;
  dispatcher: AbortableDispatcher;
  readAhead: ReadAhead;
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

function sendCached(reply: FastifyReply, answer: CachedAnswer, cache: "HIT" | "MISS"): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).header("x-cache", cache).send(answer.body);
}

type Settle = (answer: CachedAnswer | undefined) => void;

/** What one forwarded request holds: its abort, its slot, its cache fill (if any). */
interface Forward {
  request: FastifyRequest;
  gone: AbortController;
  release: () => void;
  settle?: Settle;
}

/** Registers the forwarding route. */
export function registerProxyRoute(app: FastifyInstance, config: ServerConfig, deps: ProxyDeps): void {
  const upstreamHost = new URL(config.upstream).host;

  /** Streams a (decoded) answer to the client: read ahead if slots are short, watched for slow reading. */
  const stream = (f: Forward, reply: FastifyReply, decoded: Readable) => {
    const body = deps.readAhead.wrap(decoded, deps.limiter.short);
    body.once("error", (err) => {
      if (!f.gone.signal.aborted) noteRequest(f.request, { error: toErrorAnswer(err).body.error });
    });
    watchClientRate(reply, config.minClientKbps, config.slowClientGraceMs);
    reply.send(body);
  };

  const onAnswer = (f: Forward, reply: FastifyReply, res: UpstreamAnswer) => {
    const upstream = res.stream;
    if (reply.sent || f.gone.signal.aborted) return void upstream.destroy();
    // The slot is OMSPAN's work: free it when the upstream answer is over, even if the client is not.
    upstream.once("close", f.release);
    let body: Readable;
    try {
      body = decodedBody(upstream, res.headers["content-encoding"]);
    } catch (err) {
      upstream.destroy();
      f.settle?.(undefined);
      return void replyWithError(f.request, reply, err);
    }
    const cache = deps.cache;
    const status = res.statusCode;
    // An identity answer that says it is larger than a cache entry may be streams straight through.
    const declared = res.headers["content-encoding"] ? Number.NaN : Number(res.headers["content-length"]);
    if (!f.settle || !cache || status !== 200 || declared > cache.maxEntryBytes) {
      f.settle?.(undefined);
      if (cache) reply.header("x-cache", "MISS");
      return stream(f, reply, body);
    }
    const settle = f.settle;
    const headers = clientAnswerHeaders(res.headers);
    collectAnswer(body, cache.maxEntryBytes, cache).then(
      (got) => {
        if (f.gone.signal.aborted) return settle(undefined);
        if ("body" in got) {
          const answer = { status, headers, body: got.body };
          settle(answer);
          return void sendCached(reply, answer, "MISS");
        }
        settle(undefined); // too big to keep: the waiters pull on their own
        reply.header("x-cache", "MISS");
        stream(f, reply, got.stream);
      },
      (err: unknown) => {
        settle(undefined);
        if (!f.gone.signal.aborted) replyWithError(f.request, reply, err);
      },
    );
  };

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
          return sendCached(reply, hit, "HIT");
        }
        noteRequest(request, { cache: "MISS" });
      }

      // Claim the fill before queueing for a slot, so requests arriving meanwhile wait for this pull.
      // Whatever happens next ends in the response closing, which settles a fill not settled yet.
      const settle = deps.cache && cacheKey ? deps.cache.beginFill(cacheKey) : undefined;
      // The response's "close" (not the request's, which fires once the request is read) tells that the
      // client went away, or was cut: the wait for a slot or the upstream request ends with it.
      const gone = new AbortController();
      const atClose: (() => void)[] = [() => settle?.(undefined), () => gone.abort()];
      reply.raw.once("close", () => atClose.forEach((f) => f()));
      let release: () => void;
      try {
        release = await deps.limiter.acquire(gone.signal);
      } catch (err) {
        if (gone.signal.aborted) return reply;
        throw err;
      }
      if (gone.signal.aborted || reply.raw.destroyed) {
        release();
        return reply;
      }
      atClose.push(release);
      const f: Forward = { request, gone, release, settle };

      // Total timeout: before the answer starts it is a clean 504; after, the stream is cut (the status
      // is already on the wire, and a truncated body is what a client must treat as failure anyway).
      const timer = setTimeout(() => {
        noteRequest(request, { error: "upstream_timeout" });
        if (!reply.sent) replyWithError(request, reply, new ServerError("upstream_timeout"));
        gone.abort(); // ends the upstream request; an answer already streaming breaks off with it
      }, config.timeoutMs);
      atClose.push(() => clearTimeout(timer));

      const abortId = deps.dispatcher.register(gone.signal);
      atClose.push(() => deps.dispatcher.forget(abortId));
      return reply.from(config.upstream + target.route, {
        queryString: () => "",
        retryDelay: () => null, // never retry on the client's behalf: the core decides retries
        rewriteRequestHeaders: (req) => ({ ...upstreamRequestHeaders(req.headers, upstreamHost), [SIGNAL_HEADER]: abortId }),
        rewriteHeaders: (headers) => clientAnswerHeaders(headers),
        onError: (_rep, { error }) => {
          clearTimeout(timer);
          settle?.(undefined);
          release();
          // An abort is ours (the client left, or the timeout answered already): nothing more to say.
          if (!gone.signal.aborted) replyWithError(request, reply, error);
        },
        // reply-from's types give the raw server response; at run time it is undici's answer.
        onResponse: (_req, rep, raw) => onAnswer(f, rep as FastifyReply, raw as unknown as UpstreamAnswer),
      });
    },
  });
}
