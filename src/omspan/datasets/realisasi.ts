import { amount, code, date, number, rawSchema, SEGMENTS } from "./columns";
import type { z } from "zod";

/** Realisasi Belanja: one row per payment (SP2D) line; paged by row window. */
export const REALISASI_COLUMNS = {
  ROWNUM: number("No. baris", "Row number"),
  ...SEGMENTS,
  CARA_TARIK: code("Cara tarik", "Drawing method", 1),
  KDREGISTER: code("Register", "Register", 8),
  LOKASI: code("Lokasi", "Location", 4),
  BUDGET_TYPE: code("Jenis anggaran", "Budget type", 1),
  TANGGAL: date("Tanggal SP2D", "Payment date"),
  MAXDATE: date("Data per", "Data as of"),
  AMOUNT: amount("Realisasi", "Realisation"),
} as const;

export const RealisasiRow = rawSchema(REALISASI_COLUMNS);
export type RealisasiRow = z.infer<typeof RealisasiRow>;
