/**
 * The change report (`Perubahan`) as rows, the same for every workbook: per table its status, rows
 * before / after / added / removed / changed and the change of each amount total, its as-of and notes;
 * per OMSPAN formula cell, old → new where it differs; the formulas that could not be computed; the
 * datasets kept from an earlier pull because OMSPAN could not be reached (and from when); registry rows
 * that could not be read. Every text goes through the formula guard (formulas are shown as text, never
 * re-entered). An adapter writes the rows into the sheet carrying the add-in's mark: a hidden
 * sheet-scoped name (`OMSPAN_CHANGE_REPORT`, which follows the sheet through renames and is kept in
 * the file); a user's own sheet called "Perubahan" is never cleared — the report takes the next free name.
 */
import { cellText, type CellValue } from "../tables";
import { formatDay } from "../convert";
import { formatAsOfTime } from "../store/as-of";
import type { Lang } from "../i18n";
import type { KeptAnswer, RefreshSummary, TableOutcome } from "./outcome";

export const REPORT_SHEET = "Perubahan";
/** The mark of the add-in's report sheet: a hidden name scoped to that sheet. */
export const REPORT_MARK = "OMSPAN_CHANGE_REPORT";

const T = {
  title: { id: "Perubahan data OMSPAN", en: "OMSPAN data changes" },
  tables: ["Tabel", "Lembar", "Status", "Baris sebelum", "Baris sesudah", "Ditambah", "Dihapus", "Berubah", "Kolom jumlah", "Total sebelum", "Total sesudah", "Selisih", "Ditarik", "Data s.d.", "Catatan"],
  tablesEn: ["Table", "Sheet", "Status", "Rows before", "Rows after", "Added", "Removed", "Changed", "Amount column", "Total before", "Total after", "Change", "Pulled", "Data up to", "Notes"],
  formulas: ["Sel", "Rumus", "Sebelum", "Sesudah"],
  formulasEn: ["Cell", "Formula", "Before", "After"],
  notComputed: { id: ["Rumus yang tidak dihitung (nilainya dibiarkan)", "Rumus", "Alasan"], en: ["Formulas not computed (their values were left as they were)", "Formula", "Why"] },
  kept: { id: ["Data lama: OMSPAN tidak dapat dihubungi", "Ditarik", "Data s.d."], en: ["Stale data: OMSPAN could not be reached", "Pulled", "Data up to"] },
  status: {
    id: { refreshed: "diperbarui", failed: "gagal (tabel tidak diubah)", deleted: "terhapus", skipped: "dilewati (tabel tidak diubah)" },
    en: { refreshed: "refreshed", failed: "failed (table unchanged)", deleted: "deleted", skipped: "skipped (table unchanged)" },
  },
  failedChanged: { id: "gagal (tabel sudah berubah: segarkan lagi)", en: "failed (the table changed: refresh again)" },
  keptStale: { id: "dipertahankan (data lama)", en: "kept (stale)" },
} as const;

const text = (v: unknown): CellValue => (typeof v === "number" ? v : cellText(v === undefined || v === null ? "" : String(v)));
const utc = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

function tableLines(o: TableOutcome, lang: Lang): CellValue[][] {
  const notes = [...o.notes.map((n) => n[lang]), ...(o.error ? [o.error] : [])].join("; ");
  const status = o.status === "failed" && o.changed ? T.failedChanged[lang] : o.reason === "stale" ? T.keptStale[lang] : T.status[lang][o.status];
  const head = [o.table, o.sheet ?? "", status];
  const asOf = [o.asOf ? utc(o.asOf.fetchedAt) : "", o.asOf?.maxDate !== undefined ? formatDay(o.asOf.maxDate) : ""];
  const d = o.diff;
  const counts = d ? [d.rowsBefore, d.rowsAfter, d.added, d.removed, d.changed] : ["", "", "", "", ""];
  const totals = d?.totals.length ? d.totals : [undefined];
  return totals.map((t) => [...head, ...counts, t?.header ?? "", t?.before ?? "", t?.after ?? "", t?.delta ?? "", ...asOf, notes].map(text));
}

/** "realisasi dari 2026-12-02 16:04 UTC; dipa dari …": which datasets were kept from which time. */
export function keptLine(kept: readonly KeptAnswer[], lang: Lang): string {
  const from = lang === "id" ? "dari" : "from";
  return kept.map((k) => `${k.dataset} ${from} ${utc(k.fetchedAt)} UTC`).join("; ");
}

/** The warning a refresh that used stale data carries (the pane, the ribbon's log, the CLI's line). */
export function keptWarning(kept: readonly KeptAnswer[], lang: Lang): string {
  return lang === "id"
    ? `OMSPAN tidak dapat dihubungi — data lama dipakai: ${keptLine(kept, lang)} (ditampilkan ${kept.map((k) => formatAsOfTime(k.fetchedAt)).join(", ")} waktu komputer ini)`
    : `OMSPAN could not be reached — stale data kept: ${keptLine(kept, lang)} (${kept.map((k) => formatAsOfTime(k.fetchedAt)).join(", ")} this computer's time)`;
}

/** The report's rows (pure, so a test, the pane or a command-line refresh can read them too). */
export function reportRows(s: RefreshSummary, lang: Lang): CellValue[][] {
  const width = T.tables.length;
  const pad = (r: CellValue[]) => [...r, ...new Array<CellValue>(width - r.length).fill("")];
  const stale = s.stale?.length ? ` · ${lang === "id" ? "LAMA" : "STALE"}: ${keptLine(s.stale, lang)}` : "";
  const rows: CellValue[][] = [pad([text(`${T.title[lang]} · ${utc(s.finishedAt)} UTC${stale}`)])];
  rows.push(pad([]), (lang === "id" ? T.tables : T.tablesEn).map(text));
  for (const o of s.tables) rows.push(...tableLines(o, lang));
  rows.push(pad([]), pad((lang === "id" ? T.formulas : T.formulasEn).map(text)));
  for (const c of s.formulas.changes) rows.push(pad([c.address, c.formula, c.before, c.after].map(text)));
  if (s.formulas.notComputed?.length) {
    rows.push(pad([]), pad(T.notComputed[lang].map(text)));
    for (const n of s.formulas.notComputed) rows.push(pad([n.address, n.formula, n.reason[lang]].map(text)));
  }
  if (s.stale?.length) {
    rows.push(pad([]), pad(T.kept[lang].map(text)));
    for (const k of s.stale) rows.push(pad([k.dataset, `${utc(k.fetchedAt)} UTC`, k.maxDate !== undefined ? formatDay(k.maxDate) : ""].map(text)));
  }
  for (const p of s.registryProblems) {
    const what = lang === "id" ? `Baris ${p.row} register tabel OMSPAN tidak terbaca dan dilewati: ${p.reason}` : `Row ${p.row} of the OMSPAN table registry could not be read and was skipped: ${p.reason}`;
    rows.push(pad([]), pad([text(what)]));
  }
  return rows;
}
