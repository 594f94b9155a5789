/**
 * A frozen workbook's pin: per dataset and parameters, the snapshot its cells showed when it was frozen
 * and that snapshot's as-of. It names snapshots by their random ids — no key, no key tag — so it can
 * travel with the workbook: the Excel side keeps it as rows of text in the registry sheet (an .xlsx
 * library reads it as well as Office.js), written by `pinRows` and read back by `parsePinRows`.
 *
 * Rows (6 columns, the registry's width; every cell text):
 *   omspan-pin | 1 | frozenAt (ISO)  |                  |                 |
 *   dataset    | params (JSON) | snapshot id | fetchedAt (ISO) | maxDate (day number or "") |
 *   …          (one row per dataset and parameters; the block ends at the first empty row)
 */
import { z } from "zod";
import { DATASET_IDS, type DatasetId, type RouteParams } from "../routes";
import { SnapshotId } from "./snapshot-codec";
import { paramsKey } from "./snapshots";

export const PIN_MARKER = "omspan-pin";
export const PIN_VERSION = 1;
/** Cells per pin row. */
export const PIN_COLUMNS = 6;

const Params = z
  .object({ from: z.number().int().optional(), to: z.number().int().optional(), date: z.string().regex(/^\d{8}$/).optional() })
  .strict();

export const PinEntry = z
  .object({
    dataset: z.enum(DATASET_IDS),
    params: Params,
    snapshotId: SnapshotId,
    fetchedAt: z.iso.datetime(),
    maxDate: z.number().int().optional(),
  })
  .strict();
export type PinEntry = z.infer<typeof PinEntry>;

export const Pin = z
  .object({
    version: z.literal(PIN_VERSION),
    /** When the workbook was frozen. */
    frozenAt: z.iso.datetime(),
    entries: z.array(PinEntry).min(1),
  })
  .strict();
export type Pin = z.infer<typeof Pin>;

/** The entry a dataset and its parameters are pinned to, if any. */
export function pinnedEntry(pin: Pin, dataset: DatasetId, params: RouteParams): PinEntry | undefined {
  const want = paramsKey(params);
  return pin.entries.find((e) => e.dataset === dataset && paramsKey(e.params) === want);
}

/** The oldest data a pin holds: what "frozen to the data pulled …" names. */
export function pinAsOf(pin: Pin): string {
  return pin.entries.map((e) => e.fetchedAt).sort()[0]!;
}

/** The pin as rows of text for the registry sheet (see the file comment). */
export function pinRows(pin: Pin): string[][] {
  const checked = Pin.parse(pin);
  return [
    [PIN_MARKER, String(PIN_VERSION), checked.frozenAt, "", "", ""],
    ...checked.entries.map((e) => [e.dataset, JSON.stringify(e.params), e.snapshotId, e.fetchedAt, e.maxDate !== undefined ? String(e.maxDate) : "", ""]),
  ];
}

export interface ParsedPin {
  /** The pin, when the rows hold one that reads whole; undefined for no pin (or a broken one). */
  readonly pin?: Pin;
  /** Why the rows could not be read (1-based row within the block). */
  readonly problems: { row: number; reason: string }[];
}

const blank = (v: unknown) => v === "" || v === null || v === undefined;
const text = (v: unknown) => (blank(v) ? "" : String(v));

/**
 * Reads a pin block back from cells as a sheet gives them (strings, numbers, blanks). The block starts at
 * the marker row (rows before it are skipped) and ends at the first empty row. A block that does not read
 * whole yields no pin and says why: a half-read pin must not freeze half a workbook.
 */
export function parsePinRows(rows: readonly (readonly unknown[])[]): ParsedPin {
  const start = rows.findIndex((r) => r[0] === PIN_MARKER);
  if (start < 0) return { problems: [] };
  const head = rows[start]!;
  if (text(head[1]) !== String(PIN_VERSION)) return { problems: [{ row: 1, reason: `pin version ${text(head[1])} is not known` }] };
  const entries: unknown[] = [];
  const problems: { row: number; reason: string }[] = [];
  for (let i = start + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every(blank)) break;
    let params: unknown;
    try {
      params = JSON.parse(text(r[1]));
    } catch {
      problems.push({ row: i - start + 1, reason: "parameters are not JSON" });
      continue;
    }
    const maxDate = text(r[4]);
    entries.push({ dataset: text(r[0]), params, snapshotId: text(r[2]), fetchedAt: text(r[3]), ...(maxDate ? { maxDate: Number(maxDate) } : {}) });
  }
  const parsed = Pin.safeParse({ version: PIN_VERSION, frozenAt: text(head[2]), entries });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path[0] === "entries" && typeof issue.path[1] === "number" ? issue.path[1] + 2 : 1;
      problems.push({ row: at, reason: `${issue.path.join(".")}: ${issue.message}` });
    }
  }
  return problems.length ? { problems } : { pin: parsed.data, problems };
}
