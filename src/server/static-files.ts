/**
 * The built add-in (taskpane.html, functions.json, manifest.xml, hashed bundles, icons), served from
 * the same origin as the proxy so the pane never makes a cross-origin call. Hashed bundles never change
 * under one name, so they are cached for a year; everything else is revalidated on each load so a new
 * build reaches users at once. No directory listings, no index files, no dotfiles.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** `name.<hex hash>.js` (and .css, .map) as webpack's `[contenthash]` names them. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|mjs|css)(?:\.map)?$/;

/** The Cache-Control for a served file. */
export function cacheControlFor(filePath: string): string {
  return HASHED.test(filePath) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** Registers static hosting of `staticDir` (resolved from the working directory). */
export async function registerStaticFiles(
  app: FastifyInstance,
  opts: { staticDir: string; staticCors: boolean },
): Promise<void> {
  const root = resolve(opts.staticDir);
  if (!existsSync(root)) {
    // Not fatal: `npm start` may build after the server is up, and /health and the proxy still work.
    app.log.warn({ root }, "static directory does not exist yet; add-in files will 404 until it does");
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: false,
    list: false,
    dotfiles: "deny",
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (reply, filePath) => {
      reply.header("cache-control", cacheControlFor(filePath));
      // Excel on the web reads functions.json and icons from another origin; these files are public.
      if (opts.staticCors) reply.header("access-control-allow-origin", "*");
    },
  });
}
