/**
 * OMSPAN's side of a reconciliation: the Realisasi rows of the reconciled satker between two days, read
 * straight from the columnar table the store holds (the satker column's dictionary is tested once, not
 * every row's text).
 */
import { numberAt, textAt, type Table } from "../columnar/table";
import type { OmspanRow } from "./types";

export function omspanRows(realisasi: Table, satker: readonly string[], fromDay: number, toDay: number): OmspanRow[] {
  const sat = realisasi.columns.KDSATKER;
  const day = realisasi.columns.TANGGAL;
  if (sat?.kind !== "text" || day?.kind !== "number") return [];
  const wanted = new Set(satker);
  const keep = sat.dict.map((code) => wanted.has(code));
  const out: OmspanRow[] = [];
  for (let r = 0; r < realisasi.rowCount; r++) {
    if (!keep[sat.ids[r]!]) continue;
    const d = day.values[r]!;
    if (!(d >= fromDay && d <= toDay)) continue;
    out.push({
      rownum: numberAt(realisasi, "ROWNUM", r),
      satker: sat.dict[sat.ids[r]!]!,
      akun: textAt(realisasi, "AKUN", r) ?? "",
      day: d,
      amount: numberAt(realisasi, "AMOUNT", r),
      register: textAt(realisasi, "KDREGISTER", r) ?? "",
    });
  }
  return out;
}
