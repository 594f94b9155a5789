/**
 * The change report sheet (`Perubahan`): per table, rows before / after / added / removed / changed and
 * the change of each amount total, its as-of and notes; per OMSPAN formula cell, old → new where it
 * differs. Rewritten by every refresh; every text goes through the formula guard (formulas are shown
 * as text, never re-entered).
 */
import { cellText, type CellValue } from "../omspan/tables";
import { formatDay } from "../omspan/convert";
import type { Lang } from "../omspan/i18n";
import type { RefreshSummary, TableOutcome } from "./table-outcome";

export const REPORT_SHEET = "Perubahan";

const T = {
  title: { id: "Perubahan data OMSPAN", en: "OMSPAN data changes" },
  tables: ["Tabel", "Lembar", "Status", "Baris sebelum", "Baris sesudah", "Ditambah", "Dihapus", "Berubah", "Kolom jumlah", "Total sebelum", "Total sesudah", "Selisih", "Ditarik", "Data s.d.", "Catatan"],
  tablesEn: ["Table", "Sheet", "Status", "Rows before", "Rows after", "Added", "Removed", "Changed", "Amount column", "Total before", "Total after", "Change", "Pulled", "Data up to", "Notes"],
  formulas: ["Sel", "Rumus", "Sebelum", "Sesudah"],
  formulasEn: ["Cell", "Formula", "Before", "After"],
  status: {
    id: { refreshed: "diperbarui", failed: "gagal (tabel tidak diubah)", deleted: "terhapus", skipped: "dilewati (tabel tidak diubah)" },
    en: { refreshed: "refreshed", failed: "failed (table unchanged)", deleted: "deleted", skipped: "skipped (table unchanged)" },
  },
} as const;

const text = (v: unknown): CellValue => (typeof v === "number" ? v : cellText(v === undefined || v === null ? "" : String(v)));

function tableLines(o: TableOutcome, lang: Lang): CellValue[][] {
  const notes = [...o.notes.map((n) => n[lang]), ...(o.error ? [o.error] : [])].join("; ");
  const head = [o.table, o.sheet ?? "", T.status[lang][o.status]];
  const asOf = [o.asOf ? o.asOf.fetchedAt.toISOString().slice(0, 16).replace("T", " ") : "", o.asOf?.maxDate !== undefined ? formatDay(o.asOf.maxDate) : ""];
  const d = o.diff;
  const counts = d ? [d.rowsBefore, d.rowsAfter, d.added, d.removed, d.changed] : ["", "", "", "", ""];
  const totals = d?.totals.length ? d.totals : [undefined];
  return totals.map((t) => [...head, ...counts, t?.header ?? "", t?.before ?? "", t?.after ?? "", t?.delta ?? "", ...asOf, notes].map(text));
}

/** The report's rows (pure, so a test or a command-line refresh can read them too). */
export function reportRows(s: RefreshSummary, lang: Lang): CellValue[][] {
  const width = T.tables.length;
  const pad = (r: CellValue[]) => [...r, ...new Array<CellValue>(width - r.length).fill("")];
  const rows: CellValue[][] = [pad([text(`${T.title[lang]} · ${s.finishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`)])];
  rows.push(pad([]), (lang === "id" ? T.tables : T.tablesEn).map(text));
  for (const o of s.tables) rows.push(...tableLines(o, lang));
  rows.push(pad([]), pad((lang === "id" ? T.formulas : T.formulasEn).map(text)));
  for (const c of s.formulas.changes) rows.push(pad([c.address, c.formula, c.before, c.after].map(text)));
  for (const p of s.registryProblems) {
    const what = lang === "id" ? `Baris ${p.row} register tabel OMSPAN tidak terbaca dan dilewati: ${p.reason}` : `Row ${p.row} of the OMSPAN table registry could not be read and was skipped: ${p.reason}`;
    rows.push(pad([]), pad([text(what)]));
  }
  return rows;
}

/** Rewrites the report sheet (visible; created when absent). */
export async function writeChangeReport(context: Excel.RequestContext, s: RefreshSummary, lang: Lang): Promise<string> {
  const rows = reportRows(s, lang);
  let sheet = context.workbook.worksheets.getItemOrNullObject(REPORT_SHEET);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) sheet = context.workbook.worksheets.add(REPORT_SHEET);
  const used = sheet.getUsedRangeOrNullObject();
  used.load("isNullObject");
  await context.sync();
  if (!used.isNullObject) used.clear();
  const STEP = 5000;
  for (let from = 0; from < rows.length; from += STEP) {
    const part = rows.slice(from, from + STEP);
    sheet.getRangeByIndexes(from, 0, part.length, part[0]!.length).values = part;
    await context.sync();
  }
  return REPORT_SHEET;
}
