/**
 * The Excel report writer: lays a built ReportGrid out on a NEW sheet — cells in chunks that keep every
 * request under CHUNK_BYTES (Excel on the web refuses 5 MB), each chunk's number formats before its
 * formulas (so a code like 017001 lands as text in an "@" cell), OMSPAN text guarded so it never becomes a
 * formula, then styles, column widths, frozen headers, conditional formats, the Kurva S line chart and A4
 * landscape printing. If anything fails the half-built sheet is deleted: a report is there whole or not at
 * all. A built report needs no registration to refresh: *Refresh workbook* finds OMSPAN cells on every
 * visible sheet (formula-cells.ts), and the report's own `=OMSPAN.ASOF(…)` cell shows its as-of.
 */
import type { Lang } from "../omspan/i18n";
import { localizeError } from "../omspan/messages";
import { cellText } from "../omspan/tables";
import { gridCounts, type GridCell, type GridCounts, type ReportGrid } from "../omspan/templates";
import type { LineChart } from "../omspan/templates/grid";
import type { TemplateId } from "../omspan/templates";
import { REPORT_TEMPLATE_MARK, parseReportMark, reportMarkFormula } from "../omspan/siap-rapat/report-mark";
import { NUMBER_FORMAT, STYLE_LOOK, widthPoints } from "./report-format";
import { parseA1 } from "../omspan/workbook/a1";
import { CHUNK_BYTES } from "./table-writer";
import { uniqueSheetName } from "../omspan/workbook/sheet-name";

export { uniqueSheetName };

export interface ReportWriteProgress {
  readonly phase: "sheet" | "cells" | "layout" | "done";
  readonly rowsWritten: number;
  readonly rowCount: number;
}

export interface WrittenReport {
  /** The new sheet's name (the grid's, suffixed where taken). */
  readonly sheet: string;
  readonly counts: GridCounts;
  /** Syncs the writer made (the measure of round trips to Excel). */
  readonly syncs: number;
}

/** A build that failed; nothing of it is left in the workbook. The message is in the user's language. */
export class ReportBuildError extends Error {
  constructor(readonly sheet: string, readonly reason: unknown, lang: Lang) {
    const why = localizeError(reason, lang);
    super(
      lang === "id"
        ? `Laporan "${sheet}" tidak dapat dibuat: ${why}. Lembar yang setengah jadi sudah dihapus; buku kerja tidak berubah.`
        : `The report "${sheet}" could not be built: ${why}. The half-built sheet was deleted; the workbook is unchanged.`,
    );
    this.name = "ReportBuildError";
  }
}

/** What a cell is written as through `range.formulas`: formulas as formulas, texts guarded, numbers as they are. */
function formulaOf(cell: GridCell | undefined): string | number {
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  if (typeof cell.value === "number") return cell.value;
  if (cell.value === undefined) return "";
  // A Text cell keeps what is written as text (a formula too) and would show the guard's apostrophe.
  return numberFormatOf(cell) === "@" ? cell.value : cellText(cell.value);
}

/** A cell's number format; a formula never goes into a Text cell (it would stay text there). */
const numberFormatOf = (cell: GridCell | undefined) => (cell?.format && !(cell.formula && cell.format === "text") ? NUMBER_FORMAT[cell.format] : "General");

/** Setters one styled run sends (font, fill, wrap, alignment, border). */
function setters(style: NonNullable<GridCell["style"]>): number {
  const l = STYLE_LOOK[style];
  return [l.bold, l.italic, l.size, l.color, l.fill, l.wrap, l.center].filter(Boolean).length + (l.topBorder ? 2 : 0);
}

/**
 * A styled run's share of a request as office.js builds it: the run's range and format objects (paths and
 * instantiations, ~600 bytes), then per setter its property object and action (~170 bytes). Measured on
 * office.js's serializer by test/integration/report-writer.test.ts.
 */
const runBytes = (style: NonNullable<GridCell["style"]>) => 600 + 170 * setters(style);

function styledRunBytes(row: readonly (GridCell | undefined)[]): number {
  let bytes = 0;
  row.forEach((cell, c) => {
    if (cell?.style && cell.style !== row[c - 1]?.style) bytes += runBytes(cell.style);
  });
  return bytes;
}

/** office.js sends a matrix of over 1,500 cells in slices of ~1,500, each with its own object paths (~1,000 bytes). */
const SLICE_BYTES_PER_CELL = 1000 / 1500;

/** What every chunk's request carries besides its rows: the sheet's and the matrices' object paths, suspension. */
const CHUNK_OVERHEAD = 12_000;

