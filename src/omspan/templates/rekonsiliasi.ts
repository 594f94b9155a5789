/**
 * Rekonsiliasi: the satker's own books against OMSPAN. The top is live: per akun × month, the ledger's sum
 * as SUMIFS over the user's ledger range (or over the ledger as read, below, when its dates or amounts are
 * text) beside OMSPAN.REALISASI.BULAN (OMSPAN.REALISASI between the period's dates for a month it cuts),
 * the difference (highlighted where not zero), and the matcher's split of it: ledger only, OMSPAN only,
 * matched in another month. Below, the transactions behind the differences (rekonsiliasi-lists.ts).
 *
 * Rows 4–9 hold what the report was asked with — satker, period, tolerance, where the ledger is and its
 * columns — in cells the user sees and may change; a refresh reads them back (rekonsiliasi-params.ts) and
 * builds the report again from the fresh pull, so the lists follow the data.
 */
import { formatDay } from "../convert";
import type { LedgerRead } from "../reconcile/read-ledger";
import { dayOfIso, parseReconcileRequest, type ReconcileRequest } from "../reconcile/request";
import { reconcile, type ReconcileResult } from "../reconcile/reconcile";
import { omspanRows } from "../reconcile/omspan-rows";
import { yearMonthOf } from "../reconcile/summary";
import type { Table } from "../columnar/table";
import { columnLetter, GridBuilder, omspan, quote, rangeRef, ref, type ReportGrid } from "./grid";
import { monthName } from "./labels";
import { headerRow } from "./layout";
import { COPY_COLUMNS, ledgerCopy, listHeight, unmatchedLists, type Serial } from "./rekonsiliasi-lists";
import { PARAM_ROW, columnsText } from "./rekonsiliasi-params";
import { rekonWords } from "./rekonsiliasi-words";

export interface RekonData {
  readonly realisasi: Table;
  readonly ledger: LedgerRead;
  /**
   * Where the rows the ledger was read from sit in the workbook: the sheet and the 0-based cell of their
   * first row and column. Absent for a ledger read from a file (the report then sums its own copy).
   */
  readonly origin?: { readonly sheet: string; readonly row: number; readonly col: number };
  /** The workbook counts dates from 1904 (old Mac workbooks): date cells are written for it. */
  readonly date1904?: boolean;
}

export interface BuiltRekonsiliasi {
  readonly grid: ReportGrid;
  readonly result: ReconcileResult;
}

const quoteSheet = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SUMIFS ranges of the ledger: absolute, sheet-qualified when on another sheet. */
interface LedgerRanges {
  readonly akun: string;
  readonly date: string;
  readonly amount: string;
  readonly satker?: string;
}

function columnRange(sheet: string | undefined, col: number, top: number, bottom: number): string {
  const c = columnLetter(col);
  return `${sheet ? `${quoteSheet(sheet)}!` : ""}$${c}$${top + 1}:$${c}$${Math.max(top, bottom) + 1}`;
}

const SUMMARY_COLS = 8;

