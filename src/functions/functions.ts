/**
 * OMSPAN custom functions: one line each over the formula catalogue (src/omspan/formulas), through the
 * generic layer in evaluate.ts. The JSDoc below *is* the function metadata (custom-functions-metadata-
 * plugin writes functions.json and the CustomFunctions.associate calls from it): English here; the
 * Indonesian file (functions.id-ID.json) is made from the catalogue's help at build time.
 *
 * Arguments typed `any[][]` take ranges: satker down and akun across (or the reverse, or months across)
 * spill the whole grid from one evaluation; a single cell arrives as a 1×1 range and answers one value.
 * Empty cells arrive as 0 (Windows) or null (web): both count as empty (src/omspan/formula-args.ts).
 */
import "./preview-guard"; // first: outside Office the generated CustomFunctions.associate calls need it
import { evaluate } from "./evaluate";

/**
 * Spending realisation (rupiah) of work units for an account prefix, wildcard, list or exclusion, optionally within dates.
 * Example: =OMSPAN.REALISASI("600001"; "52") or =OMSPAN.REALISASI("600001", "52")
 * @customfunction REALISASI
 * @param satker Work unit code (6 digits), a list "a,b", a prefix "6000*", or empty for all. A range spills a grid.
 * @param [akun] Account: prefix "52", "5241*", list "521211,521213", exclusion "-511*"; empty = all.
 * @param [dari] Start date (optional).
 * @param [sampai] End date (optional).
 * @param [filter] Extra filters, e.g. "program=05601WA;sumber=A".
 * @returns Realisation in rupiah.
 */
export function realisasi(satker: any[][], akun?: any[][], dari?: any[][], sampai?: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("REALISASI", [satker, akun, dari, sampai, filter]);
}

/**
 * Realisation of one month, or from January to it (cumulative).
 * Example: =OMSPAN.REALISASI.BULAN("600001"; "52"; 3; TRUE) or =OMSPAN.REALISASI.BULAN("600001", "52", 3, TRUE)
 * @customfunction REALISASI.BULAN
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param akun Account filter; empty = all. A range spills a grid.
 * @param bulan Month 1–12. A range (months across) spills a grid.
 * @param [kumulatif] TRUE = January to that month; empty/FALSE = that month only.
 * @param [filter] Extra filters, e.g. "sumber=A".
 * @returns Realisation in rupiah.
 */
export function realisasiBulan(satker: any[][], akun: any[][], bulan: any[][], kumulatif?: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("REALISASI.BULAN", [satker, akun, bulan, kumulatif, filter]);
}

/**
 * DIPA budget ceiling (pagu, rupiah).
 * Example: =OMSPAN.PAGU("600001"; "52") or =OMSPAN.PAGU("600001", "52")
 * @customfunction PAGU
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param [akun] Account filter; empty = all.
 * @param [filter] Extra filters, e.g. "program=05601WA".
 * @returns Pagu in rupiah.
 */
export function pagu(satker: any[][], akun?: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("PAGU", [satker, akun, filter]);
}

/**
 * Budget left: pagu − realisation (rupiah).
 * Example: =OMSPAN.SISA("600001"; "52") or =OMSPAN.SISA("600001", "52")
 * @customfunction SISA
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param [akun] Account filter; empty = all.
 * @param [filter] Extra filters.
 * @returns Sisa pagu in rupiah.
 */
export function sisa(satker: any[][], akun?: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("SISA", [satker, akun, filter]);
}

/**
 * Absorption: realisation ÷ pagu, a fraction (format the cell as %). A pagu of 0 is #DIV/0!.
 * Example: =OMSPAN.PENYERAPAN("600001"; "52") or =OMSPAN.PENYERAPAN("600001", "52")
 * @customfunction PENYERAPAN
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param [akun] Account filter; empty = all.
 * @param [filter] Extra filters.
 * @returns Realisation as a fraction of pagu.
 */
export function penyerapan(satker: any[][], akun?: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("PENYERAPAN", [satker, akun, filter]);
}

