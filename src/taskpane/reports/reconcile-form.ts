/**
 * What the Rekonsiliasi chooser works out without Excel: the ledger read with the columns as found or
 * corrected, the period the ledger covers (the default), the request the form stands for, and the preview
 * (the report built in the core: counts, the matcher's result).
 */
import type { LedgerSelection } from "../../excel/reconcile-build";
import { findHeader, mappingNames, readLedger, REQUIRED_FIELDS, type ColumnMapping, type LedgerRead, type PartialMapping, type ReconcileRequest, type ReconcileResult } from "../../omspan/reconcile";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";
import type { Table } from "../../omspan/columnar/table";
import { gridCounts, REKONSILIASI, type GridCounts } from "../../omspan/templates";

export interface Columns {
  readonly headerRow: number;
  readonly mapping: PartialMapping;
}

/** The columns as the header row names them (the first of the first ten rows naming them), or nothing found. */
export function detectedColumns(sel: LedgerSelection): Columns {
  const found = findHeader(sel.rows);
  return found ? { headerRow: found.row, mapping: found.mapping } : { headerRow: 0, mapping: {} };
}

const complete = (m: PartialMapping): m is ColumnMapping => REQUIRED_FIELDS.every((f) => m[f] !== undefined);

export type Reading = { readonly ok: true; readonly read: LedgerRead } | { readonly ok: false; readonly error?: string };

/** The ledger read with these columns; incomplete columns are not an error yet (the user is choosing). */
export function readWith(sel: LedgerSelection, cols: Columns, lang: Lang): Reading {
  if (!complete(cols.mapping)) return { ok: false };
  try {
    return { ok: true, read: readLedger(sel.rows, { mapping: cols.mapping, headerRow: cols.headerRow, firstRow: sel.firstRow, date1904: sel.date1904 }) };
  } catch (err) {
    return { ok: false, error: localizeError(err, lang) };
  }
}

export interface FormValues {
  readonly satker: string;
  readonly from: string;
  readonly to: string;
  readonly tolerance: number;
  readonly lang: Lang;
}

export function requestOf(sel: LedgerSelection, read: LedgerRead, f: FormValues): ReconcileRequest {
  return {
    template: "rekonsiliasi",
    satker: f.satker.trim(),
    from: f.from,
    to: f.to,
    toleranceDays: f.tolerance,
    lang: f.lang,
    ledger: { at: sel.at, columns: mappingNames(read.mapping, read.header) as ReconcileRequest["ledger"]["columns"] },
  };
}

export type Preview = { readonly ok: true; readonly counts: GridCounts; readonly result: ReconcileResult } | { readonly ok: false; readonly error: string };

/** The report as the core builds it from what the pane read, before anything is written. */
export function previewOf(request: ReconcileRequest, read: LedgerRead, realisasi: Table, lang: Lang): Preview {
  try {
    const { grid, result } = REKONSILIASI.build(request, { realisasi, ledger: read, origin: { sheet: "Buku", row: 0, col: 0 } });
    return { ok: true, counts: gridCounts(grid), result };
  } catch (err) {
    return { ok: false, error: localizeError(err, lang) };
  }
}
