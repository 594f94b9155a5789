/**
 * What crosses the proxy in each direction. Requests carry only `Authorization`, `Accept` and our own
 * `Accept-Encoding` upstream (no cookies, no client forwarding headers to spoof, no hop-by-hop); answers
 * carry back only the headers a client needs to read the body, never `Set-Cookie` or upstream server
 * details, and never the upstream's encoding: the proxy decodes it (answer-decode.ts).
 */
import type { IncomingHttpHeaders } from "node:http";

/** Request headers the upstream sees, built from scratch rather than filtered. */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, host: string): Record<string, string> {
  const out: Record<string, string> = { host };
  if (typeof incoming.authorization === "string") out.authorization = incoming.authorization;
  out.accept = typeof incoming.accept === "string" ? incoming.accept : "application/json";
  // Not the client's: the proxy decodes what OMSPAN sends, and gzip is what saves most on the WAN.
  out["accept-encoding"] = "gzip";
  return out;
}

// Everything else (set-cookie, connection, keep-alive, transfer-encoding, server, x-powered-by, …) stays behind.
const PASSED_BACK = ["content-type", "content-length", "last-modified", "etag", "retry-after"];

/** Answer headers passed back to the client. */
export function clientAnswerHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_BACK) {
    const v = upstream[name];
    if (typeof v === "string") out[name] = v;
  }
  // The length of an encoded body is not the length of the decoded one the client gets.
  if (upstream["content-encoding"] !== undefined) delete out["content-length"];
  // A keyed answer holds one ministry's data: no shared cache along the way may keep it.
  out["cache-control"] = "no-store";
  return out;
}

/** Options for the undici agent the proxy forwards through (upstream-dispatcher.ts). */
export function undiciOptions(c: { maxConcurrent: number; connectTimeoutMs: number; timeoutMs: number }) {
  return {
    connections: c.maxConcurrent,
    pipelining: 1,
    headersTimeout: c.timeoutMs,
    bodyTimeout: c.timeoutMs,
    // Verification stays on, said explicitly (reply-from's own agent would turn it off; ours is given to
    // it ready-made, and a test proves it). Extra CAs come only from NODE_EXTRA_CA_CERTS, which Node's
    // TLS (and so undici) reads at start.
    connect: { rejectUnauthorized: true, timeout: c.connectTimeoutMs },
  };
}
