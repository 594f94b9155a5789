/**
 * IKPA(kode; [indikator]; [periode]; [tingkat]): the weighted score of a satker, an eselon I unit or the
 * ministry, or one indicator's value, for a period (the latest one when left out). The score is the one
 * OMSPAN and the simulator compute: Σ IK × bobot ÷ Σ bobot over the indicators weighted above zero, with
 * the weights read from the record itself (they change by year and period).
 *
 * The level is `tingkat`, or guessed from the width of a code typed as text (6 satker, 5 eselon I,
 * 3 ministry). A code typed as a number has lost its leading zeros, so only a 6-digit number is guessed
 * (a satker); anything shorter asks for `tingkat`. An unknown unit or period is #N/A.
 */
import { IKPA_INDICATORS, ikpaScore } from "../datasets/ikpa";
import { InvalidArgumentError, NoDataError } from "../errors";
import { choiceArg, isBlank, monthArg } from "../formula-args";
import type { DatasetId } from "../routes";
import type { DatasetData } from "../store/store";
import { numberAt, textAt } from "../columnar/table";
import { memoPlans, prepareGrid } from "./grid";
import type { CellPlan, FormulaSpec } from "./types";

type Level = "satker" | "eselon1" | "kl";

const LEVELS: Readonly<Record<Level, { dataset: DatasetId; width: number; codeColumns: readonly string[] }>> = {
  satker: { dataset: "ikpa-satker", width: 6, codeColumns: ["KDSATKER"] },
  eselon1: { dataset: "ikpa-eselon1", width: 5, codeColumns: ["BAES1", "BA"] },
  kl: { dataset: "ikpa-kl", width: 3, codeColumns: ["BA"] },
};

const TINGKAT: Readonly<Record<string, Level>> = {
  satker: "satker",
  eselon1: "eselon1",
  "eselon i": "eselon1",
  es1: "eselon1",
  kl: "kl",
  kementerian: "kl",
  ministry: "kl",
};

/** Indicator words: the wire key (`IK_REALISASI`) or it without `IK_` (`REALISASI`); blank = the score. */
const INDIKATOR: Readonly<Record<string, string>> = Object.fromEntries(
  IKPA_INDICATORS.flatMap((i) => [
    [i.ik.toLowerCase(), i.ik],
    [i.ik.slice(3).toLowerCase(), i.ik],
  ]),
);

function codeAndLevel(kode: unknown, tingkat: unknown): { code: string; level: Level } {
  const level = choiceArg(tingkat, "tingkat", TINGKAT);
  if (isBlank(kode) || (typeof kode === "string" && kode.trim() === "")) {
    throw new InvalidArgumentError("kode", { en: "give a satker, eselon I or ministry code", id: "isi kode satker, eselon I atau kementerian" });
  }
  let text: string;
  if (typeof kode === "number") {
    if (!Number.isInteger(kode) || kode < 0) throw new InvalidArgumentError("kode", { en: "a code must be a whole number or text", id: "kode harus bilangan bulat atau teks" }, String(kode));
    text = String(kode);
    if (!level && text.length !== 6) {
      throw new InvalidArgumentError("kode", {
        en: `the number ${text} has lost its leading zeros: type the code as text ("0${text}") or give tingkat`,
        id: `angka ${text} kehilangan nol di depannya: ketik kode sebagai teks ("0${text}") atau isi tingkat`,
      }, text);
    }
  } else if (typeof kode === "string") {
    text = kode.trim();
  } else {
    throw new InvalidArgumentError("kode", { en: "unreadable value", id: "nilai tidak terbaca" }, String(kode));
  }
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("kode", { en: `"${text}" is not a code: digits only`, id: `"${text}" bukan kode: hanya angka` }, text);
  const guessed = level ?? (Object.keys(LEVELS) as Level[]).find((l) => LEVELS[l].width === text.length);
  if (!guessed) {
    throw new InvalidArgumentError("kode", {
      en: `"${text}" is neither a satker (6), an eselon I (5) nor a ministry (3) code`,
      id: `"${text}" bukan kode satker (6), eselon I (5) maupun kementerian (3)`,
    }, text);
  }
  const width = LEVELS[guessed].width;
  if (text.length > width) throw new InvalidArgumentError("kode", { en: `"${text}" is longer than ${width} digits for ${guessed}`, id: `"${text}" lebih dari ${width} digit untuk ${guessed}` }, text);
  return { code: text.padStart(width, "0"), level: guessed };
}

