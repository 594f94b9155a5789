/**
 * One structured log line per request — method, route, status, duration, bytes, cache, error code, how it
 * ended and a short hash of the key — written when the response closes, however it ended: finished,
 * the client hung up, or the proxy cut it (idle, too slow, timed out). A request Node's parser refused
 * before routing gets its line from error-reply.ts. Never the key, never a body, never other headers:
 * fastify's own request logging is off, and `authorization` is redacted in case anything else tries to
 * log a request.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { sha256 } from "./answer-cache";

/** Paths pino redacts wherever a request or headers object gets logged by accident. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "headers.authorization",
  "request.headers.authorization",
  "*.headers.authorization",
  "authorization",
];

interface Note {
  started: bigint;
  bytesBefore: number;
  route?: string;
  error?: string;
  cache?: "HIT" | "MISS" | "STALE";
}

const notes = new WeakMap<FastifyRequest, Note>();

/** First 8 hex of sha256 of the key (without its `Bearer ` prefix): tells keys apart, reveals nothing. */
export function shortKeyHash(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return sha256(authorization.replace(/^Bearer\s+/i, "")).slice(0, 8);
}

/** Adds what a handler learned (the OMSPAN route, an error code, a cache outcome) to the request's line. */
export function noteRequest(request: FastifyRequest, extra: Partial<Pick<Note, "route" | "error" | "cache">>): void {
  const n = notes.get(request);
  if (n) Object.assign(n, extra);
}

/** Installs the hook that writes the line. Register before anything that may answer early. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    const n: Note = { started: process.hrtime.bigint(), bytesBefore: request.raw.socket?.bytesWritten ?? 0 };
    notes.set(request, n);
    const res = reply.raw;
    res.once("close", () => {
      const ms = Number(process.hrtime.bigint() - n.started) / 1e6;
      const socketBytes = res.socket?.bytesWritten ?? request.raw.socket?.bytesWritten;
      const finished = res.writableFinished;
      // The root logger, not request.log: the proxy route silences reply-from's own lines by level.
      app.log.info(
        {
          reqId: request.id,
          method: request.method,
          route: n.route ?? request.url.slice(0, 200).split("?")[0],
          // Before the answer started nothing was sent: no status to report.
          status: res.headersSent ? reply.statusCode : undefined,
          ms: Math.round(ms * 10) / 10,
          bytes: socketBytes === undefined ? undefined : socketBytes - n.bytesBefore,
          key: shortKeyHash(request.headers.authorization),
          cache: n.cache,
          ended: finished ? "completed" : "cut",
          error: n.error ?? (finished ? undefined : "client_gone"),
        },
        "request",
      );
    });
  });
}
