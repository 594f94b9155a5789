/**
 * One table column to bytes and back, in the narrowest form that holds it exactly:
 *  - text: its dictionary (JSON) and row ids of 1, 2 or 4 bytes by the dictionary's size; one value only
 *    (BA "056" on 400,000 rows) is a constant in the header and no bytes at all;
 *  - numbers: a constant (MAXDATE), a run 1, 2, 3… (ROWNUM), whole numbers of 1, 2 or 4 bytes (dates are
 *    day numbers, ~20,000: 2 bytes), else the Float64 values as they are. NaN (an absent value) is the
 *    narrow type's smallest value.
 * Reading gives back the table's own types (Uint16Array / Uint32Array ids, Float64Array values): where the
 * stored width is the table's, the section's bytes *are* the column (no copy), so reading a snapshot
 * costs little more memory than the table it holds.
 */
import { z } from "zod";
import type { ColumnKind } from "../datasets/columns";
import type { Column } from "../columnar/table";

const KIND = z.enum(["code", "name", "amount", "date", "percent", "weight", "number"]);
const WIDTH = z.union([z.literal(1), z.literal(2), z.literal(4)]);
const SECTION = z.number().int().nonnegative();

/** How one column is kept: its encoding and which sections (by index) hold its bytes. */
export const ColumnHeader = z.discriminatedUnion("enc", [
  z.object({ enc: z.literal("text-const"), name: z.string(), kind: KIND, value: z.string() }).strict(),
  z.object({ enc: z.literal("text"), name: z.string(), kind: KIND, width: WIDTH, dictSize: z.number().int().nonnegative(), dict: SECTION, ids: SECTION }).strict(),
  z.object({ enc: z.literal("num-const"), name: z.string(), kind: KIND, value: z.number().nullable() }).strict(),
  z.object({ enc: z.literal("num-seq"), name: z.string(), kind: KIND, start: z.number().int() }).strict(),
  z.object({ enc: z.literal("num-int"), name: z.string(), kind: KIND, width: WIDTH, values: SECTION }).strict(),
  z.object({ enc: z.literal("num-f64"), name: z.string(), kind: KIND, values: SECTION }).strict(),
]);
export type ColumnHeader = z.infer<typeof ColumnHeader>;

/** A snapshot that cannot be read as it claims: the reader discards it. */
export class SnapshotCorrupt extends Error {
  override readonly name = "SnapshotCorrupt";
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Appends the column's sections to `sections` and returns its header. */
export function encodeColumn(name: string, kind: ColumnKind, col: Column, rows: number, sections: Uint8Array[]): ColumnHeader {
  const add = (bytes: Uint8Array) => sections.push(bytes) - 1;
  if (col.kind === "text") {
    if (col.dict.length === 1 && rows > 0) return { enc: "text-const", name, kind, value: col.dict[0]! };
    const width = col.dict.length <= 0x100 ? 1 : col.dict.length <= 0x10000 ? 2 : 4;
    const ids = width === 1 ? Uint8Array.from(col.ids) : width === 2 && col.ids instanceof Uint16Array ? col.ids : width === 2 ? Uint16Array.from(col.ids) : Uint32Array.from(col.ids);
    const dict = add(encoder.encode(JSON.stringify(col.dict)));
    return { enc: "text", name, kind, width, dictSize: col.dict.length, dict, ids: add(bytesOf(ids)) };
  }
  const v = col.values;
  if (rows > 0 && allSame(v)) return { enc: "num-const", name, kind, value: Number.isNaN(v[0]!) ? null : v[0]! };
  if (rows > 1 && isRun(v)) return { enc: "num-seq", name, kind, start: v[0]! };
  const width = intWidth(v);
  if (width === 0) return { enc: "num-f64", name, kind, values: add(bytesOf(v)) };
  return { enc: "num-int", name, kind, width, values: add(bytesOf(narrow(v, width))) };
}

/** The column from its header and sections (`section(i)` gives section i's bytes). */
export function decodeColumn(h: ColumnHeader, rows: number, section: (i: number) => Uint8Array): Column {
  switch (h.enc) {
    case "text-const":
      return { kind: "text", dict: [h.value], ids: rows <= 0 ? new Uint16Array(0) : new Uint16Array(rows) };
    case "text": {
      let dict: unknown;
      try {
        dict = JSON.parse(decoder.decode(section(h.dict)));
      } catch {
        throw new SnapshotCorrupt(`${h.name}: unreadable dictionary`);
      }
      if (!Array.isArray(dict) || dict.length !== h.dictSize || !dict.every((s) => typeof s === "string")) throw new SnapshotCorrupt(`${h.name}: bad dictionary`);
      const ids = widenIds(section(h.ids), h.width, rows, dict.length, h.name);
      return { kind: "text", dict: dict as string[], ids };
    }
    case "num-const":
      return { kind: "number", values: new Float64Array(rows).fill(h.value ?? Number.NaN) };
    case "num-seq": {
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i++) values[i] = h.start + i;
      return { kind: "number", values };
    }
    case "num-int":
      return { kind: "number", values: widenInts(section(h.values), h.width, rows, h.name) };
    case "num-f64":
      return { kind: "number", values: viewOrCopy(section(h.values), Float64Array, rows, h.name) };
  }
}

