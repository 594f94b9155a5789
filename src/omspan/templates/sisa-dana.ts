/**
 * Sisa dana & pagu minus: DataFA by satker and akun — DIPA, committed, blocked, realised, available — with
 * a subtotal per satker, a grand total, and the overspent lines (available below zero) highlighted by
 * conditional formatting, which follows a refresh.
 */
import { textAt } from "../columnar/table";
import { GridBuilder, omspan, quote, rangeRef, ref, type ReportGrid } from "./grid";
import { headerBlock, headerRow, sheetName, subtotal } from "./layout";
import { resolveScope } from "./scope";
import type { ReportTemplate } from "./types";

const KOLOM = ["DIPA", "KONTRAK", "BLOKIR", "REALISASI", "TERSEDIA"] as const;

export const SISA_DANA: ReportTemplate = {
  id: "sisa-dana",
  label: { id: "Sisa dana dan pagu minus", en: "Funds available and overspent lines" },
  description: {
    id: "Ketersediaan dana per satker dan akun: DIPA, kontrak, blokir, realisasi, tersedia; pagu minus ditandai.",
    en: "Funds per work unit and account: DIPA, committed, blocked, realised, available; overspent lines marked.",
  },
  needs: ["dana"],
  build(request, data): ReportGrid {
    const { lang, month } = request;
    const dana = data.dana;
    if (!dana) throw new Error("the sisa-dana template needs the DataFA table");
    const scope = resolveScope(request.scope, data.dipa, lang);
    const inScope = new Set(scope.satker);
    const lines = new Map<string, Set<string>>();
    for (let row = 0; row < dana.rowCount; row++) {
      const satker = textAt(dana, "SATKER", row)!;
      if (!inScope.has(satker)) continue;
      let akun = lines.get(satker);
      if (!akun) lines.set(satker, (akun = new Set()));
      akun.add(textAt(dana, "AKUN", row)!);
    }

    const g = new GridBuilder();
    const h = headerBlock(g, SISA_DANA.label[lang], request, scope);
    const { t } = h;
    const header = h.next;
    headerRow(g, header, [t.kode, t.akun, t.dipa, t.kontrak, t.blokir, t.realisasi, t.tersedia]);
    let row = header + 1;
    const first = row;
    const detail: number[] = [];
    for (const satker of [...lines.keys()].sort()) {
      const from = row;
      for (const akun of [...lines.get(satker)!].sort()) {
        g.line(row, 0, [{ value: satker, format: "text" }, { value: akun, format: "text" }]);
        KOLOM.forEach((kolom, k) => {
          g.set(row, 2 + k, { formula: omspan("DANA", ref(row, 0, "col"), ref(row, 1, "col"), quote(kolom), h.filterRef), format: "rupiah" });
        });
        detail.push(row++);
      }
      g.line(row, 0, [{ value: satker, format: "text", style: "subtotal" }, { value: t.total, style: "subtotal" }]);
      KOLOM.forEach((_, k) => g.set(row, 2 + k, { formula: subtotal(2 + k, from, row - 1), format: "rupiah", style: "subtotal" }));
      row++;
    }
    g.set(row, 0, { value: t.grandTotal, style: "total" });
    KOLOM.forEach((_, k) => g.set(row, 2 + k, { formula: subtotal(2 + k, first, Math.max(first, row - 1)), format: "rupiah", style: "total" }));
    g.set(row + 2, 0, { value: t.minusNote, style: "note" });

    return {
      template: SISA_DANA.id,
      sheetName: sheetName(lang === "id" ? "Sisa Dana" : "Funds Available", lang, month),
      cells: g.cells(),
      columnWidths: [14, 10, 18, 18, 18, 18, 18],
      freeze: { rows: header + 1, columns: 2 },
      conditional: detail.length ? [{ range: rangeRef(first, 6, row - 1, 6), rule: "negative" }] : [],
      charts: [],
      print: { orientation: "landscape", paper: "A4", titleRows: `1:${header + 1}` },
    };
  },
};
