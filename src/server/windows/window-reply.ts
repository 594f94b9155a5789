/**
 * Sending a stored window, with the header contract the add-in reads:
 *  - `OMSPAN-As-Of`: when the window was fetched from OMSPAN (ISO-8601 UTC), and `Age` (seconds since);
 *  - `Cache-Status` (RFC 9211, cache name `omspan-proxy`): `omspan-proxy; hit` (also for a request
 *    that waited for another's download), `omspan-proxy; fwd=miss; stored` (this request downloaded
 *    and stored it), `omspan-proxy; hit; detail=stale-if-error` (OMSPAN failed; the last good
 *    generation answered). An answer passed on unstored says `omspan-proxy; fwd=miss`.
 *  - the stored gzip bytes as they are (`Content-Encoding: gzip`) to a client that accepts gzip, else
 *    decoded for this one request; `Vary: Accept-Encoding` either way.
 * `X-Cache` (HIT, MISS, STALE) stays for older readers. `OMSPAN-Generation` names the pull the window
 * belongs to (an opaque id): windows with the same one come from one upstream pull.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { FastifyReply } from "fastify";
import type { WindowStatus } from "./window-service";
import type { StoredWindow } from "./stored-window";

export const CACHE_NAME = "omspan-proxy";

const CACHE_STATUS: Record<WindowStatus, string> = {
  hit: `${CACHE_NAME}; hit`,
  stored: `${CACHE_NAME}; fwd=miss; stored`,
  stale: `${CACHE_NAME}; hit; detail=stale-if-error`,
};
const X_CACHE: Record<WindowStatus, string> = { hit: "HIT", stored: "MISS", stale: "STALE" };

/** Cache-Status of an answer passed on without storing it. */
export const CACHE_STATUS_PASSED = `${CACHE_NAME}; fwd=miss`;

/** Adds a field to Vary without repeating it. */
export function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  if (!list.some((f) => f.toLowerCase() === field.toLowerCase() || f === "*")) list.push(field);
  reply.header("vary", list.join(", "));
}

/** Sends a stored window (see the file comment). */
export function sendWindow(reply: FastifyReply, w: StoredWindow, status: WindowStatus, gzipOk: boolean, gen: string): FastifyReply {
  reply
    .code(w.status)
    .header("content-type", w.contentType)
    // A keyed answer holds one ministry's data: no shared cache along the way may keep it.
    .header("cache-control", "no-store")
    .header("omspan-as-of", new Date(w.fetchedAt).toISOString())
    .header("age", String(Math.max(0, Math.floor((Date.now() - w.fetchedAt) / 1000))))
    .header("cache-status", CACHE_STATUS[status])
    .header("x-cache", X_CACHE[status])
    .header("omspan-generation", gen);
  addVary(reply, "Accept-Encoding");
  if (gzipOk) return reply.header("content-encoding", "gzip").header("content-length", String(w.gz.length)).send(w.gz);
  const decoded = Readable.from([w.gz]).pipe(createGunzip());
  return reply.send(decoded);
}
