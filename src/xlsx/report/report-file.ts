/**
 * A report as an .xlsx without Excel: the grid the pane builds (src/omspan/templates), its every formula
 * computed by the sheet evaluator (OMSPAN calls through the formula catalogue on the one Store), laid out
 * as the add-in's writer lays it (styles, widths, frozen header, conditional formats, A4 landscape one
 * page wide with the header rows as print titles, Kurva S's chart), with every cached value set.
 */
import { gridBook, recalculateWithOmspan, valuesByCell, type PullDatasets, type Scalar, type Unevaluated } from "../../omspan/sheet-calc";
import { REPORT_TEMPLATE_MARK, parseReportMark, reportMarkFormula } from "../../omspan/siap-rapat/report-mark";
import type { ReportGrid, TemplateId } from "../../omspan/templates";
import { addHiddenSheetName } from "../hidden-name";
import { XlsxBook } from "../book";
import { CONTENT, REL } from "../package";
import { blankWorkbook } from "./blank-workbook";
import { drawingXml, lineChartXml } from "./report-chart";
import { reportSheetXml } from "./report-sheet";
import { ReportStyles } from "./report-styles";
import { parseArea } from "../../omspan/sheet-calc";

export interface ReportValues {
  readonly valueAt: (row: number, col: number) => Scalar;
  /** Formulas the evaluator did not compute (none for the templates; listed, never guessed). */
  readonly unevaluated: readonly Unevaluated[];
}

/** Computes every formula of a grid, pulling the datasets its OMSPAN calls read through `pull`. */
export async function computeReport(grid: ReportGrid, pull: PullDatasets): Promise<ReportValues> {
  const r = await recalculateWithOmspan(gridBook(grid), pull);
  const at = valuesByCell(r.results);
  return { valueAt: (row, col) => at(grid.sheetName, row, col), unevaluated: r.unevaluated };
}

/** The print titles of a sheet: `'Name'!$1:$7`. */
const printTitles = (sheet: string, rows: string) => {
  const [top, bottom] = rows.split(":");
  return `'${sheet.replace(/'/g, "''")}'!$${top}:$${bottom ?? top}`;
};

/** A report to lay out: its grid and the values of its formulas. */
export interface ReportSheet {
  readonly grid: ReportGrid;
  readonly valueAt: (row: number, col: number) => Scalar;
}

/** The workbook of one report (bytes of an .xlsx). */
export function reportWorkbook(grid: ReportGrid, valueAt: (row: number, col: number) => Scalar, createdAt = new Date()): Uint8Array {
  return reportsWorkbook([{ grid, valueAt }], createdAt);
}

/** One workbook of several reports, a sheet each (their sheet names must differ). */
export function reportsWorkbook(reports: readonly ReportSheet[], createdAt = new Date()): Uint8Array {
  const styles = new ReportStyles();
  const pkg = blankWorkbook(styles.xml(), createdAt);
  const book = XlsxBook.fromPackage(pkg);
  const cm = book.dynamicArrayCm();
  const xmls = reports.map(({ grid, valueAt }) => reportSheetXml(grid, valueAt, styles, cm, grid.charts.length ? "rId1" : undefined));
  pkg.setText("xl/styles.xml", styles.xml());
  reports.forEach((report, i) => addReportSheet(book, report, xmls[i]!));
  return book.save();
}

function addReportSheet(book: XlsxBook, { grid, valueAt }: ReportSheet, xml: string): void {
  const pkg = book.pkg;
  const sheet = book.addSheet(grid.sheetName, xml);
  book.addDefinedName("_xlnm.Print_Titles", printTitles(grid.sheetName, grid.print.titleRows), sheet.index);
  // The mark Siap Rapat recognises a report by (src/omspan/siap-rapat/report-mark.ts), as Excel's writer adds it.
  const template = parseReportMark(reportMarkFormula(grid.template as TemplateId));
  if (template) addHiddenSheetName(book, REPORT_TEMPLATE_MARK, reportMarkFormula(template), sheet.index);
  if (!grid.charts.length) return;
  const drawing = pkg.freeName("xl/drawings/drawing", ".xml");
  const relId = pkg.addRel(sheet.part, REL.drawing, drawing);
  if (relId !== "rId1") throw new Error("a new report sheet's drawing must be its first relationship");
  const valuesOf = (ref: string): Scalar[] => {
    const a = parseArea(ref)!;
    const out: Scalar[] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        const cell = grid.cells[r]?.[c];
        out.push(cell?.formula ? valueAt(r, c) : (cell?.value ?? null));
      }
    }
    return out;
  };
  const anchors = grid.charts.map((spec, i) => {
    const chart = pkg.freeName("xl/charts/chart", ".xml");
    pkg.setText(chart, lineChartXml(spec, grid.sheetName, valuesOf));
    pkg.addContentType(chart, CONTENT.chart);
    return { anchor: spec.anchor, relId: pkg.addRel(drawing, REL.chart, chart), name: `Chart ${i + 1}` };
  });
  pkg.setText(drawing, drawingXml(anchors));
  pkg.addContentType(drawing, CONTENT.drawing);
}
