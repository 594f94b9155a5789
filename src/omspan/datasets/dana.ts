import { amount, code, rawSchema } from "./columns";
import type { z } from "zod";

/**
 * Ketersediaan dana (DataFA): raw SPAN segments. `SATKER` (not KDSATKER); OUTPUT is kegiatan + output
 * (7); DANA is sumber dana + cara tarik + register (9 or 10 characters: width left open).
 * BALANCING_AMT = DIPA − KONTRAK − BLOKIR − ACTUAL_AMT; negative = pagu minus.
 */
export const DANA_COLUMNS = {
  SATKER: code("Kode satker", "Work unit code", 6),
  KPPN: code("KPPN", "Treasury office", 3),
  AKUN: code("Akun", "Account", 6),
  PROGRAM: code("Program", "Programme", 7),
  OUTPUT: code("Kegiatan/output", "Activity/output", 7),
  DANA: code("Dana", "Fund segment"),
  KEWENANGAN: code("Kewenangan", "Authority", 1),
  LOKASI: code("Lokasi", "Location", 4),
  BUDGET_TYPE: code("Jenis anggaran", "Budget type", 1),
  DIPA: amount("Pagu DIPA", "DIPA ceiling"),
  KONTRAK: amount("Kontrak", "Committed"),
  BLOKIR: amount("Blokir", "Blocked"),
  ACTUAL_AMT: amount("Realisasi", "Realisation"),
  BALANCING_AMT: amount("Sisa dana", "Funds available"),
} as const;

export const DanaRow = rawSchema(DANA_COLUMNS);
export type DanaRow = z.infer<typeof DanaRow>;
