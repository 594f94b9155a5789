/**
 * ASOF([dataset]; [jenis]): when the data behind the cells was pulled, as an Excel date-time (local
 * time), or — `jenis` "data" — OMSPAN's own cut-off date where the dataset carries one (Realisasi's
 * MAXDATE), #N/A where it does not. Asking pulls the dataset (the same one pull every cell shares), so
 * after a refresh it shows the new pull's time.
 */
import { dateToExcelDateTime, dayToExcelSerial } from "../convert";
import { NoDataError } from "../errors";
import { choiceArg } from "../formula-args";
import { datasetArg } from "./tabel";
import type { FormulaSpec } from "./types";

const JENIS: Readonly<Record<string, "pulled" | "cutoff">> = {
  tarik: "pulled",
  ditarik: "pulled",
  pull: "pulled",
  pulled: "pulled",
  data: "cutoff",
  cutoff: "cutoff",
  "cut-off": "cutoff",
  maxdate: "cutoff",
};

export const ASOF: FormulaSpec = {
  name: "ASOF",
  params: [
    { name: "dataset", help: { id: "Dataset; kosong = realisasi", en: "Dataset; empty = realisasi" } },
    { name: "jenis", help: { id: '"tarik" (kosong) = waktu data ditarik; "data" = batas data OMSPAN (MAXDATE)', en: '"tarik" (empty) = when the data was pulled; "data" = OMSPAN\'s cut-off (MAXDATE)' } },
  ],
  required: 0,
  help: { id: "Kapan data di balik sel ditarik, atau batas data OMSPAN", en: "When the data behind the cells was pulled, or OMSPAN's cut-off" },
  example: '=OMSPAN.ASOF("realisasi"; "data")',
  spills: "no",
  prepare([dataset, jenis]) {
    const id = datasetArg(dataset, "dataset", "realisasi");
    const which = choiceArg(jenis, "jenis", JENIS) ?? "pulled";
    return {
      datasets: [id],
      run(get) {
        const { asOf } = get(id);
        if (which === "pulled") return dateToExcelDateTime(asOf.fetchedAt);
        if (asOf.maxDate === undefined) {
          throw new NoDataError({ dataset: id, reason: "this dataset carries no cut-off date", alasan: "dataset ini tidak membawa tanggal batas data" });
        }
        return dayToExcelSerial(asOf.maxDate);
      },
    };
  },
};
