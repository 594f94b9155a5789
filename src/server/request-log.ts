/**
 * One structured log line per request — method, route, status, duration, bytes, cache, error code and a
 * short hash of the key — written when the answer is finished. Never the key, never a body, never other
 * headers: fastify's own request logging is off, and `authorization` is redacted in case anything else
 * tries to log a request.
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
  cache?: "HIT" | "MISS";
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

/** Installs the hooks that write the line. Register before anything that may answer early. */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    notes.set(request, { started: process.hrtime.bigint(), bytesBefore: request.raw.socket?.bytesWritten ?? 0 });
  });
  app.addHook("onResponse", async (request, reply) => {
    const n = notes.get(request);
    if (!n) return;
    const ms = Number(process.hrtime.bigint() - n.started) / 1e6;
    const socketBytes = request.raw.socket?.bytesWritten;
    // The root logger, not request.log: the proxy route silences reply-from's own lines by level.
    app.log.info(
      {
        reqId: request.id,
        method: request.method,
        route: n.route ?? request.url.slice(0, 200).split("?")[0],
        status: reply.statusCode,
        ms: Math.round(ms * 10) / 10,
        bytes: socketBytes === undefined ? undefined : socketBytes - n.bytesBefore,
        key: shortKeyHash(request.headers.authorization),
        cache: n.cache,
        error: n.error,
      },
      "request",
    );
  });
}
