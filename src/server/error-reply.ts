/**
 * Sends the answer `toErrorAnswer` chose for an error, from any of the server's edges: fastify's error
 * and not-found handlers, the request guard, reply-from's onError, and raw socket client errors.
 */
import type { Socket } from "node:net";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorAnswer, toErrorAnswer, type ErrorAnswer } from "./errors";
import { noteRequest } from "./request-log";

/** Answers `request` with the error's JSON (unless an answer already started) and notes its code for the log. */
export function replyWithError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const answer: ErrorAnswer = toErrorAnswer(err);
  noteRequest(request, { error: answer.body.error });
  if (reply.sent) return reply;
  return reply
    .code(answer.status)
    .headers({ ...answer.headers, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .send(answer.body);
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused (header too large, CR/LF or other
 * bytes not allowed in a header, malformed request line, a head or body slower than requestTimeout)
 * never reaches a route; answer in our shape and close. Such a request still gets its one log line.
 */
export function clientErrorHandler(this: FastifyInstance | undefined, err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset socket: a request in progress has its line from the response's close already.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const answer =
    err.code === "HPE_HEADER_OVERFLOW"
      ? errorAnswer("header_too_large")
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? { ...errorAnswer("bad_request"), status: 408 }
        : errorAnswer("bad_request");
  const body = JSON.stringify(answer.body);
  this?.log.info({ status: answer.status, ended: "refused", error: answer.body.error }, "request");
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${answer.status === 431 ? "Request Header Fields Too Large" : answer.status === 408 ? "Request Timeout" : "Bad Request"}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
