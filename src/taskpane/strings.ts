/**
 * Every word the task pane shows, in Indonesian and English. Error messages are not here: they come from
 * the core's `localizeError`, so one catalogue serves the pane, the cells and the CLI.
 */
import type { Lang } from "../omspan/i18n";

export interface Strings {
  title: string;
  subtitle: string;
  previewBadge: string;
  previewHint: string;
  /** Shown inside Office while it is still starting (before Office.onReady). */
  starting: string;
  /** Shown when this Excel lacks a requirement set the add-in needs (the set names follow). */
  requirementsTitle: string;
  requirementsBody: string;
  connectionHeading: string;
  proxyLabel: string;
  proxyHint: string;
  keyLabel: string;
  keyHint: string;
  remember: string;
  rememberHint: string;
  /** Why "remember" is disabled outside Office. */
  rememberUnavailable: string;
  connect: string;
  connecting: string;
  disconnect: string;
  connected: string;
  errorTitle: string;
  claimsHeading: string;
  claimUser: string;
  claimUid: string;
  claimSatker: string;
  claimFiscalYear: string;
  claimIssuedAt: string;
  helpHeading: string;
  helpIntro: string;
  helpIndonesianExcel: string;
  helpEnglishExcel: string;
  helpArguments: string;
}

const id: Strings = {
  title: "OMSPAN untuk Excel",
  subtitle: "Data realisasi anggaran langsung di buku kerja Anda.",
  previewBadge: "Mode pratinjau",
  previewHint: "Buka di Excel untuk memakai rumus OMSPAN.",
  starting: "Menunggu Excel…",
  requirementsTitle: "Versi Excel ini terlalu lama",
  requirementsBody: "Sebagian fitur tidak akan berjalan. Perbarui Excel, atau gunakan Excel di web. Yang tidak tersedia:",
  connectionHeading: "Koneksi",
  proxyLabel: "Alamat proxy",
  proxyHint: "Server OMSPAN for Excel yang meneruskan permintaan ke OMSPAN.",
  keyLabel: "Kunci API",
  keyHint: "Kunci disimpan di memori saja, tidak pernah di buku kerja.",
  remember: "Ingat di komputer ini",
  rememberHint: "Hanya pada komputer yang tidak dipakai bersama.",
  rememberUnavailable: "Hanya di Excel. Di pratinjau ini kunci hilang saat halaman ditutup.",
  connect: "Hubungkan & uji",
  connecting: "Menghubungkan…",
  disconnect: "Putuskan",
  connected: "Terhubung",
  errorTitle: "Gagal terhubung",
  claimsHeading: "Kunci API",
  claimUser: "Pengguna",
  claimUid: "ID pengguna",
  claimSatker: "Satker",
  claimFiscalYear: "Tahun anggaran",
  claimIssuedAt: "Diterbitkan",
  helpHeading: "Rumus",
  helpIntro: "Jumlah realisasi satu satker untuk akun atau awalan akun:",
  helpIndonesianExcel: "Excel berbahasa Indonesia (pemisah ;)",
  helpEnglishExcel: "Excel berbahasa Inggris (pemisah ,)",
  helpArguments: "Kode ditulis sebagai teks: satker 6 digit, akun 6 digit atau awalannya (\"52\" = belanja barang).",
};

const en: Strings = {
  title: "OMSPAN for Excel",
  subtitle: "Budget realisation data, live in your workbook.",
  previewBadge: "Preview mode",
  previewHint: "Open in Excel to use the OMSPAN formulas.",
  starting: "Waiting for Excel…",
  requirementsTitle: "This version of Excel is too old",
  requirementsBody: "Some features will not work. Update Excel, or use Excel on the web. Not available:",
  connectionHeading: "Connection",
  proxyLabel: "Proxy address",
  proxyHint: "The OMSPAN for Excel server that forwards requests to OMSPAN.",
  keyLabel: "API key",
  keyHint: "The key is kept in memory only, never in the workbook.",
  remember: "Remember on this computer",
  rememberHint: "Only on a computer nobody else uses.",
  rememberUnavailable: "Only in Excel. In this preview the key is forgotten when the page closes.",
  connect: "Connect & test",
  connecting: "Connecting…",
  disconnect: "Disconnect",
  connected: "Connected",
  errorTitle: "Could not connect",
  claimsHeading: "API key",
  claimUser: "User",
  claimUid: "User ID",
  claimSatker: "Satker",
  claimFiscalYear: "Fiscal year",
  claimIssuedAt: "Issued",
  helpHeading: "Formulas",
  helpIntro: "Sum of realisasi for one satker and an akun or akun prefix:",
  helpIndonesianExcel: "Indonesian Excel (separator ;)",
  helpEnglishExcel: "English Excel (separator ,)",
  helpArguments: "Codes are text: satker 6 digits, akun 6 digits or a prefix (\"52\" = goods and services).",
};

/** The pane's words in the given language. */
export function stringsFor(lang: Lang): Strings {
  return lang === "id" ? id : en;
}
