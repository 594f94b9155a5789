/**
 * The report templates: one table, as data, that the pane, the tests and a later command-line builder of
 * report files all read. A template turns a request (scope, month, year, language) and the tables that say
 * which rows exist into a ReportGrid of live OMSPAN formulas.
 */
import { InvalidArgumentError } from "../errors";
import { gridCounts, type GridCounts, type ReportGrid } from "./grid";
import { KURVA_S } from "./kurva-s";
import { PERINGKAT_IKPA } from "./peringkat-ikpa";
import { REALISASI_BULANAN } from "./realisasi-bulanan";
import { REKONSILIASI } from "./rekonsiliasi";
import { RINGKASAN_SATKER } from "./ringkasan-satker";
import { SISA_DANA } from "./sisa-dana";
import { ReportRequest, type ReportTemplate, type TemplateData, type TemplateId } from "./types";

export const TEMPLATES: Readonly<Record<TemplateId, ReportTemplate>> = {
  "realisasi-bulanan": REALISASI_BULANAN,
  "ringkasan-satker": RINGKASAN_SATKER,
  "kurva-s": KURVA_S,
  "sisa-dana": SISA_DANA,
  "peringkat-ikpa": PERINGKAT_IKPA,
};

/**
 * Templates that read a ledger of the user's besides OMSPAN. Their request names the ledger rather than a
 * scope (reconcile/request.ts), so they stand beside TEMPLATES rather than in it.
 */
export const LEDGER_TEMPLATES = { rekonsiliasi: REKONSILIASI } as const;

/** The datasets a report's layout needs pulled first (DIPA always: the scope comes from it). */
export function templateNeeds(template: TemplateId): readonly ("dipa" | ReportTemplate["needs"][number])[] {
  return ["dipa", ...TEMPLATES[template].needs];
}

/** Validates a request as the pane or a file sends it; the message names the field. */
export function parseReportRequest(input: unknown): ReportRequest {
  const parsed = ReportRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "request";
    throw new InvalidArgumentError(field, { en: issue.message, id: issue.message });
  }
  return parsed.data;
}

/** Builds a report's grid, with the counts the pane previews (rows × columns, formulas). */
export function buildReport(input: unknown, data: TemplateData): { grid: ReportGrid; counts: GridCounts } {
  const request = parseReportRequest(input);
  const grid = TEMPLATES[request.template].build(request, data);
  return { grid, counts: gridCounts(grid) };
}
