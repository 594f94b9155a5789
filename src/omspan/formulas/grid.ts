/**
 * Ranges spill grids. Excel hands a range to a matrix parameter as rows of values (a single cell as a
 * 1×1 range); each argument broadcasts like Excel's own array arithmetic: a dimension of 1 repeats, so
 * satker down (n×1) and akun across (1×m) answer the n×m matrix of an akun × satker report from one
 * evaluation, and the reverse lays out the transpose. Arguments all single values give a single value.
 *
 * A cell of the grid whose arguments are wrong shows its own error; the rest still answer.
 */
import { InvalidArgumentError, isOmspanError, OmspanError, UnexpectedError } from "../errors";
import { plainArg } from "../formula-args";
import type { DatasetId } from "../routes";
import type { CellPlan, CellValue, DataSource, Grid, Prepared } from "./types";

const PLAN_LIMIT = 200_000;

/** A trie over argument lists: one Map lookup per argument, no key string built per cell. */
class PlanNode {
  readonly next = new Map<unknown, PlanNode>();
  plan: CellPlan | undefined = undefined;
}

/**
 * A cell planner remembered per argument list (bounded): the same cell again costs one Map lookup per
 * argument. Map keys keep types apart (52 and "52" are different cells, as they may be different codes);
 * an omitted argument is the same whether it arrived as null or undefined.
 */
export function memoPlans(plan: (args: readonly unknown[]) => CellPlan): (args: readonly unknown[]) => CellPlan {
  let root = new PlanNode();
  let size = 0;
  return (args) => {
    let node = root;
    for (let i = 0; i < args.length; i++) {
      const k = args[i] ?? null;
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = new PlanNode()));
      node = child;
    }
    if (node.plan) return node.plan;
    const p = plan(args);
    if (++size > PLAN_LIMIT) {
      root = new PlanNode();
      size = 0;
    } else node.plan = p;
    return p;
  };
}

type Matrix = readonly (readonly unknown[])[];

function isMatrix(v: unknown): v is Matrix {
  return Array.isArray(v) && v.every(Array.isArray);
}

/** A single value or a 1×1 range: the value. */
function singleOf(v: unknown): unknown {
  return isMatrix(v) && v.length === 1 && v[0]!.length === 1 ? v[0]![0] : v;
}

function asError(e: unknown): OmspanError {
  return isOmspanError(e) ? e : new UnexpectedError(e);
}

/** Runs a cell plan, turning its failure into the value the cell shows. */
function settle(plan: CellPlan | OmspanError, data: DataSource): CellValue {
  if (plan instanceof OmspanError) return plan;
  try {
    return plan.run(data);
  } catch (e) {
    return asError(e);
  }
}

/**
 * Prepares a formula over arguments that may be ranges. `names` are the argument names (for the message
 * of a range whose shape does not fit).
 */
export function prepareGrid(names: readonly string[], args: readonly unknown[], plan: (args: readonly unknown[]) => CellPlan): Prepared {
  // The common case first, without allocating: every argument a plain single value (a recalculation of
  // 10,000 single cells goes through here 10,000 times).
  let plainValues = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === "object" && a !== null) {
      plainValues = false;
      break;
    }
  }
  if (plainValues) return plan(args);
  const flat = args.map((a) => plainArg(singleOf(a)));
  if (!flat.some(isMatrix)) return plan(flat);
  let rows = 1;
  let cols = 1;
  for (const a of flat) {
    if (!isMatrix(a)) continue;
    rows = Math.max(rows, a.length);
    cols = Math.max(cols, a[0]?.length ?? 0);
  }
  flat.forEach((a, i) => {
    if (!isMatrix(a)) return;
    const r = a.length;
    const c = a[0]?.length ?? 0;
    if ((r !== 1 && r !== rows) || (c !== 1 && c !== cols) || a.some((row) => row.length !== c)) {
      throw new InvalidArgumentError(names[i] ?? `#${i + 1}`, {
        en: `a range of ${r}×${c} does not fit the others (${rows}×${cols}): give one row, one column, or the same size`,
        id: `rentang ${r}×${c} tidak cocok dengan yang lain (${rows}×${cols}): beri satu baris, satu kolom, atau ukuran yang sama`,
      });
    }
  });
  const plans: (CellPlan | OmspanError)[][] = [];
  const datasets = new Set<DatasetId>();
  const cellArgs = new Array<unknown>(flat.length);
  for (let i = 0; i < rows; i++) {
    const row: (CellPlan | OmspanError)[] = [];
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < flat.length; k++) {
        const a = flat[k];
        cellArgs[k] = isMatrix(a) ? plainArg(a[a.length === 1 ? 0 : i]![a[0]!.length === 1 ? 0 : j]) : a;
      }
      try {
        const p = plan(cellArgs);
        for (const d of p.datasets) datasets.add(d);
        row.push(p);
      } catch (e) {
        row.push(asError(e));
      }
    }
    plans.push(row);
  }
  return {
    datasets: [...datasets],
    run: (data): Grid => plans.map((row) => row.map((p) => settle(p, data))),
  };
}
