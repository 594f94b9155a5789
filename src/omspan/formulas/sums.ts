/**
 * The sum family: REALISASI, REALISASI.BULAN, PAGU, SISA, PENYERAPAN, DANA, PNBP. Each is a sum over one
 * dataset's index (query/sums.ts), or two of them combined — SISA and PENYERAPAN read the very pulls
 * PAGU and REALISASI read, so a report of all four costs two pulls. A sum over nothing is 0.
 */
import { DivisionByZeroError, InvalidArgumentError } from "../errors";
import { choiceArg, dayArg, flagArg, monthArg, textArg } from "../formula-args";
import { prepareSum } from "../query/sums";
import { memoPlans, prepareGrid } from "./grid";
import { PaguRealisasiPlan, sumPlan } from "./sum-plans";
import type { CellPlan, FormulaSpec, ParamSpec } from "./types";

const P = {
  satker: { name: "satker", help: { id: 'Kode satker 6 digit, daftar "a,b", awalan "6000*", atau kosong untuk semua', en: 'Work unit code (6 digits), a list "a,b", a prefix "6000*", or empty for all' } },
  akun: { name: "akun", help: { id: 'Akun: awalan "52", "5241*", daftar "521211,521213", kecuali "-511*"; kosong = semua', en: 'Account: prefix "52", "5241*", list "521211,521213", exclusion "-511*"; empty = all' } },
  dari: { name: "dari", help: { id: "Tanggal awal (opsional)", en: "Start date (optional)" } },
  sampai: { name: "sampai", help: { id: "Tanggal akhir (opsional)", en: "End date (optional)" } },
  filter: { name: "filter", help: { id: 'Filter tambahan, mis. "program=05601WA;sumber=A"', en: 'Extra filters, e.g. "program=05601WA;sumber=A"' } },
  bulan: { name: "bulan", help: { id: "Bulan 1–12", en: "Month 1–12" } },
  kumulatif: { name: "kumulatif", help: { id: "TRUE = Januari sampai bulan itu; kosong/FALSE = bulan itu saja", en: "TRUE = January to that month; empty/FALSE = that month only" } },
  kolom: { name: "kolom", help: { id: "DIPA, KONTRAK, BLOKIR, REALISASI atau TERSEDIA", en: "DIPA, KONTRAK, BLOKIR, REALISASI or TERSEDIA" } },
} as const satisfies Record<string, ParamSpec>;

/** A formula of the family: its arguments broadcast over ranges, each cell planned once per argument list. */
function sumFormula(
  def: Omit<FormulaSpec, "prepare" | "spills" | "required"> & { required: number },
  plan: (args: readonly unknown[]) => CellPlan,
): FormulaSpec {
  const names = def.params.map((p) => p.name);
  const remembered = memoPlans(plan);
  return { ...def, spills: "grid", prepare: (args) => prepareGrid(names, args, remembered) };
}

/** SISA and PENYERAPAN: the same selection over DIPA and Realisasi, combined. */
function paguRealisasiPlan([satker, akun, filter]: readonly unknown[], combine: (pagu: number, realisasi: number) => number): CellPlan {
  const f = textArg(filter, "filter");
  return new PaguRealisasiPlan(prepareSum("dipa", { satker, akun, filter: f }), prepareSum("realisasi", { satker, akun, filter: f }), combine);
}

function absorption(pagu: number, realisasi: number): number {
  if (pagu === 0) throw new DivisionByZeroError({ en: "the pagu of this selection is 0", id: "pagu pilihan ini 0" });
  return realisasi / pagu;
}

export const REALISASI = sumFormula(
  {
    name: "REALISASI",
    params: [P.satker, P.akun, P.dari, P.sampai, P.filter],
    required: 1,
    help: { id: "Realisasi belanja (rupiah), opsional dalam rentang tanggal", en: "Spending realisation (rupiah), optionally within a date range" },
    example: '=OMSPAN.REALISASI("600001"; "52")',
  },
  ([satker, akun, dari, sampai, filter]) =>
    sumPlan("realisasi", { satker, akun, fromDay: dayArg(dari, "dari"), toDay: dayArg(sampai, "sampai"), filter: textArg(filter, "filter") }),
);

