/**
 * An evaluator for the Excel stand-in that runs `=OMSPAN.REALISASI(…)` cells through the core's formula
 * catalogue and a real Store — what the custom function does in Excel, minus Excel. Literal arguments
 * only (text in quotes, numbers); any failure shows as #N/A, like an unreachable OMSPAN.
 */
import { FORMULAS } from "../../src/omspan/formulas";
import type { Connection, Store } from "../../src/omspan/store";
import type { WorkbookOptions } from "./excel-standin/model";

const CALL = /^=OMSPAN\.([A-Z]+)\((.*)\)$/i;

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
        return spec.evaluate(await store.get(conn(), spec.dataset), a);
      } catch {
        return "#N/A";
      }
    })();
  };
}
