/**
 * The Excel stand-in's workbook as an .xlsx file and back, through src/xlsx — what Excel's Save and Open
 * are to a real workbook: sheets (visibility), cells (values, formulas with their cached values, number
 * formats), tables (range, header and totals rows, filters), sheet-scoped names (the change report's
 * hidden mark). So a workbook the add-in wrote on the stand-in can be refreshed by `omspan refresh` as a
 * file, and the file read back by the add-in on the stand-in. OMSPAN formulas are saved the way Excel
 * saves a resolved add-in function (`cm`, `t="array"`, `_xldudf_OMSPAN_…`), the others in Excel's file
 * spelling; errors as error cells.
 */
import { SheetError, isSheetError, toCellFormula, toFileFormula, callsOmspan, a1Of, type Scalar as CalcScalar } from "../../src/omspan/sheet-calc";
import { XlsxBook } from "../../src/xlsx/book";
import { CONTENT, REL } from "../../src/xlsx/package";
import { blankWorkbook } from "../../src/xlsx/report/blank-workbook";
import type { CellWrite } from "../../src/xlsx/sheet-edit";
import { EMPTY_SHEET, plainValue } from "../../src/xlsx/workbook/owned-sheets";
import { child, childrenNamed, escapeAttr, splice } from "../../src/xlsx/xml";
import { installExcelStandin, type ExcelStandin } from "./excel-standin";
import { ERRORS, WorkbookModel, bodyBox, type SheetModel, type WorkbookOptions } from "./excel-standin/model";
import { boxAddress, colName } from "./excel-standin/address";

const BUILTIN: Readonly<Record<number, string>> = { 0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "m/d/yyyy", 49: "@" };
const BUILTIN_IDS = new Map(Object.entries(BUILTIN).map(([id, code]) => [code, Number(id)]));