export const REALISASI_BULAN = sumFormula(
  {
    name: "REALISASI.BULAN",
    params: [P.satker, P.akun, P.bulan, P.kumulatif, P.filter],
    required: 3,
    help: { id: "Realisasi satu bulan, atau Januari sampai bulan itu (kumulatif)", en: "Realisation of one month, or January to it (cumulative)" },
    example: '=OMSPAN.REALISASI.BULAN("600001"; "52"; 3; TRUE)',
  },
  ([satker, akun, bulan, kumulatif, filter]) => {
    const month = monthArg(bulan, "bulan");
    if (month === undefined) {
      throw new InvalidArgumentError("bulan", { en: "give a month 1 to 12", id: "isi bulan 1 sampai 12" });
    }
    const fromMonth = flagArg(kumulatif, "kumulatif") ? 1 : month;
    return sumPlan("realisasi", { satker, akun, fromMonth, toMonth: month, filter: textArg(filter, "filter") });
  },
);

export const PAGU = sumFormula(
  {
    name: "PAGU",
    params: [P.satker, P.akun, P.filter],
    required: 1,
    help: { id: "Pagu DIPA (rupiah)", en: "DIPA budget ceiling (rupiah)" },
    example: '=OMSPAN.PAGU("600001"; "52")',
  },
  ([satker, akun, filter]) => sumPlan("dipa", { satker, akun, filter: textArg(filter, "filter") }),
);

export const SISA = sumFormula(
  {
    name: "SISA",
    params: [P.satker, P.akun, P.filter],
    required: 1,
    help: { id: "Sisa pagu = pagu − realisasi (rupiah)", en: "Budget left = pagu − realisation (rupiah)" },
    example: '=OMSPAN.SISA("600001"; "52")',
  },
  (args) => paguRealisasiPlan(args, (pagu, realisasi) => pagu - realisasi),
);

export const PENYERAPAN = sumFormula(
  {
    name: "PENYERAPAN",
    params: [P.satker, P.akun, P.filter],
    required: 1,
    help: { id: "Penyerapan = realisasi ÷ pagu (pecahan: format % menampilkannya)", en: "Absorption = realisation ÷ pagu (a fraction: Excel's % format shows it)" },
    example: '=OMSPAN.PENYERAPAN("600001"; "52")',
  },
  (args) => paguRealisasiPlan(args, absorption),
);

/** DataFA columns by the words users say. */
const DANA_KOLOM: Readonly<Record<string, string>> = {
  dipa: "DIPA",
  pagu: "DIPA",
  kontrak: "KONTRAK",
  blokir: "BLOKIR",
  realisasi: "ACTUAL_AMT",
  actual_amt: "ACTUAL_AMT",
  tersedia: "BALANCING_AMT",
  sisa: "BALANCING_AMT",
  balancing_amt: "BALANCING_AMT",
};

export const DANA = sumFormula(
  {
    name: "DANA",
    params: [P.satker, P.akun, P.kolom, P.filter],
    required: 3,
    help: { id: "Ketersediaan dana (DataFA): satu kolom, dijumlahkan", en: "Fund availability (DataFA): one column, summed" },
    example: '=OMSPAN.DANA("600001"; "52"; "TERSEDIA")',
  },
  ([satker, akun, kolom, filter]) => {
    const measure = choiceArg(kolom, "kolom", DANA_KOLOM);
    if (!measure) throw new InvalidArgumentError("kolom", { en: "use one of: DIPA, KONTRAK, BLOKIR, REALISASI, TERSEDIA", id: "gunakan salah satu: DIPA, KONTRAK, BLOKIR, REALISASI, TERSEDIA" });
    return sumPlan("dana", { satker, akun, measure, filter: textArg(filter, "filter") });
  },
);

export const PNBP = sumFormula(
  {
    name: "PNBP",
    params: [P.satker, { ...P.akun, help: { id: 'Akun pendapatan: "42", "423219"; kosong = semua', en: 'Revenue account: "42", "423219"; empty = all' } }, { ...P.dari, help: { id: "Tanggal setor awal (opsional)", en: "First deposit date (optional)" } }, { ...P.sampai, help: { id: "Tanggal setor akhir (opsional)", en: "Last deposit date (optional)" } }],
    required: 1,
    help: { id: "Penerimaan PNBP (rupiah) sejak awal tahun anggaran, opsional dalam rentang tanggal setor", en: "PNBP revenue (rupiah) since the start of the fiscal year, optionally within a deposit date range" },
    example: '=OMSPAN.PNBP("600001"; "423219"; DATE(2026;1;1); DATE(2026;3;31))',
  },
  ([satker, akun, dari, sampai]) => sumPlan("pnbp", { satker, akun, fromDay: dayArg(dari, "dari"), toDay: dayArg(sampai, "sampai") }),
);
