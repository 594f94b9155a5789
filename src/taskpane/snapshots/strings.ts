/** The pane's words about snapshots, stale answers and freeze, Indonesian and English. */
import type { Lang } from "../../omspan/i18n";

const id = {
  staleTitle: (when: string) => `OMSPAN tidak dapat dihubungi — menampilkan data yang ditarik ${when}`,
  offlineTitle: "OMSPAN tidak dapat dihubungi — rumus menjawab dari data yang tersimpan di komputer ini",
  staleBody: "Angka di sel berasal dari penarikan terakhir yang berhasil. Segarkan lagi setelah OMSPAN kembali.",
  snapshotTitle: (when: string) => `Menampilkan data tersimpan yang ditarik ${when}`,
  snapshotBody: "Buku kerja dibuka tanpa menunggu OMSPAN. Segarkan untuk menarik data baru.",
  datasetLine: (dataset: string, when: string) => `${dataset}: ditarik ${when}`,
  freezeHeading: "Bekukan untuk rapat",
  freezeHint: "Sel tetap menampilkan data saat ini, juga setelah buku kerja lain menarik data baru. Penyegaran ditolak sampai dicairkan.",
  freeze: "Bekukan",
  unfreeze: "Cairkan",
  frozenState: (when: string) => `Dibekukan pada data yang ditarik ${when}`,
  notFrozen: "Tidak dibekukan",
  freezeFailed: "Tidak dapat membekukan",
  unfreezeFailed: "Tidak dapat mencairkan",
  settingsHeading: "Data tersimpan",
  pullOnOpen: "Tarik data baru saat buku kerja dibuka",
  pullOnOpenHint: "Mati: buku kerja langsung menampilkan data tersimpan terakhir dan menarik data hanya saat Anda menyegarkan.",
  usage: (count: number, mb: string) => `${count} snapshot kunci ini di komputer ini (${mb} MB)`,
  clear: "Hapus data tersimpan",
  cleared: "Data tersimpan kunci ini dihapus dari komputer ini.",
  clearFailed: "Data tersimpan tidak dapat dihapus",
};

export type SnapshotStrings = typeof id;

const en: SnapshotStrings = {
  staleTitle: (when) => `OMSPAN cannot be reached — showing data pulled ${when}`,
  offlineTitle: "OMSPAN cannot be reached — formulas answer from the data kept on this computer",
  staleBody: "The numbers in the cells come from the last pull that worked. Refresh again once OMSPAN is back.",
  snapshotTitle: (when) => `Showing kept data pulled ${when}`,
  snapshotBody: "The workbook opened without waiting for OMSPAN. Refresh to pull fresh data.",
  datasetLine: (dataset, when) => `${dataset}: pulled ${when}`,
  freezeHeading: "Freeze for the meeting",
  freezeHint: "Cells keep showing the data they show now, even after another workbook pulls newer data. Refresh is refused until you unfreeze.",
  freeze: "Freeze",
  unfreeze: "Unfreeze",
  frozenState: (when) => `Frozen to the data pulled ${when}`,
  notFrozen: "Not frozen",
  freezeFailed: "Could not freeze",
  unfreezeFailed: "Could not unfreeze",
  settingsHeading: "Kept data",
  pullOnOpen: "Pull fresh data when a workbook opens",
  pullOnOpenHint: "Off: a workbook shows the newest kept data at once and pulls only when you refresh.",
  usage: (count, mb) => `${count} snapshot(s) of this key on this computer (${mb} MB)`,
  clear: "Remove kept data",
  cleared: "This key's kept data was removed from this computer.",
  clearFailed: "Could not remove the kept data",
};

export function snapshotStrings(lang: Lang): SnapshotStrings {
  return lang === "id" ? id : en;
}
