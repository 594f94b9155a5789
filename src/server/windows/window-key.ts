/**
 * What names a stored window, and what a request says about itself. The key's tag is
 * HMAC-SHA256(OMSPAN_CACHE_SECRET, the whole Authorization value): a window is only ever served to a
 * request carrying the very same key, and neither the key nor the secret is stored anywhere (Redis
 * holds tags, not keys; a leaked Redis dump cannot be turned back into a key without the secret).
 * Without a configured secret (the per-process cache) a random one is drawn at start.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** One window: the key's tag, the dataset, the generation and the route (which carries the row window). */
export interface WindowKey {
  tag: string;
  dataset: string;
  gen: string;
  route: string;
}

/** The string form, used for the per-process map and, under the prefix, as the Redis key. */
export function windowId(k: WindowKey): string {
  return `w:${k.tag}:${k.dataset}:${k.gen}:${k.route}`;
}

/** Tags keys and client addresses with one secret. */
export class Tagger {
  private readonly secret: Buffer;

  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  }

  /** The key's tag: HMAC-SHA256 of the Authorization value, hex. */
  key(authorization: string): string {
    return createHmac("sha256", this.secret).update(authorization).digest("hex");
  }

  /** A client address's tag (pagings are tied to it); short, the address itself is not stored. */
  client(address: string): string {
    return createHmac("sha256", this.secret).update(`client ${address}`).digest("hex").slice(0, 16);
  }
}

/**
 * A request marked as a refresh: `Cache-Control: no-cache` (or `max-age=0`), the header the core client
 * sends on a pull its caller marks as a refresh (`PullOptions.refresh`, the store's first pull after
 * *Refresh*). Note that fetch() with `cache: "no-store"` or `"reload"` adds `Cache-Control: no-cache` by
 * itself (Fetch standard, in browsers and in Node's undici alike): the core client uses `"default"`.
 */
export function isRefresh(headers: IncomingHttpHeaders): boolean {
  const cc = headers["cache-control"];
  const text = (Array.isArray(cc) ? cc.join(",") : (cc ?? "")).toLowerCase();
  return text.split(",").some((d) => {
    const t = d.trim();
    return t === "no-cache" || /^max-age\s*=\s*0+$/.test(t);
  });
}

/**
 * The generation a request names: `OMSPAN-Generation`, as a window answer of the same pull carried it
 * (the core client sends it from its first answer on). Ids are short tokens (`g12`, `l4242-3`);
 * anything else is ignored, as if the request named none.
 */
export function namedGeneration(headers: IncomingHttpHeaders): string | undefined {
  const v = headers["omspan-generation"];
  return typeof v === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(v) ? v : undefined;
}

/** Whether Accept-Encoding allows gzip (named or `*`, with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of text.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (name === "gzip" || name === "x-gzip") gzip = Math.max(gzip ?? 0, Number.isFinite(q) ? q : 0);
    else if (name === "*") star = Number.isFinite(q) ? q : 0;
  }
  return (gzip ?? star ?? 0) > 0;
}
