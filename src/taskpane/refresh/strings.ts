/** The Segarkan view's text, Indonesian and English. */
import type { Lang } from "../../omspan/i18n";
import type { ProgressPhase, TableStatus } from "../../excel/table-outcome";

const id = {
  heading: "Segarkan",
  excelNeeded: "Menyegarkan tabel OMSPAN memerlukan Excel: buka add-in ini di Excel.",
  loading: "Membaca tabel OMSPAN…",
  listError: "Tabel OMSPAN tidak terbaca",
  retry: "Coba lagi",
  empty: "Buku kerja ini belum memiliki tabel OMSPAN. Sisipkan tabel dari tab Data; rumus OMSPAN tetap dapat disegarkan.",
  tablesHeading: "Tabel OMSPAN",
  pulled: (when: string) => `Ditarik ${when}`,
  dataUpTo: (day: string) => `data s.d. ${day}`,
  neverPulled: "belum pernah ditarik",
  deletedTable: "terhapus dari buku kerja",
  refreshTable: (name: string) => `Segarkan ${name}`,
  refreshOne: "Segarkan",
  refreshSheet: "Segarkan lembar ini",
  refreshWorkbook: "Segarkan buku kerja",
  phase: { pull: "Menarik data…", write: "Menulis tabel…", recalculate: "Menghitung ulang rumus…", report: "Menulis laporan perubahan…", done: "Selesai" } as Record<ProgressPhase, string>,
  rowsOf: (table: string, done: number, total: number) => `${table}: ${done} dari ${total} baris`,
  refreshError: "Penyegaran gagal",
  failedChanged: "gagal (tabel sudah berubah: segarkan lagi)",
  unsettled: (n: number) => `${n} sel masih menghitung dan belum dibandingkan`,
  waitingFor: (what: string, more: number) => `Menunggu Excel selesai: ${what}${more ? ` (+${more} antre)` : ""}`,
  summaryHeading: "Penyegaran terakhir",
  status: { refreshed: "diperbarui", failed: "gagal (tabel tidak diubah)", deleted: "terhapus", skipped: "dilewati (tabel tidak diubah)" } as Record<TableStatus, string>,
  diff: (added: number, removed: number, changed: number) => `+${added} baris, −${removed} baris, ${changed} berubah`,
  totalChange: (header: string, delta: string) => `${header}: selisih ${delta}`,
  formulas: (cells: number | undefined, changed: number) => `${cells ?? "?"} sel rumus OMSPAN, ${changed} berubah nilai`,
  noTables: "Tidak ada tabel yang disegarkan.",
  openReport: (sheet: string) => `Buka lembar ${sheet}`,
  openReportError: "Lembar laporan tidak dapat dibuka",
};

export type RefreshStrings = typeof id;

const en: RefreshStrings = {
  heading: "Refresh",
  excelNeeded: "Refreshing OMSPAN tables needs Excel: open this add-in in Excel.",
  loading: "Reading the OMSPAN tables…",
  listError: "The OMSPAN tables could not be read",
  retry: "Try again",
  empty: "This workbook has no OMSPAN tables yet. Insert one from the Data tab; OMSPAN formulas can still be refreshed.",
  tablesHeading: "OMSPAN tables",
  pulled: (when) => `Pulled ${when}`,
  dataUpTo: (day) => `data up to ${day}`,
  neverPulled: "never pulled",
  deletedTable: "deleted from the workbook",
  refreshTable: (name) => `Refresh ${name}`,
  refreshOne: "Refresh",
  refreshSheet: "Refresh this sheet",
  refreshWorkbook: "Refresh workbook",
  phase: { pull: "Pulling data…", write: "Writing the table…", recalculate: "Recalculating formulas…", report: "Writing the change report…", done: "Done" },
  rowsOf: (table, done, total) => `${table}: ${done} of ${total} rows`,
  refreshError: "The refresh failed",
  failedChanged: "failed (the table changed: refresh again)",
  unsettled: (n) => `${n} cells were still calculating and were not compared`,
  waitingFor: (what, more) => `Waiting for Excel to finish: ${what}${more ? ` (+${more} queued)` : ""}`,
  summaryHeading: "Last refresh",
  status: { refreshed: "refreshed", failed: "failed (table unchanged)", deleted: "deleted", skipped: "skipped (table unchanged)" },
  diff: (added, removed, changed) => `+${added} rows, −${removed} rows, ${changed} changed`,
  totalChange: (header, delta) => `${header}: change ${delta}`,
  formulas: (cells, changed) => `${cells ?? "?"} OMSPAN formula cells, ${changed} changed value`,
  noTables: "No table was refreshed.",
  openReport: (sheet) => `Open the ${sheet} sheet`,
  openReportError: "The report sheet could not be opened",
};

export function refreshStrings(lang: Lang): RefreshStrings {
  return lang === "id" ? id : en;
}
