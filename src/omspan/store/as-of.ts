/**
 * What an answer is as of: when its data was pulled from OMSPAN, OMSPAN's own cut-off, and — since
 * answers can come from a snapshot kept on this computer — where it came from and whether it stands in
 * for a pull that failed (stale). In memory the times are Dates (`AsOf`); where an as-of crosses a
 * boundary (a workbook, a file, the pane's settings) it travels as `AsOfJson`, with ISO strings.
 *
 * The four states a cell can tell apart (`=OMSPAN.ASOF(dataset; "status")`):
 *  - fresh     pulled from OMSPAN (or the proxy's current generation) since this runtime started;
 *  - snapshot  opened from the newest snapshot without pulling (a workbook opening: "open without waiting");
 *  - stale     a pull failed (unreachable, timeout, 5xx, unreadable answer) and an older copy answered —
 *              a snapshot on this computer, or the proxy's own last good generation;
 *  - frozen    the workbook is frozen and answers from its pinned snapshot.
 */
import { z } from "zod";

/** Failures that may be answered from an older copy: OMSPAN or the proxy could not give a good answer. */
export const STALE_REASONS = ["unreachable", "timeout", "http-status", "bad-response", "proxy-stale"] as const;

/** Why an answer is stale: the failed pull's error code, or `proxy-stale` (the proxy served its old generation). */
export const StaleMark = z.object({
  reason: z.enum(STALE_REASONS),
  /** When the failed pull was tried. */
  at: z.date(),
});
export type StaleMark = z.infer<typeof StaleMark>;

/** Where an answer came from. Absent means a pull. */
export const AnswerSource = z.enum(["pull", "snapshot", "pin"]);
export type AnswerSource = z.infer<typeof AnswerSource>;

export const AsOf = z.object({
  /** When the data was pulled from OMSPAN: the pull's end, the proxy's `OMSPAN-As-Of`, or the snapshot's. */
  fetchedAt: z.date(),
  /** OMSPAN's data cut-off (MAXDATE) as a day number, where the dataset carries one. */
  maxDate: z.number().int().optional(),
  /** The snapshot this answer was kept as, or read from (what a freeze pins). */
  snapshotId: z.string().optional(),
  source: AnswerSource.optional(),
  /** Set when the answer stands in for a pull that failed. */
  stale: StaleMark.optional(),
});
export type AsOf = z.infer<typeof AsOf>;

/** The as-of as JSON (a workbook's registry, a file): times as ISO-8601 UTC strings. */
export const AsOfJson = z.object({
  fetchedAt: z.iso.datetime(),
  maxDate: z.number().int().optional(),
  snapshotId: z.string().optional(),
  source: AnswerSource.optional(),
  stale: z.object({ reason: z.enum(STALE_REASONS), at: z.iso.datetime() }).optional(),
});
export type AsOfJson = z.infer<typeof AsOfJson>;

export function asOfToJson(a: AsOf): AsOfJson {
  return {
    fetchedAt: a.fetchedAt.toISOString(),
    ...(a.maxDate !== undefined ? { maxDate: a.maxDate } : {}),
    ...(a.snapshotId ? { snapshotId: a.snapshotId } : {}),
    ...(a.source ? { source: a.source } : {}),
    ...(a.stale ? { stale: { reason: a.stale.reason, at: a.stale.at.toISOString() } } : {}),
  };
}

export function asOfFromJson(j: AsOfJson): AsOf {
  return {
    fetchedAt: new Date(j.fetchedAt),
    ...(j.maxDate !== undefined ? { maxDate: j.maxDate } : {}),
    ...(j.snapshotId ? { snapshotId: j.snapshotId } : {}),
    ...(j.source ? { source: j.source } : {}),
    ...(j.stale ? { stale: { reason: j.stale.reason, at: new Date(j.stale.at) } } : {}),
  };
}

export type AnswerStatus = "fresh" | "snapshot" | "stale" | "frozen";

/** The one reading of an as-of's state (see the file comment); a pinned answer is frozen, never stale. */
export function asOfStatus(a: AsOf): AnswerStatus {
  if (a.source === "pin") return "frozen";
  if (a.stale) return "stale";
  return a.source === "snapshot" ? "snapshot" : "fresh";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-12-02 16:04` in this computer's time zone: how the pane and cell messages name an as-of. */
export function formatAsOfTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
