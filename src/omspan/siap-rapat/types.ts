/**
 * What Siap Rapat answers: per check, its status and findings. A finding has the check's id, a severity
 * (stop: do not present this; warn: present, but know why; info: for the record), a message in
 * Indonesian and English, and the cells it concerns. The options (thresholds a ministry may set) are a
 * zod schema, so the pane, the CLI and the tests give them the same way.
 */
import { z } from "zod";
import type { Label } from "../datasets/columns";
import type { CellRef } from "./model";

export const CHECK_IDS = [
  "freshness.generation",
  "freshness.spread",
  "freshness.cutoff",
  "freshness.cutoff-age",
  "freshness.stale",
  "errors.omspan",
  "errors.dependent",
  "errors.ref",
  "ties.totals",
  "ties.months",
  "ties.reports",
  "domain.overspent",
  "domain.negative",
  "domain.kurva-s",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type Severity = "stop" | "warn" | "info";
/** A check's status: ok, the worst severity among its findings, or skipped (with why). */
export type CheckStatus = "ok" | Severity | "skipped";

export interface Finding {
  readonly check: CheckId;
  readonly severity: Severity;
  readonly message: Label;
  /** The cells it concerns (at most `maxCells`; `more` says how many were left out). */
  readonly cells: readonly CellRef[];
  readonly more?: number;
}

export interface CheckOutcome {
  readonly id: CheckId;
  readonly title: Label;
  readonly status: CheckStatus;
  readonly findings: readonly Finding[];
  /** Why a check was skipped (no report of that kind, data that could not be had). */
  readonly note?: Label;
  /** How many figures, cells or as-of marks it examined. */
  readonly examined: number;
}

export interface CheckReport {
  readonly checkedAt: Date;
  readonly outcomes: readonly CheckOutcome[];
  readonly counts: { readonly stop: number; readonly warn: number; readonly info: number };
  /** What the figures were compared against: the data behind the cells, or a pull made for the check. */
  readonly basis: Label;
}

export const CheckOptions = z.object({
  /** The moment of the check (the cut-off's age counts working days to it). */
  now: z.date().optional(),
  /** As-of times of tables and formulas further apart than this are flagged (minutes). */
  maxSpreadMinutes: z.number().min(0).max(24 * 60).default(10),
  /** OMSPAN's cut-off older than this many working days before today is flagged. */
  maxCutoffAgeWorkingDays: z.number().int().min(0).max(260).default(2),
  /** Non-working days besides Saturday and Sunday (yyyy-mm-dd): the ministry's holidays. */
  holidays: z.array(z.iso.date()).max(400).default([]),
  /** Kurva S: a deviation from plan beyond this (a fraction: 0.05 = 5 points) is flagged. */
  kurvaSThreshold: z.number().min(0).max(1).default(0.05),
  /** Rupiah a total may differ by before it no longer ties (sums of whole rupiah in floating point). */
  tolerance: z.number().min(0).default(0.5),
  /** Cells listed per finding. */
  maxCells: z.number().int().min(1).max(10_000).default(50),
});
export type CheckOptions = z.output<typeof CheckOptions>;
export type CheckOptionsInput = z.input<typeof CheckOptions>;

/** Two-language text. */
export const label = (en: string, id: string): Label => ({ en, id });
