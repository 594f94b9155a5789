/**
 * Rekonsiliasi in the core: reading a ledger (read-ledger.ts, ledger-columns.ts, ledger-cells.ts, csv.ts),
 * OMSPAN's side (omspan-rows.ts), the matcher (match.ts, match-leftovers.ts), the summary (summary.ts),
 * the whole (reconcile.ts) and the request (request.ts). The report is templates/rekonsiliasi.ts.
 */
export { reconcile, DEFAULT_TOLERANCE_DAYS, type ReconcileInput, type ReconcileResult, type ElsewhereMatch } from "./reconcile";
export { readLedger, type LedgerRead, type LedgerReadOptions } from "./read-ledger";
export { findHeader, guessMapping, mappingNames, resolveNames, headerKey, LEDGER_FIELDS, REQUIRED_FIELDS, FIELD_LABELS, ColumnMapping, type LedgerField, type PartialMapping } from "./ledger-columns";
export { readAmount, readDate, readCode, type Read } from "./ledger-cells";
export { parseCsv, csvSeparator } from "./csv";
export { omspanRows } from "./omspan-rows";
export { ledgerPeriod } from "./ledger-period";
export { ReconcileRequest, LedgerColumns, parseReconcileRequest, dayOfIso } from "./request";
export { yearMonthOf, monthIndex, type SummaryLine, type CellSum } from "./summary";
export { LedgerRow, OmspanRow, BadRow } from "./types";
export type { MatchKind } from "./match";
