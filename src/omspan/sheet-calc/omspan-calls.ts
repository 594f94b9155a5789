/**
 * OMSPAN calls of a sheet answered through the formula catalogue (prepare, then run over pulled
 * datasets), as the custom function answers them in Excel. The datasets are not known before the
 * arguments are read, so a recalculation first runs with a probe that only prepares each call and
 * records the datasets it needs; the caller pulls those once (through the one Store), and the real
 * recalculation follows. An argument that itself depends on an OMSPAN answer can reveal one more dataset:
 * the loop pulls it and runs again (at most once per dataset).
 */
import { isOmspanError, OmspanError, UnexpectedError } from "../errors";
import { cellErrorKind } from "../formulas/cell-errors";
import { formulaSpec, checkArity } from "../formulas/catalogue";
import type { DataSource } from "../formulas/types";
import type { DatasetId } from "../routes";
import type { OmspanAnswer } from "./context";
import { SheetError } from "./errors";
import { omspanCells } from "./omspan-cells";
import { recalculate, type CalcBook, type Recalculation, type RecalcOptions } from "./recalc";
import type { Scalar } from "./values";

/** A catalogue answer (or failure) as a cell shows it. */
function cellOf(v: unknown): Scalar {
  if (isOmspanError(v)) return new SheetError(cellErrorKind(v), v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return new SheetError("#VALUE!", new UnexpectedError(v));
}

/** Answers OMSPAN calls from pulled datasets; `missing` collects datasets a call needed but lacked. */
export function catalogueResolver(source: DataSource, held: ReadonlySet<DatasetId>, missing?: Set<DatasetId>): (name: string, args: readonly unknown[]) => OmspanAnswer {
  return (name, args) => {
    try {
      const spec = formulaSpec(name);
      checkArity(name, spec, args);
      const prepared = spec.prepare(args);
      const lacking = prepared.datasets.filter((d) => !held.has(d));
      if (lacking.length) {
        // Not yet pulled: noted for the next round (no exception per cell: 10,000 cells may ask).
        for (const d of lacking) missing?.add(d);
        return new SheetError("#N/A");
      }
      const answer = prepared.run(source);
      return Array.isArray(answer) ? answer.map((row) => row.map(cellOf)) : cellOf(answer);
    } catch (e) {
      return cellOf(e instanceof OmspanError ? e : new UnexpectedError(e));
    }
  };
}

/** Pulls datasets (through the Store) and gives them back as a source. */
export type PullDatasets = (datasets: readonly DatasetId[]) => Promise<DataSource>;

/**
 * The datasets a book's OMSPAN cells read with the arguments the workbook holds now (usually all there
 * are: an argument computed by another OMSPAN cell can reveal one more when it is recalculated).
 */
export function omspanDatasets(book: CalcBook): Set<DatasetId> {
  const wanted = new Set<DatasetId>();
  for (const c of omspanCells(book)) {
    if (!c.name || !c.args) continue;
    try {
      for (const d of formulaSpec(c.name).prepare(c.args).datasets) wanted.add(d);
    } catch {
      // A wrong argument is that cell's error, shown by the recalculation.
    }
  }
  return wanted;
}

/**
 * Recalculates a book with OMSPAN calls answered by the catalogue: probe for the datasets, pull them
 * once, recalculate; again if an answer revealed another dataset.
 */
export async function recalculateWithOmspan(
  book: CalcBook,
  pull: PullDatasets,
  opts: Omit<RecalcOptions, "omspan"> & { readonly datasets?: ReadonlySet<DatasetId> } = {},
): Promise<Recalculation & { datasets: DatasetId[] }> {
  // Usually every dataset there is, so one recalculation follows one set of pulls. `datasets`: the
  // caller's omspanDatasets of this very book (reading every OMSPAN cell's arguments costs seconds at 90,000 cells).
  const wanted = new Set(opts.datasets ?? omspanDatasets(book));
  const held = new Set<DatasetId>(wanted);
  let source: DataSource = wanted.size ? await pull([...wanted]) : () => {
    throw new RangeError("nothing pulled yet");
  };
  for (let round = 0; round < 8; round++) {
    const missing = new Set<DatasetId>();
    const result = recalculate(book, { ...opts, omspan: catalogueResolver(source, held, missing) });
    if (missing.size === 0) return { ...result, datasets: [...held] };
    for (const d of missing) held.add(d);
    source = await pull([...held]);
  }
  throw new Error("OMSPAN formulas kept asking for more datasets");
}
