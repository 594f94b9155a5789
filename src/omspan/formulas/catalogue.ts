/**
 * The formula catalogue: every OMSPAN function, one table. Cells (`=OMSPAN.…`), `omspan calc` and the pane
 * all look functions up here, so a function exists, and answers, the same way everywhere. The families
 * live beside it: sums.ts (REALISASI … PNBP), ikpa.ts, tabel.ts, asof.ts.
 */
import { InvalidArgumentError } from "../errors";
import { ASOF } from "./asof";
import { IKPA } from "./ikpa";
import { DANA, PAGU, PENYERAPAN, PNBP, REALISASI, REALISASI_BULAN, SISA } from "./sums";
import { TABEL } from "./tabel";
import type { DatasetData } from "../store/store";
import { dataSource, type CellValue, type FormulaSpec, type Grid } from "./types";

const ALL: readonly FormulaSpec[] = [REALISASI, REALISASI_BULAN, PAGU, SISA, PENYERAPAN, DANA, IKPA, PNBP, TABEL, ASOF];

/** Every function by its name after `OMSPAN.`. */
export const FORMULAS: Readonly<Record<string, FormulaSpec>> = Object.fromEntries(ALL.map((f) => [f.name, f]));

/** The formula of a name (case-insensitive, with or without the `OMSPAN.` namespace). */
export function formulaSpec(name: string): FormulaSpec {
  const key = name.trim().toUpperCase().replace(/^OMSPAN\./, "");
  const spec = FORMULAS[key];
  if (!spec) {
    const known = Object.keys(FORMULAS).join(", ");
    throw new InvalidArgumentError(
      "formula",
      { en: `unknown function ${name} (known: ${known})`, id: `fungsi ${name} tidak dikenal (tersedia: ${known})` },
      name,
    );
  }
  return spec;
}

/** Checks the argument count before any pull. */
export function checkArity(name: string, spec: FormulaSpec, args: readonly unknown[]): void {
  const names = spec.params.map((p) => p.name).join("; ");
  if (args.length < spec.required || args.length > spec.params.length) {
    throw new InvalidArgumentError(name, {
      en: `takes ${spec.required} to ${spec.params.length} arguments (${names}), got ${args.length}`,
      id: `menerima ${spec.required} sampai ${spec.params.length} argumen (${names}), diberi ${args.length}`,
    });
  }
}

/** prepare + run over datasets already held (tests, benchmarks): a single value, or a grid. */
export function evaluateFormula(spec: FormulaSpec, args: readonly unknown[], ...held: readonly DatasetData[]): CellValue | Grid {
  return spec.prepare(args).run(dataSource(...held));
}
