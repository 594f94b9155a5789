/**
 * Ringkasan satker: every satker in scope (a Kanwil with its land offices, an eselon I unit, the whole key)
 * with pagu and realisation through the report's month for each spending type, the totals, sisa, % and a
 * live rank by % penyerapan (RANK.EQ, so the ranking follows a refresh). Rows are in code order.
 */
import { textAt } from "../columnar/table";
import { GridBuilder, omspan, quote, ref, type ReportGrid } from "./grid";
import { spendingTypeName } from "./labels";
import { headerBlock, headerRow, share, sheetName } from "./layout";
import { distinct, resolveScope } from "./scope";
import type { ReportTemplate } from "./types";

export const RINGKASAN_SATKER: ReportTemplate = {
  id: "ringkasan-satker",
  label: { id: "Ringkasan satker", en: "Work unit summary" },
  description: {
    id: "Setiap satker dalam lingkup: pagu dan realisasi per jenis belanja, sisa, % dan peringkat.",
    en: "Every work unit in scope: pagu and realisation per spending type, remaining, % and rank.",
  },
  needs: [],
  build(request, { dipa }): ReportGrid {
    const { lang, month } = request;
    const scope = resolveScope(request.scope, dipa, lang);
    const inScope = new Set(scope.satker);
    const types = [...new Set(distinct(dipa, "AKUN", (row) => inScope.has(textAt(dipa, "KDSATKER", row)!)).map((a) => a.slice(0, 2)))];

    const g = new GridBuilder();
    const h = headerBlock(g, RINGKASAN_SATKER.label[lang], request, scope);
    const { t } = h;
    const header = h.next;
    // Kode | per type: pagu, realisasi | pagu total | realisasi total | sisa | % | rank
    const paguTotal = 1 + types.length * 2;
    const realTotal = paguTotal + 1;
    const sisaCol = realTotal + 1;
    const pctCol = sisaCol + 1;
    const rankCol = pctCol + 1;
    headerRow(g, header, [
      t.kode,
      ...types.flatMap((p) => [`${t.pagu} ${spendingTypeName(p, lang)}`, `${t.realisasi} ${p}`]),
      `${t.pagu} ${t.total}`,
      `${t.realisasi} ${t.total}`,
      t.sisa,
      t.penyerapan,
      t.rank,
    ]);

    const first = header + 1;
    const last = first + scope.satker.length - 1;
    scope.satker.forEach((satker, i) => {
      const row = first + i;
      const satkerRef = ref(row, 0, "col");
      g.set(row, 0, { value: satker, format: "text" });
      types.forEach((p, k) => {
        const col = 1 + k * 2;
        g.set(row, col, { formula: omspan("PAGU", satkerRef, quote(p), h.filterRef), format: "rupiah" });
        const args = [satkerRef, quote(p), String(month), "TRUE", h.filterRef];
        g.set(row, col + 1, { formula: omspan("REALISASI.BULAN", ...args), format: "rupiah" });
      });
      const sumOf = (offset: number) => `=${types.map((_, k) => ref(row, 1 + k * 2 + offset)).join("+")}`;
      g.set(row, paguTotal, { formula: sumOf(0), format: "rupiah" });
      g.set(row, realTotal, { formula: sumOf(1), format: "rupiah" });
      g.set(row, sisaCol, { formula: `=${ref(row, paguTotal)}-${ref(row, realTotal)}`, format: "rupiah" });
      g.set(row, pctCol, { formula: share(row, realTotal, paguTotal), format: "percent" });
      const pct = ref(row, pctCol);
      g.set(row, rankCol, {
        formula: `=IF(ISNUMBER(${pct}),RANK.EQ(${pct},${ref(first, pctCol, "both")}:${ref(last, pctCol, "both")}),"")`,
        format: "integer",
      });
    });

    const total = last + 1;
    g.set(total, 0, { value: t.grandTotal, style: "total" });
    for (let col = 1; col <= sisaCol; col++) {
      g.set(total, col, { formula: `=SUM(${ref(first, col)}:${ref(last, col)})`, format: "rupiah", style: "total" });
    }
    g.set(total, pctCol, { formula: share(total, realTotal, paguTotal), format: "percent", style: "total" });

    return {
      template: RINGKASAN_SATKER.id,
      sheetName: sheetName(lang === "id" ? "Ringkasan Satker" : "Work Unit Summary", lang, month),
      cells: g.cells(),
      columnWidths: [14, ...types.flatMap(() => [18, 18]), 18, 18, 18, 12, 10],
      freeze: { rows: header + 1, columns: 1 },
      conditional: [],
      charts: [],
      print: { orientation: "landscape", paper: "A4", titleRows: `1:${header + 1}` },
    };
  },
};
