/**
 * Peringkat IKPA: the satker in scope that have an IKPA record for the report's month, each with its live
 * weighted score and every indicator, ranked by the score (RANK.EQ, so the ranking follows a refresh),
 * with a colour scale per column. Names are OMSPAN's text, written as text.
 */
import { IKPA_INDICATORS } from "../datasets/ikpa";
import { textAt } from "../columnar/table";
import { GridBuilder, omspan, quote, rangeRef, ref, type ReportGrid } from "./grid";
import { headerBlock, headerRow, sheetName } from "./layout";
import { resolveScope } from "./scope";
import type { ReportTemplate } from "./types";

export const PERINGKAT_IKPA: ReportTemplate = {
  id: "peringkat-ikpa",
  label: { id: "Peringkat IKPA satker", en: "IKPA ranking of work units" },
  description: {
    id: "Satker diurutkan menurut nilai IKPA tertimbang, dengan setiap indikator.",
    en: "Work units ranked by weighted IKPA score, with each indicator.",
  },
  needs: ["ikpa-satker"],
  build(request, data): ReportGrid {
    const { lang, month } = request;
    const ikpa = data["ikpa-satker"];
    if (!ikpa) throw new Error("the peringkat-ikpa template needs the IKPA satker table");
    const scope = resolveScope(request.scope, data.dipa, lang);
    const inScope = new Set(scope.satker);
    const periode = String(month).padStart(2, "0");
    const names = new Map<string, string>();
    for (let row = 0; row < ikpa.rowCount; row++) {
      const satker = textAt(ikpa, "KDSATKER", row)!;
      if (inScope.has(satker) && textAt(ikpa, "PERIODE", row) === periode) names.set(satker, textAt(ikpa, "NMSATKER", row) ?? "");
    }

    const g = new GridBuilder();
    const h = headerBlock(g, PERINGKAT_IKPA.label[lang], request, scope);
    const { t } = h;
    const header = h.next;
    headerRow(g, header, [t.rank, t.kode, t.nama, t.score, ...IKPA_INDICATORS.map((i) => i.label[lang])]);
    const first = header + 1;
    const satkers = [...names.keys()].sort();
    const last = first + Math.max(1, satkers.length) - 1;
    satkers.forEach((satker, i) => {
      const row = first + i;
      const code = ref(row, 1, "col");
      const score = ref(row, 3);
      g.line(row, 0, [
        { formula: `=IF(ISNUMBER(${score}),RANK.EQ(${score},${ref(first, 3, "both")}:${ref(last, 3, "both")}),"")`, format: "integer" },
        { value: satker, format: "text" },
        { value: names.get(satker)!, format: "text" },
        { formula: omspan("IKPA", code, quote(""), String(month)), format: "score" },
        ...IKPA_INDICATORS.map((ind) => ({ formula: omspan("IKPA", code, quote(ind.ik), String(month)), format: "score" as const })),
      ]);
    });

    const columns = 4 + IKPA_INDICATORS.length;
    return {
      template: PERINGKAT_IKPA.id,
      sheetName: sheetName(lang === "id" ? "Peringkat IKPA" : "IKPA Ranking", lang, month),
      cells: g.cells(),
      columnWidths: [10, 12, 40, 12, ...IKPA_INDICATORS.map(() => 14)],
      freeze: { rows: header + 1, columns: 3 },
      conditional: satkers.length
        ? Array.from({ length: columns - 3 }, (_, k) => ({ range: rangeRef(first, 3 + k, last, 3 + k), rule: "colorScale" as const }))
        : [],
      charts: [],
      print: { orientation: "landscape", paper: "A4", titleRows: `1:${header + 1}` },
    };
  },
};
