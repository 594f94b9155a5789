/**
 * What crosses the proxy in each direction. Requests carry only `Authorization` and `Accept` upstream
 * (no cookies, no client forwarding headers to spoof, no hop-by-hop); answers carry back only the
 * headers a client needs to read the body, never `Set-Cookie` or upstream server details.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Request headers the upstream sees, built from scratch rather than filtered. */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, host: string): Record<string, string> {
  const out: Record<string, string> = { host };
  if (typeof incoming.authorization === "string") out.authorization = incoming.authorization;
  out.accept = typeof incoming.accept === "string" ? incoming.accept : "application/json";
  return out;
}

// Everything else (set-cookie, connection, keep-alive, transfer-encoding, server, x-powered-by, …) stays behind.
const PASSED_BACK = ["content-type", "content-length", "content-encoding", "last-modified", "etag", "retry-after"];

/** Answer headers passed back to the client. */
export function clientAnswerHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_BACK) {
    const v = upstream[name];
    if (typeof v === "string") out[name] = v;
  }
  // A keyed answer holds one ministry's data: no shared cache along the way may keep it.
  out["cache-control"] = "no-store";
  return out;
}

/** Options for reply-from's undici agent. */
export function undiciOptions(c: { maxConcurrent: number; connectTimeoutMs: number; timeoutMs: number }) {
  return {
    connections: c.maxConcurrent,
    pipelining: 1,
    headersTimeout: c.timeoutMs,
    bodyTimeout: c.timeoutMs,
    // reply-from sets `tls.rejectUnauthorized = false` unless told otherwise; undici spreads `connect`
    // after `tls`, so this turns verification back on (a test proves it). Extra CAs come only from
    // NODE_EXTRA_CA_CERTS, which Node's TLS (and so undici) reads at start.
    connect: { rejectUnauthorized: true, timeout: c.connectTimeoutMs },
  };
}
