/**
 * OMSPAN custom functions. Each is thin: read the arguments, ask the shared store (one pull per dataset
 * and key for every cell in the workbook), answer from the prebuilt index, map failures to a cell error.
 * The JSDoc below *is* the function metadata (custom-functions-metadata-plugin writes functions.json and
 * the CustomFunctions.associate calls from it): keep it accurate.
 */
import "./preview-guard"; // first: outside Office the generated CustomFunctions.associate calls need it
import { session, sessionReady } from "../shared-runtime";
import { FORMULAS } from "../omspan/formulas";
import { toCellError } from "./cell-error";

/**
 * Realisasi belanja satker (rupiah) untuk akun: awalan "52", "5241*", daftar "521211,521213", kecuali "-511*".
 * Spending realisation of a work unit for an account prefix, wildcard, list or exclusion.
 * Contoh/Example: =OMSPAN.REALISASI("527560"; "52") or =OMSPAN.REALISASI("527560", "52")
 * @customfunction REALISASI
 * @param satker Kode satker 6 digit, daftar "a,b", atau "" untuk semua. Work unit code, list, or "" for all.
 * @param [akun] Akun: "52", "5241*", "521211,521213", "-511*"; kosong = semua. Account filter; empty = all.
 * @param [dari] Tanggal awal (opsional). Start date (optional).
 * @param [sampai] Tanggal akhir (opsional). End date (optional).
 * @param [filter] Filter tambahan, mis. "program=05601WA;sumber=A". Extra filters.
 * @returns Jumlah realisasi dalam rupiah. Realisation in rupiah.
 */
export async function realisasi(
  satker: any,
  akun?: any,
  dari?: any,
  sampai?: any,
  filter?: any,
): Promise<number> {
  try {
    const f = FORMULAS.REALISASI!;
    const run = f.prepare([satker, akun, dari, sampai, filter]);
    await sessionReady;
    return run(await session.store.get(session.connection(), f.dataset));
  } catch (e) {
    throw toCellError(e);
  }
}
