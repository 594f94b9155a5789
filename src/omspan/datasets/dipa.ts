import { amount, code, rawSchema, SEGMENTS } from "./columns";
import type { z } from "zod";

/** DIPA Belanja: budget lines (pagu), one per satker × segment combination. */
export const DIPA_COLUMNS = {
  ...SEGMENTS,
  LOKASI: code("Lokasi", "Location", 4),
  BUDGET_TYPE: code("Jenis anggaran", "Budget type", 1),
  AMOUNT: amount("Pagu", "Budget ceiling"),
} as const;

export const DipaRow = rawSchema(DIPA_COLUMNS);
export type DipaRow = z.infer<typeof DipaRow>;
