/**
 * The sheet evaluator (src/omspan/sheet-calc) on its own: Excel's rules for the functions the templates
 * write — SUBTOTAL(9) skipping nested subtotals, RANK.EQ with ties, IF's blanks, errors that propagate,
 * `_xlfn.` and `_xldudf_` spellings, cross-sheet references — dependency order, and the formulas it
 * refuses (listed, with their dependents, never guessed). Checked against test/support/sheet-evaluator.ts
 * (the tests' independent reference) where both read the formula.
 */
import { gridBook, recalculate, toCellFormula, toFileFormula, type CalcBook, type Scalar } from "../../src/omspan/sheet-calc";
import type { ReportGrid } from "../../src/omspan/templates";
import { SheetEvaluator } from "../support/sheet-evaluator";

type Cells = Record<string, string | number | boolean>;

function bookOf(sheets: Record<string, Cells>): CalcBook {
  const parse = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    return { row: Number(m[2]) - 1, col: m[1]!.charCodeAt(0) - 65 };
  };
  return {
    sheets: Object.keys(sheets),
    *formulas() {
      for (const [sheet, cells] of Object.entries(sheets)) for (const [a1, v] of Object.entries(cells)) if (typeof v === "string" && v.startsWith("=")) yield { sheet, ...parse(a1), formula: v };
    },
    value(sheet, row, col) {
      const cells = sheets[sheet] ?? {};
      const hit = Object.entries(cells).find(([a1]) => parse(a1).row === row && parse(a1).col === col)?.[1];
      return hit === undefined || (typeof hit === "string" && hit.startsWith("=")) ? null : hit;
    },
  };
}

function values(sheets: Record<string, Cells>, omspan: (n: string, a: readonly unknown[]) => Scalar = () => null) {
  const r = recalculate(bookOf(sheets), { omspan });
  const out: Record<string, unknown> = {};
  for (const x of r.results) out[`${x.sheet}!${String.fromCharCode(65 + x.col)}${x.row + 1}`] = typeof x.value === "object" && x.value ? x.value.code : x.value;
  return { out, unevaluated: r.unevaluated };
}

test("SUBTOTAL(9) skips nested subtotals; SUM does not", () => {
  const { out } = values({ S: { A1: 1, A2: 2, A3: "=SUBTOTAL(9,A1:A2)", A4: 10, A5: "=SUBTOTAL(9,A4)", A6: "=SUBTOTAL(9,A1:A5)", A7: "=SUM(A1:A5)" } });
  expect(out).toMatchObject({ "S!A3": 3, "S!A5": 10, "S!A6": 13, "S!A7": 26 });
});

test("RANK.EQ in both spellings, ties share a rank, a value not in the range is #N/A; IF, AND, ISNUMBER as the templates use them", () => {
  const { out } = values({ S: { A1: 0.5, A2: 0.9, A3: 0.5, A4: "", B1: "=RANK.EQ(A1,$A$1:$A$3)", B2: "=_xlfn.RANK.EQ(A2,$A$1:$A$3)", B3: "=RANK.EQ(A3,$A$1:$A$3,1)", B4: "=RANK.EQ(7,$A$1:$A$3)", C1: '=IF(ISNUMBER(A4),A4,"")', C2: "=IF(AND(ISNUMBER(A1),ISNUMBER(A2)),A2-A1,\"\")", C3: '=IF(A1=0,"",A2/A1)', C4: "=A4" } });
  expect(out).toMatchObject({ "S!B1": 2, "S!B2": 1, "S!B3": 1, "S!B4": "#N/A", "S!C1": "", "S!C3": 1.8, "S!C4": "" });
  expect(out["S!C2"]).toBeCloseTo(0.4, 12);
});

test("errors propagate; IFERROR catches them; references across sheets, quoted names included", () => {
  const { out } = values({ Data: { A1: 4, A2: 0 }, "Lap 1": { A1: "=Data!A1/Data!A2", A2: "=IFERROR(A1,-1)", A3: "=SUM(A1,1)" }, S: { A1: "='Lap 1'!A2*2", A2: "=Nope!A1" } });
  expect(out).toMatchObject({ "Lap 1!A1": "#DIV/0!", "Lap 1!A2": -1, "Lap 1!A3": "#DIV/0!", "S!A1": -2, "S!A2": "#REF!" });
});

