/**
 * A workbook file opened for surgery: what the file layer (and part 2's workbook port on files) reads
 * and writes. Every edit is made to the one part it concerns; saving copies every other part's bytes as
 * they were. When formula cells change, the calculation chain (a cache of Excel's evaluation order) is
 * dropped with its relationship and content type — Excel rebuilds it; calcPr is never touched.
 */
import { callsOmspan, omspanDatasets, toCellFormula, type CalcBook, type CalcTable, type FormulaCell, type Scalar } from "../omspan/sheet-calc";
import type { DatasetId } from "../omspan/routes";
import { a1Of, parseArea } from "../omspan/sheet-calc";
import { fileError } from "./errors";
import { dynamicArrayCm } from "./metadata";
import { REL, XlsxPackage } from "./package";
import { SharedStrings } from "./shared-strings";
import { applyCellWrites, type CellWrite } from "./sheet-edit";
import { scanSheet, type SheetCell, type SheetScan } from "./sheet-cells";
import { readTables, setTableRange, type TableInfo } from "./tables";
import { addDefinedName, addSheetEntry, readWorkbookPart, type SheetInfo, type SheetVisibility, type WorkbookPart } from "./workbook-part";

export class XlsxBook {
  private wb: WorkbookPart;
  private sst: SharedStrings | undefined;
  private readonly scans = new Map<string, SheetScan>();
  private readonly cellMaps = new Map<string, Map<number, SheetCell>>();
  private formulasChanged = false;
  /** omspanDatasets of the book as it is (dropped by any edit). */
  private datasets: ReadonlySet<DatasetId> | undefined;

  private constructor(readonly pkg: XlsxPackage) {
    this.wb = readWorkbookPart(pkg);
  }

  static open(bytes: Uint8Array): XlsxBook {
    return new XlsxBook(XlsxPackage.open(bytes));
  }

  static fromPackage(pkg: XlsxPackage): XlsxBook {
    return new XlsxBook(pkg);
  }

  get workbook(): WorkbookPart {
    return this.wb;
  }

  sheets(): readonly SheetInfo[] {
    return this.wb.sheets;
  }

  sheet(name: string): SheetInfo {
    const s = this.wb.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw fileError("unsupported", `the workbook has no sheet ${name}`, `buku kerja tidak memiliki lembar ${name}`);
    return s;
  }

  private strings(): SharedStrings {
    return (this.sst ??= SharedStrings.read(this.pkg, this.wb.part));
  }

  /** A worksheet's cells as the file holds them. */
  scan(sheet: string): SheetScan {
    const info = this.sheet(sheet);
    let s = this.scans.get(info.part);
    if (!s) {
      s = info.kind === "worksheet" ? scanSheet(this.pkg.text(info.part), this.strings(), info.part) : { cells: [], rows: [], sheetData: { start: 0, openEnd: 0, closeStart: 0, end: 0, selfClosing: true, qname: "sheetData" } };
      this.scans.set(info.part, s);
    }
    return s;
  }

  cell(sheet: string, row: number, col: number): SheetCell | undefined {
    const part = this.sheet(sheet).part;
    let m = this.cellMaps.get(part);
    if (!m) {
      m = new Map(this.scan(sheet).cells.map((c) => [row2key(c.row, c.col), c]));
      this.cellMaps.set(part, m);
    }
    return m.get(row2key(row, col));
  }

  /** Every table of every worksheet. */
  tables(): TableInfo[] {
    return this.wb.sheets.filter((s) => s.kind === "worksheet").flatMap((s) => readTables(this.pkg, s.name, s.part));
  }

  /** Writes cells of one sheet (values, formulas with cached values, clears). */
  writeCells(sheet: string, writes: readonly CellWrite[]): void {
    if (!writes.length) return;
    const info = this.sheet(sheet);
    const r = applyCellWrites(this.pkg.text(info.part), this.scan(sheet), writes, this.strings());
    this.pkg.setText(info.part, r.text);
    this.scans.delete(info.part);
    this.cellMaps.delete(info.part);
    this.datasets = undefined;
    if (r.formulasChanged) this.formulasChanged = true;
  }

  /**
   * Moves a table to a new area of the same sheet (its growth or shrinkage after a refresh). Refuses
   * an area that reaches cells holding anything outside the table's old range.
   */
  resizeTable(table: TableInfo, area: NonNullable<ReturnType<typeof parseArea>>, columnNames?: readonly string[]): void {
    const blocked = this.scan(table.sheet).cells.find(
      (c) => c.row >= area.top && c.row <= area.bottom && c.col >= area.left && c.col <= area.right && !(c.row >= table.area.top && c.row <= table.area.bottom && c.col >= table.area.left && c.col <= table.area.right) && (c.value !== null || c.formula),
    );
    const other = this.tables().find((t) => t.part !== table.part && t.sheet === table.sheet && t.area.top <= area.bottom && area.top <= t.area.bottom && t.area.left <= area.right && area.left <= t.area.right);
    if (blocked || other) {
      const what = other ? `table ${other.name}` : `cell ${sheetCellName(blocked!)}`;
      throw fileError("table-blocked", `table ${table.name} would grow into ${what}, which is in use: move it, then refresh`, `tabel ${table.name} akan tumbuh ke ${what.replace("table", "tabel").replace("cell", "sel")}, yang sedang dipakai: pindahkan, lalu segarkan`);
    }
    setTableRange(this.pkg, table, area, columnNames);
    this.datasets = undefined;
  }

