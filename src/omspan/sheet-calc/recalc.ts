/**
 * Recalculating a workbook's formulas in dependency order. The seeds (every formula, or the OMSPAN cells
 * and the cells a refresh rewrote) and every formula that depends on them, directly or through others,
 * are computed once each, after everything they read; the rest keep the values the file holds. A formula
 * that cannot be evaluated — an unknown function, a defined name, a cycle, or reading such a cell — is
 * listed with its reason and keeps its old value: the caller reports it, nothing is guessed.
 */
import { evaluateNode } from "./evaluate";
import type { EvalContext, OmspanAnswer } from "./context";
import { isRange, scalarOf } from "./context";
import { isSheetError, SheetError, UnsupportedFormulaError, unsupported } from "./errors";
import { callsFunction, parseFormula, referencesOf, type Node } from "./parse";
import { a1Of, cellKey, type Area, type CellAt } from "./refs";
import { structuredArea, type CalcTable } from "./structured";
import type { Scalar } from "./values";

/** A formula cell as a workbook holds it (either spelling: `=SUM(…)` or the file's `_xlfn.`…). */
export interface FormulaCell extends CellAt {
  readonly formula: string;
  /** For an array (spilling) formula, the area it fills, its own cell at the top left. */
  readonly spill?: Area;
}

/** What the recalculation reads: the sheets, the formulas, and every cell's value as the file holds it. */
export interface CalcBook {
  readonly sheets: readonly string[];
  formulas(): Iterable<FormulaCell>;
  /** A cell's constant or cached value (null when empty). */
  value(sheet: string, row: number, col: number): Scalar;
  /** The workbook's tables, for structured references (`Tabel1[Kolom]`); none: those are not read. */
  tables?(): readonly CalcTable[];
}

export interface RecalcOptions {
  /** Formulas to recompute (with their dependents); default every formula. */
  readonly recompute?: (cell: FormulaCell) => boolean;
  /** Cells whose constant values changed: formulas reading them are recomputed. */
  readonly changed?: Iterable<CellAt>;
  /** Areas whose constant values changed (a rewritten table): formulas reading into them are recomputed. */
  readonly changedAreas?: Iterable<{ readonly sheet: string; readonly area: Area }>;
  /** Answers `OMSPAN.<name>(args)`. */
  readonly omspan: (name: string, args: readonly unknown[]) => OmspanAnswer;
}

export interface CellResult extends CellAt {
  readonly formula: string;
  readonly value: Scalar;
  /** A spilled answer (an OMSPAN range argument), its first cell being `value`. */
  readonly spill?: Scalar[][];
}

export interface Unevaluated extends CellAt {
  readonly formula: string;
  readonly reason: { readonly en: string; readonly id: string };
}

export interface Recalculation {
  /** Recomputed cells, in the order they were computed (dependencies first). */
  readonly results: readonly CellResult[];
  /** Formulas not evaluated (kept as the file had them), with why. */
  readonly unevaluated: readonly Unevaluated[];
}

interface Node2 {
  readonly cell: FormulaCell;
  readonly key: string;
  tree?: Node;
  error?: UnsupportedFormulaError;
  deps: Node2[];
  dirty: boolean;
}

/** Sorted-row index of one sheet's formula cells, for finding the formulas inside an area. */
class SheetIndex {
  private readonly byRow = new Map<number, Node2[]>();
  private rows: number[] = [];
  add(n: Node2): void {
    const list = this.byRow.get(n.cell.row);
    if (list) list.push(n);
    else this.byRow.set(n.cell.row, [n]);
  }
  seal(): void {
    this.rows = [...this.byRow.keys()].sort((a, b) => a - b);
  }
  *inside(a: Area): Iterable<Node2> {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]! < a.top) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.rows.length && this.rows[i]! <= a.bottom; i++) {
      for (const n of this.byRow.get(this.rows[i]!)!) if (n.cell.col >= a.left && n.cell.col <= a.right) yield n;
    }
  }
}

const overlaps = (a: Area, b: Area) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

