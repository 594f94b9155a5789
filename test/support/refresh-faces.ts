/**
 * The two faces of the one refresh, for tests of the orchestration that must hold on both: the add-in on
 * the Excel stand-in (`refreshWorkbook`, Office.js against the workbook model), and `omspan refresh` on a
 * file — the stand-in's workbook saved as an .xlsx (test/support/standin-xlsx.ts), refreshed by the file
 * adapter (src/xlsx/workbook), and read back into a new stand-in, so the same assertions look at either.
 */
import { refreshWorkbook } from "../../src/excel/omspan-tables";
import type { RefreshSummary, TableDeps } from "../../src/omspan/workbook/outcome";
import { refreshBook } from "../../src/omspan/workbook/refresh";
import { XlsxBook } from "../../src/xlsx/book";
import { FileWorkbook } from "../../src/xlsx/workbook/file-workbook";
import { installExcelStandin, snapshotOf, type ExcelStandin } from "./excel-standin";
import type { WorkbookOptions } from "./excel-standin/model";
import { standinToXlsx, xlsxToModel, xlsxToStandin } from "./standin-xlsx";

export type FaceName = "excel" | "file";
export const FACES: readonly FaceName[] = ["excel", "file"];

export interface RefreshFace {
  readonly name: FaceName;
  /** The workbook now (the file face: the file read back after its last refresh). */
  readonly xl: ExcelStandin;
  /** A sheet as the next refresh starts from it (the file face: saved as a file and read back). */
  snapshot(sheet: string): string;
  refresh(deps: TableDeps): Promise<RefreshSummary>;
  /** The last refreshed file's bytes (file face only). */
  readonly file?: Uint8Array;
  close(): void;
}

export function openFace(name: FaceName, opts: WorkbookOptions & { sheets?: string[] } = {}): RefreshFace {
  let xl = installExcelStandin(opts);
  let file: Uint8Array | undefined;
  if (name === "excel") {
    return {
      name,
      get xl() {
        return xl;
      },
      snapshot: (sheet) => xl.snapshot(sheet),
      refresh: (deps) => refreshWorkbook(deps),
      close: () => xl.uninstall(),
    };
  }
  return {
    name,
    get xl() {
      return xl;
    },
    get file() {
      return file;
    },
    snapshot: (sheet) => snapshotOf(xlsxToModel(standinToXlsx(xl.model)), sheet),
    async refresh(deps) {
      const book = XlsxBook.open(standinToXlsx(xl.model));
      xl.uninstall();
      try {
        return await refreshBook(new FileWorkbook(book), deps, "workbook");
      } finally {
        file = book.save();
        xl = xlsxToStandin(file, opts);
      }
    },
    close: () => xl.uninstall(),
  };
}
