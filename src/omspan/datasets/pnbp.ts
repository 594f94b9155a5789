import { amount, code, date, optional, rawSchema } from "./columns";
import type { z } from "zod";

/**
 * Detail PNBP. Its fields were lost in the spec's OCR: this is the documented proposal (omspan-api.md),
 * with everything but the satker, akun, date and amount tolerated as absent.
 */
export const PNBP_COLUMNS = {
  KDSATKER: code("Kode satker", "Work unit code", 6),
  KPPN: optional(code("KPPN", "Treasury office", 3)),
  BA: optional(code("Bagian anggaran", "Budget section", 3)),
  BAES1: optional(code("Eselon I", "Echelon I unit", 5)),
  AKUN: code("Akun", "Account", 6),
  TANGGAL: date("Tanggal setor", "Deposit date"),
  NTPN: optional(code("NTPN", "Receipt number (NTPN)")),
  KODE_BILLING: optional(code("Kode billing", "Billing code")),
  AMOUNT: amount("Jumlah", "Amount"),
} as const;

export const PnbpRow = rawSchema(PNBP_COLUMNS);
export type PnbpRow = z.infer<typeof PnbpRow>;
