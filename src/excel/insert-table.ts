/**
 * Inserting a dataset as a new OMSPAN table: validate the query, pull (shared with formulas through the
 * store), stage, place below an as-of caption at the chosen cell — only where every cell is empty and no
 * table is in the way — and remember the query in the registry.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { asOfCaption, parseTableQuery, shapeTable, type RegistryEntry } from "../omspan/tables";
import { a1, parseA1, type CellBox } from "../omspan/workbook/a1";
import { detectDateSystem, readRegistry, unknownDateSystem, writeRegistry } from "./hidden-sheets";
import { PlacementError, placeNew } from "./place-table";
import { bodyRows, dropStaging, stageTable } from "./table-writer";
import { runExcel } from "./excel-run";
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

async function removeTable(context: Excel.RequestContext, table: Excel.Table): Promise<void> {
  table.getRange().clear();
  table.delete();
  await context.sync();
}

/** Inserts the table (no queue: the caller holds the add-in's Excel queue). */
export async function insertTable(deps: TableDeps, input: InsertInput, onProgress?: (p: TableProgress) => void): Promise<InsertResult> {
  const query = parseTableQuery(input.query);
  const lang = deps.lang();
  onProgress?.({ phase: "pull" });
  const data = await deps.store.get(deps.connection(), query.dataset, { params: query.date ? { date: query.date } : {} });
  return runExcel(async (context) => {
    // The target is checked before anything is written (the date-system probe writes the registry sheet).
    const as1900 = shapeTable(data.table, query);
    const at = await anchor(context, input.at);
    const header: CellBox = { sheet: at.sheet, row: at.row + 1, col: at.col, rows: 1 + bodyRows(as1900), cols: as1900.columns.length };
    await checkEmpty(context, { ...header, row: at.row, rows: header.rows + 1 });
    const detected = await detectDateSystem(context);
    const warnings = detected === undefined ? [unknownDateSystem(lang)] : [];
    const shaped = detected === 1904 ? shapeTable(data.table, query, 1904) : as1900;
    const name = await uniqueName(context, query.dataset);
    let placed: Awaited<ReturnType<typeof placeNew>> | undefined;
    try {
      const staged = await stageTable(context, shaped, (p) => onProgress?.({ phase: "write", table: name, done: p.rowsWritten, total: p.rowCount }));
      placed = await placeNew(context, { box: { ...header, rows: 1 }, staged, newBody: bodyRows(shaped), caption: asOfCaption(query, data.asOf), name });
      warnings.push(...placed.warnings);
      const registry = await readRegistry(context);
      const entry: RegistryEntry = {
        tableId: placed.table.id, tableName: name, sheet: at.sheet, address: placed.address, query,
        asOf: { fetchedAt: data.asOf.fetchedAt.toISOString(), ...(data.asOf.maxDate !== undefined ? { maxDate: data.asOf.maxDate } : {}) },
      };
      await writeRegistry(context, [...registry.entries, entry]);
      await context.sync();
      onProgress?.({ phase: "done", table: name });
      return { table: name, address: placed.address, rows: shaped.rowCount, asOf: data.asOf, warnings };
    } catch (err) {
      // Nothing half-written: a table that got placed but not registered goes again.
      if (placed) await removeTable(context, placed.table).catch((e) => console.warn("OMSPAN: could not remove the unregistered table", e));
      await dropStaging(context).catch(() => undefined);
      throw err instanceof PlacementError ? err.cause : err;
    }
  });
}
