/** The report chooser's words, Indonesian and English (its own: the pane's strings.ts stays the shell's). */
import type { Lang } from "../../omspan/i18n";

const ID = {
  heading: "Templat laporan",
  notConnected: "Sambungkan ke OMSPAN dulu: daftar satker, Kanwil dan eselon I dibaca dari DIPA kunci Anda.",
  loading: "Membaca DIPA untuk pilihan cakupan…",
  loadFailed: "Data untuk laporan tidak dapat dibaca",
  retry: "Coba lagi",
  template: "Laporan",
  scope: "Cakupan",
  scopeKinds: { satker: "Satker", kanwil: "Kanwil dan kantor pertanahannya", eselon1: "Unit eselon I", all: "Semua satker pada kunci ini" },
  satkerCodes: "Kode satker (pisahkan dengan koma)",
  kanwil: "Kanwil",
  eselon1: "Eselon I",
  month: "Sampai bulan",
  year: "Tahun anggaran",
  labels: "Bahasa label",
  labelLangs: { id: "Indonesia", en: "Inggris" },
  preview: "Pratinjau",
  previewLine: (rows: number, cols: number) => `${rows} baris × ${cols} kolom`,
  formulasLine: (omspan: number, excel: number) => `${omspan.toLocaleString("id-ID")} rumus OMSPAN, ${excel.toLocaleString("id-ID")} rumus Excel (jumlah, sisa, %, peringkat)`,
  build: "Buat laporan",
  building: "Membuat laporan…",
  needsExcel: "Membuat laporan perlu Excel: di pratinjau browser ini hanya tata letaknya yang terlihat.",
  progress: (done: number, total: number) => `${done} dari ${total} baris tertulis`,
  built: (sheet: string) => `Laporan dibuat di lembar "${sheet}". Segarkan buku kerja memperbaruinya.`,
  failed: "Laporan tidak dibuat",
};

type Words = typeof ID;

const EN: Words = {
  heading: "Report templates",
  notConnected: "Connect to OMSPAN first: the satker, Kanwil and echelon I lists are read from your key's DIPA.",
  loading: "Reading DIPA for the scope choices…",
  loadFailed: "The data for the report could not be read",
  retry: "Try again",
  template: "Report",
  scope: "Scope",
  scopeKinds: { satker: "Work units", kanwil: "A Kanwil and its land offices", eselon1: "An echelon I unit", all: "Every work unit of this key" },
  satkerCodes: "Work unit codes (comma-separated)",
  kanwil: "Kanwil",
  eselon1: "Echelon I",
  month: "Through month",
  year: "Fiscal year",
  labels: "Label language",
  labelLangs: { id: "Indonesian", en: "English" },
  preview: "Preview",
  previewLine: (rows, cols) => `${rows} rows × ${cols} columns`,
  formulasLine: (omspan, excel) => `${omspan.toLocaleString("en")} OMSPAN formulas, ${excel.toLocaleString("en")} Excel formulas (totals, sisa, %, ranks)`,
  build: "Build report",
  building: "Building the report…",
  needsExcel: "Building a report needs Excel: this browser preview shows only its layout.",
  progress: (done, total) => `${done} of ${total} rows written`,
  built: (sheet) => `The report was built on sheet "${sheet}". Refresh workbook keeps it current.`,
  failed: "The report was not built",
};

export const reportWords = (lang: Lang): Words => (lang === "id" ? ID : EN);
