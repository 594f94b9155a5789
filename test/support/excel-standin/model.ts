/**
 * The workbook behind the Excel stand-in: sheets of cells (value, formula, number format), tables that
 * cannot overlap, and calculation. Cell semantics follow Excel where the add-in depends on them:
 * a written string starting with `=`, `+`, `-` or `@` is read as a formula (Range.values docs), a leading
 * apostrophe keeps text as text, a number-like string becomes a number unless the cell is formatted "@"
 * (so leading zeros need the text format), and — as office-js issue 4502 reports for Windows and Mac —
 * a recalculation skips formula cells that currently show an error unless `errorCellsRecalculate` is set.
 */
import { intersects, parseAddress, type Box } from "./address";

export type Scalar = string | number | boolean;

export interface Cell {
  v: Scalar;
  /** Always present (undefined when no formula): one object shape for every cell keeps writes fast. */
  f: string | undefined;
  nf: string;
}

export const ERRORS = ["#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#BUSY!", "#CALC!", "#SPILL!"];
const NUMBER_LIKE = /^[+-]?\d+(\.\d+)?$/;

export const isErrorValue = (v: unknown) => typeof v === "string" && ERRORS.includes(v);

export class StandinError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }

  /** Names the proxy type in the message's debug info (as Office's errors do). */
  withType(type: string): StandinError {
    this.message = `${type}: ${this.message}`;
    return this;
  }
}

/** Evaluates one formula (custom functions included); a promise models an async custom function. */
export type Evaluator = (formula: string, wb: WorkbookModel) => Scalar | Promise<Scalar> | undefined;

export class SheetModel {
  readonly rows = new Map<number, (Cell | undefined)[]>();
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  constructor(readonly id: string, public name: string) {}

  get(r: number, c: number): Cell | undefined {
    return this.rows.get(r)?.[c];
  }

  set(r: number, c: number, cell: Cell | undefined): void {
    let row = this.rows.get(r);
    if (!row) {
      if (!cell) return;
      this.rows.set(r, (row = []));
    }
    row[c] = cell;
  }

  /** Bounding box of cells holding something (a value, a formula, or — unless valuesOnly — a format). */
  used(valuesOnly: boolean): Box | undefined {
    let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
    for (const [r, row] of this.rows) {
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (!x || (x.v === "" && !x.f && (valuesOnly || x.nf === "General"))) continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    return r1 < 0 ? undefined : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export interface TableModel {
  readonly id: string;
  name: string;
  sheet: SheetModel;
  /** Header row included. */
  box: Box;
}

export interface WorkbookOptions {
  date1904?: boolean;
  /** Excel on the web recalculates error cells; Windows and Mac may not (office-js 4502). */
  errorCellsRecalculate?: boolean;
  evaluate?: Evaluator;
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeSheet = 0;
  /** The selected cell of each sheet by sheet id (A1 when never set): what getActiveCell answers. */
  readonly selection = new Map<string, { r0: number; c0: number }>();
  date1904: boolean;
  calculationMode = "Automatic";
  private nextId = 1;
  private readonly pending = new Set<Promise<void>>();
  /** Formulas evaluated, in order (what a test inspects to see which cells re-ran). */
  readonly evaluations: string[] = [];

  constructor(private readonly opts: WorkbookOptions = {}) {
    this.date1904 = opts.date1904 ?? false;
  }

  newId(): string {
    return String(this.nextId++);
  }

  addSheet(name: string): SheetModel {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new StandinError("ItemAlreadyExists", `A sheet named ${name} already exists`);
    }
    const s = new SheetModel(`{${this.newId()}}`, name);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A sheet-qualified address (or one on the active sheet) as sheet + box. */
  rangeOf(address: string): { sheet: SheetModel; box: Box } {
    const { sheet, box } = parseAddress(address);
    const s = sheet ? this.sheet(sheet) : this.sheets[this.activeSheet];
    if (!s) throw new StandinError("ItemNotFound", `No sheet ${sheet}`);
    return { sheet: s, box };
  }

  checkNoOverlap(sheet: SheetModel, box: Box, except?: TableModel): void {
    for (const t of this.tables) {
      if (t !== except && t.sheet === sheet && intersects(t.box, box)) {
        throw new StandinError("InvalidOperation", `A table can't overlap another table (${t.name}).`);
      }
    }
  }

  /** Writes a value the way Excel reads typed input. */
  write(sheet: SheetModel, r: number, c: number, input: unknown, asFormula: boolean): void {
    if (input === null || input === undefined) return; // null leaves the cell as it is (Office.js)
    let row = sheet.rows.get(r);
    if (!row) sheet.rows.set(r, (row = []));
    this.writeInRow(row, c, input, asFormula);
  }

  /** The hot path of a chunk write: one row array, cells updated in place. */
  writeInRow(row: (Cell | undefined)[], c: number, input: unknown, asFormula: boolean): void {
    if (input === null || input === undefined) return;
    let cell = row[c];
    if (!cell) row[c] = cell = { v: "", f: undefined, nf: "General" };
    cell.f = undefined;
    if (typeof input === "number" || typeof input === "boolean") {
      cell.v = input;
      return;
    }
    const s = String(input);
    const first = s.charCodeAt(0);
    if (first === 39 /* ' */) cell.v = s.slice(1);
    else if (cell.nf !== "@" && NUMBER_LIKE.test(s)) cell.v = Number(s);
    else if (first === 61 || first === 43 || first === 45 || first === 64 || (asFormula && first === 61)) {
      cell.f = first === 61 ? s : `=${s}`;
      this.evaluate(cell);
    } else cell.v = s;
  }

  /** Runs a cell's formula (async results show #BUSY! until they arrive). */
  evaluate(cell: Cell): void {
    const f = cell.f!;
    this.evaluations.push(f);
    const date = /^=DATE\((\d+),(\d+),(\d+)\)$/i.exec(f.replace(/\s|;/g, (m) => (m === ";" ? "," : "")));
    let out: Scalar | Promise<Scalar> | undefined;
    if (date) {
      const serial1900 = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) / 86_400_000 + 25569;
      out = this.date1904 ? serial1900 - 1462 : serial1900;
    } else {
      try {
        out = this.opts.evaluate?.(f, this);
      } catch {
        out = "#VALUE!";
      }
    }
    if (out instanceof Promise) {
      cell.v = "#BUSY!";
      const p = out.then(
        (v) => void (cell.f === f && (cell.v = v)),
        () => void (cell.f === f && (cell.v = "#VALUE!")),
      );
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    } else cell.v = out ?? "#NAME?";
  }

  /** Recalculates formula cells of the given sheets (error cells skipped unless the platform re-runs them). */
  calculate(sheets: readonly SheetModel[]): void {
    for (const s of sheets) {
      for (const row of s.rows.values()) {
        for (const cell of row) {
          if (!cell?.f) continue;
          if (isErrorValue(cell.v) && !this.opts.errorCellsRecalculate) continue;
          this.evaluate(cell);
        }
      }
    }
  }

  /** Waits until every async formula has its value. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