function bytesOf(a: Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function allSame(v: Float64Array): boolean {
  const first = v[0]!;
  if (Number.isNaN(first)) {
    for (let i = 1; i < v.length; i++) if (!Number.isNaN(v[i]!)) return false;
    return true;
  }
  for (let i = 1; i < v.length; i++) if (v[i] !== first) return false;
  return true;
}

function isRun(v: Float64Array): boolean {
  const start = v[0]!;
  if (!Number.isInteger(start)) return false;
  for (let i = 1; i < v.length; i++) if (v[i] !== start + i) return false;
  return true;
}

/** The narrowest whole-number width holding every value (NaN takes the type's minimum), or 0. */
function intWidth(v: Float64Array): 0 | 1 | 2 | 4 {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) continue;
    if (!Number.isInteger(x) || Object.is(x, -0)) return 0;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (lo > -0x80 && hi < 0x80) return 1;
  if (lo > -0x8000 && hi < 0x8000) return 2;
  if (lo > -0x80000000 && hi < 0x80000000) return 4;
  return 0;
}

const INT_TYPES = { 1: Int8Array, 2: Int16Array, 4: Int32Array } as const;
const MIN = { 1: -0x80, 2: -0x8000, 4: -0x80000000 } as const;

function narrow(v: Float64Array, width: 1 | 2 | 4): Int8Array | Int16Array | Int32Array {
  const out = new INT_TYPES[width](v.length);
  const nan = MIN[width];
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    out[i] = Number.isNaN(x) ? nan : x;
  }
  return out;
}

type Typed = Uint16Array | Uint32Array | Float64Array;
type TypedCtor<T extends Typed> = { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/** The section as `T` without a copy when aligned (always, as the adapters give fresh buffers), else copied. */
function viewOrCopy<T extends Typed>(bytes: Uint8Array, Ctor: TypedCtor<T>, rows: number, name: string): T {
  if (bytes.byteLength !== rows * Ctor.BYTES_PER_ELEMENT) throw new SnapshotCorrupt(`${name}: ${bytes.byteLength} bytes for ${rows} rows`);
  if (bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer, bytes.byteOffset, rows);
  const out = new Ctor(rows);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function widenIds(bytes: Uint8Array, width: 1 | 2 | 4, rows: number, dictSize: number, name: string): Uint16Array | Uint32Array {
  // The table's own choice (table.ts): 16-bit ids while the dictionary fits them.
  const wide = dictSize > 0xffff;
  let ids: Uint16Array | Uint32Array;
  if (width === 1) {
    if (bytes.byteLength !== rows) throw new SnapshotCorrupt(`${name}: ${bytes.byteLength} bytes for ${rows} rows`);
    ids = wide ? new Uint32Array(rows) : new Uint16Array(rows);
    ids.set(bytes);
  } else if (width === 2) {
    const narrowIds = viewOrCopy(bytes, Uint16Array, rows, name);
    ids = wide ? Uint32Array.from(narrowIds) : narrowIds;
  } else {
    const wideIds = viewOrCopy(bytes, Uint32Array, rows, name);
    ids = wide ? wideIds : Uint16Array.from(wideIds);
  }
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  if (max >= dictSize) throw new SnapshotCorrupt(`${name}: a row names dictionary entry ${max} of ${dictSize}`);
  return ids;
}

function widenInts(bytes: Uint8Array, width: 1 | 2 | 4, rows: number, name: string): Float64Array {
  if (bytes.byteLength !== rows * width) throw new SnapshotCorrupt(`${name}: ${bytes.byteLength} bytes for ${rows} rows`);
  const Ctor = INT_TYPES[width];
  const own = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  const src = new Ctor(own.buffer as ArrayBuffer, own.byteOffset, rows);
  const nan = MIN[width];
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = src[i]!;
    out[i] = x === nan ? Number.NaN : x;
  }
  return out;
}
