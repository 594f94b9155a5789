/**
 * A ReportGrid as a worksheet part: every cell with its number format and look, formulas in the file's
 * spelling with the cached values the evaluator computed (OMSPAN calls as Excel stores a resolved custom
 * function: `cm` + `<f t="array" ref="B3">_xldudf_OMSPAN_PAGU(…)</f>`), column widths, the frozen header,
 * conditional formats, and A4 landscape printing one page wide (fitToWidth 1, fitToHeight 0).
 */
import { a1Of, areaA1, isSheetError, toFileFormula, type Scalar } from "../../omspan/sheet-calc";
import type { GridCell, ReportGrid } from "../../omspan/templates";
import { escapeAttr, escapeText, xmlSafe } from "../xml";
import { NEGATIVE_DXF, type ReportStyles } from "./report-styles";

const OMSPAN_CALL = /^=\s*OMSPAN\./i;

/** Excel's column width in characters of the default font, from the grid's (Excel adds 5 px padding). */
export const columnWidthChars = (chars: number) => Math.round((chars + 5 / 7) * 256) / 256;

function cellXml(row: number, col: number, cell: GridCell, value: Scalar, styles: ReportStyles, cm: string | undefined): string {
  const ref = a1Of(row, col);
  const s = styles.xf(cell.format, cell.style);
  const sAttr = s ? ` s="${s}"` : "";
  if (cell.formula) {
    const omspan = OMSPAN_CALL.test(cell.formula);
    const f = escapeText(toFileFormula(cell.formula));
    const fTag = omspan ? `<f t="array" ref="${ref}">${f}</f>` : `<f>${f}</f>`;
    const cmAttr = omspan && cm ? ` cm="${cm}"` : "";
    if (isSheetError(value)) return `<c r="${ref}"${sAttr} t="e"${cmAttr}>${fTag}<v>${value.code}</v></c>`;
    if (typeof value === "string") return `<c r="${ref}"${sAttr} t="str"${cmAttr}>${fTag}<v>${escapeText(xmlSafe(value))}</v></c>`;
    if (typeof value === "boolean") return `<c r="${ref}"${sAttr} t="b"${cmAttr}>${fTag}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${sAttr}${cmAttr}>${fTag}${value === null ? "" : `<v>${String(value)}</v>`}</c>`;
  }
  if (typeof cell.value === "number") return `<c r="${ref}"${sAttr}><v>${String(cell.value)}</v></c>`;
  if (typeof cell.value === "string") {
    // Data, never a formula: an inline string is text whatever it starts with.
    const space = /^\s|\s$/.test(cell.value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${escapeText(xmlSafe(cell.value))}</t></is></c>`;
  }
  return `<c r="${ref}"${sAttr}/>`;
}

function paneXml(rows: number, cols: number): string {
  if (!rows && !cols) return '<selection activeCell="A1" sqref="A1"/>';
  const top = a1Of(rows, cols);
  const active = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const split = `${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""}`;
  const extra = rows && cols ? '<selection pane="topRight"/><selection pane="bottomLeft"/>' : "";
  return `<pane${split} topLeftCell="${top}" activePane="${active}" state="frozen"/>${extra}<selection pane="${active}" activeCell="${top}" sqref="${top}"/>`;
}

function conditionalXml(grid: ReportGrid): string {
  return grid.conditional
    .map((rule, i) =>
      rule.rule === "negative" || rule.rule === "nonzero"
        ? `<conditionalFormatting sqref="${escapeAttr(rule.range)}"><cfRule type="cellIs" dxfId="${NEGATIVE_DXF}" priority="${i + 1}" operator="${rule.rule === "negative" ? "lessThan" : "notEqual"}"><formula>0</formula></cfRule></conditionalFormatting>`
        : `<conditionalFormatting sqref="${escapeAttr(rule.range)}"><cfRule type="colorScale" priority="${i + 1}"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>`,
    )
    .join("");
}

/** The worksheet part; `drawingRelId` names the sheet's drawing relationship when it has charts. */
export function reportSheetXml(grid: ReportGrid, valueAt: (row: number, col: number) => Scalar, styles: ReportStyles, cm: string | undefined, drawingRelId?: string): string {
  const parts: string[] = [];
  let right = 0;
  grid.cells.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (!cell) return;
      cells.push(cellXml(r, c, cell, cell.formula ? valueAt(r, c) : null, styles, cm));
      right = Math.max(right, c);
    });
    if (cells.length) parts.push(`<row r="${r + 1}">${cells.join("")}</row>`);
  });
  const bottom = Math.max(0, grid.cells.length - 1);
  const cols = grid.columnWidths.length
    ? `<cols>${grid.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidthChars(w)}" customWidth="1"/>`).join("")}</cols>`
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="${areaA1({ top: 0, left: 0, bottom, right })}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0">${paneXml(grid.freeze.rows, grid.freeze.columns)}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${parts.join("")}</sheetData>` +
    conditionalXml(grid) +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${grid.print.orientation}" fitToWidth="1" fitToHeight="0"/>` +
    (drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : "") +
    "</worksheet>"
  );
}