interface IkpaIndex {
  /** Row per code and period (1–12). */
  readonly rows: Map<string, Map<number, number>>;
}

function buildIndex(data: DatasetData, codeColumns: readonly string[]): IkpaIndex {
  const rows = new Map<string, Map<number, number>>();
  const t = data.table;
  for (let r = 0; r < t.rowCount; r++) {
    let code = "";
    for (const c of codeColumns) {
      code = textAt(t, c, r) ?? "";
      if (code !== "") break;
    }
    const period = Number(textAt(t, "PERIODE", r));
    if (code === "" || !Number.isInteger(period)) continue;
    let byPeriod = rows.get(code);
    if (!byPeriod) rows.set(code, (byPeriod = new Map()));
    byPeriod.set(period, r);
  }
  return { rows };
}

function plan([kode, indikator, periode, tingkat]: readonly unknown[]): CellPlan {
  const { code, level } = codeAndLevel(kode, tingkat);
  const ik = choiceArg(indikator, "indikator", INDIKATOR);
  const period = monthArg(periode, "periode");
  const { dataset, codeColumns } = LEVELS[level];
  const what = `IKPA ${level} ${code}${period ? ` periode ${String(period).padStart(2, "0")}` : ""}`;
  return {
    datasets: [dataset],
    run(get) {
      const data = get(dataset);
      const index = data.memo(`ikpa-index`, () => buildIndex(data, codeColumns));
      const byPeriod = index.rows.get(code);
      const row = byPeriod && (period !== undefined ? byPeriod.get(period) : byPeriod.get(Math.max(...byPeriod.keys())));
      if (row === undefined) throw new NoDataError({ dataset, reason: what, alasan: what });
      const t = data.table;
      const value = ik ? numberAt(t, ik, row) : ikpaScore((k) => numberAt(t, k, row), (k) => numberAt(t, k, row));
      if (!Number.isFinite(value)) {
        const why = `${what}: ${ik ?? "score"} not scored`;
        throw new NoDataError({ dataset, reason: why, alasan: `${what}: ${ik ?? "nilai"} tidak dinilai` });
      }
      return value;
    },
  };
}

const remembered = memoPlans(plan);
const NAMES = ["kode", "indikator", "periode", "tingkat"];

export const IKPA: FormulaSpec = {
  name: "IKPA",
  params: [
    { name: "kode", help: { id: "Kode satker (6), eselon I (5) atau kementerian (3)", en: "Satker (6), eselon I (5) or ministry (3) code" } },
    { name: "indikator", help: { id: 'Indikator, mis. "REALISASI", "IK_RENKAS"; kosong = nilai tertimbang', en: 'Indicator, e.g. "REALISASI", "IK_RENKAS"; empty = the weighted score' } },
    { name: "periode", help: { id: "Bulan 1–12; kosong = periode terakhir", en: "Month 1–12; empty = the latest period" } },
    { name: "tingkat", help: { id: "satker, eselon1 atau kl; kosong = dari lebar kode", en: "satker, eselon1 or kl; empty = from the code's width" } },
  ],
  required: 1,
  help: { id: "Nilai IKPA (0–100) atau satu indikatornya", en: "IKPA score (0–100) or one of its indicators" },
  example: '=OMSPAN.IKPA("600001"; ; 6)',
  spills: "grid",
  prepare: (args) => prepareGrid(NAMES, args, remembered),
};
