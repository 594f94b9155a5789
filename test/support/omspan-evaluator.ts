/**
 * An evaluator for the Excel stand-in that runs `=OMSPAN.…(…)` cells through the core's formula
 * catalogue and a real Store — what the custom function does in Excel, minus Excel. Literal arguments
 * only (text in quotes, numbers); any failure shows as #N/A, like an unreachable OMSPAN.
 */
import { FORMULAS, dataSource } from "../../src/omspan/formulas";
import type { Connection, Store } from "../../src/omspan/store/store";
import type { WorkbookOptions } from "./excel-standin/model";

const CALL = /^=OMSPAN\.([A-Z.]+)\((.*)\)$/i;

function args(text: string): unknown[] {
  if (text.trim() === "") return [];
  return text.split(/[;,]/).map((a) => {
    const t = a.trim();
    return t.startsWith('"') ? t.slice(1, -1) : Number(t);
  });
}

export function omspanEvaluator(store: Store, conn: () => Connection): NonNullable<WorkbookOptions["evaluate"]> {
  return (formula) => {
    const m = CALL.exec(formula);
    if (!m) return undefined;
    const spec = FORMULAS[m[1]!.toUpperCase()];
    if (!spec) return "#NAME?";
    const a = args(m[2]!);
    return (async () => {
      try {
        const prepared = spec.prepare(a);
        const held = await Promise.all(prepared.datasets.map((d) => store.get(conn(), d)));
        const value = prepared.run(dataSource(...held));
        return typeof value === "number" || typeof value === "string" ? value : "#N/A";
      } catch {
        return "#N/A";
      }
    })();
  };
}
