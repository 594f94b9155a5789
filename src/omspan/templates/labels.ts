/** The words of the report templates, in both languages (chosen per report, as the pane's language). */
import type { Lang } from "../i18n";

const MONTHS = {
  id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
} as const;

/** Short month name, 1–12. */
export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1]!;
}

/** Spending types by the akun's first two digits. */
const SPENDING_TYPES: Readonly<Record<string, { id: string; en: string }>> = {
  "51": { id: "Belanja Pegawai", en: "Personnel" },
  "52": { id: "Belanja Barang", en: "Goods and services" },
  "53": { id: "Belanja Modal", en: "Capital" },
  "54": { id: "Pembayaran Bunga Utang", en: "Interest" },
  "55": { id: "Subsidi", en: "Subsidies" },
  "56": { id: "Belanja Hibah", en: "Grants" },
  "57": { id: "Bantuan Sosial", en: "Social assistance" },
  "58": { id: "Belanja Lain-lain", en: "Other spending" },
};

/** "52 Belanja Barang". */
export function spendingTypeName(prefix: string, lang: Lang): string {
  const name = SPENDING_TYPES[prefix];
  return name ? `${prefix} ${name[lang]}` : prefix;
}

const EN = {
    asOf: "OMSPAN data as of",
    satker: "Work unit",
    filter: "Filter",
    fiscalYear: "Fiscal year",
    throughMonth: "through",
    unitRupiah: "In rupiah",
    akun: "Account",
    kode: "Work unit code",
    nama: "Work unit",
    pagu: "Budget (pagu)",
    realisasi: "Realisation",
    cumulative: "Realisation to",
    sisa: "Remaining",
    penyerapan: "% Absorbed",
    rank: "Rank",
    total: "Total",
    grandTotal: "Grand total",
    month: "Month",
    plan: "Planned, cumulative (%)",
    actual: "Actual, cumulative",
    actualPct: "Actual, cumulative (%)",
    deviation: "Deviation (points)",
    planNote: "Type the cumulative plan (%) from DIPA page III into the Plan column.",
    dipa: "DIPA ceiling",
    kontrak: "Committed",
    blokir: "Blocked",
    tersedia: "Available",
    minusNote: "Red lines: overspent (negative funds available).",
    score: "IKPA score",
    periode: "Period",
} as const;

export type Words = Readonly<Record<keyof typeof EN, string>>;

/** Indonesian: the same keys as English, checked by the type. */
const ID: Words = {
    asOf: "Data OMSPAN per",
    satker: "Satker",
    filter: "Filter",
    fiscalYear: "Tahun anggaran",
    throughMonth: "s.d. bulan",
    unitRupiah: "Dalam rupiah",
    akun: "Akun",
    kode: "Kode satker",
    nama: "Nama satker",
    pagu: "Pagu",
    realisasi: "Realisasi",
    cumulative: "Realisasi s.d.",
    sisa: "Sisa pagu",
    penyerapan: "% Penyerapan",
    rank: "Peringkat",
    total: "Jumlah",
    grandTotal: "Jumlah seluruhnya",
    month: "Bulan",
    plan: "Rencana kumulatif (%)",
    actual: "Realisasi kumulatif",
    actualPct: "Realisasi kumulatif (%)",
    deviation: "Deviasi (poin %)",
    planNote: "Isi rencana penarikan kumulatif (%) dari halaman III DIPA pada kolom Rencana.",
    dipa: "Pagu DIPA",
    kontrak: "Kontrak",
    blokir: "Blokir",
    tersedia: "Dana tersedia",
    minusNote: "Baris merah: pagu minus (dana tersedia negatif).",
    score: "Nilai IKPA",
    periode: "Periode",
};

/** The report words in a language. */
export function words(lang: Lang): Words {
  return lang === "id" ? ID : EN;
}
