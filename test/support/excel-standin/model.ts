/**
 * The workbook behind the Excel stand-in: sheets of cells (value, formula, number format), tables that
 * cannot overlap, and calculation. Cell semantics follow Excel where the add-in depends on them:
 * a written string starting with `=`, `+`, `-` or `@` is read as a formula (Range.values docs), a leading
 * apostrophe keeps text as text, a number-like string becomes a number unless the cell is formatted "@"
 * (so leading zeros need the text format); a cell formatted "@" (Text) keeps whatever is written as text —
 * a formula too, as Excel does, and an apostrophe stays part of the text (Excel may show it there); and — as
 * office-js issue 4502 reports for Windows and Mac —
 * a recalculation skips formula cells that currently show an error unless `errorCellsRecalculate` is set.
 */
import { intersects, parseAddress, type Box } from "./address";
import { StandinError } from "./errors";

export { StandinError };

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

/**
 * Evaluates one formula (custom functions included); a promise models an async custom function. `sheet`
 * is the formula's own sheet, for evaluators that read the cells a formula refers to (SUM and the like).
 */
export type Evaluator = (formula: string, wb: WorkbookModel, sheet?: SheetModel) => Scalar | Promise<Scalar> | undefined;

export class SheetModel {
  readonly rows = new Map<number, (Cell | undefined)[]>();
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** Names scoped to this sheet (Worksheet.names), by name in any case. */
  readonly names = new Map<string, { name: string; formula: string; visible: boolean; comment: string }>();
  constructor(public id: string, public name: string) {}

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

/** A column's filter as Office.js describes it (Excel.FilterCriteria): values, a custom rule, … */
export type FilterCriteria = Record<string, unknown> & { filterOn: string };

export interface TableModel {
  id: string;
  /** The id Excel for Windows and Mac gives (Table.legacyId, a number as text). */
  legacyId: string;
  name: string;
  sheet: SheetModel;
  /** Header row, body and totals row (where shown). */
  box: Box;
  showHeaders: boolean;
  showTotals: boolean;
  /** Filters by column index: a filtered table refuses shifts and writes into it (FilteredRangeConflict). */
  readonly filters: Map<number, FilterCriteria>;
}

/** The rows of a table's body (without header and totals row). */
export function bodyBox(t: TableModel): Box {
  const top = t.showHeaders ? 1 : 0;
  return { ...t.box, r0: t.box.r0 + top, rows: t.box.rows - top - (t.showTotals ? 1 : 0) };
}

export interface WorkbookOptions {
  date1904?: boolean;
  /** Excel on the web recalculates error cells; Windows and Mac may not (office-js 4502). */
  errorCellsRecalculate?: boolean;
  evaluate?: Evaluator;
  /** Excel's culture (application.cultureInfo): its name and decimal separator; en-US by default. */
  culture?: { name: string; decimalSeparator: string };
  /** Separators the user set in Excel's options instead of the system's (application.useSystemSeparators false). */
  separators?: { decimal: string; thousands: string };
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeSheet = 0;
  /** The selection on the active sheet (A1 until `select`): its areas, and its active cell (the first cell unless given). */
  selection: { sheet: number; areas: Box[]; active: { r0: number; c0: number } } | undefined;
  readonly culture: { name: string; decimalSeparator: string };
  separators: { decimal: string; thousands: string } | undefined;
  date1904: boolean;
  calculationMode = "Automatic";
  private nextId = 1;
  private readonly pending = new Set<Promise<void>>();
  /** Formulas evaluated, in order (what a test inspects to see which cells re-ran). */
  readonly evaluations: string[] = [];

  constructor(private readonly opts: WorkbookOptions = {}) {
    this.date1904 = opts.date1904 ?? false;
    this.culture = opts.culture ?? { name: "en-US", decimalSeparator: "." };
    this.separators = opts.separators;
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

  /** Selects a range as the user does (its sheet becomes active): areas joined by commas; `active` is a cell inside. */
  select(address: string, active?: string): void {
    const parts = address.split(",");
    const first = this.rangeOf(parts[0]!);
    const areas = parts.map((p, i) => (i === 0 ? first.box : this.rangeOf(p.includes("!") ? p : `${first.sheet.name.includes(" ") ? `'${first.sheet.name}'` : first.sheet.name}!${p}`).box));
    this.activeSheet = this.sheets.indexOf(first.sheet);
    const a = active ? this.rangeOf(active).box : first.box;
    this.selection = { sheet: this.activeSheet, areas, active: { r0: a.r0, c0: a.c0 } };
  }

  /** The selection (A1 of the active sheet when the active sheet changed since). */
  selected(): { sheet: SheetModel; areas: Box[]; active: Box } {
    const sel = this.selection?.sheet === this.activeSheet ? this.selection : undefined;
    const sheet = this.sheets[this.activeSheet];
    if (!sheet) throw new StandinError("ItemNotFound", "No active sheet");
    const areas = sel?.areas ?? [{ r0: 0, c0: 0, rows: 1, cols: 1 }];
    const at = sel?.active ?? { r0: 0, c0: 0 };
    return { sheet, areas, active: { r0: at.r0, c0: at.c0, rows: 1, cols: 1 } };
  }

  /** New ids for every sheet and table, as when the file is opened on another platform (office-js #1390). */
  reassignIds(): void {
    for (const s of this.sheets) s.id = `{${this.newId()}-moved}`;
    for (const t of this.tables) t.id = `{T${this.newId()}-moved}`;
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
    this.writeInRow(row, c, input, asFormula, sheet);
  }

  /** The hot path of a chunk write: one row array, cells updated in place. */
  writeInRow(row: (Cell | undefined)[], c: number, input: unknown, asFormula: boolean, sheet?: SheetModel): void {
    if (input === null || input === undefined) return;
    let cell = row[c];
    if (!cell) row[c] = cell = { v: "", f: undefined, nf: "General" };
    cell.f = undefined;
    if (typeof input === "number" || typeof input === "boolean") {
      cell.v = input;
      return;
    }
    const s = String(input);
    // A Text cell takes what is written as it is: no formula, and an apostrophe stays in the text.
    if (cell.nf === "@") {
      cell.v = s;
      return;
    }
    const first = s.charCodeAt(0);
    if (first === 39 /* ' */) cell.v = s.slice(1);
    else if (NUMBER_LIKE.test(s)) cell.v = Number(s);
    else if (first === 61 || first === 43 || first === 45 || first === 64 || (asFormula && first === 61)) {
      cell.f = first === 61 ? s : `=${s}`;
      this.evaluate(cell, sheet);
    } else cell.v = s;
  }

  /** Runs a cell's formula (async results show #BUSY! until they arrive). */
  evaluate(cell: Cell, sheet?: SheetModel): void {
    const f = cell.f!;
    this.evaluations.push(f);
    const date = /^=DATE\((\d+),(\d+),(\d+)\)$/i.exec(f.replace(/\s|;/g, (m) => (m === ";" ? "," : "")));
    let out: Scalar | Promise<Scalar> | undefined;
    if (date) {
      const serial1900 = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) / 86_400_000 + 25569;
      out = this.date1904 ? serial1900 - 1462 : serial1900;
    } else {
      try {
        out = this.opts.evaluate?.(f, this, sheet);
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
          this.evaluate(cell, s);
        }
      }
    }
  }

  /** Waits until every async formula has its value. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