  /** Where in the way a table's growth to `area` would run (cells holding anything, another table); nothing changes. */
  growthBlocker(table: TableInfo, area: NonNullable<ReturnType<typeof parseArea>>): string | undefined {
    const other = this.tables().find((t) => t.part !== table.part && t.sheet === table.sheet && t.area.top <= area.bottom && area.top <= t.area.bottom && t.area.left <= area.right && area.left <= t.area.right);
    if (other) return `${other.name} (${other.sheet}!${other.ref})`;
    const blocked = this.scan(table.sheet).cells.find(
      (c) => c.row >= area.top && c.row <= area.bottom && c.col >= area.left && c.col <= area.right && !(c.row >= table.area.top && c.row <= table.area.bottom && c.col >= table.area.left && c.col <= table.area.right) && (c.value !== null || c.formula),
    );
    return blocked ? `${table.sheet}!${sheetCellName(blocked)}` : undefined;
  }

  /** Replaces every cell of a sheet (the change report, the registry: sheets the add-in owns whole). */
  replaceSheetCells(sheet: string, writes: readonly CellWrite[]): void {
    const info = this.sheet(sheet);
    const scan = this.scan(sheet);
    const text = this.pkg.text(info.part);
    const sd = scan.sheetData;
    const emptied = `${text.slice(0, sd.start)}<${sd.qname}/>${text.slice(sd.end)}`;
    const hadFormulas = scan.cells.some((c) => c.formula);
    this.pkg.setText(info.part, emptied);
    this.scans.delete(info.part);
    this.cellMaps.delete(info.part);
    this.datasets = undefined;
    if (hadFormulas) this.formulasChanged = true;
    this.writeCells(sheet, writes);
  }

  /** Adds a worksheet from its XML; the workbook part is read again. */
  addSheet(name: string, xml: string, visibility: SheetVisibility = "visible"): SheetInfo {
    const info = addSheetEntry(this.pkg, name, xml, visibility);
    this.wb = readWorkbookPart(this.pkg);
    this.datasets = undefined;
    return info;
  }

  addDefinedName(name: string, formula: string, localSheetId?: number, hidden = false): void {
    addDefinedName(this.pkg, name, formula, localSheetId, hidden);
    this.wb = readWorkbookPart(this.pkg);
  }

  /** The `cm` index for dynamic-array (custom function) cells; created when the workbook has no metadata. */
  dynamicArrayCm(): string | undefined {
    return dynamicArrayCm(this.pkg, this.wb.part, true);
  }

  /** The workbook as the evaluator reads it: worksheets, formulas in cell form, values as stored. */
  calcBook(): CalcBook {
    const sheets = this.wb.sheets.filter((s) => s.kind === "worksheet");
    let tables: CalcTable[] | undefined;
    return {
      sheets: sheets.map((s) => s.name),
      formulas: () => this.formulaCells(),
      tables: () =>
        (tables ??= this.tables().map((t) => ({ name: t.name, sheet: t.sheet, area: t.area, headerRows: t.headerRowCount, totalsRows: t.totalsRowCount, columns: t.columns }))),
      value: (sheet, row, col) => {
        if (!sheets.some((s) => s.name.toLowerCase() === sheet.toLowerCase())) return null;
        return this.cell(sheet, row, col)?.value ?? null;
      },
    };
  }

  /** Every formula cell (shared formulas moved to their cells), in cell form (`=…`). */
  *formulaCells(): Iterable<FormulaCell> {
    for (const s of this.wb.sheets) {
      if (s.kind !== "worksheet") continue;
      for (const c of this.scan(s.name).cells) {
        if (!c.formula || c.formula.text === "") continue;
        const spill = c.formula.kind === "array" && c.formula.ref ? parseArea(c.formula.ref) : undefined;
        yield { sheet: s.name, row: c.row, col: c.col, formula: safeCellForm(c.formula.text), spill };
      }
    }
  }

  /**
   * The datasets the OMSPAN cells read with their arguments as the file holds them, kept until an edit:
   * the refresh needs them twice (to pull before anything is written, to recalculate), and reading the
   * arguments of 90,000 cells takes seconds.
   */
  omspanDatasets(): ReadonlySet<DatasetId> {
    return (this.datasets ??= omspanDatasets(this.calcBook()));
  }

  /** The OMSPAN formula cells (either spelling). */
  omspanFormulaCells(): FormulaCell[] {
    return [...this.formulaCells()].filter((c) => callsOmspan(c.formula));
  }

  /** The bytes of the workbook with every edit; the calculation chain dropped if formulas changed. */
  save(): Uint8Array {
    this.sst?.flush();
    if (this.formulasChanged) this.dropCalcChain();
    return this.pkg.save();
  }

  private dropCalcChain(): void {
    for (const r of this.pkg.rels(this.wb.part).filter((x) => x.type === REL.calcChain)) {
      this.pkg.remove(r.target);
      this.pkg.removeContentType(r.target);
    }
    this.pkg.removeRels(this.wb.part, (x) => x.type === REL.calcChain);
  }
}

const row2key = (row: number, col: number) => row * 16_384 + col;
const sheetCellName = (c: SheetCell) => a1Of(c.row, c.col);

/** A file formula in cell form; one the tokenizer cannot read is left as written (and listed later). */
function safeCellForm(text: string): string {
  try {
    return toCellFormula(text);
  } catch {
    return `=${text}`;
  }
}

export type { Scalar };
