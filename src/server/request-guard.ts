/**
 * The first hook every request meets: only GET/HEAD/OPTIONS anywhere, only GET/OPTIONS on the proxy,
 * and a request target that passes `checkTarget`. A refused request is answered here, before CORS,
 * routing, static files or the proxy see it — so it can never reach the upstream.
 */
import type { FastifyInstance } from "fastify";
import { replyWithError } from "./error-reply";
import { ServerError } from "./errors";
import { checkTarget } from "./path-guard";

const ALLOWED = new Set(["GET", "HEAD", "OPTIONS"]);

/** Installs the guard as a global onRequest hook. */
export function installRequestGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    try {
      const target = checkTarget(request.raw.url ?? "");
      const method = request.method;
      if (!ALLOWED.has(method) || (target.kind === "proxy" && method === "HEAD")) {
        reply.header("allow", target.kind === "proxy" ? "GET, OPTIONS" : "GET, HEAD, OPTIONS");
        throw new ServerError("method_not_allowed");
      }
    } catch (err) {
      return replyWithError(request, reply, err);
    }
  });
}
