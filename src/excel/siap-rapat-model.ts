/**
 * The Siap Rapat workbook model of the open workbook (src/omspan/siap-rapat/model.ts), read with
 * Office.js in blocks: every sheet's names and used range in one sync, then each user sheet's used
 * rows in blocks of at most BLOCK_CELLS cells (one range per block, never one per cell: values,
 * formulas and valueTypes of ~20,000 cells answer in well under Excel on the web's 5 MB), the tables
 * and their addresses, the registry. The add-in's own sheets (very hidden, or carrying a mark) are
 * listed but never read. Reads only.
 */
import { OWN_SHEET_MARKS, OWN_SHEET_NAMES, REPORT_TEMPLATE_MARK, parseReportMark, type CellBlock, type ModelReport, type ModelSheet, type ModelTable, type ModelValue, type OwnSheet, type WorkbookModel } from "../omspan/siap-rapat";
import { parseArea } from "../omspan/sheet-calc";
import { readRegistry } from "./hidden-sheets";
import { listTables } from "./locate-tables";

/** Cells per block: an answer of ~100 bytes a cell (formula, value, type) stays near 2 MB. */
export const BLOCK_CELLS = 20_000;

const VISIBILITY: Readonly<Record<string, ModelSheet["visibility"]>> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** A cell as the model holds it: errors told by their value type, not by their text. */
function valueOf(v: unknown, type: string): ModelValue {
  if (type === "Error") return { error: String(v) };
  if (type === "Empty" || v === "" || v === null || v === undefined) return null;
  return typeof v === "number" || typeof v === "boolean" ? v : String(v);
}

/** A formula: `range.formulas` holds one where a cell has one, else its value (a Text cell's "=…" stays text). */
const formulaOf = (f: unknown, v: unknown): string | null => (typeof f === "string" && f.startsWith("=") && f !== v ? f : null);

interface Used {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
  readonly visibility: ModelSheet["visibility"];
  readonly own?: OwnSheet;
  readonly template?: ModelReport["template"];
  readonly used: Excel.Range;
}

async function sheetsAndMarks(context: Excel.RequestContext): Promise<Used[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  const probes = sheets.items.map((sheet) => {
    sheet.names.load("items/name,items/formula");
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
    return { sheet, used };
  });
  await context.sync();
  return probes.map(({ sheet, used }) => {
    const names = new Map(sheet.names.items.map((n) => [n.name.toUpperCase(), n.formula]));
    const marked = Object.entries(OWN_SHEET_MARKS).find(([mark]) => names.has(mark))?.[1];
    const own = OWN_SHEET_NAMES[sheet.name.toLowerCase()] ?? marked;
    const template = parseReportMark(names.get(REPORT_TEMPLATE_MARK));
    return { sheet, name: sheet.name, visibility: VISIBILITY[sheet.visibility] ?? "visible", ...(own ? { own } : {}), ...(template && !own ? { template } : {}), used };
  });
}

/** A sheet's used rows as blocks (one sync per block). */
async function readBlocks(context: Excel.RequestContext, s: Used): Promise<CellBlock[]> {
  if (s.used.isNullObject) return [];
  const { rowIndex, columnIndex, rowCount, columnCount } = s.used;
  const step = Math.max(1, Math.floor(BLOCK_CELLS / columnCount));
  const blocks: CellBlock[] = [];
  for (let r = 0; r < rowCount; r += step) {
    const n = Math.min(step, rowCount - r);
    const range = s.sheet.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
    range.load("values,formulas,valueTypes");
    await context.sync();
    const values = range.values.map((row, i) => row.map((v, j) => valueOf(v, range.valueTypes[i]![j]!)));
    const formulas = range.formulas.map((row, i) => row.map((f, j) => formulaOf(f, range.values[i]![j])));
    blocks.push({ top: rowIndex + r, left: columnIndex, values, formulas });
  }
  return blocks;
}

async function tablesOf(context: Excel.RequestContext, entries: Awaited<ReturnType<typeof readRegistry>>["entries"]): Promise<ModelTable[]> {
  return (await listTables(context)).flatMap((t) => {
    const entry = entries.find((e) => e.tableId === t.id) ?? entries.find((e) => e.tableName.toLowerCase() === t.name.toLowerCase());
    const area = parseArea(t.address.slice(t.address.lastIndexOf("!") + 1).replace(/\$/g, ""));
    return entry && area ? [{ name: t.name, sheet: t.sheet, area, entry }] : [];
  });
}

/** Reads the open workbook's model (inside one Excel.run). */
export async function readExcelModel(context: Excel.RequestContext): Promise<WorkbookModel> {
  const sheets = await sheetsAndMarks(context);
  const registry = await readRegistry(context);
  const out: ModelSheet[] = [];
  for (const s of sheets) {
    out.push({ name: s.name, visibility: s.visibility, ...(s.own ? { own: s.own } : {}), blocks: s.own ? [] : await readBlocks(context, s) });
  }
  return {
    sheets: out,
    tables: await tablesOf(context, registry.entries),
    reports: sheets.flatMap((s) => (s.template ? [{ sheet: s.name, template: s.template }] : [])),
    registryProblems: registry.problems,
  };
}

/** Cells still calculating (an async function's dependents show #BUSY! until its answer arrives). */
export function calculating(model: WorkbookModel): number {
  let n = 0;
  for (const s of model.sheets) for (const b of s.blocks) for (const row of b.values) for (const v of row) if (v && typeof v === "object" && (v.error === "#BUSY!" || v.error === "#GETTING_DATA")) n++;
  return n;
}