/** A row's share of a chunk's request: its two matrices as JSON, office.js's slicing and its styled runs. */
function rowBytes(row: readonly (GridCell | undefined)[]): number {
  return JSON.stringify(row.map(formulaOf)).length + JSON.stringify(row.map(numberFormatOf)).length + 8 + 2 * row.length * SLICE_BYTES_PER_CELL + styledRunBytes(row);
}

/** The writer's estimate of the request that writes rows from–to (what the chunks are cut by). */
export function estimatedBytes(grid: ReportGrid, from: number, to: number): number {
  let n = CHUNK_OVERHEAD;
  for (let r = from; r < to; r++) n += rowBytes(grid.cells[r]!);
  return n;
}

/** Row blocks whose formulas, number formats and styles together stay under the budget. */
export function reportChunks(grid: ReportGrid, budget = CHUNK_BYTES): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  let bytes = CHUNK_OVERHEAD;
  grid.cells.forEach((row, r) => {
    const n = rowBytes(row);
    if (r > from && bytes + n > budget) {
      out.push({ from, to: r });
      from = r;
      bytes = CHUNK_OVERHEAD;
    }
    bytes += n;
  });
  if (grid.cells.length > from) out.push({ from, to: grid.cells.length });
  return out;
}

/** Fonts, fills and borders of the styled cells of rows from–to: one range per run of equal styles. */
function applyStyles(sheet: Excel.Worksheet, grid: ReportGrid, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const row = grid.cells[r]!;
    let c = 0;
    while (c < row.length) {
      const style = row[c]?.style;
      let end = c + 1;
      while (end < row.length && row[end]?.style === style) end++;
      // A title or note runs on into the empty cells to its right; only the cell itself is styled.
      if (style) {
        const look = STYLE_LOOK[style];
        const f = sheet.getRangeByIndexes(r, c, 1, end - c).format;
        if (look.bold) f.font.bold = true;
        if (look.italic) f.font.italic = true;
        if (look.size) f.font.size = look.size;
        if (look.color) f.font.color = look.color;
        if (look.fill) f.fill.color = look.fill;
        if (look.wrap) f.wrapText = true;
        if (look.center) f.horizontalAlignment = "Center";
        if (look.topBorder) {
          const b = f.borders.getItem("EdgeTop");
          b.style = "Continuous";
          b.weight = look.topBorder;
        }
      }
      c = end;
    }
  }
}

/** Whether the grid puts anything (a value or a formula) into an A1 range of the report's sheet. */
function filled(grid: ReportGrid, range: string): boolean {
  const b = parseA1(range);
  for (let r = b.row; r < b.row + b.rows; r++) for (let c = b.col; c < b.col + b.cols; c++) {
    const cell = grid.cells[r]?.[c];
    if (cell && (cell.formula || cell.value !== undefined)) return true;
  }
  return false;
}

/**
 * The line chart. Excel makes no series of a blank column, so a chart made from the plan column (which the
 * user fills in later) would have none: it is made from the first series the grid fills, and every other
 * series is added by hand, then put back in the template's order.
 */
function addChart(sheet: Excel.Worksheet, grid: ReportGrid, spec: LineChart): void {
  const source = spec.series.find((s) => filled(grid, s.values));
  if (!source) return;
  const chart = sheet.charts.add("Line", sheet.getRange(source.values), "Columns");
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  const first = chart.series.getItemAt(0);
  first.name = source.name;
  first.setXAxisValues(sheet.getRange(spec.categories));
  spec.series.forEach((s, order) => {
    const series = s === source ? first : chart.series.add(s.name);
    if (s !== source) {
      series.setValues(sheet.getRange(s.values));
      series.setXAxisValues(sheet.getRange(spec.categories));
    }
    series.plotOrder = order;
  });
  chart.setPosition(spec.anchor);
  chart.width = 480;
  chart.height = 300;
}

/** The grid's conditional formats on the sheet (also a rewritten Rekonsiliasi report's, reconcile-sheet.ts). */
export function addConditional(sheet: Excel.Worksheet, grid: ReportGrid): void {
  for (const rule of grid.conditional) {
    const range = sheet.getRange(rule.range);
    if (rule.rule === "negative" || rule.rule === "nonzero") {
      const cf = range.conditionalFormats.add("CellValue");
      cf.cellValue.format.font.color = "#9C0006";
      cf.cellValue.format.fill.color = "#FFC7CE";
      cf.cellValue.rule = { formula1: "0", operator: rule.rule === "negative" ? "LessThan" : "NotEqualTo" };
    } else {
      const cf = range.conditionalFormats.add("ColorScale");
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue", color: "#F8696B" },
        midpoint: { formula: "50", type: "Percentile", color: "#FFEB84" },
        maximum: { type: "HighestValue", color: "#63BE7B" },
      };
    }
  }
}

