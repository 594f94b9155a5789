/**
 * A snapshot as stored: a small JSON header (what it is, as of when, whose, how each column is kept) and
 * the columns' bytes in sections (column-codec.ts). The header is all a listing reads, so choosing the
 * newest snapshot never touches table data. Every section carries a checksum seeded with the key's tag
 * and the snapshot's id: a section damaged on disk, cut short, or taken from another snapshot or
 * another key's fails its check and the snapshot is discarded, never served.
 *
 * `SNAPSHOT_SCHEMA` changes whenever the layout does; a snapshot of another schema is discarded (it is
 * a cache of OMSPAN data, not the only copy: the next good pull makes a new one).
 */
import { z } from "zod";
import { DATASET_IDS, type DatasetId, type RouteParams } from "../routes";
import type { ColumnKind } from "../datasets/columns";
import type { Column, Table } from "../columnar/table";
import { ColumnHeader, SnapshotCorrupt, decodeColumn, encodeColumn } from "./column-codec";
import { hash32, hashText } from "./hash";

export const SNAPSHOT_FORMAT = "omspan-snapshot";
/** The layout version written now; anything else is discarded when read. */
export const SNAPSHOT_SCHEMA = 1;

/** A snapshot's id: 32 random hex digits (no key, no tag, nothing derived from either). */
export const SnapshotId = z.string().regex(/^[0-9a-f]{32}$/);

const Params = z
  .object({ from: z.number().int().optional(), to: z.number().int().optional(), date: z.string().regex(/^\d{8}$/).optional() })
  .strict();

export const SnapshotHeader = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    schema: z.literal(SNAPSHOT_SCHEMA),
    id: SnapshotId,
    /** The key's tag (store.ts keyTag): never the key. */
    keyTag: z.string().regex(/^[0-9a-f]{16}$/),
    dataset: z.enum(DATASET_IDS),
    params: Params,
    /** When the data was pulled from OMSPAN. */
    fetchedAt: z.iso.datetime(),
    maxDate: z.number().int().optional(),
    rowCount: z.number().int().nonnegative(),
    columns: z.array(ColumnHeader),
    sections: z.array(z.object({ length: z.number().int().nonnegative(), hash: z.number().int().nonnegative() }).strict()),
    /** Sum of the sections' lengths. */
    bytes: z.number().int().nonnegative(),
  })
  .strict();
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

/** What a snapshot is made from: one pulled dataset. */
export interface SnapshotInput {
  readonly id: string;
  readonly keyTag: string;
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly table: Table;
  readonly fetchedAt: Date;
  readonly maxDate?: number;
}

export interface EncodedSnapshot {
  readonly header: SnapshotHeader;
  /** The header as stored, and its checksum. */
  readonly headerText: string;
  readonly headerHash: number;
  readonly sections: readonly Uint8Array[];
}

/** A snapshot of an older (or newer) layout: readable as such, never served. */
export class SnapshotOutdated extends Error {
  override readonly name = "SnapshotOutdated";
}

export { SnapshotCorrupt };

/** The seed of a snapshot's section checksums: ties every section to its snapshot and its key. */
export function sectionSeed(keyTag: string, id: string): number {
  return hashText(`${keyTag}:${id}`);
}

export function encodeSnapshot(s: SnapshotInput): EncodedSnapshot {
  const sections: Uint8Array[] = [];
  const columns = s.table.columnNames.map((name) => encodeColumn(name, s.table.kinds[name] ?? "name", s.table.columns[name]!, s.table.rowCount, sections));
  const seed = sectionSeed(s.keyTag, s.id);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    schema: SNAPSHOT_SCHEMA,
    id: s.id,
    keyTag: s.keyTag,
    dataset: s.dataset,
    params: { ...s.params },
    fetchedAt: s.fetchedAt.toISOString(),
    ...(s.maxDate !== undefined ? { maxDate: s.maxDate } : {}),
    rowCount: s.table.rowCount,
    columns,
    sections: sections.map((b) => ({ length: b.byteLength, hash: hash32(b, seed) })),
    bytes: sections.reduce((n, b) => n + b.byteLength, 0),
  };
  const headerText = JSON.stringify(header);
  return { header, headerText, headerHash: hashText(headerText), sections };
}

