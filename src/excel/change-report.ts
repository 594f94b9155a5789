/**
 * The change report sheet (`Perubahan`): per table, rows before / after / added / removed / changed and
 * the change of each amount total, its as-of and notes; per OMSPAN formula cell, old → new where it
 * differs. Rewritten by every refresh; every text goes through the formula guard (formulas are shown
 * as text, never re-entered).
 *
 * The add-in writes only into a sheet it made: one carrying its mark, a hidden sheet-scoped name
 * (`OMSPAN_CHANGE_REPORT`, which follows the sheet through renames and is kept in the file). A user's own
 * sheet called "Perubahan" is never cleared: the report then takes the next free name.
 */
import { cellText, type CellValue } from "../omspan/tables";
import { formatDay } from "../omspan/convert";
import type { Lang } from "../omspan/i18n";
import type { RefreshSummary, TableOutcome } from "./table-outcome";
import { uniqueSheetName } from "./sheet-name";

export const REPORT_SHEET = "Perubahan";
/** The mark of the add-in's report sheet: a hidden name scoped to that sheet. */
export const REPORT_MARK = "OMSPAN_CHANGE_REPORT";

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
  failedChanged: { id: "gagal (tabel sudah berubah: segarkan lagi)", en: "failed (the table changed: refresh again)" },
} as const;

const text = (v: unknown): CellValue => (typeof v === "number" ? v : cellText(v === undefined || v === null ? "" : String(v)));

function tableLines(o: TableOutcome, lang: Lang): CellValue[][] {
  const notes = [...o.notes.map((n) => n[lang]), ...(o.error ? [o.error] : [])].join("; ");
  const head = [o.table, o.sheet ?? "", o.status === "failed" && o.changed ? T.failedChanged[lang] : T.status[lang][o.status]];
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

/** The add-in's report sheet: the one carrying its mark, or a new one under a free name. */
async function reportSheet(context: Excel.RequestContext): Promise<{ sheet: Excel.Worksheet; name: string; fresh: boolean }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const marks = sheets.items.map((sheet) => {
    const mark = sheet.names.getItemOrNullObject(REPORT_MARK);
    mark.load("isNullObject");
    return { sheet, mark };
  });
  await context.sync();
  const ours = marks.find((m) => !m.mark.isNullObject);
  if (ours) return { sheet: ours.sheet, name: ours.sheet.name, fresh: false };
  const name = uniqueSheetName(REPORT_SHEET, sheets.items.map((s) => s.name));
  const sheet = sheets.add(name);
  const mark = sheet.names.add(REPORT_MARK, "=TRUE", "OMSPAN for Excel: the change report of Refresh");
  mark.visible = false;
  return { sheet, name, fresh: true };
}

/** Rewrites the report sheet (visible; made, with its mark, when there is none); answers its name. */
export async function writeChangeReport(context: Excel.RequestContext, s: RefreshSummary, lang: Lang): Promise<string> {
  const rows = reportRows(s, lang);
  const { sheet, name, fresh } = await reportSheet(context);
  if (!fresh) {
    const used = sheet.getUsedRangeOrNullObject();
    used.load("isNullObject");
    await context.sync();
    if (!used.isNullObject) used.clear();
  }
  const STEP = 5000;
  for (let from = 0; from < rows.length; from += STEP) {
    const part = rows.slice(from, from + STEP);
    sheet.getRangeByIndexes(from, 0, part.length, part[0]!.length).values = part;
    await context.sync();
  }
  return name;
}