/** One cell format per number format (what the stand-in's cells carry). */
class Styles {
  private readonly codes = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byCode = new Map<string, number>([["General", 0]]);
  xf(code: string): number {
    const known = this.byCode.get(code);
    if (known !== undefined) return known;
    let id = BUILTIN_IDS.get(code);
    if (id === undefined) {
      id = this.codes.get(code);
      if (id === undefined) this.codes.set(code, (id = 164 + this.codes.size));
    }
    this.xfs.push(`<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    this.byCode.set(code, this.xfs.length - 1);
    return this.xfs.length - 1;
  }
  xml(): string {
    const numFmts = this.codes.size ? `<numFmts count="${this.codes.size}">${[...this.codes].map(([c, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(c)}"/>`).join("")}</numFmts>` : "";
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      numFmts +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}

const VISIBILITY = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;
const asScalar = (v: unknown): CalcScalar => (typeof v === "string" && ERRORS.includes(v) ? new SheetError(v as never) : (v as CalcScalar));

function sheetWrites(s: SheetModel, styles: Styles, cm: string | undefined): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const [row, cells] of s.rows) {
    cells.forEach((cell, col) => {
      if (!cell || (cell.v === "" && !cell.f && cell.nf === "General")) return;
      const style = styles.xf(cell.nf);
      if (cell.f) {
        const omspan = callsOmspan(cell.f);
        writes.push({ row, col, content: { kind: "formula", formula: toFileFormula(cell.f), value: asScalar(cell.v), style, ...(omspan ? { array: a1Of(row, col), cm } : {}) } });
      } else writes.push({ row, col, content: { kind: "value", value: cell.v === "" ? null : cell.v, style } });
    });
  }
  return writes;
}

function tableXml(t: WorkbookModel["tables"][number], id: number): string {
  const ref = boxAddress(t.sheet.name, t.box).replace(/^.*!/, "");
  const body = bodyBox(t);
  const filterRef = `${colName(t.box.c0)}${t.box.r0 + 1}:${colName(t.box.c0 + t.box.cols - 1)}${body.r0 + body.rows}`;
  const filters = [...t.filters]
    .filter(([, f]) => f.filterOn === "Values" && Array.isArray(f.values))
    .map(([k, f]) => `<filterColumn colId="${k}"><filters>${(f.values as unknown[]).map((v) => `<filter val="${escapeAttr(String(v))}"/>`).join("")}</filters></filterColumn>`)
    .join("");
  const columns = Array.from({ length: t.box.cols }, (_, k) => `<tableColumn id="${k + 1}" name="${escapeAttr(String(t.sheet.get(t.box.r0, t.box.c0 + k)?.v ?? `Column${k + 1}`))}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}" ref="${ref}"${t.showTotals ? ' totalsRowCount="1"' : ""}>` +
    `<autoFilter ref="${filterRef}">${filters}</autoFilter><tableColumns count="${t.box.cols}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

/** The stand-in's workbook as the bytes of an .xlsx. */
export function standinToXlsx(model: WorkbookModel, createdAt = new Date()): Uint8Array {
  const styles = new Styles();
  for (const s of model.sheets) for (const cells of s.rows.values()) for (const c of cells) if (c) styles.xf(c.nf);
  const pkg = blankWorkbook(styles.xml(), createdAt);
  if (model.date1904) {
    const wb = pkg.xml("xl/workbook.xml");
    pkg.setText("xl/workbook.xml", splice(pkg.text("xl/workbook.xml"), [[child(wb, "workbookPr")!.start, child(wb, "workbookPr")!.end, '<workbookPr date1904="1"/>']]));
  }
  const book = XlsxBook.fromPackage(pkg);
  const cm = model.sheets.some((s) => [...s.rows.values()].some((r) => r.some((c) => c?.f && callsOmspan(c.f)))) ? book.dynamicArrayCm() : undefined;
  let tableId = 0;
  for (const s of model.sheets) {
    const info = book.addSheet(s.name, EMPTY_SHEET, VISIBILITY[s.visibility]);
    book.writeCells(s.name, sheetWrites(s, styles, cm));
    const tables = model.tables.filter((t) => t.sheet === s);
    if (tables.length) {
      const parts = tables.map((t) => {
        const id = Number(t.legacyId) || ++tableId;
        tableId = Math.max(tableId, id);
        const part = pkg.freeName("xl/tables/table", ".xml");
        pkg.setText(part, tableXml(t, id));
        pkg.addContentType(part, CONTENT.table);
        return pkg.addRel(info.part, REL.table, part);
      });
      const text = pkg.text(info.part);
      const end = text.lastIndexOf("</worksheet>");
      pkg.setText(info.part, `${text.slice(0, end)}<tableParts count="${parts.length}">${parts.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>${text.slice(end)}`);
    }
    for (const n of s.names.values()) book.addDefinedName(n.name, n.formula.replace(/^=/, ""), info.index, !n.visible);
  }
  return book.save();
}

/** Number format code of each cell format of a file. */
function formatsOf(book: XlsxBook): string[] {
  const rel = book.pkg.rels(book.workbook.part).find((r) => r.type === REL.styles);
  if (!rel) return ["General"];
  const root = book.pkg.xml(rel.target);
  const custom = new Map((child(root, "numFmts") ? childrenNamed(child(root, "numFmts")!, "numFmt") : []).map((n) => [Number(n.attrs.numFmtId), n.attrs.formatCode ?? "General"]));
  const xfs = child(root, "cellXfs");
  return (xfs ? childrenNamed(xfs, "xf") : []).map((x) => {
    const id = Number(x.attrs.numFmtId ?? 0);
    return custom.get(id) ?? BUILTIN[id] ?? "General";
  });
}

/** A file read into a new stand-in (installed: `Excel` is this workbook now). */
export function xlsxToStandin(bytes: Uint8Array, opts: WorkbookOptions = {}): ExcelStandin {
  const book = XlsxBook.open(bytes);
  const xl = installExcelStandin({ ...opts, date1904: book.workbook.date1904, sheets: [] });
  fill(xl.model, book);
  return xl;
}

/** A file read into a workbook model (not installed: for looking at it). */
export function xlsxToModel(bytes: Uint8Array, opts: WorkbookOptions = {}): WorkbookModel {
  const book = XlsxBook.open(bytes);
  const model = new WorkbookModel({ ...opts, date1904: book.workbook.date1904 });
  fill(model, book);
  return model;
}

function fill(model: WorkbookModel, book: XlsxBook): void {
  const formats = formatsOf(book);
  for (const info of book.sheets()) {
    if (info.kind !== "worksheet") continue;
    const s = model.addSheet(info.name);
    s.visibility = info.visibility === "veryHidden" ? "VeryHidden" : info.visibility === "hidden" ? "Hidden" : "Visible";
    for (const c of book.scan(info.name).cells) {
      const f = c.formula && c.formula.text !== "" ? toCellFormula(c.formula.text) : undefined;
      const v = plainValue(c.value);
      s.set(c.row, c.col, { v: typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : "", f, nf: formats[c.style] ?? "General" });
    }
    for (const d of book.workbook.definedNames) {
      if (d.localSheetId === info.index) s.names.set(d.name.toLowerCase(), { name: d.name, formula: `=${d.formula}`, visible: !d.hidden, comment: "" });
    }
  }
  let maxId = 0;
  for (const t of book.tables()) {
    const sheet = model.sheet(t.sheet)!;
    const id = Number(t.id);
    maxId = Math.max(maxId, id);
    model.tables.push({
      id: `{T${t.id}}`, legacyId: t.id, name: t.name, sheet,
      box: { r0: t.area.top, c0: t.area.left, rows: t.area.bottom - t.area.top + 1, cols: t.area.right - t.area.left + 1 },
      showHeaders: t.headerRowCount > 0, showTotals: t.totalsRowCount > 0, filters: new Map(),
    });
  }
  // New tables and sheets get ids after the file's.
  while (Number(model.newId()) <= maxId);
  const active = model.sheets.findIndex((s) => s.visibility === "Visible");
  model.activeSheet = Math.max(0, active);
}

export { isSheetError };