test("dependency order: a chain written bottom-up is computed top-down; unknown functions, names and cycles are listed with their dependents", () => {
  const { out, unevaluated } = values({ S: { A5: "=A4+1", A4: "=A3+1", A3: "=A2+1", A2: "=A1+1", A1: 1, B1: "=VLOOKUP(1,A1:A2,1)", B2: "=B1+1", B3: "=SomeName*2", C1: "=C2", C2: "=C1" } });
  expect(out).toMatchObject({ "S!A5": 5 });
  const listed = Object.fromEntries(unevaluated.map((u) => [`${String.fromCharCode(65 + u.col)}${u.row + 1}`, u.reason.en]));
  expect(listed.B1).toMatch(/VLOOKUP/);
  expect(listed.B2).toMatch(/reads S!B1/);
  expect(listed.B3).toMatch(/SomeName/);
  expect(listed.C1).toMatch(/circular/);
  expect(Object.keys(listed).sort()).toEqual(["B1", "B2", "B3", "C1", "C2"]);
});

test("only the seeds and their dependents are recomputed; the rest keep the file's values", () => {
  const book = bookOf({ S: { A1: '=OMSPAN.PAGU("600001")', A2: "=A1*2", B1: "=FOO()", B2: 5 } });
  const r = recalculate(book, { recompute: (c) => /OMSPAN/.test(c.formula), omspan: (name, args) => (name === "PAGU" && args[0] === "600001" ? 21 : null) });
  expect(r.results.map((x) => [x.formula, x.value])).toEqual([['=OMSPAN.PAGU("600001")', 21], ["=A1*2", 42]]);
  expect(r.unevaluated).toEqual([]);
});

test("the file's spelling and the cell's: _xlfn. and _xldudf_ added and read back, text untouched", () => {
  const cell = '=IF(ISNUMBER(M9),RANK.EQ(M9,$M$9:$M$20),"RANK.EQ(")+OMSPAN.REALISASI.BULAN($B$4,A9,3,TRUE)';
  const file = toFileFormula(cell);
  expect(file).toBe('IF(ISNUMBER(M9),_xlfn.RANK.EQ(M9,$M$9:$M$20),"RANK.EQ(")+_xldudf_OMSPAN_REALISASI_BULAN($B$4,A9,3,TRUE)');
  expect(toCellFormula(file)).toBe(cell);
  expect(toCellFormula("OMSPAN.PAGU(A1)")).toBe("=OMSPAN.PAGU(A1)");
});

test("agrees with the tests' independent sheet evaluator on a grid of the templates' formulas", () => {
  const rows: (string | number)[][] = [
    [100, 40, "=B1/A1", '=IF(A1=0,"",B1/A1)'],
    [200, 30, "=B2/A2", '=IF(A2=0,"",B2/A2)'],
    ["=SUBTOTAL(9,A1:A2)", "=SUBTOTAL(9,B1:B2)", "=B3/A3", '=IF(ISNUMBER(C1),RANK.EQ(C1,$C$1:$C$2),"")'],
    ["=SUBTOTAL(9,A1:A3)", "=SUM(B1:B3)", "=A4-B4", "=IF(AND(ISNUMBER(C1),ISNUMBER(C2)),C1-C2,\"\")"],
  ];
  const grid = { sheetName: "G", cells: rows.map((r) => r.map((v) => (typeof v === "string" ? { formula: v } : { value: v }))) } as unknown as ReportGrid;
  const mine = recalculate(gridBook(grid), { omspan: () => null });
  const ref = new SheetEvaluator((r, c) => rows[r]?.[c], () => null);
  for (const x of mine.results) expect([x.formula, x.value]).toEqual([x.formula, ref.valueAt(x.row, x.col)]);
  expect(mine.results).toHaveLength(12);
});