/**
 * Fund availability (DataFA): one column summed — DIPA, KONTRAK, BLOKIR, REALISASI or TERSEDIA.
 * Example: =OMSPAN.DANA("600001"; "52"; "TERSEDIA") or =OMSPAN.DANA("600001", "52", "TERSEDIA")
 * @customfunction DANA
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param akun Account filter; empty = all.
 * @param kolom DIPA, KONTRAK, BLOKIR, REALISASI or TERSEDIA.
 * @param [filter] Extra filters.
 * @returns The column's sum in rupiah.
 */
export function dana(satker: any[][], akun: any[][], kolom: any[][], filter?: any[][]): Promise<any[][]> {
  return evaluate("DANA", [satker, akun, kolom, filter]);
}

/**
 * IKPA score (0–100) of a satker, an eselon I unit or the ministry, or one of its indicators. Unknown unit or period: #N/A.
 * Example: =OMSPAN.IKPA("600001"; ; 6) or =OMSPAN.IKPA("600001", , 6)
 * @customfunction IKPA
 * @param kode Satker (6), eselon I (5) or ministry (3) code. A range spills a grid.
 * @param [indikator] Indicator, e.g. "REALISASI", "IK_RENKAS"; empty = the weighted score.
 * @param [periode] Month 1–12; empty = the latest period.
 * @param [tingkat] satker, eselon1 or kl; empty = from the code's width.
 * @returns The score or indicator value.
 */
export function ikpa(kode: any[][], indikator?: any[][], periode?: any[][], tingkat?: any[][]): Promise<any[][]> {
  return evaluate("IKPA", [kode, indikator, periode, tingkat]);
}

/**
 * PNBP revenue (rupiah) since the start of the fiscal year, optionally within deposit dates.
 * Example: =OMSPAN.PNBP("600001"; "423219") or =OMSPAN.PNBP("600001", "423219")
 * @customfunction PNBP
 * @param satker Work unit code, list, prefix, or empty for all. A range spills a grid.
 * @param [akun] Revenue account: "42", "423219"; empty = all.
 * @param [dari] First deposit date (optional).
 * @param [sampai] Last deposit date (optional).
 * @returns Revenue in rupiah.
 */
export function pnbp(satker: any[][], akun?: any[][], dari?: any[][], sampai?: any[][]): Promise<any[][]> {
  return evaluate("PNBP", [satker, akun, dari, sampai]);
}

/**
 * A dataset's rows, filtered, spilled with a header row. Codes stay text; dates are date serials.
 * Example: =OMSPAN.TABEL("dipa"; "satker=600001;akun=52") or =OMSPAN.TABEL("dipa", "satker=600001;akun=52")
 * @customfunction TABEL
 * @param dataset dipa, realisasi, ikpa-kl, ikpa-satker, ikpa-eselon1, pnbp or dana.
 * @param [filter] Filters, e.g. "satker=600001;akun=52;sumber=A".
 * @param [kolom] Columns to show, e.g. "KDSATKER,AKUN,AMOUNT"; empty = all.
 * @returns The rows, with a header row.
 */
export function tabel(dataset: any, filter?: any, kolom?: any): Promise<any[][]> {
  return evaluate("TABEL", [dataset, filter, kolom]);
}

/**
 * When the data behind the cells was pulled (a snapshot's time when it answers), OMSPAN's cut-off, or whether it is stale.
 * Example: =OMSPAN.ASOF("realisasi"; "status") or =OMSPAN.ASOF("realisasi", "status")
 * @customfunction ASOF
 * @param [dataset] Dataset; empty = realisasi.
 * @param [jenis] "tarik" (empty) = when pulled; "data" = OMSPAN's cut-off (MAXDATE); "status" = fresh, snapshot, stale or frozen; "usang" = TRUE when stale.
 * @returns An Excel date-time, or the status text, or TRUE/FALSE.
 */
export function asof(dataset?: any, jenis?: any): Promise<any> {
  return evaluate("ASOF", [dataset, jenis]);
}
