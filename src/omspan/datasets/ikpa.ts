/**
 * Capaian IK (IKPA) at three levels. Each record carries its own indicator values and weights: weights
 * change by year and by period, and 0 means "not scored", so they are always read from the record.
 */
import { code, name, optional, percent, rawSchema, weight, type ColumnModel, type Label } from "./columns";
import type { z } from "zod";

/** The 13 indicators: value key, weight key, labels. */
export const IKPA_INDICATORS = [
  { ik: "IK_REALISASI", bbt: "BBT_IND_REALISASI", label: { id: "Penyerapan anggaran", en: "Budget absorption" } },
  { ik: "IK_DATA_KONTRAK", bbt: "BBT_IND_KONTRAK", label: { id: "Data kontrak", en: "Contract data" } },
  { ik: "IK_KEMAJUAN_TAGIHAN", bbt: "BBT_IND_KMJ_TAGIHAN", label: { id: "Penyelesaian tagihan", en: "Bill settlement" } },
  { ik: "IK_CAPAIAN_OUTPUT", bbt: "BBT_IND_CAP_OUTPUT", label: { id: "Capaian output", en: "Output achievement" } },
  { ik: "IK_UP", bbt: "BBT_IND_UP", label: { id: "Pengelolaan UP/TUP", en: "Petty cash (UP/TUP)" } },
  { ik: "IK_REVISI_DIPA", bbt: "BBT_IND_REV_DIPA", label: { id: "Revisi DIPA", en: "DIPA revisions" } },
  { ik: "IK_HAL3_DIPA", bbt: "BBT_IND_HAL3_DIPA", label: { id: "Deviasi halaman III DIPA", en: "DIPA page III deviation" } },
  { ik: "IK_REKON_LPJ", bbt: "BBT_IND_REKON_LPJ", label: { id: "LPJ bendahara", en: "Treasurer's report" } },
  { ik: "IK_RENKAS", bbt: "BBT_IND_RENKAS", label: { id: "Renkas", en: "Cash plan" } },
  { ik: "IK_KESALAHAN_SPM", bbt: "BBT_IND_SPM_SLH", label: { id: "Kesalahan SPM", en: "Payment order errors" } },
  { ik: "IK_RETUR", bbt: "BBT_IND_RETUR", label: { id: "Retur SP2D", en: "Returned payments" } },
  { ik: "IK_PAGU_MINUS", bbt: "BBT_IND_PAGU_MINUS", label: { id: "Pagu minus", en: "Overspent lines" } },
  { ik: "IK_DISPENSASI_SPM", bbt: "BBT_IND_DIS_SPM", label: { id: "Dispensasi SPM", en: "Payment order dispensations" } },
] as const satisfies readonly { ik: string; bbt: string; label: Label }[];

function indicatorColumns(): ColumnModel {
  const out: Record<string, ReturnType<typeof percent>> = {};
  for (const i of IKPA_INDICATORS) {
    // A pair missing from a record counts as "not scored" rather than a broken record.
    out[i.ik] = optional(percent(i.label.id, i.label.en));
    out[i.bbt] = optional(weight(`Bobot ${i.label.id}`, `Weight: ${i.label.en}`));
  }
  return out;
}
const INDICATORS = indicatorColumns();
const PERIODE = code("Periode", "Period", 2);

export const IKPA_KL_COLUMNS = {
  BA: code("Bagian anggaran", "Budget section", 3),
  NMBA: name("Nama", "Name"),
  PERIODE,
  ...INDICATORS,
} as const;

export const IKPA_SATKER_COLUMNS = {
  KDSATKER: code("Kode satker", "Work unit code", 6),
  NMSATKER: name("Nama satker", "Work unit"),
  KDKPPN: code("KPPN", "Treasury office", 3),
  PERIODE,
  ...INDICATORS,
} as const;

/** The spec prints the eselon I code under `BA` with 5 characters; the real key may be `BAES1`: accept both. */
export const IKPA_ESELON1_COLUMNS = {
  BAES1: optional(code("Eselon I", "Echelon I unit", 5)),
  BA: optional(code("Eselon I", "Echelon I unit", 5)),
  NMBA: name("Nama", "Name"),
  PERIODE,
  ...INDICATORS,
} as const;

export const IkpaKlRow = rawSchema(IKPA_KL_COLUMNS);
export type IkpaKlRow = z.infer<typeof IkpaKlRow>;
export const IkpaSatkerRow = rawSchema(IKPA_SATKER_COLUMNS);
export type IkpaSatkerRow = z.infer<typeof IkpaSatkerRow>;
export const IkpaEselon1Row = rawSchema(IKPA_ESELON1_COLUMNS);
export type IkpaEselon1Row = z.infer<typeof IkpaEselon1Row>;

/** The overall score Σ(IK × BBT) / Σ BBT over indicators weighted above zero; NaN when none is scored. */
export function ikpaScore(values: (ik: string) => number, weights: (bbt: string) => number): number {
  let num = 0;
  let den = 0;
  for (const i of IKPA_INDICATORS) {
    const w = weights(i.bbt);
    const v = values(i.ik);
    if (w > 0 && Number.isFinite(v)) {
      num += v * w;
      den += w;
    }
  }
  return den > 0 ? num / den : Number.NaN;
}
