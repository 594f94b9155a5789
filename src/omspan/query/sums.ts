/**
 * Sums over a pulled dataset, from the arguments users type: satker and akun in the code-filter grammar
 * (text or numbers), optional day or month ranges, optional `filter` pairs. Every face (formula, CLI,
 * pane) asks here, so one grammar and one index answer them all.
 */
import { datasetSpec } from "../datasets/catalog";
import { InvalidArgumentError } from "../errors";
import type { DatasetData } from "../store/store";
import type { DatasetId } from "../routes";
import { AKUN_RULE, SATKER_RULE, codeArgText, parseCodeFilter } from "./code-filter";
import { parseFilterPairs } from "./filter-pairs";
import { SumIndex, type SumQuery } from "./sum-index";

export interface SumArgs {
  /** Satker code(s) or "" for all in the key's scope. */
  readonly satker?: unknown;
  /** Akun prefix/wildcard/list/exclusion, or "" for all. */
  readonly akun?: unknown;
  readonly fromDay?: number;
  readonly toDay?: number;
  readonly fromMonth?: number;
  readonly toMonth?: number;
  /** `"program=05601WA;sumber=A"` pairs. */
  readonly filter?: string;
  /** Measure column; the dataset's amount column by default. */
  readonly measure?: string;
}

const RESULT_CACHE_LIMIT = 200_000;

/** Parses and checks the arguments into an index query. Throws InvalidArgumentError with a reason. */
export function toSumQuery(dataset: DatasetId, args: SumArgs): SumQuery {
  const spec = datasetSpec(dataset);
  const hasDates = spec.dateColumn !== undefined;
  if (!hasDates && (args.fromDay ?? args.toDay ?? args.fromMonth ?? args.toMonth) !== undefined) {
    throw new InvalidArgumentError("dari", {
      en: `${spec.label.en} has no dates: leave the period out`,
      id: `${spec.label.id} tidak memiliki tanggal: kosongkan periode`,
    });
  }
  for (const [name, m] of [["bulan", args.fromMonth], ["bulan", args.toMonth]] as const) {
    if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > 12)) {
      throw new InvalidArgumentError(name, { en: "a month is 1 to 12", id: "bulan harus 1 sampai 12" }, String(m));
    }
  }
  if (args.fromDay !== undefined && args.toDay !== undefined && args.fromDay > args.toDay) {
    throw new InvalidArgumentError("dari", {
      en: "the start date is after the end date",
      id: "tanggal awal sesudah tanggal akhir",
    });
  }
  return {
    satker: parseCodeFilter(codeArgText(args.satker, "satker"), SATKER_RULE),
    akun: parseCodeFilter(codeArgText(args.akun, "akun"), AKUN_RULE),
    fromDay: args.fromDay,
    toDay: args.toDay,
    fromMonth: args.fromMonth,
    toMonth: args.toMonth,
    filters: args.filter ? parseFilterPairs(args.filter, spec.columns) : undefined,
  };
}

const part = (v: unknown) => (typeof v === "number" ? `n${v}` : v === undefined || v === null ? "" : `s${String(v)}`);

/** The memo key of a question: cheap to build, distinct for every distinct argument list. */
function resultKey(a: SumArgs): string {
  return `${part(a.satker)}\u0001${part(a.akun)}\u0001${part(a.fromDay)}\u0001${part(a.toDay)}\u0001${part(a.fromMonth)}\u0001${part(a.toMonth)}\u0001${part(a.filter)}`;
}

/** The measure column a sum reads, or InvalidArgumentError when the dataset cannot be summed so. */
function measureOf(dataset: DatasetId, args: SumArgs): string {
  const spec = datasetSpec(dataset);
  const measure = args.measure ?? spec.amountColumn;
  if (!spec.satkerColumn || !spec.akunColumn || !measure || !(measure in spec.columns)) {
    throw new InvalidArgumentError("dataset", {
      en: `${spec.label.en} cannot be summed by satker and akun`,
      id: `${spec.label.id} tidak dapat dijumlahkan per satker dan akun`,
    });
  }
  return measure;
}

/**
 * Prepared questions by dataset and arguments: a cell evaluated again gets the same runner back, with its
 * query parsed and its memo names built once (bounded: cleared when full).
 */
const runners = new Map<string, (data: DatasetData) => number>();

/**
 * Checks the arguments without any data — a formula with a bad argument fails before it costs a pull —
 * and returns the sum to run once the dataset is there.
 */
export function prepareSum(dataset: DatasetId, args: SumArgs): (data: DatasetData) => number {
  const runnerKey = `${dataset}\u0002${args.measure ?? ""}\u0002${resultKey(args)}`;
  const known = runners.get(runnerKey);
  if (known) return known;
  const measure = measureOf(dataset, args);
  const query = toSumQuery(dataset, args);
  const resultsName = `sum-results:${measure}`;
  const indexName = `sum-index:${measure}`;
  const newResults = () => new Map<unknown, number>();
  const run = (data: DatasetData): number => {
    // Answers are keyed by this runner itself: an identity lookup, no string to hash per cell.
    const cache = data.memo(resultsName, newResults);
    const hit = cache.get(run);
    if (hit !== undefined) return hit;
    const spec = datasetSpec(data.dataset);
    const index = data.memo(
      indexName,
      () => new SumIndex(data.table, spec.satkerColumn!, spec.akunColumn!, measure, spec.dateColumn),
    );
    const result = index.sum(query);
    if (cache.size >= RESULT_CACHE_LIMIT) cache.clear();
    cache.set(run, result);
    return result;
  };
  if (runners.size >= RESULT_CACHE_LIMIT) runners.clear();
  runners.set(runnerKey, run);
  return run;
}

/** The sum of the dataset's measure over what the arguments select; 0 when nothing matches. */
export function sumDataset(data: DatasetData, args: SumArgs): number {
  return prepareSum(data.dataset, args)(data);
}
