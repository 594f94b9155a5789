/**
 * Every word the task pane shows, in Indonesian and English. Error messages are not here: they come from
 * the core's `localizeError`, so one catalogue serves the pane, the cells and the CLI.
 */
import type { Lang } from "../omspan/i18n";
import type { DatasetId } from "../omspan/routes";

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
  /** The pane's tabs. */
  tabsLabel: string;
  tabConnection: string;
  tabData: string;
  tabFormulas: string;
  tabRefresh: string;
  tabReports: string;
  /** The language control. */
  languageLabel: string;
  forgetKey: string;
  forgetKeyHint: string;
  keyForgotten: string;
  /** Data view. */
  dataNotConnected: string;
  datasetLabel: string;
  /** One line per dataset: what it holds. */
  datasetAbout: Record<DatasetId, string>;
  pnbpDateLabel: string;
  pnbpDateHint: string;
  satkerLabel: string;
  satkerHint: string;
  akunLabel: string;
  akunHint: string;
  fromLabel: string;
  toLabel: string;
  filterLabel: string;
  filterHint: string;
  previewButton: string;
  cancel: string;
  pulling: string;
  /** "{pages} pages · {rows} rows so far". */
  pullProgress: (pages: number, rows: string) => string;
  pullProgressOf: (rows: string, expected: string) => string;
  cancelled: string;
  pullFailed: string;
  previewHeading: string;
  rowCount: string;
  total: string;
  noRows: string;
  /** "{rows} rows in {seconds} s · pulled {time}" */
  outcome: (rows: string, seconds: string, at: string) => string;
  dataUpTo: string;
  insertTarget: string;
  insertNewSheet: string;
  insertAtSelection: string;
  insertButton: string;
  inserting: string;
  insertNeedsExcel: string;
  inserted: (table: string, address: string, rows: string) => string;
  insertFailed: string;
  firstRows: string;
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
  tabsLabel: "Bagian panel",
  tabConnection: "Koneksi",
  tabData: "Data",
  tabFormulas: "Rumus",
  tabRefresh: "Segarkan",
  tabReports: "Laporan",
  languageLabel: "Bahasa",
  forgetKey: "Lupakan kunci",
  forgetKeyHint: "Hapus kunci yang diingat di komputer ini; koneksi sekarang tetap berjalan.",
  keyForgotten: "Kunci tidak lagi diingat di komputer ini.",
  dataNotConnected: "Hubungkan dulu di tab Koneksi untuk memilih data.",
  datasetLabel: "Dataset",
  datasetAbout: {
    dipa: "Pagu belanja per satker dan akun dari DIPA.",
    realisasi: "Setiap SP2D belanja: satker, akun, tanggal, jumlah.",
    "ikpa-kl": "Nilai IKPA kementerian per indikator.",
    "ikpa-satker": "Nilai IKPA setiap satker per indikator.",
    "ikpa-eselon1": "Nilai IKPA setiap unit eselon I.",
    pnbp: "Setoran PNBP per satker dan akun pada satu tanggal.",
    dana: "Sisa dana yang masih tersedia per satker dan akun.",
  },
  pnbpDateLabel: "Tanggal PNBP",
  pnbpDateHint: "Tanggal setoran yang ditarik.",
  satkerLabel: "Satker",
  satkerHint: "Kode 6 digit, daftar (a,b), atau kosong = semua.",
  akunLabel: "Akun",
  akunHint: "Akun, awalan (52), daftar atau pengecualian (-5211*); kosong = semua.",
  fromLabel: "Dari tanggal",
  toLabel: "Sampai tanggal",
  filterLabel: "Filter lain",
  filterHint: "Pasangan kunci=nilai, misalnya program=05601WA;sumber=A.",
  previewButton: "Pratinjau",
  cancel: "Batal",
  pulling: "Menarik data…",
  pullProgress: (pages, rows) => `${pages} halaman · ${rows} baris sejauh ini`,
  pullProgressOf: (rows, expected) => `${rows} dari sekitar ${expected} baris`,
  cancelled: "Penarikan dibatalkan.",
  pullFailed: "Data tidak dapat ditarik",
  previewHeading: "Pratinjau",
  rowCount: "Jumlah baris",
  total: "Total",
  noRows: "Tidak ada baris yang cocok dengan filter ini.",
  outcome: (rows, seconds, at) => `${rows} baris dalam ${seconds} dtk · ditarik ${at}`,
  dataUpTo: "Data sampai",
  insertTarget: "Sisipkan di",
  insertNewSheet: "Lembar baru",
  insertAtSelection: "Sel yang dipilih",
  insertButton: "Sisipkan sebagai tabel",
  inserting: "Menyisipkan tabel…",
  insertNeedsExcel: "Menyisipkan tabel memerlukan Excel. Buka panel ini di Excel.",
  inserted: (table, address, rows) => `Tabel ${table} (${rows} baris) disisipkan di ${address}.`,
  insertFailed: "Tabel tidak dapat disisipkan",
  firstRows: "Baris pertama",
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
  tabsLabel: "Pane sections",
  tabConnection: "Connection",
  tabData: "Data",
  tabFormulas: "Formulas",
  tabRefresh: "Refresh",
  tabReports: "Reports",
  languageLabel: "Language",
  forgetKey: "Forget key",
  forgetKeyHint: "Removes the key remembered on this computer; the current connection keeps working.",
  keyForgotten: "The key is no longer remembered on this computer.",
  dataNotConnected: "Connect first on the Connection tab to choose data.",
  datasetLabel: "Dataset",
  datasetAbout: {
    dipa: "Spending budget (pagu) per satker and akun from the DIPA.",
    realisasi: "Every spending payment (SP2D): satker, akun, date, amount.",
    "ikpa-kl": "The ministry's IKPA scores per indicator.",
    "ikpa-satker": "Each work unit's IKPA scores per indicator.",
    "ikpa-eselon1": "Each echelon I unit's IKPA scores.",
    pnbp: "Non-tax revenue deposits per satker and akun on one date.",
    dana: "Funds still available per satker and akun.",
  },
  pnbpDateLabel: "PNBP date",
  pnbpDateHint: "The deposit date to pull.",
  satkerLabel: "Satker",
  satkerHint: "A 6-digit code, a list (a,b), or empty = all.",
  akunLabel: "Akun",
  akunHint: "An akun, a prefix (52), a list or an exclusion (-5211*); empty = all.",
  fromLabel: "From date",
  toLabel: "To date",
  filterLabel: "Other filters",
  filterHint: "key=value pairs, e.g. program=05601WA;sumber=A.",
  previewButton: "Preview",
  cancel: "Cancel",
  pulling: "Pulling data…",
  pullProgress: (pages, rows) => `${pages} pages · ${rows} rows so far`,
  pullProgressOf: (rows, expected) => `${rows} of about ${expected} rows`,
  cancelled: "The pull was cancelled.",
  pullFailed: "Could not pull the data",
  previewHeading: "Preview",
  rowCount: "Rows",
  total: "Total",
  noRows: "No rows match these filters.",
  outcome: (rows, seconds, at) => `${rows} rows in ${seconds} s · pulled ${at}`,
  dataUpTo: "Data up to",
  insertTarget: "Insert at",
  insertNewSheet: "New sheet",
  insertAtSelection: "Selected cell",
  insertButton: "Insert as table",
  inserting: "Inserting the table…",
  insertNeedsExcel: "Inserting a table needs Excel. Open this pane in Excel.",
  inserted: (table, address, rows) => `Table ${table} (${rows} rows) inserted at ${address}.`,
  insertFailed: "Could not insert the table",
  firstRows: "First rows",
};

/** The pane's words in the given language. */
export function stringsFor(lang: Lang): Strings {
  return lang === "id" ? id : en;
}
