/**
 * The `Siap Rapat` sheet as rows (pure: the Excel writer lays them out; a test reads them): a title with
 * when and against what the workbook was checked, the counts, then per check its status and title, and
 * under it each finding with its severity, message and links to the cells it concerns
 * (`=HYPERLINK("#'Laporan'!B12";…)` in Excel's invariant form). Every text goes through the formula
 * guard: a message is never read as a formula.
 */
import { formatAsOfTime } from "../store/as-of";
import type { Lang } from "../i18n";
import { cellText } from "../tables";
import type { CellRef } from "./model";
import type { CheckReport, CheckStatus } from "./types";

/** A cell of the sheet: a value, or a formula (`=HYPERLINK(…)`). */
export type SheetRowCell = string | number | { readonly formula: string };

export const LINKS_PER_ROW = 6;
export const SHEET_COLUMNS = 3 + LINKS_PER_ROW;

const STATUS: Readonly<Record<Lang, Readonly<Record<CheckStatus, string>>>> = {
  id: { ok: "OK", stop: "BERHENTI", warn: "PERINGATAN", info: "INFO", skipped: "DILEWATI" },
  en: { ok: "OK", stop: "STOP", warn: "WARN", info: "INFO", skipped: "SKIPPED" },
};

export const statusWord = (s: CheckStatus, lang: Lang) => STATUS[lang][s];

const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** `'Sheet name'!B12` — quoted as Excel writes a reference to a sheet. */
export function sheetRef(c: CellRef): string {
  return `'${c.sheet.replace(/'/g, "''")}'!${c.address}`;
}

/** A link to a cell of this workbook. */
export function cellLink(c: CellRef): SheetRowCell {
  const shown = `${c.sheet}!${c.address}`.slice(0, 250);
  return { formula: `=HYPERLINK(${literal(`#${sheetRef(c)}`)},${literal(shown)})` };
}

export function siapRapatRows(report: CheckReport, lang: Lang): SheetRowCell[][] {
  const t = (en: string, id: string) => cellText(lang === "id" ? id : en);
  const pad = (r: SheetRowCell[]) => [...r, ...new Array<SheetRowCell>(Math.max(0, SHEET_COLUMNS - r.length)).fill("")];
  const { stop, warn, info } = report.counts;
  const rows: SheetRowCell[][] = [
    pad([t(`Siap Rapat · checked ${formatAsOfTime(report.checkedAt)} against ${report.basis.en}`, `Siap Rapat · diperiksa ${formatAsOfTime(report.checkedAt)} terhadap ${report.basis.id}`)]),
    pad([
      stop
        ? t(`${stop} finding(s) at STOP: do not present before they are resolved`, `${stop} temuan BERHENTI: jangan disajikan sebelum diselesaikan`)
        : t("Nothing at STOP: ready for the meeting", "Tidak ada yang BERHENTI: siap untuk rapat"),
      t(`stop ${stop} · warn ${warn} · info ${info}`, `berhenti ${stop} · peringatan ${warn} · info ${info}`),
    ]),
    pad([]),
    pad([t("Status", "Status"), t("Check", "Pemeriksaan"), t("Finding", "Temuan"), t("Cells", "Sel")]),
  ];
  for (const o of report.outcomes) {
    const note = o.note ? cellText(o.note[lang]) : "";
    rows.push(pad([statusWord(o.status, lang), cellText(o.title[lang]), note]));
    for (const f of o.findings) {
      const links = f.cells.slice(0, LINKS_PER_ROW).map(cellLink);
      const more = f.cells.length - links.length + (f.more ?? 0);
      const message = more > 0 ? `${f.message[lang]} (${lang === "id" ? `dan ${more} sel lagi` : `and ${more} more cell(s)`})` : f.message[lang];
      rows.push(pad([statusWord(f.severity, lang), "", cellText(message), ...links]));
    }
  }
  return rows;
}
