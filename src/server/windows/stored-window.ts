/**
 * One stored window: an upstream answer judged to be data, compressed once with gzip and kept as one
 * value (in the per-process cache and in Redis alike), so a thousand clients cost one compression.
 * gzip rather than brotli because every client we have accepts it — browsers, Excel's web views and
 * Node 20's fetch (which sends `Accept-Encoding: gzip, deflate`, no br) — so one stored encoding serves
 * them all as it is; a client that accepts none gets it decoded, once, for its own request.
 *
 * The value is one buffer: a JSON head line (status, type, when it was fetched, both lengths), a
 * newline, then the gzip bytes. A value whose gzip part has not exactly the length its head states is
 * refused, so a value cut short anywhere is never served (it counts as a miss and is fetched again).
 */
import { promisify } from "node:util";
import { gzip as gzipCb, constants } from "node:zlib";

const gzip = promisify(gzipCb);

/** A window as stored and served. */
export interface StoredWindow {
  status: number;
  contentType: string;
  /** When it was fetched from OMSPAN (ms since the epoch): the answer's `OMSPAN-As-Of`. */
  fetchedAt: number;
  /** Length of the decoded body. */
  decodedBytes: number;
  /** The gzip bytes (a view into `raw`). */
  gz: Buffer;
  /** The whole stored value. */
  raw: Buffer;
  /** For Realisasi's no-data answer past the last row: the window's first row (every later window is no-data too). */
  endFrom?: number;
}

interface Head {
  v: 1;
  s: number;
  t: string;
  at: number;
  n: number;
  z: number;
  f?: number;
}

/** Compresses a decoded body once and builds the stored value. */
export async function buildWindow(status: number, contentType: string, body: Buffer, fetchedAt: number): Promise<StoredWindow> {
  const gz = await gzip(body, { level: constants.Z_DEFAULT_COMPRESSION });
  return withHead({ status, contentType, fetchedAt, decodedBytes: body.length }, gz);
}

/** The same window as Realisasi's end marker (see `endFrom`). */
export function asEndMarker(w: StoredWindow, from: number): StoredWindow {
  return withHead({ ...w, endFrom: from }, w.gz);
}

function withHead(w: Omit<StoredWindow, "gz" | "raw">, gz: Buffer): StoredWindow {
  const head: Head = { v: 1, s: w.status, t: w.contentType, at: w.fetchedAt, n: w.decodedBytes, z: gz.length, ...(w.endFrom ? { f: w.endFrom } : {}) };
  const headBytes = Buffer.from(`${JSON.stringify(head)}\n`);
  const raw = Buffer.concat([headBytes, gz]);
  return { ...w, gz: raw.subarray(headBytes.length), raw };
}

/** Reads a stored value back; undefined for anything that is not a whole value of ours. */
export function readWindow(raw: Buffer): StoredWindow | undefined {
  const nl = raw.indexOf(10);
  if (nl <= 0 || nl > 1024) return undefined;
  let head: Head;
  try {
    head = JSON.parse(raw.subarray(0, nl).toString("utf8")) as Head;
  } catch {
    return undefined;
  }
  const gz = raw.subarray(nl + 1);
  if (head?.v !== 1 || typeof head.at !== "number" || head.z !== gz.length || gz.length < 18) return undefined;
  // gzip's own trailer ends with the decoded length (mod 2^32): one more check that nothing was cut.
  if (gz.readUInt32LE(gz.length - 4) !== head.n % 2 ** 32) return undefined;
  return { status: head.s, contentType: head.t, fetchedAt: head.at, decodedBytes: head.n, gz, raw, ...(head.f ? { endFrom: head.f } : {}) };
}
