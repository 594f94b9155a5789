/**
 * The query registry as cells: one row per OMSPAN table (id, name, sheet, address, query JSON, as-of
 * JSON) under a marker row, so it lives in an ordinary (very hidden) worksheet that an .xlsx library can
 * read and write as well as Office.js — document settings cannot be read outside Office. Rows are
 * validated with zod when read back; a row that fails is reported, never trusted.
 */
import { z } from "zod";
import { TableQuery } from "./query";

/** The very hidden sheet that holds the registry (and a frozen workbook's pin) in every workbook. */
export const REGISTRY_SHEET = "OMSPAN_TABLES";
/** Columns of the registry's rows in that sheet: A:F. */
export const REGISTRY_COLUMNS = 6;
/** The first column of the pin's rows (pinRows) in that sheet: H, after one empty column (H:M). */
export const PIN_COLUMN = 7;

/** First cell of the registry sheet: what makes a sheet an OMSPAN registry. */
export const REGISTRY_MARKER = "omspan-table-registry";
/** Layout version of the registry's rows (next to the marker). */
export const REGISTRY_VERSION = 1;

/** When a table was last pulled, and OMSPAN's cut-off day (days since 1970-01-01). */
export const RegistryAsOf = z
  .object({ fetchedAt: z.iso.datetime(), maxDate: z.number().int().optional() })
  .strict();

/** One registry row: an OMSPAN table and its query. */
export const RegistryEntry = z
  .object({
    tableId: z.string().min(1).max(200),
    tableName: z.string().min(1).max(255),
    sheet: z.string().min(1).max(31),
    /** The table's range when last written (sheet-qualified), to notice a moved or resized table. */
    address: z.string().min(1).max(300),
    query: TableQuery,
    asOf: RegistryAsOf.optional(),
  })
  .strict();
export type RegistryEntry = z.output<typeof RegistryEntry>;

/** The registry's cells: the marker row, then one row per entry (JSON as text). */
export function registryRows(entries: readonly RegistryEntry[]): string[][] {
  return [
    [REGISTRY_MARKER, String(REGISTRY_VERSION), "", "", "", ""],
    ...entries.map((e) => [e.tableId, e.tableName, e.sheet, e.address, JSON.stringify(e.query), e.asOf ? JSON.stringify(e.asOf) : ""]),
  ];
}

export interface ParsedRegistry {
  readonly entries: RegistryEntry[];
  /** Rows that could not be read (1-based row number and why). */
  readonly problems: { row: number; reason: string }[];
}

const json = (s: unknown) => {
  if (typeof s !== "string" || s === "") return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return Symbol.for("bad-json");
  }
};

/** Reads the registry's cells back (as values read from a sheet: strings, numbers, blanks). */
export function parseRegistryRows(rows: readonly (readonly unknown[])[]): ParsedRegistry {
  const entries: RegistryEntry[] = [];
  const problems: { row: number; reason: string }[] = [];
  if (!rows.length || rows[0]![0] !== REGISTRY_MARKER) {
    if (rows.some((r) => r.some((v) => v !== ""))) problems.push({ row: 1, reason: "not an OMSPAN registry" });
    return { entries, problems };
  }
  if (String(rows[0]![1]) !== String(REGISTRY_VERSION)) {
    problems.push({ row: 1, reason: `registry version ${String(rows[0]![1])} is not known` });
    return { entries, problems };
  }
  rows.slice(1).forEach((r, i) => {
    if (r.every((v) => v === "" || v === null || v === undefined)) return;
    const [tableId, tableName, sheet, address, query, asOf] = r;
    const candidate = { tableId: String(tableId), tableName: String(tableName), sheet: String(sheet), address: String(address), query: json(query), asOf: json(asOf) };
    const parsed = RegistryEntry.safeParse(candidate);
    if (parsed.success) entries.push(parsed.data);
    else problems.push({ row: i + 2, reason: parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ") });
  });
  return { entries, problems };
}
