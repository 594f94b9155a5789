/**
 * The cell plans of the sum family: a sum over one dataset, and pagu with realisasi combined (SISA,
 * PENYERAPAN). Each remembers its last answer per pull, so a recalculation of an unchanged sheet is a
 * comparison per cell.
 */
import { prepareSum, type SumArgs } from "../query/sums";
import type { DatasetId } from "../routes";
import type { AsOf, DatasetData } from "../store/store";
import type { CellPlan, DataSource } from "./types";

/** One dataset list per dataset, shared by every plan (10,000 cells need not hold 10,000 arrays). */
const ONE: Readonly<Record<string, readonly DatasetId[]>> = {};
const datasetsOf = (dataset: DatasetId): readonly DatasetId[] => ((ONE as Record<string, readonly DatasetId[]>)[dataset] ??= [dataset]);
const PAGU_AND_REALISASI: readonly DatasetId[] = ["dipa", "realisasi"];

/**
 * A sum over one dataset that remembers its last answer: a recalculation of the same cell over the same
 * pull is one comparison on one object (a sheet of 10,000 cells is memory-bound: every object a cell
 * touches counts). The pull is recognised by its as-of record (each pull has its own), which, unlike the
 * pulled data, is small enough to keep after a refresh has replaced the data.
 */
export class SumPlan implements CellPlan {
  readonly datasets: readonly DatasetId[];
  private asOf: AsOf | undefined = undefined;
  private value = 0;
  constructor(
    private readonly dataset: DatasetId,
    private readonly sum: (data: DatasetData) => number,
  ) {
    this.datasets = datasetsOf(dataset);
  }
  run(data: DataSource): number {
    const d = data(this.dataset);
    if (d.asOf !== this.asOf) {
      this.value = this.sum(d);
      this.asOf = d.asOf;
    }
    return this.value;
  }
}

/** Pagu and realisasi of the same selection, combined (SISA, PENYERAPAN), remembered like a SumPlan. */
export class PaguRealisasiPlan implements CellPlan {
  readonly datasets = PAGU_AND_REALISASI;
  private paguAsOf: AsOf | undefined = undefined;
  private realisasiAsOf: AsOf | undefined = undefined;
  private value = 0;
  constructor(
    private readonly pagu: (data: DatasetData) => number,
    private readonly realisasi: (data: DatasetData) => number,
    private readonly combine: (pagu: number, realisasi: number) => number,
  ) {}
  run(data: DataSource): number {
    const p = data("dipa");
    const r = data("realisasi");
    if (p.asOf !== this.paguAsOf || r.asOf !== this.realisasiAsOf) {
      this.value = this.combine(this.pagu(p), this.realisasi(r));
      this.paguAsOf = p.asOf;
      this.realisasiAsOf = r.asOf;
    }
    return this.value;
  }
}

/** A plan that sums one dataset. */
export function sumPlan(dataset: DatasetId, args: SumArgs): CellPlan {
  return new SumPlan(dataset, prepareSum(dataset, args));
}