function layOut(sheet: Excel.Worksheet, grid: ReportGrid): void {
  const { rows, columns } = grid.freeze;
  if (rows && columns) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, columns));
  else if (rows) sheet.freezePanes.freezeRows(rows);
  else if (columns) sheet.freezePanes.freezeColumns(columns);
  addConditional(sheet, grid);
  for (const chart of grid.charts) addChart(sheet, grid, chart);
  const page = sheet.pageLayout;
  page.orientation = "Landscape";
  page.paperSize = "A4";
  // One page wide, as many pages tall as the rows need (0; left out, Excel keeps one page tall); the
  // header rows repeated on each.
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  const [top, bottom] = grid.print.titleRows.split(":");
  page.setPrintTitleRows(`$${top}:$${bottom ?? top}`);
}

/**
 * The grid's cells onto a sheet from A1 — column widths, then chunks each under the request budget, each
 * chunk's number formats before its formulas, its styles with it — with calculation suspended per chunk.
 * Also how a Rekonsiliasi refresh rewrites its sheet in place (reconcile-sheet.ts).
 */
export async function writeGridCells(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  grid: ReportGrid,
  sync: () => Promise<void>,
  onProgress?: (p: ReportWriteProgress) => void,
): Promise<void> {
  const rowCount = grid.cells.length;
  const cols = grid.cells[0]?.length ?? 0;
  grid.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthPoints(w)));
  for (const { from, to } of reportChunks(grid)) {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const range = sheet.getRangeByIndexes(from, 0, to - from, cols);
    const rows = grid.cells.slice(from, to);
    range.numberFormat = rows.map((row) => row.map(numberFormatOf));
    range.formulas = rows.map((row) => row.map(formulaOf));
    applyStyles(sheet, grid, from, to);
    await sync();
    onProgress?.({ phase: "cells", rowsWritten: to, rowCount });
  }
}

/**
 * Writes the grid to a new sheet of the workbook and activates it; throws ReportBuildError (sheet
 * deleted) on failure. `context` is an Excel.run context.
 */
export async function writeReport(
  context: Excel.RequestContext,
  grid: ReportGrid,
  opts: { lang: Lang; onProgress?: (p: ReportWriteProgress) => void; mark?: (sheet: Excel.Worksheet) => void },
): Promise<WrittenReport> {
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };
  const rowCount = grid.cells.length;
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await sync();
  const name = uniqueSheetName(grid.sheetName, sheets.items.map((s) => s.name));
  opts.onProgress?.({ phase: "sheet", rowsWritten: 0, rowCount });
  try {
    const sheet = sheets.add(name);
    // The mark Siap Rapat recognises a report by (src/omspan/siap-rapat/report-mark.ts), as the file writer adds it.
    const template = parseReportMark(reportMarkFormula(grid.template as TemplateId));
    if (template) sheet.names.add(REPORT_TEMPLATE_MARK, reportMarkFormula(template), "OMSPAN for Excel: a report built by the add-in").visible = false;
    await writeGridCells(context, sheet, grid, sync, opts.onProgress);
    // Frozen panes go to the active sheet's view (office-js #3148): the new sheet is activated first.
    sheet.activate();
    await sync();
    layOut(sheet, grid);
    // What a report keeps for its refresh (a Rekonsiliasi's mark), in the same all-or-nothing build.
    opts.mark?.(sheet);
    await sync();
    opts.onProgress?.({ phase: "layout", rowsWritten: rowCount, rowCount });
  } catch (err) {
    await dropSheet(context, name);
    throw new ReportBuildError(name, err, opts.lang);
  }
  opts.onProgress?.({ phase: "done", rowsWritten: rowCount, rowCount });
  return { sheet: name, counts: gridCounts(grid), syncs };
}

/** Deletes the sheet if it got made; a failure here must not hide the first error. */
async function dropSheet(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const made = context.workbook.worksheets.getItemOrNullObject(name);
    made.load("isNullObject");
    await context.sync();
    if (!made.isNullObject) {
      made.delete();
      await context.sync();
    }
  } catch (err) {
    console.warn(`OMSPAN: could not delete the half-built report sheet ${name}`, err);
  }
}
