/**
 * Clients that read nothing, or next to nothing, must not hold the proxy's descriptors or its upstream
 * slots. Two policies on top of fastify's own timeouts (requestTimeout for slow senders, keepAliveTimeout
 * for idle kept-alive connections):
 *  - Idle: fastify's `connectionTimeout` closes a socket with no traffic for OMSPAN_CLIENT_IDLE_TIMEOUT_MS
 *    — static files and cache hits included — except while its answer has not started: then the client
 *    is waiting for OMSPAN (or for a slot), which the proxy's own timeouts bound.
 *  - Slow reader: an OMSPAN answer holds an upstream slot while it streams. After a grace period, a client
 *    that took less than OMSPAN_MIN_CLIENT_KBPS over the last grace period while the proxy had data
 *    waiting for it (so the client, not OMSPAN, is the slow side) is cut, and its slot goes to the next.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { noteRequest } from "./request-log";

/** Installs the idle policy (fastify's connectionTimeout must be set to `idleMs`). */
export function installIdlePolicy(app: FastifyInstance, idleMs: number): void {
  app.addHook("onRequest", async (request, reply) => {
    const res = reply.raw;
    // A listener here means Node leaves the decision to us instead of destroying the socket.
    res.on("timeout", () => {
      const socket = res.socket;
      if (!socket) return;
      if (!res.headersSent) {
        socket.setTimeout(idleMs); // still waiting on the proxy's side: look again later
        return;
      }
      noteRequest(request, { error: "client_idle" });
      socket.destroy();
    });
  });
}

/**
 * Watches the client of a streaming OMSPAN answer and cuts it when it reads too slowly (see the file
 * comment). Stops by itself when the answer closes.
 */
export function watchClientRate(reply: FastifyReply, minKbps: number, graceMs: number): void {
  const res = reply.raw;
  const socket = res.socket;
  if (minKbps <= 0 || !socket) return;
  const samples = [{ at: Date.now(), bytes: socket.bytesWritten }];
  const timer = setInterval(
    () => {
      const now = Date.now();
      const bytes = socket.bytesWritten;
      samples.push({ at: now, bytes });
      // Keep the newest sample at least a grace period old as the start of the window.
      while (samples.length > 2 && now - samples[1]!.at >= graceMs) samples.shift();
      const start = samples[0]!;
      const span = now - start.at;
      if (span < graceMs) return;
      const backlog = res.writableLength > 0 || res.writableNeedDrain;
      if (backlog && bytes - start.bytes < (minKbps * 1024 * span) / 1000) {
        noteRequest(reply.request, { error: "client_too_slow" });
        socket.destroy();
      }
    },
    Math.max(25, Math.min(1000, Math.round(graceMs / 4))),
  );
  timer.unref();
  res.once("close", () => clearInterval(timer));
}
