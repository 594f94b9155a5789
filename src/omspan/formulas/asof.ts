/**
 * ASOF([dataset]; [jenis]): when the data behind the cells was pulled, as an Excel date-time (local
 * time) — a snapshot's time when the cells answer from one — or, by `jenis`:
 *  - "data": OMSPAN's own cut-off date where the dataset carries one (Realisasi's MAXDATE), #N/A where not;
 *  - "status": where the answer comes from, as text a formula can compare: "fresh" (pulled now),
 *    "snapshot" (opened from a snapshot kept on this computer), "stale" (OMSPAN could not be reached:
 *    an older copy answered) or "frozen" (the workbook is frozen to its pinned snapshot);
 *  - "usang": TRUE when the answer is stale, else FALSE (for `=IF(OMSPAN.ASOF(; "usang"); …)`).
 * Asking pulls the dataset (the same one answer every cell shares), so after a refresh it shows the new
 * pull's time.
 */
import { dateToExcelDateTime, dayToExcelSerial } from "../convert";
import { NoDataError } from "../errors";
import { asOfStatus } from "../store/as-of";
import { choiceArg } from "../formula-args";
import { datasetArg } from "./tabel";
import type { FormulaSpec } from "./types";

const JENIS: Readonly<Record<string, "pulled" | "cutoff" | "status" | "stale">> = {
  tarik: "pulled",
  ditarik: "pulled",
  pull: "pulled",
  pulled: "pulled",
  data: "cutoff",
  cutoff: "cutoff",
  "cut-off": "cutoff",
  maxdate: "cutoff",
  status: "status",
  keadaan: "status",
  usang: "stale",
  stale: "stale",
};

export const ASOF: FormulaSpec = {
  name: "ASOF",
  params: [
    { name: "dataset", help: { id: "Dataset; kosong = realisasi", en: "Dataset; empty = realisasi" } },
    {
      name: "jenis",
      help: {
        id: '"tarik" (kosong) = waktu data ditarik; "data" = batas data OMSPAN (MAXDATE); "status" = fresh/snapshot/stale/frozen; "usang" = TRUE bila OMSPAN tak terjangkau dan data lama yang tampil',
        en: '"tarik" (empty) = when the data was pulled; "data" = OMSPAN\'s cut-off (MAXDATE); "status" = fresh/snapshot/stale/frozen; "usang" = TRUE when OMSPAN could not be reached and older data shows',
      },
    },
  ],
  required: 0,
  help: {
    id: "Kapan data di balik sel ditarik (dari snapshot: waktu snapshot), batas data OMSPAN, atau apakah data itu lama (usang)",
    en: "When the data behind the cells was pulled (from a snapshot: its time), OMSPAN's cut-off, or whether it is stale",
  },
  example: '=OMSPAN.ASOF("realisasi"; "status")',
  spills: "no",
  prepare([dataset, jenis]) {
    const id = datasetArg(dataset, "dataset", "realisasi");
    const which = choiceArg(jenis, "jenis", JENIS) ?? "pulled";
    return {
      datasets: [id],
      run(get) {
        const { asOf } = get(id);
        if (which === "pulled") return dateToExcelDateTime(asOf.fetchedAt);
        if (which === "status") return asOfStatus(asOf);
        if (which === "stale") return asOfStatus(asOf) === "stale";
        if (asOf.maxDate === undefined) {
          throw new NoDataError({ dataset: id, reason: "this dataset carries no cut-off date", alasan: "dataset ini tidak membawa tanggal batas data" });
        }
        return dayToExcelSerial(asOf.maxDate);
      },
    };
  },
};
