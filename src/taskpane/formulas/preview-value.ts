/**
 * The builder's value preview: the very path a cell takes (src/functions/evaluate.ts) — the catalogue's
 * prepare, the datasets pulled through the session's one store (shared with the cells, so a preview
 * costs no extra pull once a sheet has read them), then run — without Excel, so it works in preview mode.
 */
import { dataSource, formulaSpec, type CellValue, type Grid } from "../../omspan/formulas";
import type { Connection, Store } from "../../omspan/store/store";

/** What a preview needs of the runtime: the shared runtime's session satisfies it. */
export interface PreviewDeps {
  readonly store: Store;
  connection(): Connection;
}

/** The value a formula will return; throws the error its cell would show (or why it cannot be asked). */
export async function previewFormulaValue(deps: PreviewDeps, name: string, args: readonly unknown[]): Promise<CellValue | Grid> {
  const prepared = formulaSpec(name).prepare(args);
  const conn = deps.connection();
  const pulled = await Promise.all(prepared.datasets.map((d) => deps.store.get(conn, d)));
  return prepared.run(dataSource(...pulled));
}
