/** The Siap Rapat card's words, in both languages. */
import type { Lang } from "../../omspan/i18n";

const EN = {
  heading: "Siap Rapat",
  hint: "Refresh, then check every sheet: the same cut-off, no errors, totals that tie to OMSPAN, nothing above pagu unless it is a known pagu minus.",
  run: "Siap Rapat",
  running: "Refreshing and checking…",
  frozenNote: "The workbook is frozen: the frozen data is checked, nothing is pulled.",
  ready: "Nothing at STOP: ready for the meeting.",
  notReady: (n: number) => `${n} finding(s) at STOP: do not present before they are resolved.`,
  keep: "Keep the presented version and freeze",
  keepHint: "A values-only copy of each OMSPAN and report sheet, named with today's date, stays in the workbook.",
  kept: (names: string) => `Kept: ${names}. The workbook is frozen.`,
  goTo: "Go to",
  failed: "Siap Rapat could not finish",
  needsExcel: "Siap Rapat needs Excel.",
};
export type SiapRapatStrings = typeof EN;

const ID: SiapRapatStrings = {
  heading: "Siap Rapat",
  hint: "Segarkan, lalu periksa setiap lembar: batas data sama, tanpa galat, jumlah cocok dengan OMSPAN, tidak ada yang melampaui pagu kecuali pagu minus yang diketahui.",
  run: "Siap Rapat",
  running: "Menyegarkan dan memeriksa…",
  frozenNote: "Buku kerja dibekukan: data beku yang diperiksa, tidak ada penarikan.",
  ready: "Tidak ada yang BERHENTI: siap untuk rapat.",
  notReady: (n: number) => `${n} temuan BERHENTI: jangan disajikan sebelum diselesaikan.`,
  keep: "Simpan versi yang disajikan dan bekukan",
  keepHint: "Salinan nilai saja dari setiap lembar OMSPAN dan laporan, bernama tanggal hari ini, disimpan di buku kerja.",
  kept: (names: string) => `Disimpan: ${names}. Buku kerja dibekukan.`,
  goTo: "Buka",
  failed: "Siap Rapat tidak dapat diselesaikan",
  needsExcel: "Siap Rapat memerlukan Excel.",
};

export const siapRapatStrings = (lang: Lang): SiapRapatStrings => (lang === "id" ? ID : EN);
