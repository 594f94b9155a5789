/**
 * Realisasi per akun per bulan: for a satker (or a set, or any scope), each akun of its DIPA with pagu,
 * realisation month by month through the report's month, the cumulative sum, sisa and % penyerapan; akun
 * grouped by spending type (51 / 52 / 53 …) with subtotals and a grand total.
 */
import { textAt } from "../columnar/table";
import { GridBuilder, omspan, ref, type ReportGrid } from "./grid";
import { monthName, spendingTypeName } from "./labels";
import { headerBlock, headerRow, share, sheetName, subtotal } from "./layout";
import { distinct, resolveScope } from "./scope";
import type { ReportTemplate } from "./types";

export const REALISASI_BULANAN: ReportTemplate = {
  id: "realisasi-bulanan",
  label: { id: "Realisasi per akun per bulan", en: "Realisation by account and month" },
  description: {
    id: "Pagu, realisasi tiap bulan dan kumulatif, sisa dan % penyerapan per akun, dengan subtotal 51/52/53.",
    en: "Pagu, monthly and cumulative realisation, remaining and % absorbed per account, subtotalled by 51/52/53.",
  },
  needs: [],
  build(request, { dipa }): ReportGrid {
    const { lang, month } = request;
    const scope = resolveScope(request.scope, dipa, lang);
    const inScope = new Set(scope.satker);
    const eselon1 = request.scope.kind === "eselon1" ? request.scope.eselon1 : undefined;
    const akun = distinct(dipa, "AKUN", (row) => inScope.has(textAt(dipa, "KDSATKER", row)!) && (!eselon1 || textAt(dipa, "BAES1", row) === eselon1));

    const g = new GridBuilder();
    const h = headerBlock(g, REALISASI_BULANAN.label[lang], request, scope);
    const { t } = h;
    const firstMonthCol = 2;
    const cumCol = firstMonthCol + month;
    const sisaCol = cumCol + 1;
    const pctCol = sisaCol + 1;
    const header = h.next;
    headerRow(g, header, [
      t.akun,
      t.pagu,
      ...Array.from({ length: month }, (_, i) => monthName(i + 1, lang)),
      `${t.cumulative} ${monthName(month, lang)}`,
      t.sisa,
      t.penyerapan,
    ]);

    const totalsOf = (row: number, label: string, from: number, to: number, style: "subtotal" | "total") => {
      g.set(row, 0, { value: label, style });
      for (let col = 1; col <= sisaCol; col++) g.set(row, col, { formula: subtotal(col, from, to), format: "rupiah", style });
      g.set(row, pctCol, { formula: share(row, cumCol, 1), format: "percent", style });
    };

    let row = header + 1;
    const first = row;
    const groups = [...new Set(akun.map((a) => a.slice(0, 2)))];
    for (const prefix of groups) {
      g.set(row++, 0, { value: spendingTypeName(prefix, lang), style: "group" });
      const from = row;
      for (const a of akun.filter((x) => x.startsWith(prefix))) {
        const akunRef = ref(row, 0, "col");
        g.set(row, 0, { value: a, format: "text" });
        g.set(row, 1, { formula: omspan("PAGU", h.satkerRef, akunRef, h.filterRef), format: "rupiah" });
        for (let m = 1; m <= month; m++) {
          const args = [h.satkerRef, akunRef, String(m), ...(h.filterRef ? ["FALSE", h.filterRef] : [])];
          g.set(row, firstMonthCol + m - 1, { formula: omspan("REALISASI.BULAN", ...args), format: "rupiah" });
        }
        g.set(row, cumCol, { formula: `=SUM(${ref(row, firstMonthCol)}:${ref(row, cumCol - 1)})`, format: "rupiah" });
        g.set(row, sisaCol, { formula: `=${ref(row, 1)}-${ref(row, cumCol)}`, format: "rupiah" });
        g.set(row, pctCol, { formula: share(row, cumCol, 1), format: "percent" });
        row++;
      }
      totalsOf(row, `${t.total} ${prefix}`, from, row - 1, "subtotal");
      row++;
    }
    totalsOf(row, t.grandTotal, first, Math.max(first, row - 1), "total");

    return {
      template: REALISASI_BULANAN.id,
      sheetName: sheetName(lang === "id" ? "Realisasi Bulanan" : "Monthly Realisation", lang, month),
      cells: g.cells(),
      columnWidths: [12, 18, ...Array.from({ length: month }, () => 16), 18, 18, 12],
      freeze: { rows: header + 1, columns: 1 },
      conditional: [],
      charts: [],
      print: { orientation: "landscape", paper: "A4", titleRows: `1:${header + 1}` },
    };
  },
};

