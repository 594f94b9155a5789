/**
 * The Data tab's "insert as table", on the Excel side: choose where (a new sheet, made and activated
 * here, or the active cell), then hand over to the table writer (insertTable), which pulls through the
 * shared store — after a preview that pull is already cached — checks the target is empty and registers
 * the query. The pane receives this function as a prop, so in preview mode (no Excel) it has none.
 */
import { a1 } from "../omspan/workbook/a1";
import { insertTable } from "./insert-table";
import { queued } from "./excel-queue";
import { runExcel } from "./excel-run";
import { label, type InsertResult, type TableDeps } from "./table-outcome";
import type { TableQueryInput } from "../omspan/tables";

export type PaneInsertTarget = "new-sheet" | "selection";

/** A sheet name not yet taken (case-insensitively), from `OMSPAN_<dataset>`. */
async function newSheet(context: Excel.RequestContext, dataset: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const base = `OMSPAN_${dataset.replace(/-/g, "_")}`;
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  const sheet = sheets.add(name);
  sheet.activate();
  await context.sync();
  return name;
}

/** The top-left cell of the selection, sheet-qualified. */
async function activeCell(context: Excel.RequestContext): Promise<string> {
  const cell = context.workbook.getActiveCell();
  cell.load("address");
  await context.sync();
  return cell.address;
}

/** Where to insert, resolved in Excel; then the table writer does the rest. */
export function paneInsert(deps: TableDeps): (query: TableQueryInput, target: PaneInsertTarget) => Promise<InsertResult> {
  // The new sheet and the table go in as one job of the add-in's Excel queue.
  return (query, target) =>
    queued(label("Insert table", "Sisipkan tabel"), async () => {
      const at = await runExcel((context) =>
        target === "new-sheet"
          ? newSheet(context, query.dataset).then((sheet) => a1({ sheet, row: 0, col: 0, rows: 1, cols: 1 }))
          : activeCell(context),
      );
      return insertTable(deps, { query, at });
    });
}
