/**
 * OMSPAN formulas in a file, made current without Excel: every OMSPAN cell is computed through the
 * formula catalogue with its arguments read from the cells it references (src/omspan/sheet-calc, the same
 * catalogue the cells use in Excel), then every ordinary formula that depends on them or on a rewritten
 * table, in dependency order. Only the cached values are written: each `<f>` element (shared, array,
 * `cm`, `ca`) stays as Excel wrote it. A spilled answer (TABEL) updates its `ref` and the cells it fills.
 * A formula the evaluator does not know keeps its value and is listed — never guessed.
 */
import { dataSource } from "../../omspan/formulas";
import { areaA1, callsOmspan, cellKey, isSheetError, parseArea, recalculateWithOmspan, SheetError, type Area, type CellResult, type Scalar } from "../../omspan/sheet-calc";
import { a1, parseA1 } from "../../omspan/workbook/a1";
import type { FormulaCellState, Recomputed, RecomputeEnv } from "../../omspan/workbook/port";
import type { XlsxBook } from "../book";
import type { CellWrite } from "../sheet-edit";
import { plainValue } from "./owned-sheets";

const cellAddress = (sheet: string, row: number, col: number) => a1({ sheet, row, col, rows: 1, cols: 1 });

export function scanFormulas(book: XlsxBook, sheets: readonly string[]): FormulaCellState[] {
  const wanted = new Set(sheets.map((s) => s.toLowerCase()));
  return book.omspanFormulaCells()
    .filter((c) => wanted.has(c.sheet.toLowerCase()))
    .map((c) => {
      const value = book.cell(c.sheet, c.row, c.col)?.value ?? null;
      return { sheet: c.sheet, address: cellAddress(c.sheet, c.row, c.col), row: c.row, col: c.col, formula: c.formula, value: plainValue(value), isError: isSheetError(value) };
    });
}

const inArea = (a: Area, row: number, col: number) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;

/** The writes of one recomputed cell: its cached value, and for a spill its `ref` and the cells it fills. */
function writesOf(book: XlsxBook, r: CellResult): CellWrite[] {
  const c = book.cell(r.sheet, r.row, r.col);
  if (!r.spill || !c?.formula) return [{ row: r.row, col: r.col, content: { kind: "cached", value: r.value } }];
  const old = c.formula.ref ? parseArea(c.formula.ref) : undefined;
  const rows = r.spill.length;
  const cols = Math.max(1, ...r.spill.map((x) => x.length));
  const area: Area = { top: r.row, left: r.col, bottom: r.row + rows - 1, right: r.col + cols - 1 };
  // Excel shows #SPILL! where the answer would cover cells in use (outside what it filled before).
  const inTheWay = book.scan(r.sheet).cells.some((x) => inArea(area, x.row, x.col) && !(x.row === r.row && x.col === r.col) && !(old && inArea(old, x.row, x.col)) && (x.value !== null || x.formula));
  const writes: CellWrite[] = [];
  const fill = inTheWay ? { ...area, bottom: r.row, right: r.col } : area;
  const f = c.formula;
  writes.push({
    row: r.row,
    col: r.col,
    content: inTheWay
      ? { kind: "formula", formula: f.text, value: new SheetError("#SPILL!"), array: areaA1(fill), cm: c.cm, ca: f.ca }
      : old && areaA1(old) === areaA1(area) ? { kind: "cached", value: r.value } : { kind: "formula", formula: f.text, value: r.value, array: areaA1(area), cm: c.cm, ca: f.ca },
  });
  if (!inTheWay) r.spill.forEach((line, i) => line.forEach((v, j) => (i || j) && writes.push({ row: r.row + i, col: r.col + j, content: { kind: "value", value: v } })));
  if (old) for (let row = old.top; row <= old.bottom; row++) for (let col = old.left; col <= old.right; col++) if (!inArea(fill, row, col)) writes.push({ row, col, content: { kind: "remove" } });
  return writes;
}

export async function recompute(book: XlsxBook, cells: readonly FormulaCellState[], env: RecomputeEnv): Promise<Recomputed> {
  const changedAreas = env.rewritten.map((address) => {
    const b = parseA1(address);
    return { sheet: b.sheet, area: { top: b.row, left: b.col, bottom: b.row + b.rows - 1, right: b.col + b.cols - 1 } };
  });
  const r = await recalculateWithOmspan(book.calcBook(), async (ids) => dataSource(...(await Promise.all(ids.map((d) => env.pull(d))))), {
    recompute: (c) => callsOmspan(c.formula),
    changedAreas,
    datasets: book.omspanDatasets(),
  });
  const bySheet = new Map<string, CellWrite[]>();
  for (const res of r.results) {
    const list = bySheet.get(res.sheet) ?? bySheet.set(res.sheet, []).get(res.sheet)!;
    list.push(...writesOf(book, res));
  }
  for (const [sheet, writes] of bySheet) book.writeCells(sheet, writes);
  const after = new Map<string, Scalar>(r.results.map((x) => [cellKey(x.sheet, x.row, x.col), x.value]));
  return {
    values: cells.map((c) => {
      const k = cellKey(c.sheet, c.row, c.col);
      return after.has(k) ? plainValue(after.get(k)!) : c.value;
    }),
    rerun: 0,
    unsettled: 0,
    notComputed: r.unevaluated.map((u) => ({ address: cellAddress(u.sheet, u.row, u.col), formula: u.formula, reason: u.reason })),
    datasets: r.datasets,
  };
}
