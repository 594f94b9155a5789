/**
 * Inserting a dataset as a new OMSPAN table: validate the query, pull (shared with formulas through the
 * store), stage, place below an as-of caption at the chosen cell — only where every cell is empty and no
 * table is in the way — and remember the query in the registry.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { asOfCaption, parseTableQuery, shapeTable, type RegistryEntry } from "../omspan/tables";
import { a1, parseA1, type CellBox } from "./a1";
import { detectDateSystem, readRegistry, writeRegistry } from "./hidden-sheets";
import { placeStaged } from "./place-table";
import { bodyRows, dropStaging, stageTable } from "./table-writer";
import type { InsertResult, TableDeps, TableProgress } from "./table-outcome";

export interface InsertInput {
  /** A TableQuery (validated here). */
  readonly query: unknown;
  /** Top-left cell of the caption (`Sheet1!B2`); default: column A of the active sheet, below its used range. */
  readonly at?: string;
}

async function anchor(context: Excel.RequestContext, at?: string): Promise<{ sheet: string; row: number; col: number }> {
  if (at) {
    const b = parseA1(at);
    if (b.sheet) return b;
  }
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject();
  used.load("isNullObject,rowIndex,rowCount");
  await context.sync();
  if (at) return { ...parseA1(at, sheet.name), sheet: sheet.name };
  return { sheet: sheet.name, row: used.isNullObject ? 0 : used.rowIndex + used.rowCount + 1, col: 0 };
}

async function uniqueName(context: Excel.RequestContext, dataset: string): Promise<string> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const taken = new Set(tables.items.map((t) => t.name.toLowerCase()));
  const base = `OMSPAN_${dataset.replace(/-/g, "_")}`;
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  return name;
}

/** Refuses a target that holds anything, naming what is in the way. */
async function checkEmpty(context: Excel.RequestContext, box: CellBox): Promise<void> {
  const used = context.workbook.worksheets.getItem(box.sheet).getRangeByIndexes(box.row, box.col, box.rows, box.cols).getUsedRangeOrNullObject();
  used.load("isNullObject,address");
  await context.sync();
  if (!used.isNullObject) {
    throw new InvalidArgumentError("at", {
      en: `the table needs ${a1(box)} empty, but ${used.address} holds data: choose another cell`,
      id: `tabel memerlukan ${a1(box)} kosong, tetapi ${used.address} berisi data: pilih sel lain`,
    });
  }
}

export async function insertTable(deps: TableDeps, input: InsertInput, onProgress?: (p: TableProgress) => void): Promise<InsertResult> {
  const query = parseTableQuery(input.query);
  onProgress?.({ phase: "pull" });
  const data = await deps.store.get(deps.connection(), query.dataset, { params: query.date ? { date: query.date } : {} });
  return Excel.run(async (context) => {
    const dateSystem = await detectDateSystem(context);
    const shaped = shapeTable(data.table, query, dateSystem);
    const at = await anchor(context, input.at);
    const header: CellBox = { sheet: at.sheet, row: at.row + 1, col: at.col, rows: 1 + bodyRows(shaped), cols: shaped.columns.length };
    await checkEmpty(context, { ...header, row: at.row, rows: header.rows + 1 });
    const name = await uniqueName(context, query.dataset);
    try {
      const staged = await stageTable(context, shaped, (p) => onProgress?.({ phase: "write", table: name, done: p.rowsWritten, total: p.rowCount }));
      const placed = await placeStaged(context, { box: header, staged, newBody: bodyRows(shaped), caption: asOfCaption(query, data.asOf) });
      placed.table.name = name;
      placed.table.load("id");
      await context.sync();
      const registry = await readRegistry(context);
      const entry: RegistryEntry = {
        tableId: placed.table.id, tableName: name, sheet: at.sheet, address: placed.address, query,
        asOf: { fetchedAt: data.asOf.fetchedAt.toISOString(), ...(data.asOf.maxDate !== undefined ? { maxDate: data.asOf.maxDate } : {}) },
      };
      await writeRegistry(context, [...registry.entries, entry]);
      await context.sync();
      onProgress?.({ phase: "done", table: name });
      return { table: name, address: placed.address, rows: shaped.rowCount, asOf: data.asOf };
    } catch (err) {
      await dropStaging(context).catch(() => undefined);
      throw err;
    }
  });
}

