/**
 * Content encodings are forwarded only as the client accepts them: the proxy undoes whatever encoding
 * OMSPAN used (gzip, deflate, br — it asks for gzip, the cheapest on the ministry's WAN link) and
 * @fastify/compress encodes again for the client by the client's own Accept-Encoding. Passing an encoding
 * through as-is sent gzip to clients that asked only for br. Decoding here also means the cache holds, and
 * its entry cap counts, decoded bytes. An encoding the proxy cannot undo is refused (502), never forwarded.
 */
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, type Zlib } from "node:zlib";
import { ServerError } from "./errors";

const DECODERS: Record<string, () => Zlib & NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** More than this many stacked encodings is not a real answer (the same bound undici and curl use). */
const MAX_ENCODINGS = 5;

/** The encodings named in a Content-Encoding value, outermost last; identity dropped. */
function encodingsOf(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== "" && e !== "identity");
}

/**
 * The answer body decoded (or as it is, without an encoding).
 * @throws ServerError `upstream_bad_answer` for an encoding the proxy cannot undo.
 */
export function decodedBody(body: Readable, contentEncoding: string | string[] | undefined): Readable {
  const encodings = encodingsOf(contentEncoding);
  if (encodings.length > MAX_ENCODINGS || encodings.some((e) => !(e in DECODERS))) {
    throw new ServerError("upstream_bad_answer");
  }
  let out: Readable = body;
  // Applied last-to-first: the last encoding named is the outermost.
  for (const e of encodings.reverse()) {
    // pipeline: a broken stream ends the answer with an error, and the client going away (which
    // destroys the last decoder) destroys the upstream body too.
    out = pipeline(out, DECODERS[e]!(), () => undefined) as unknown as Readable;
  }
  return out;
}