export function recalculate(book: CalcBook, opts: RecalcOptions): Recalculation {
  const sheetNames = new Map(book.sheets.map((s) => [s.toLowerCase(), s]));
  const sheetOf = (written: string) => sheetNames.get(written.toLowerCase());
  const nodes = new Map<string, Node2>();
  const index = new Map<string, SheetIndex>();
  const spills: Node2[] = [];
  const tables = book.tables?.();
  for (const cell of book.formulas()) {
    const key = cellKey(cell.sheet, cell.row, cell.col);
    const n: Node2 = { cell, key, deps: [], dirty: false };
    try {
      n.tree = parseFormula(cell.formula, tables ? { structured: (t, spec) => structuredArea(tables, t, spec, cell) } : {});
    } catch (e) {
      if (!(e instanceof UnsupportedFormulaError)) throw e;
      n.error = e;
    }
    nodes.set(key, n);
    const sheet = cell.sheet.toLowerCase();
    let ix = index.get(sheet);
    if (!ix) index.set(sheet, (ix = new SheetIndex()));
    ix.add(n);
    // A one-cell "spill" (how a file stores every custom-function cell: `t="array" ref="B7"`) is its own
    // cell, already found through the index; only real spills need the overlap test below.
    if (cell.spill && (cell.spill.bottom > cell.spill.top || cell.spill.right > cell.spill.left)) spills.push(n);
  }
  for (const ix of index.values()) ix.seal();

  // Edges: each formula depends on the formulas inside the areas it reads (and on the anchor of a spill it reads).
  const changed = new Map<string, CellAt[]>();
  for (const c of opts.changed ?? []) {
    const s = c.sheet.toLowerCase();
    const list = changed.get(s);
    if (list) list.push(c);
    else changed.set(s, [c]);
  }
  const changedAreas = new Map<string, Area[]>();
  for (const c of opts.changedAreas ?? []) {
    const s = c.sheet.toLowerCase();
    (changedAreas.get(s) ?? changedAreas.set(s, []).get(s)!).push(c.area);
  }
  const readsChanged = (sheet: string, a: Area) =>
    (changed.get(sheet) ?? []).some((c) => c.row >= a.top && c.row <= a.bottom && c.col >= a.left && c.col <= a.right) || (changedAreas.get(sheet) ?? []).some((x) => overlaps(x, a));
  const seeds: Node2[] = [];
  for (const n of nodes.values()) {
    // A formula that cannot be read might depend on anything that changed: it is listed, never left silently.
    let seed = n.error !== undefined || (opts.recompute ? opts.recompute(n.cell) : true);
    for (const r of n.tree ? referencesOf(n.tree) : []) {
      const sheet = (r.sheet === undefined ? n.cell.sheet : (sheetOf(r.sheet) ?? r.sheet)).toLowerCase();
      for (const d of index.get(sheet)?.inside(r.area) ?? []) if (d !== n) n.deps.push(d);
      for (const s of spills) if (s !== n && s.cell.sheet.toLowerCase() === sheet && overlaps(s.cell.spill!, r.area)) n.deps.push(s);
      if (!seed && readsChanged(sheet, r.area)) seed = true;
    }
    if (seed) seeds.push(n);
  }

  // Dirty = seeds and everything depending on them.
  const dependents = new Map<Node2, Node2[]>();
  for (const n of nodes.values()) for (const d of n.deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n);
  const stack = [...seeds];
  for (const s of seeds) s.dirty = true;
  while (stack.length) {
    for (const up of dependents.get(stack.pop()!) ?? []) {
      if (!up.dirty) {
        up.dirty = true;
        stack.push(up);
      }
    }
  }

  const order = topologicalOrder([...nodes.values()].filter((n) => n.dirty));
  const done = new Map<string, CellResult>();
  const failed = new Map<string, Unevaluated>();
  const spilled = new Map<string, Scalar>();
  const subtotal = new Map<string, boolean>();
  const value = (sheet: string, row: number, col: number): Scalar => {
    const key = cellKey(sheet, row, col);
    const n = nodes.get(key);
    if (n?.dirty) {
      const r = done.get(key);
      if (r) return r.value;
      const f = failed.get(key);
      throw unsupported(`reads ${sheet}!${a1Of(row, col)}, which is not evaluated${f ? ` (${f.reason.en})` : ""}`, `membaca ${sheet}!${a1Of(row, col)}, yang tidak dihitung${f ? ` (${f.reason.id})` : ""}`);
    }
    const s = spilled.get(key);
    if (s !== undefined) return s;
    return book.value(sheet, row, col);
  };
  const isSubtotal = (sheet: string, row: number, col: number) => {
    const key = cellKey(sheet, row, col);
    let known = subtotal.get(key);
    if (known === undefined) {
      const n = nodes.get(key);
      known = n ? (n.tree ? callsFunction(n.tree, "SUBTOTAL") : /SUBTOTAL\(/i.test(n.cell.formula)) : false;
      subtotal.set(key, known);
    }
    return known;
  };

  const results: CellResult[] = [];
  for (const item of order) {
    const { n, cycle } = item;
    const fail = (e: UnsupportedFormulaError) => failed.set(n.key, { ...at(n.cell), formula: n.cell.formula, reason: e.reason });
    if (cycle) {
      fail(unsupported("a circular reference", "rujukan melingkar"));
      continue;
    }
    if (n.error) {
      fail(n.error);
      continue;
    }
    const ctx: EvalContext = { sheet: n.cell.sheet, sheetOf, value, isSubtotal, omspan: opts.omspan };
    try {
      const r = compute(n, ctx, spilled);
      done.set(n.key, r);
      results.push(r);
    } catch (e) {
      if (!(e instanceof UnsupportedFormulaError)) throw e;
      fail(e);
    }
  }
  return { results, unevaluated: [...failed.values()] };
}

const at = (c: CellAt): CellAt => ({ sheet: c.sheet, row: c.row, col: c.col });

/** One formula's value; an OMSPAN call at the top that answers a grid spills it. */
function compute(n: Node2, ctx: EvalContext, spilled: Map<string, Scalar>): CellResult {
  const tree = n.tree!;
  const base = { ...at(n.cell), formula: n.cell.formula };
  if (tree.k === "call" && tree.name.startsWith("OMSPAN.")) {
    const answer = topOmspan(tree, ctx);
    if (Array.isArray(answer)) {
      answer.forEach((row, i) => row.forEach((v, j) => (i || j) && spilled.set(cellKey(n.cell.sheet, n.cell.row + i, n.cell.col + j), v)));
      return { ...base, value: answer[0]?.[0] ?? null, spill: answer };
    }
    return { ...base, value: answer };
  }
  const v = scalarOf(evaluateNode(tree, ctx), ctx);
  // A formula showing an empty cell shows 0.
  return { ...base, value: v === null ? 0 : v };
}

/** An OMSPAN call at the top of a formula: arguments evaluated, the answer as the resolver gives it. */
function topOmspan(tree: Extract<Node, { k: "call" }>, ctx: EvalContext): OmspanAnswer {
  const values: unknown[] = [];
  for (const a of tree.args) {
    if (a === undefined) {
      values.push(null);
      continue;
    }
    const v = evaluateNode(a, ctx);
    if (isRange(v)) {
      const rows: Scalar[][] = [];
      for (let r = v.area.top; r <= v.area.bottom; r++) {
        const row: Scalar[] = [];
        for (let c = v.area.left; c <= v.area.right; c++) row.push(ctx.value(v.sheet, r, c));
        rows.push(row);
      }
      const err = rows.flat().find(isSheetError);
      if (err) return err;
      values.push(rows.length === 1 && rows[0]!.length === 1 ? rows[0]![0] : rows);
    } else if (isSheetError(v)) return v;
    else values.push(v);
  }
  const answer = ctx.omspan(tree.name.slice("OMSPAN.".length), values);
  if (Array.isArray(answer) && answer.length === 1 && answer[0]!.length === 1) return answer[0]![0]!;
  return answer;
}

/** Dirty nodes, each after its dirty dependencies; nodes on a cycle come back marked. */
function topologicalOrder(dirty: readonly Node2[]): { n: Node2; cycle: boolean }[] {
  const state = new Map<Node2, 1 | 2>();
  const out: { n: Node2; cycle: boolean }[] = [];
  const onCycle = new Set<Node2>();
  for (const root of dirty) {
    if (state.has(root)) continue;
    const stack: { n: Node2; i: number }[] = [{ n: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top.n.deps[top.i++];
      if (next === undefined) {
        stack.pop();
        state.set(top.n, 2);
        out.push({ n: top.n, cycle: onCycle.has(top.n) });
        continue;
      }
      if (!next.dirty) continue;
      const s = state.get(next);
      if (s === 1) {
        // A cycle: every node from `next` up to the top of the stack is on it.
        for (let k = stack.length - 1; k >= 0; k--) {
          onCycle.add(stack[k]!.n);
          if (stack[k]!.n === next) break;
        }
        continue;
      }
      if (s === undefined) {
        state.set(next, 1);
        stack.push({ n: next, i: 0 });
      }
    }
  }
  return out;
}

export { SheetError };
