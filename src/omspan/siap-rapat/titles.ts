/** What each check is called, in the words a finance officer uses (the sheet, the pane, the CLI). */
import type { Label } from "../datasets/columns";
import type { CheckId } from "./types";

export const CHECK_TITLES: Readonly<Record<CheckId, Label>> = {
  "freshness.generation": { id: "Semua tabel dan rumus dari penarikan yang sama", en: "Every table and formula from the same pull" },
  "freshness.spread": { id: "Waktu penarikan berdekatan", en: "Pulled within minutes of each other" },
  "freshness.cutoff": { id: "Batas data OMSPAN sama di semua lembar", en: "The same OMSPAN cut-off on every sheet" },
  "freshness.cutoff-age": { id: "Batas data OMSPAN cukup baru", en: "OMSPAN's cut-off recent enough" },
  "freshness.stale": { id: "Data lama atau beku disebutkan", en: "Stale or frozen data named" },
  "errors.omspan": { id: "Tidak ada sel OMSPAN yang galat", en: "No OMSPAN cell shows an error" },
  "errors.dependent": { id: "Tidak ada rumus turunan yang galat", en: "No formula reading OMSPAN shows an error" },
  "errors.ref": { id: "Tidak ada #REF! di laporan", en: "No #REF! in a report" },
  "ties.totals": { id: "Jumlah dan subjumlah cocok dengan OMSPAN", en: "Totals and subtotals tie to OMSPAN" },
  "ties.months": { id: "Bulan-bulan berjumlah sama dengan kumulatif", en: "The months add up to the cumulative" },
  "ties.reports": { id: "Laporan berlingkup sama saling cocok", en: "Reports of the same scope agree" },
  "domain.overspent": { id: "Realisasi di atas pagu", en: "Realisation above pagu" },
  "domain.negative": { id: "Realisasi negatif (koreksi)", en: "Negative realisation (corrections)" },
  "domain.kurva-s": { id: "Deviasi Kurva S dari rencana", en: "Kurva S deviation from plan" },
};