export const REKONSILIASI = {
  id: "rekonsiliasi",
  label: { id: "Rekonsiliasi buku dengan OMSPAN", en: "Reconciliation: own books against OMSPAN" },
  description: {
    id: "Buku satker (rentang atau tabel yang dipilih) dengan realisasi OMSPAN per akun dan bulan, dan transaksi yang berbeda.",
    en: "The satker's ledger (a selected range or table) against OMSPAN's realisation per account and month, with the transactions that differ.",
  },
  needs: ["realisasi"],
  /** Builds the report; the request is validated first (InvalidArgumentError naming the field). */
  build(input: ReconcileRequest | unknown, data: RekonData): BuiltRekonsiliasi {
    const request = parseReconcileRequest(input);
    const { lang, satker, toleranceDays } = request;
    const t = rekonWords(lang);
    const [from, to] = [dayOfIso(request.from), dayOfIso(request.to)];
    const omspanSide = omspanRows(data.realisasi, [satker], from - toleranceDays, to + toleranceDays);
    const result = reconcile({ ledger: data.ledger.rows, omspan: omspanSide, satker, from, to, toleranceDays });
    const serial: Serial = (day) => day + 25569 - (data.date1904 ? 1462 : 0);
    const { year } = yearMonthOf(from);

    const g = new GridBuilder();
    g.set(0, 0, { value: t.title, style: "title" });
    g.set(1, 0, { value: `${t.satker} ${satker} — ${formatDay(from)} – ${formatDay(to)}`, style: "subtitle" });
    g.line(2, 0, [{ value: t.asOf, style: "label" }, { formula: omspan("ASOF", quote("realisasi")), format: "datetime" }]);
    const param = (row: number, label: string, cell: Parameters<GridBuilder["set"]>[2]) => g.line(row, 0, [{ value: label, style: "label" }, { ...cell, style: "input" }]);
    param(PARAM_ROW.satker, t.satker, { value: satker, format: "text" });
    param(PARAM_ROW.from, t.from, { value: serial(from), format: "date" });
    param(PARAM_ROW.to, t.to, { value: serial(to), format: "date" });
    param(PARAM_ROW.tolerance, t.tolerance, { value: toleranceDays, format: "integer" });

    const lines = result.summary;
    const head = PARAM_ROW.file + 3;
    const first = head + 1;
    const totalRow = first + Math.max(1, lines.length);
    const listsAt = totalRow + 2;
    const copied = !data.origin || data.ledger.textCells;
    const listsEnd = listsAt + listHeight(result.unmatched.omspan.length) + listHeight(result.unmatched.ledger.length) + listHeight(result.elsewhere.length) + listHeight(data.ledger.bad.length);
    let ranges: LedgerRanges;
    if (copied) {
      const top = listsEnd + 2;
      const bottom = top + data.ledger.rows.length - 1;
      ranges = {
        akun: columnRange(undefined, COPY_COLUMNS.akun, top, bottom),
        date: columnRange(undefined, COPY_COLUMNS.date, top, bottom),
        amount: columnRange(undefined, COPY_COLUMNS.amount, top, bottom),
        satker: columnRange(undefined, COPY_COLUMNS.satker, top, bottom),
      };
      // A ledger from a file is read back from this copy on refresh; one in the workbook from where it is.
      param(PARAM_ROW.ledger, t.ledger, { value: data.origin ? request.ledger.at : `${ref(top - 1, 0)}:${ref(Math.max(top, bottom), COPY_COLUMNS.row)}`, format: "text" });
      param(PARAM_ROW.columns, t.columns, { value: data.origin ? columnsText(request.ledger.columns, lang) : columnsText({ satker: t.fields.satker, akun: t.fields.akun, date: t.fields.date, amount: t.fields.amount, reference: t.fields.reference }, lang), format: "text" });
    } else {
      const o = data.origin!;
      const top = o.row + data.ledger.headerRow + 1;
      const bottom = o.row + data.ledger.rowCount - 1;
      const m = data.ledger.mapping;
      ranges = {
        akun: columnRange(o.sheet, o.col + m.akun, top, bottom),
        date: columnRange(o.sheet, o.col + m.date, top, bottom),
        amount: columnRange(o.sheet, o.col + m.amount, top, bottom),
        ...(m.satker !== undefined ? { satker: columnRange(o.sheet, o.col + m.satker, top, bottom) } : {}),
      };
      param(PARAM_ROW.ledger, t.ledger, { value: request.ledger.at, format: "text" });
      param(PARAM_ROW.columns, t.columns, { value: columnsText(request.ledger.columns, lang), format: "text" });
    }
    if (request.ledger.file) g.line(PARAM_ROW.file, 0, [{ value: t.readFrom, style: "label" }, { value: request.ledger.file, format: "text" }]);
    g.set(PARAM_ROW.file + 1, 0, { value: t.note, style: "note" });

    headerRow(g, head, [t.akun, t.month, t.ledgerSum, t.omspanSum, t.difference, t.ledgerOnly, t.omspanOnly, t.elsewhere]);
    const [satkerCell, fromCell, toCell] = [ref(PARAM_ROW.satker, 1, "both"), ref(PARAM_ROW.from, 1, "both"), ref(PARAM_ROW.to, 1, "both")];
    lines.forEach((line, i) => {
      const r = first + i;
      const [akunCell, monthCell] = [ref(r, 0, "col"), ref(r, 1, "col")];
      const start = `MAX(DATE(${year},${monthCell},1),${fromCell})`;
      const end = `MIN(DATE(${year},${monthCell}+1,0),${toCell})`;
      const bySatker = ranges.satker ? `,${ranges.satker},${satkerCell}` : "";
      const monthStart = Date.UTC(line.year, line.month - 1, 1) / 86_400_000;
      const monthEnd = Date.UTC(line.year, line.month, 0) / 86_400_000;
      g.line(r, 0, [
        { value: line.akun, format: "text" },
        { value: line.month, format: "integer" },
        { formula: `=SUMIFS(${ranges.amount},${ranges.akun},${akunCell},${ranges.date},">="&${start},${ranges.date},"<"&(${end}+1)${bySatker})`, format: "rupiah" },
        {
          formula: from <= monthStart && to >= monthEnd ? omspan("REALISASI.BULAN", satkerCell, akunCell, monthCell) : omspan("REALISASI", satkerCell, akunCell, start, end),
          format: "rupiah",
        },
        { formula: `=${ref(r, 2)}-${ref(r, 3)}`, format: "rupiah" },
        { value: line.unmatchedLedger.amount, format: "rupiah" },
        { value: line.unmatchedOmspan.amount, format: "rupiah" },
        { value: line.elsewhere, format: "rupiah" },
      ]);
    });
    if (!lines.length) g.set(first, 0, { value: t.none, style: "note" });
    g.set(totalRow, 0, { value: t.total, style: "total" });
    g.set(totalRow, 1, { style: "total" });
    for (let c = 2; c < SUMMARY_COLS; c++) g.set(totalRow, c, { formula: `=SUM(${ref(first, c)}:${ref(Math.max(first, totalRow - 1), c)})`, format: "rupiah", style: "total" });

    const end = unmatchedLists(g, listsAt, result, data.ledger.bad, lang, t, serial);
    if (copied) {
      const title = data.origin ? t.copyList : `${t.copyListFile} ${request.ledger.file ?? request.ledger.at}`;
      ledgerCopy(g, end, title, data.ledger.rows, satker, t, serial);
    }
    const grid: ReportGrid = {
      template: REKONSILIASI.id,
      sheetName: `${t.sheet} ${satker} ${monthName(yearMonthOf(to).month, lang)}`.slice(0, 31),
      cells: g.cells(),
      columnWidths: [17, 14, 17, 17, 17, 17, 17, 17],
      freeze: { rows: 3, columns: 0 },
      conditional: lines.length ? [{ range: rangeRef(first, 4, first + lines.length - 1, 4), rule: "nonzero" }] : [],
      charts: [],
      print: { orientation: "landscape", paper: "A4", titleRows: "1:3" },
    };
    return { grid, result };
  },
} as const;
