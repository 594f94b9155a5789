/**
 * `GET /omspan/<route>`: forwards one of the seven known OMSPAN routes to the one configured upstream,
 * streaming the answer back (decoded, then compressed by @fastify/compress as the client accepts). By
 * the time the handler runs the request guard has already refused odd paths, queries and methods; here
 * come the origin check, the shared cache when it is on (windows/window-service.ts: stored windows,
 * generations, one download per window, stale on error), the concurrency cap and the total timeout.
 *
 * One rule for the upstream request's life: it ends when its client does. The client hanging up, the
 * total timeout and a client cut for reading too slowly all abort it (upstream-dispatcher.ts), and its
 * slot is released at once, so no OMSPAN request keeps running for nobody.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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
import type { FetchDeps } from "./windows/upstream-fetch";
import { windowFetcher } from "./windows/upstream-fetch";
import { CACHE_STATUS_PASSED, sendWindow } from "./windows/window-reply";
import type { Served, WindowService } from "./windows/window-service";
import { acceptsGzip, isRefresh, namedGeneration, type Tagger } from "./windows/window-key";

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
  /** The shared cache, when it is on. */
  windows?: { service: WindowService; tagger: Tagger; fetch: FetchDeps };
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

/** What one forwarded request holds: its abort and its slot. */
interface Forward {
  request: FastifyRequest;
  gone: AbortController;
  release: () => void;
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
      return void replyWithError(f.request, reply, err);
    }
    if (deps.windows) reply.header("cache-status", CACHE_STATUS_PASSED).header("x-cache", "MISS");
    stream(f, reply, body);
  };

  /** Sends what the shared cache decided; "forward" goes on to forward the request itself. */
  const sendServed = (request: FastifyRequest, reply: FastifyReply, served: Served): FastifyReply | "forward" => {
    if (served.kind === "forward") return "forward";
    if (reply.raw.destroyed) {
      if (served.kind === "stream") served.result.stream.destroy();
      return reply;
    }
    if (served.kind === "window") {
      noteRequest(request, { cache: served.status === "stored" ? "MISS" : served.status === "stale" ? "STALE" : "HIT" });
      return sendWindow(reply, served.window, served.status, acceptsGzip(request.headers["accept-encoding"]), served.gen);
    }
    noteRequest(request, { cache: "MISS" });
    reply.header("cache-status", CACHE_STATUS_PASSED).header("x-cache", "MISS");
    if (served.kind === "error") return replyWithError(request, reply, new ServerError(served.error.body.error, retryAfterOf(served.error.headers)));
    if (served.kind === "answer") return reply.code(served.answer.status).headers(served.answer.headers).send(served.answer.body);
    const { result } = served;
    reply.raw.once("close", () => result.stream.destroy());
    reply.code(result.status).headers(result.headers);
    watchClientRate(reply, config.minClientKbps, config.slowClientGraceMs);
    return reply.send(result.stream);
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

      // The response's "close" (not the request's, which fires once the request is read) tells that the
      // client went away, or was cut: the wait for a slot or the upstream request ends with it.
      const gone = new AbortController();
      const atClose: (() => void)[] = [() => gone.abort()];
      reply.raw.once("close", () => atClose.forEach((f) => f()));

      const auth = request.headers.authorization;
      const w = deps.windows;
      if (w && typeof auth === "string" && auth !== "") {
        const accept = typeof request.headers.accept === "string" ? request.headers.accept : undefined;
        const served = await w.service.serve(
          {
            tag: w.tagger.key(auth), dataset: target.dataset, client: w.tagger.client(request.ip), route: target.route,
            from: target.dataset === "realisasi" ? (target.params.from ?? 0) : 0, marked: isRefresh(request.headers),
            gen: namedGeneration(request.headers),
          },
          windowFetcher(w.fetch, target.route, auth, accept),
          gone.signal,
        );
        const sent = sendServed(request, reply, served);
        if (sent !== "forward") return sent;
      }
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
      const f: Forward = { request, gone, release };

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

/** Retry-After (seconds) of an error answer, if it had one. */
function retryAfterOf(headers: Record<string, string>): number | undefined {
  const v = headers["retry-after"];
  return v === undefined ? undefined : Number(v);
}
