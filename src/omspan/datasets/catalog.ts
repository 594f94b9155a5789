/**
 * The catalogue of the seven datasets: label, route, paging, column model, raw schema. Everything that
 * differs between datasets is data here, so the client, the store, the CLI and the pane stay generic.
 */
import type { z } from "zod";
import type { DatasetId } from "../routes";
import type { ColumnModel, Label } from "./columns";
import { DIPA_COLUMNS, DipaRow } from "./dipa";
import { REALISASI_COLUMNS, RealisasiRow } from "./realisasi";
import {
  IKPA_ESELON1_COLUMNS,
  IKPA_KL_COLUMNS,
  IKPA_SATKER_COLUMNS,
  IkpaEselon1Row,
  IkpaKlRow,
  IkpaSatkerRow,
} from "./ikpa";
import { PNBP_COLUMNS, PnbpRow } from "./pnbp";
import { DANA_COLUMNS, DanaRow } from "./dana";

export interface DatasetSpec {
  readonly id: DatasetId;
  readonly label: Label;
  /** Paged by row window (Realisasi only). */
  readonly paged: boolean;
  readonly columns: ColumnModel;
  readonly schema: z.ZodType<Record<string, unknown>>;
  /** Column holding the satker code, where the dataset has one. */
  readonly satkerColumn?: string;
  /** Column holding the akun code, where the dataset has one. */
  readonly akunColumn?: string;
  /** Column holding the transaction date, where the dataset has one. */
  readonly dateColumn?: string;
  /** Column holding OMSPAN's data cut-off date, where present. */
  readonly maxDateColumn?: string;
  /** The measure summed by default. */
  readonly amountColumn?: string;
  /** Columns each optional alone of which at least one must hold a value (a record needs its code). */
  readonly requireOneOf?: readonly string[];
}

export const DATASETS: Readonly<Record<DatasetId, DatasetSpec>> = {
  dipa: {
    id: "dipa",
    label: { id: "DIPA belanja (pagu)", en: "DIPA spending budget (pagu)" },
    paged: false,
    columns: DIPA_COLUMNS,
    schema: DipaRow,
    satkerColumn: "KDSATKER",
    akunColumn: "AKUN",
    amountColumn: "AMOUNT",
  },
  realisasi: {
    id: "realisasi",
    label: { id: "Realisasi belanja", en: "Spending realisation" },
    paged: true,
    columns: REALISASI_COLUMNS,
    schema: RealisasiRow,
    satkerColumn: "KDSATKER",
    akunColumn: "AKUN",
    dateColumn: "TANGGAL",
    maxDateColumn: "MAXDATE",
    amountColumn: "AMOUNT",
  },
  "ikpa-kl": {
    id: "ikpa-kl",
    label: { id: "Capaian IKPA kementerian", en: "IKPA scores: ministry" },
    paged: false,
    columns: IKPA_KL_COLUMNS,
    schema: IkpaKlRow,
  },
  "ikpa-satker": {
    id: "ikpa-satker",
    label: { id: "Capaian IKPA satker", en: "IKPA scores: work units" },
    paged: false,
    columns: IKPA_SATKER_COLUMNS,
    schema: IkpaSatkerRow,
    satkerColumn: "KDSATKER",
  },
  "ikpa-eselon1": {
    id: "ikpa-eselon1",
    label: { id: "Capaian IKPA eselon I", en: "IKPA scores: echelon I" },
    paged: false,
    columns: IKPA_ESELON1_COLUMNS,
    schema: IkpaEselon1Row,
    requireOneOf: ["BAES1", "BA"],
  },
  pnbp: {
    id: "pnbp",
    label: { id: "Detail PNBP", en: "Non-tax revenue (PNBP) detail" },
    paged: false,
    columns: PNBP_COLUMNS,
    schema: PnbpRow,
    satkerColumn: "KDSATKER",
    akunColumn: "AKUN",
    dateColumn: "TANGGAL",
    amountColumn: "AMOUNT",
  },
  dana: {
    id: "dana",
    label: { id: "Ketersediaan dana", en: "Fund availability" },
    paged: false,
    columns: DANA_COLUMNS,
    schema: DanaRow,
    satkerColumn: "SATKER",
    akunColumn: "AKUN",
    amountColumn: "BALANCING_AMT",
  },
};

/** The spec for a dataset id. */
export function datasetSpec(id: DatasetId): DatasetSpec {
  return DATASETS[id];
}
