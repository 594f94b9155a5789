/**
 * The shapes every formula of the catalogue shares. A formula is checked, then run: `prepare` reads the
 * arguments (throwing InvalidArgumentError before any pull) and says which datasets it needs; `run`
 * answers from those datasets once they are pulled. Faces (cells, `omspan calc`, the pane) pull the
 * datasets through the one store and call `run`.
 */
import type { Label } from "../datasets/columns";
import type { OmspanError } from "../errors";
import type { DatasetId } from "../routes";
import type { DatasetData } from "../store/store";

/** One cell's answer: a number, a text (codes stay text), a flag, or the error that cell shows. */
export type CellValue = number | string | boolean | OmspanError;

/** A spilled answer, row by row. */
export type Grid = CellValue[][];

/** The pulled datasets a run reads, by id (only the ones `prepare` named are asked for). */
export type DataSource = (dataset: DatasetId) => DatasetData;

/** What `prepare` returns: the datasets to pull, and the answer once they are there. */
export interface Prepared {
  readonly datasets: readonly DatasetId[];
  /**
   * A single value for single-value arguments (an error of the cell is thrown), or a grid when an
   * argument was a range or the function spills a table (errors of single cells are values in it).
   */
  run(data: DataSource): CellValue | Grid;
}

/** One argument as the help shows it. */
export interface ParamSpec {
  readonly name: string;
  readonly help: Label;
}

export interface FormulaSpec {
  /** The name after `OMSPAN.` (`REALISASI.BULAN`). */
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** How many leading arguments must be given (optional ones are last). */
  readonly required: number;
  /** What the function answers, for help and the README. */
  readonly help: Label;
  /** An example in the `;` locale. */
  readonly example: string;
  /** Whether ranges given for its arguments spill a grid (the sums, IKPA); TABEL always spills. */
  readonly spills: "grid" | "table" | "no";
  prepare(args: readonly unknown[]): Prepared;
}

/** A plan for one cell of arguments (no ranges): its datasets and how to answer. */
export interface CellPlan {
  readonly datasets: readonly DatasetId[];
  /** The value; throws the cell's error (no data, division by zero…). */
  run(data: DataSource): CellValue;
}

/** A data source over datasets already held (tests, benchmarks, the CLI). */
export function dataSource(...held: readonly DatasetData[]): DataSource {
  return (id) => {
    for (let i = 0; i < held.length; i++) if (held[i]!.dataset === id) return held[i]!;
    throw new RangeError(`dataset ${id} was not pulled`);
  };
}
