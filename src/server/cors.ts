/**
 * CORS for deployments where the add-in is served from another origin than the proxy. The normal
 * deployment needs none (same origin). Only origins on the configured allowlist get CORS headers, with
 * `Vary: Origin` so no cache mixes answers for different origins; preflight is answered for GET with
 * `Authorization`, `Cache-Control` and `OMSPAN-Generation`. Any other origin gets no CORS header at
 * all (and the proxy route refuses it, 403).
 */
import fastifyCors from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/** Registers @fastify/cors with the allowlist. */
export async function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  const allowed = new Set(allowedOrigins);
  await app.register(fastifyCors, {
    // A function (not a list) makes the plugin add `Vary: Origin` on every answer.
    origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    methods: ["GET"],
    // Cache-Control marks a refresh, OMSPAN-Generation ties a pull's later windows to its first answer.
    allowedHeaders: ["Authorization", "Accept", "Cache-Control", "OMSPAN-Generation"],
    // The shared cache's header contract (windows/window-reply.ts, src/omspan/wire/served-by.ts), readable cross-origin too.
    exposedHeaders: ["Retry-After", "X-Cache", "OMSPAN-As-Of", "Age", "Cache-Status", "OMSPAN-Generation"],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  });
}
