/**
 * What a report is asked with (validated with zod: the pane, the tests and a later CLI builder send the
 * same request) and what a template is: data about which formulas go where, built from the tables that
 * tell it which rows exist (DIPA lines, DataFA lines, IKPA records).
 */
import { z } from "zod";
import type { Label } from "../datasets/columns";
import type { DatasetId } from "../routes";
import type { Table } from "../columnar/table";
import type { ReportGrid } from "./grid";
import { ReportScope } from "./scope";

export const TEMPLATE_IDS = ["realisasi-bulanan", "ringkasan-satker", "kurva-s", "sisa-dana", "peringkat-ikpa"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const ReportRequest = z.object({
  template: z.enum(TEMPLATE_IDS),
  scope: ReportScope,
  /** The month realisation is reported through (1–12); IKPA's period. */
  month: z.number().int().min(1).max(12),
  year: z.number().int().min(2000).max(2100),
  lang: z.enum(["id", "en"]),
});
export type ReportRequest = z.infer<typeof ReportRequest>;

/** The tables a template reads to know its rows (never its numbers: those are live formulas). */
export type TemplateData = Partial<Record<DatasetId, Table>> & { readonly dipa: Table };

export interface ReportTemplate {
  readonly id: TemplateId;
  readonly label: Label;
  /** One line for the pane. */
  readonly description: Label;
  /** Datasets whose rows the layout needs, besides DIPA (the scope comes from it). */
  readonly needs: readonly DatasetId[];
  build(request: ReportRequest, data: TemplateData): ReportGrid;
}
