/**
 * The formula catalogue, independent of Excel: each formula names the dataset it reads and how its
 * arguments (as Excel or the CLI hands them over) become a query. The custom functions and
 * `omspan calc` both evaluate here, so `=OMSPAN.REALISASI(…)` and `omspan calc 'REALISASI(…)'` agree.
 */
import type { DatasetId } from "./routes";
import type { DatasetData } from "./store";
import { InvalidArgumentError } from "./errors";
import { argsKey, dayArg, textArg } from "./formula-args";
import { prepareSum } from "./query/sums";

export interface FormulaSpec {
  readonly dataset: DatasetId;
  /** Argument names in order (optional ones last), as the help shows them. */
  readonly params: readonly string[];
  readonly required: number;
  /** Checks the arguments (throwing InvalidArgumentError) before any pull; runs once the data is there. */
  prepare(args: readonly unknown[]): (data: DatasetData) => number;
  /** prepare + run, for callers that already hold the data. */
  evaluate(data: DatasetData, args: readonly unknown[]): number;
}

const PREPARED_LIMIT = 200_000;

/** A formula's prepare, remembered per argument list (bounded): the same cell again costs one lookup. */
function memoised(prepare: FormulaSpec["prepare"]): FormulaSpec["prepare"] {
  const prepared = new Map<string, (data: DatasetData) => number>();
  return (args) => {
    const key = argsKey(args);
    let run = prepared.get(key);
    if (!run) {
      run = prepare(args);
      if (prepared.size >= PREPARED_LIMIT) prepared.clear();
      prepared.set(key, run);
    }
    return run;
  };
}

export const FORMULAS: Readonly<Record<string, FormulaSpec>> = {
  REALISASI: {
    dataset: "realisasi",
    params: ["satker", "akun", "dari", "sampai", "filter"],
    required: 1,
    prepare: memoised(([satker, akun, dari, sampai, filter]) =>
      prepareSum("realisasi", {
        satker,
        akun,
        fromDay: dayArg(dari, "dari"),
        toDay: dayArg(sampai, "sampai"),
        filter: textArg(filter, "filter"),
      }),
    ),
    evaluate(data, args) {
      return this.prepare(args)(data);
    },
  },
};

/** The formula of a name (case-insensitive, with or without the `OMSPAN.` namespace). */
export function formulaSpec(name: string): FormulaSpec {
  const key = name.trim().toUpperCase().replace(/^OMSPAN\./, "");
  const spec = FORMULAS[key];
  if (!spec) {
    throw new InvalidArgumentError(
      "formula",
      { en: `unknown function ${name} (known: ${Object.keys(FORMULAS).join(", ")})`, id: `fungsi ${name} tidak dikenal (tersedia: ${Object.keys(FORMULAS).join(", ")})` },
      name,
    );
  }
  return spec;
}

/** Checks the argument count before any pull. */
export function checkArity(name: string, spec: FormulaSpec, args: readonly unknown[]): void {
  if (args.length < spec.required || args.length > spec.params.length) {
    throw new InvalidArgumentError(name, {
      en: `takes ${spec.required} to ${spec.params.length} arguments (${spec.params.join("; ")}), got ${args.length}`,
      id: `menerima ${spec.required} sampai ${spec.params.length} argumen (${spec.params.join("; ")}), diberi ${args.length}`,
    });
  }
}