/**
 * Reads a stored header back. Throws SnapshotOutdated for another layout version and SnapshotCorrupt for
 * anything else that is not a whole, consistent header (a checksum mismatch included).
 */
export function parseSnapshotHeader(text: string, hash: number): SnapshotHeader {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SnapshotCorrupt("unreadable header");
  }
  const version = (json as { schema?: unknown } | null)?.schema;
  if ((json as { format?: unknown } | null)?.format === SNAPSHOT_FORMAT && typeof version === "number" && version !== SNAPSHOT_SCHEMA) {
    throw new SnapshotOutdated(`schema ${version}, not ${SNAPSHOT_SCHEMA}`);
  }
  if (hashText(text) !== hash) throw new SnapshotCorrupt("header checksum");
  const parsed = SnapshotHeader.safeParse(json);
  if (!parsed.success) throw new SnapshotCorrupt(`header: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const h = parsed.data;
  const used = h.columns.flatMap((c) => (c.enc === "text" ? [c.dict, c.ids] : c.enc === "num-int" || c.enc === "num-f64" ? [c.values] : []));
  if (used.some((i) => i >= h.sections.length)) throw new SnapshotCorrupt("header names a section it lacks");
  if (h.sections.reduce((n, s) => n + s.length, 0) !== h.bytes) throw new SnapshotCorrupt("header's byte count");
  return h;
}

/** Gives section `i`'s bytes (exactly its length; in `into` when the source can), or undefined when missing or short. */
export type SectionSource = (index: number, length: number, into?: Uint8Array) => Promise<Uint8Array | undefined>;

/** Whether a column's data section becomes the table's column as it is (no copy: it needs its own buffer). */
function keptAsIs(c: SnapshotHeader["columns"][number]): boolean {
  if (c.enc === "num-f64") return true;
  if (c.enc === "text") return c.dictSize > 0xffff ? c.width === 4 : c.width === 2;
  return false;
}

/**
 * The table a snapshot holds, read column by column: each section is fetched, checked and turned into
 * its column before the next one is asked for, so at most one column's stored bytes are held beside the
 * table being built. Throws SnapshotCorrupt when a section is missing, short or fails its checksum.
 */
export async function decodeSnapshot(h: SnapshotHeader, source: SectionSource): Promise<Table> {
  const seed = sectionSeed(h.keyTag, h.id);
  const columns: Record<string, Column> = {};
  const kinds: Record<string, ColumnKind> = {};
  // Sections that are only widened into the column (1-byte ids, 2-byte dates) are read into one reused
  // buffer: reading then holds the table and that buffer, not a trail of garbage sections.
  let scratch: Uint8Array | undefined;
  for (const c of h.columns) {
    const needed = c.enc === "text" ? [c.dict, c.ids] : c.enc === "num-int" || c.enc === "num-f64" ? [c.values] : [];
    const data = c.enc === "text" ? c.ids : c.enc === "num-int" || c.enc === "num-f64" ? c.values : -1;
    const got = new Map<number, Uint8Array>();
    for (const i of needed) {
      const { length, hash } = h.sections[i]!;
      let into: Uint8Array | undefined;
      if (i === data && !keptAsIs(c)) {
        if (!scratch || scratch.byteLength < length) scratch = new Uint8Array(length);
        into = scratch;
      }
      const bytes = await source(i, length, into);
      if (!bytes || bytes.byteLength !== length) throw new SnapshotCorrupt(`section ${i} is missing or short`);
      if (hash32(bytes, seed) !== hash) throw new SnapshotCorrupt(`section ${i} checksum`);
      got.set(i, bytes);
    }
    columns[c.name] = decodeColumn(c, h.rowCount, (i) => got.get(i)!);
    kinds[c.name] = c.kind;
  }
  return { rowCount: h.rowCount, columnNames: h.columns.map((c) => c.name), kinds, columns };
}

/** A fresh snapshot id from the platform's random source (Web Crypto; also where randomUUID is missing). */
export function newSnapshotId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
