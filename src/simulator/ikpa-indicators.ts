/**
 * The 13 IKPA indicators, their wire keys, and the weights the synthetic treasury uses per year and period.
 * Wire order follows the spec's samples: values first (IK_…), then weights (BBT_IND_…), each in its own order.
 */

/** Short ids of the indicators. */
export const INDICATOR_IDS = [
  "dis_spm", "up", "kontrak", "spm", "retur", "hal3", "revisi", "tagihan", "lpj", "realisasi", "renkas",
  "pagu_minus", "output",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** Value key per indicator, in the samples' IK_ order (which is INDICATOR_IDS order). */
export const IK_KEY: Readonly<Record<IndicatorId, string>> = {
  dis_spm: "IK_DISPENSASI_SPM", up: "IK_UP", kontrak: "IK_DATA_KONTRAK", spm: "IK_KESALAHAN_SPM",
  retur: "IK_RETUR", hal3: "IK_HAL3_DIPA", revisi: "IK_REVISI_DIPA", tagihan: "IK_KEMAJUAN_TAGIHAN",
  lpj: "IK_REKON_LPJ", realisasi: "IK_REALISASI", renkas: "IK_RENKAS", pagu_minus: "IK_PAGU_MINUS",
  output: "IK_CAPAIAN_OUTPUT",
};

/** Weight keys in the samples' BBT_ order. */
export const BBT_ORDER: ReadonlyArray<readonly [IndicatorId, string]> = [
  ["up", "BBT_IND_UP"], ["kontrak", "BBT_IND_KONTRAK"], ["spm", "BBT_IND_SPM_SLH"], ["retur", "BBT_IND_RETUR"],
  ["hal3", "BBT_IND_HAL3_DIPA"], ["revisi", "BBT_IND_REV_DIPA"], ["tagihan", "BBT_IND_KMJ_TAGIHAN"],
  ["lpj", "BBT_IND_REKON_LPJ"], ["renkas", "BBT_IND_RENKAS"], ["realisasi", "BBT_IND_REALISASI"],
  ["output", "BBT_IND_CAP_OUTPUT"], ["pagu_minus", "BBT_IND_PAGU_MINUS"], ["dis_spm", "BBT_IND_DIS_SPM"],
];

/** The extra field carrying the record's own total (an unknown-to-the-spec field, as real records have). */
export const TOTAL_KEY = "NILAI_IKPA";

/** Values in hundredths (9980 = "99.80") and integer weights, per indicator. */
export type Scores = Record<IndicatorId, number>;

/**
 * The period's base weights. Up to 2020 the old 12-indicator scheme (sum 85, as the spec's samples show);
 * 2021 adds tagihan and output; from 2022 the 7-indicator scheme with the rest at weight 0. Capaian output
 * is reported from March, so periods 01–02 score it 0 — weights change by period, as the spec warns.
 */
export function baseWeights(year: number, period: number): Scores {
  const output = period >= 3;
  if (year >= 2022) {
    return { dis_spm: 0, up: 10, kontrak: 10, spm: 0, retur: 0, hal3: 15, revisi: 10, tagihan: 10, lpj: 0,
      realisasi: 20, renkas: 0, pagu_minus: 0, output: output ? 25 : 0 };
  }
  const y2021 = year === 2021;
  return { dis_spm: 4, up: 10, kontrak: 15, spm: 6, retur: 6, hal3: 5, revisi: 5, tagihan: y2021 ? 5 : 0, lpj: 5,
    realisasi: 20, renkas: 5, pagu_minus: 4, output: y2021 && output ? 10 : 0 };
}

/** Σ(IK × BBT) / Σ BBT over weights above zero, in hundredths, rounded half up; 0 when nothing is scored. */
export function weightedTotal(values: Scores, weights: Scores): number {
  let num = 0;
  let den = 0;
  for (const id of INDICATOR_IDS) {
    if (weights[id] > 0) {
      num += values[id] * weights[id];
      den += weights[id];
    }
  }
  return den > 0 ? Math.round(num / den) : 0;
}

/** Hundredths as the wire prints them: 9980 → "99.80". */
export function formatHundredths(h: number): string {
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, "0")}`;
}
