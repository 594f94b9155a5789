/**
 * Kurva S: cumulative realisation month by month against pagu, beside the cumulative plan the user types
 * from halaman III DIPA, and the deviation between them — with a native Excel line chart of plan and actual.
 * Months after the report's month are left blank, so the curve stops where the data does.
 */
import { GridBuilder, omspan, quote, rangeRef, ref, type ReportGrid } from "./grid";
import { monthName } from "./labels";
import { headerBlock, headerRow, sheetName } from "./layout";
import { resolveScope } from "./scope";
import type { ReportTemplate } from "./types";

export const KURVA_S: ReportTemplate = {
  id: "kurva-s",
  label: { id: "Kurva S realisasi", en: "S-curve of realisation" },
  description: {
    id: "Realisasi kumulatif per bulan terhadap pagu dan rencana halaman III DIPA, dengan grafik.",
    en: "Cumulative monthly realisation against pagu and the DIPA page III plan, with a chart.",
  },
  needs: [],
  build(request, { dipa }): ReportGrid {
    const { lang, month } = request;
    const scope = resolveScope(request.scope, dipa, lang);
    const g = new GridBuilder();
    const h = headerBlock(g, KURVA_S.label[lang], request, scope);
    const { t } = h;
    const paguRow = h.next;
    g.line(paguRow, 0, [
      { value: t.pagu, style: "label" },
      { formula: omspan("PAGU", h.satkerRef, quote(""), h.filterRef), format: "rupiah" },
    ]);
    const pagu = ref(paguRow, 1, "both");
    g.set(paguRow + 1, 0, { value: t.planNote, style: "note" });
    const header = paguRow + 3;
    headerRow(g, header, [t.month, t.plan, t.actual, t.actualPct, t.deviation]);
    const first = header + 1;
    for (let m = 1; m <= 12; m++) {
      const row = first + m - 1;
      g.set(row, 0, { value: monthName(m, lang) });
      g.set(row, 1, { format: "percent", style: "input" });
      if (m > month) continue;
      g.set(row, 2, { formula: omspan("REALISASI.BULAN", h.satkerRef, quote(""), String(m), "TRUE", h.filterRef), format: "rupiah" });
      g.set(row, 3, { formula: `=IF(${pagu}=0,"",${ref(row, 2)}/${pagu})`, format: "percent" });
      g.set(row, 4, { formula: `=IF(AND(ISNUMBER(${ref(row, 1)}),ISNUMBER(${ref(row, 3)})),${ref(row, 3)}-${ref(row, 1)},"")`, format: "percent" });
    }
    const last = first + 11;
    return {
      template: KURVA_S.id,
      sheetName: sheetName("Kurva S", lang, month),
      cells: g.cells(),
      columnWidths: [18, 22, 20, 22, 18],
      freeze: { rows: header + 1, columns: 1 },
      conditional: [],
      charts: [
        {
          kind: "line",
          title: KURVA_S.label[lang],
          categories: rangeRef(first, 0, last, 0),
          series: [
            { name: t.plan, values: rangeRef(first, 1, last, 1) },
            { name: t.actualPct, values: rangeRef(first, 3, last, 3) },
          ],
          anchor: ref(header, 6),
        },
      ],
      print: { orientation: "landscape", paper: "A4", titleRows: `1:${header + 1}` },
    };
  },
};
