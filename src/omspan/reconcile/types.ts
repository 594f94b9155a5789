/**
 * The shapes the reconciliation speaks: a ledger row as read from the satker's own books, an OMSPAN
 * Realisasi row as the matcher sees it, and a row the reader could not take, named with why.
 */
import { z } from "zod";

const Code6 = z.string().regex(/^\d{6}$/);

/** One transaction of the satker's books. `row` is where it stands in the source (sheet row or CSV line). */
export const LedgerRow = z.object({
  row: z.number().int(),
  /** Absent when the ledger has no satker column: the books are the reconciled satker's. */
  satker: Code6.optional(),
  akun: Code6,
  /** Days since 1970-01-01 (UTC calendar day). */
  day: z.number().int(),
  /** Rupiah; negative for a correction. */
  amount: z.number(),
  reference: z.string(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

/** One Realisasi (SP2D) line of OMSPAN. */
export const OmspanRow = z.object({
  rownum: z.number(),
  satker: Code6,
  akun: Code6,
  day: z.number().int(),
  amount: z.number(),
  register: z.string(),
});
export type OmspanRow = z.infer<typeof OmspanRow>;

/** A ledger row that could not be read: its place, why (both languages), and what its cells held. */
export const BadRow = z.object({
  row: z.number().int(),
  why: z.object({ en: z.string(), id: z.string() }),
  cells: z.array(z.string()),
});
export type BadRow = z.infer<typeof BadRow>;
