/**
 * The workbook port on an .xlsx file (`omspan refresh`): the core's one refresh
 * (src/omspan/workbook/refresh.ts) reading and writing an XlsxBook in memory — the caller saves it
 * atomically, or not at all. Everything the add-in keeps in a workbook is found where the Excel side keeps
 * it: the registry and the pin in the very hidden OMSPAN_TABLES, the change report in the sheet carrying
 * the hidden name OMSPAN_CHANGE_REPORT, OMSPAN formulas in either spelling Excel stores them.
 */
import type { ParsedPin } from "../../omspan/snapshots/pin";
import type { CellValue, DateSystem, ParsedRegistry, RegistryEntry } from "../../omspan/tables";
import type { Blocker, FormulaCellState, Placed, PortTable, Recomputed, RecomputeEnv, TableWrite, WorkbookPort } from "../../omspan/workbook/port";
import type { XlsxBook } from "../book";
import { recompute, scanFormulas } from "./file-formulas";
import { addressOf, captionWrite, listTables, readTableBody, replaceTable, tableBlocker, tableLayout, type FileLayout } from "./file-table";
import { readPin, readRegistry, writeChangeReport, writeRegistry } from "./owned-sheets";
import { REGISTRY_SHEET } from "../../omspan/tables";
import { parseA1 } from "../../omspan/workbook/a1";

export class FileWorkbook implements WorkbookPort<FileLayout> {
  constructor(readonly book: XlsxBook) {}

  async readRegistry(): Promise<ParsedRegistry> {
    return readRegistry(this.book);
  }

  async readPin(): Promise<ParsedPin> {
    return readPin(this.book);
  }

  async writeRegistry(entries: readonly RegistryEntry[]): Promise<void> {
    writeRegistry(this.book, entries);
  }

  /** A file has no active sheet to speak of: both scopes are every worksheet but the add-in's very hidden ones. */
  async sheets(): Promise<string[]> {
    return this.book
      .sheets()
      .filter((s) => s.kind === "worksheet" && s.visibility !== "veryHidden" && s.name !== REGISTRY_SHEET)
      .map((s) => s.name);
  }

  async tables(): Promise<PortTable[]> {
    return listTables(this.book);
  }

  async captions(tables: readonly PortTable[]): Promise<(string | undefined)[]> {
    return tables.map((t) => {
      const b = parseA1(t.address);
      if (b.row === 0) return undefined;
      const v = this.book.cell(b.sheet, b.row - 1, b.col)?.value;
      return typeof v === "string" ? v : undefined;
    });
  }

  async dateSystem(): Promise<DateSystem> {
    return this.book.workbook.date1904 ? 1904 : 1900;
  }

  async layout(t: PortTable): Promise<FileLayout> {
    return tableLayout(this.book, t);
  }

  async readBody(_t: PortTable, l: FileLayout): Promise<CellValue[][][]> {
    return readTableBody(this.book, l);
  }

  async blocker(_t: PortTable, l: FileLayout, bodyRows: number): Promise<Blocker | undefined> {
    return tableBlocker(this.book, l, bodyRows);
  }

  async replace(_t: PortTable, l: FileLayout, w: TableWrite): Promise<Placed> {
    return replaceTable(this.book, l, w);
  }

  async writeCaption(t: PortTable, caption: string): Promise<void> {
    const b = parseA1(t.address);
    const w = captionWrite(this.book, b.sheet, { top: b.row, left: b.col, bottom: b.row + b.rows - 1, right: b.col + b.cols - 1 }, caption);
    if (w) this.book.writeCells(b.sheet, [w]);
  }

  async scanFormulas(sheets: readonly string[]): Promise<FormulaCellState[]> {
    return scanFormulas(this.book, sheets);
  }

  recompute(_sheets: readonly string[], cells: readonly FormulaCellState[], env: RecomputeEnv): Promise<Recomputed> {
    return recompute(this.book, cells, env);
  }

  async writeChangeReport(rows: CellValue[][]): Promise<string> {
    return writeChangeReport(this.book, rows);
  }
}

export { addressOf };
