/**
 * How a report sheet the add-in built is recognised: a hidden name scoped to the sheet,
 * `OMSPAN_REPORT`, holding the template's id as a text constant (`="realisasi-bulanan"`). Both report
 * writers add it — src/excel/report-writer.ts (Worksheet.names) and src/xlsx/report/report-file.ts (a
 * sheet-scoped, hidden definedName) — and, like the change report's mark, it follows the sheet through
 * renames and is kept in the file. Everything else a check needs is the report's own cells: the scope
 * the formulas read (B4, and B5 where there is a filter), the month in its OMSPAN calls.
 */
import { TEMPLATE_IDS, type TemplateId } from "../templates";

export const REPORT_TEMPLATE_MARK = "OMSPAN_REPORT";

/** The name's formula for a template: a text constant. */
export function reportMarkFormula(template: TemplateId): string {
  return `="${template}"`;
}

/** The template a mark's formula names; undefined for anything else (a user's own name of that spelling). */
export function parseReportMark(formula: unknown): TemplateId | undefined {
  if (typeof formula !== "string") return undefined;
  const m = /^=?"([a-z-]+)"$/.exec(formula.trim());
  const id = m?.[1];
  return id && (TEMPLATE_IDS as readonly string[]).includes(id) ? (id as TemplateId) : undefined;
}

/**
 * The marks of the add-in's own sheets (hidden sheet-scoped names). The change report's is the refresh's
 * (`OMSPAN_CHANGE_REPORT`, src/excel/change-report.ts); the other two are Siap Rapat's: its result sheet
 * and each presented copy.
 */
export const OWN_SHEET_MARKS = {
  OMSPAN_CHANGE_REPORT: "change-report",
  OMSPAN_SIAP_RAPAT: "siap-rapat",
  OMSPAN_PRESENTED: "presented",
} as const;
export const SIAP_RAPAT_MARK = "OMSPAN_SIAP_RAPAT";
export const PRESENTED_MARK = "OMSPAN_PRESENTED";

/** The add-in's very hidden sheets, by name (the registry and the staging sheet). */
export const OWN_SHEET_NAMES: Readonly<Record<string, "registry" | "staging">> = { omspan_tables: "registry", omspan_staging: "staging" };
