/**
 * Whose report: one satker or a set, a Kanwil with its land offices, an eselon I unit, or everything the key
 * sees. A scope becomes the satker rows of a report and the `satker` / `filter` arguments of its formulas.
 *
 * OMSPAN has no organisation endpoint, so a Kanwil's land offices are read from DIPA: the satker of the
 * Kanwil's province (the first two digits of LOKASI) with KEWENANGAN 2 (kantor daerah) — the Kanwil sits in
 * the provincial capital, its land offices in the kabupaten and kota of the same province.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors";
import type { Lang } from "../i18n";
import { textAt, type Table } from "../columnar/table";

const SatkerCode = z.string().regex(/^\d{6}$/, "a satker code is 6 digits");

export const ReportScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("satker"), satker: z.array(SatkerCode).min(1).max(200) }),
  z.object({ kind: z.literal("kanwil"), kanwil: SatkerCode }),
  z.object({ kind: z.literal("eselon1"), eselon1: z.string().regex(/^\d{5}$/, "an eselon I code is 5 digits") }),
  z.object({ kind: z.literal("all") }),
]);
export type ReportScope = z.infer<typeof ReportScope>;

export interface ResolvedScope {
  /** Satker rows of the report, in code order. */
  readonly satker: readonly string[];
  /** The formulas' `satker` argument for the scope as a whole ("" = all in the key's scope). */
  readonly satkerArg: string;
  /** The formulas' `filter` argument, where the scope needs one (an eselon I unit). */
  readonly filterArg?: string;
  /** How the report's subtitle names the scope. */
  readonly label: string;
}

/** The distinct values of a text column over the rows that `keep` accepts, sorted. */
export function distinct(table: Table, column: string, keep: (row: number) => boolean = () => true): string[] {
  const seen = new Set<string>();
  for (let row = 0; row < table.rowCount; row++) {
    if (!keep(row)) continue;
    const v = textAt(table, column, row);
    if (v) seen.add(v);
  }
  return [...seen].sort();
}

function notFound(what: string, code: string): InvalidArgumentError {
  return new InvalidArgumentError(
    "scope",
    { en: `${what} ${code} has no DIPA lines under this key`, id: `${what} ${code} tidak punya baris DIPA pada kunci ini` },
    code,
  );
}

/** The scope's satker (from the DIPA table) and the arguments its formulas take. */
export function resolveScope(scope: ReportScope, dipa: Table, lang: Lang): ResolvedScope {
  switch (scope.kind) {
    case "satker": {
      const known = new Set(distinct(dipa, "KDSATKER"));
      const missing = scope.satker.find((s) => !known.has(s));
      if (missing) throw notFound("satker", missing);
      const satker = [...new Set(scope.satker)].sort();
      return { satker, satkerArg: satker.join(","), label: `${lang === "id" ? "Satker" : "Work unit"} ${satker.join(", ")}` };
    }
    case "kanwil": {
      let province: string | undefined;
      for (let row = 0; row < dipa.rowCount && !province; row++) {
        if (textAt(dipa, "KDSATKER", row) === scope.kanwil) province = textAt(dipa, "LOKASI", row)?.slice(0, 2);
      }
      if (!province) throw notFound("Kanwil", scope.kanwil);
      const satker = distinct(
        dipa,
        "KDSATKER",
        (row) => textAt(dipa, "LOKASI", row)?.startsWith(province!) === true && textAt(dipa, "KEWENANGAN", row) === "2",
      );
      return { satker, satkerArg: satker.join(","), label: `Kanwil ${scope.kanwil} ${lang === "id" ? "dan kantor pertanahannya" : "and its land offices"}` };
    }
    case "eselon1": {
      const satker = distinct(dipa, "KDSATKER", (row) => textAt(dipa, "BAES1", row) === scope.eselon1);
      if (satker.length === 0) throw notFound(lang === "id" ? "Eselon I" : "Echelon I unit", scope.eselon1);
      return { satker, satkerArg: "", filterArg: `eselon1=${scope.eselon1}`, label: `${lang === "id" ? "Eselon I" : "Echelon I"} ${scope.eselon1}` };
    }
    case "all":
      return { satker: distinct(dipa, "KDSATKER"), satkerArg: "", label: lang === "id" ? "Semua satker pada kunci ini" : "Every work unit of this key" };
  }
}
