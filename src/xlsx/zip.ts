/**
 * The zip container of an .xlsx, read and written so that a part nobody changed is copied as its stored
 * bytes — not inflated and deflated again — and only changed parts are compressed (fflate). Reads the
 * central directory (the authority: local headers may defer sizes to a data descriptor); refuses zip64,
 * encryption and methods other than stored and deflate, with a message saying so.
 */
import { deflateSync, inflateSync } from "fflate";
import { fileError } from "./errors";

export interface ZipEntry {
  readonly name: string;
  /** Compression method: 0 stored, 8 deflate. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly time: number;
  readonly date: number;
  /** The stored (compressed) bytes. */
  readonly raw: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const notZip = (why: string, id: string) => fileError("not-xlsx", `not an .xlsx workbook (${why})`, `bukan buku kerja .xlsx (${id})`);

/** The entries of a zip, in the central directory's order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip("no zip directory; an encrypted workbook is not a zip either", "tidak ada direktori zip; buku kerja terenkripsi juga bukan zip");
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw fileError("unsupported", "zip64 workbooks (over 4 GB) are not supported", "buku kerja zip64 (di atas 4 GB) tidak didukung");
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw notZip("a damaged zip directory", "direktori zip rusak");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (flags & 1) throw fileError("unsupported", `${name} is encrypted`, `${name} terenkripsi`);
    if (method !== 0 && method !== 8) throw fileError("unsupported", `${name} uses zip method ${method}`, `${name} memakai metode zip ${method}`);
    const compressedSize = view.getUint32(p + 20, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw notZip(`a damaged entry ${name}`, `entri ${name} rusak`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length) throw notZip(`entry ${name} is cut short`, `entri ${name} terpotong`);
    out.push({
      name,
      method,
      crc: view.getUint32(p + 16, true),
      compressedSize,
      size: view.getUint32(p + 24, true),
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      raw: bytes.subarray(start, start + compressedSize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The uncompressed bytes of an entry. */
export function entryBytes(e: ZipEntry): Uint8Array {
  const data = e.method === 0 ? e.raw : inflateSync(e.raw, { out: new Uint8Array(e.size) });
  if (data.length !== e.size) throw notZip(`entry ${e.name} has the wrong size`, `ukuran entri ${e.name} salah`);
  return data;
}

/** An entry made from new content (deflated), stamped with a DOS time. */
export function newEntry(name: string, data: Uint8Array, at: Date = new Date()): ZipEntry {
  const raw = deflateSync(data, { level: 6 });
  const time = (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1);
  const date = (Math.max(0, at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate();
  return { name, method: 8, crc: crc32(data), compressedSize: raw.length, size: data.length, time, date, raw };
}

/** A zip of the entries, in order; stored bytes are written as they are. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + names[i]!.length + e.raw.length + 46 + names[i]!.length));
  if (size > 0xffffffff || entries.length >= 0xffff) throw fileError("unsupported", "the workbook would need zip64 (over 4 GB)", "buku kerja akan memerlukan zip64 (di atas 4 GB)");
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  const header = (e: ZipEntry, name: Uint8Array, at: number, central: boolean) => {
    const utf8 = name.some((b) => b > 0x7f) ? 0x800 : 0;
    let q = at;
    view.setUint32(q, central ? 0x02014b50 : 0x04034b50, true);
    q += 4;
    if (central) {
      view.setUint16(q, 20, true);
      q += 2;
    }
    view.setUint16(q, 20, true);
    view.setUint16(q + 2, utf8, true);
    view.setUint16(q + 4, e.method, true);
    view.setUint16(q + 6, e.time, true);
    view.setUint16(q + 8, e.date, true);
    view.setUint32(q + 10, e.crc, true);
    view.setUint32(q + 14, e.compressedSize, true);
    view.setUint32(q + 18, e.size, true);
    view.setUint16(q + 22, name.length, true);
    view.setUint16(q + 24, 0, true);
    q += 26;
    return q;
  };
  entries.forEach((e, i) => {
    offsets.push(p);
    p = header(e, names[i]!, p, false);
    out.set(names[i]!, p);
    p += names[i]!.length;
    out.set(e.raw, p);
    p += e.raw.length;
  });
  const dir = p;
  entries.forEach((e, i) => {
    p = header(e, names[i]!, p, true);
    // comment length, disk, internal and external attributes, local offset
    view.setUint16(p, 0, true);
    view.setUint16(p + 2, 0, true);
    view.setUint16(p + 4, 0, true);
    view.setUint32(p + 6, 0, true);
    view.setUint32(p + 10, offsets[i]!, true);
    p += 14;
    out.set(names[i]!, p);
    p += names[i]!.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dir, true);
  view.setUint32(p + 16, dir, true);
  return out.subarray(0, p + 22);
}
