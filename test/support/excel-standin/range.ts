/**
 * Range, RangeAreas and RangeCollection on the host side of the stand-in. Excel's refusals the add-in meets:
 * a range outside the grid or of no cells (InvalidArgument), a matrix of the wrong size, a write into a
 * filtered table (FilteredRangeConflict, see tables.ts), an answer that cannot fit in 5 MB
 * (ResponsePayloadSizeLimitExceeded, known before it is built), shifts through tables (shift.ts).
 */
import { boxAddress, intersects, type Box } from "./address";
import { PAYLOAD_LIMIT, type StandinContext } from "./context";
import { StandinError, bodyBox, isErrorValue, type Cell, type SheetModel, type WorkbookModel } from "./model";
import { ProxyBase, pick, type ItemSnapshots } from "./proxy";
import { deleteUp, insertDown } from "./shift";
import { ConditionalFormatCollectionProxy, RangeFormatProxy, layoutOf } from "./layout";

export interface RangeRef {
  readonly sheet: SheetModel;
  readonly box: Box;
}

const MATRIX = ["values", "formulas", "numberFormat", "valueTypes", "text"];

const valueOf = (c: Cell | undefined) => (c ? c.v : "");
const typeOf = (c: Cell | undefined) =>
  !c || (c.v === "" && !c.f) ? "Empty" : isErrorValue(c.v) ? "Error" : typeof c.v === "number" ? "Double" : typeof c.v === "boolean" ? "Boolean" : "String";

function grid<T>(ref: RangeRef, f: (c: Cell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < ref.box.rows; r++) {
    const row = ref.sheet.rows.get(ref.box.r0 + r);
    const line: T[] = new Array(ref.box.cols);
    for (let c = 0; c < ref.box.cols; c++) line[c] = f(row?.[ref.box.c0 + c]);
    out.push(line);
  }
  return out;
}

function checkBox(b: Box): void {
  if (!(b.rows >= 1 && b.cols >= 1 && b.r0 >= 0 && b.c0 >= 0 && b.r0 + b.rows <= 1_048_576 && b.c0 + b.cols <= 16_384)) {
    throw new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (a range of ${b.rows}×${b.cols} at row ${b.r0}, column ${b.c0}).`);
  }
}

/** Refuses a write into a filtered table's body. */
function checkNotFiltered(wb: WorkbookModel, ref: RangeRef): void {
  for (const t of wb.tables) {
    if (t.sheet === ref.sheet && t.filters.size && intersects(bodyBox(t), ref.box)) {
      throw new StandinError("FilteredRangeConflict", `The attempted operation causes a conflict with a filtered range (${t.name}).`);
    }
  }
}

export class RangeProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly find: () => RangeRef | null) {
    super(ctx, "Range");
  }

  resolve(): RangeRef | null {
    const r = this.find();
    if (r) checkBox(r.box);
    return r;
  }

  ref(): RangeRef {
    const r = this.resolve();
    if (!r) throw new StandinError("InvalidObjectPath", "The object path is not valid (a null object).");
    return r;
  }

  snapshot(props: string[] | undefined): Record<string, unknown> | null {
    const r = this.resolve();
    if (!r) return null;
    // An answer's size is known before it is built: refuse what could not fit (an empty cell is `"",`).
    const matrices = (props ?? MATRIX).filter((n) => MATRIX.includes(n)).length;
    if (matrices && r.box.rows * r.box.cols * 3 * matrices > PAYLOAD_LIMIT) {
      throw new StandinError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    const all: Record<string, () => unknown> = {
      address: () => boxAddress(r.sheet.name, r.box),
      rowIndex: () => r.box.r0,
      columnIndex: () => r.box.c0,
      rowCount: () => r.box.rows,
      columnCount: () => r.box.cols,
      cellCount: () => r.box.rows * r.box.cols,
      values: () => grid(r, valueOf),
      formulas: () => grid(r, (c) => c?.f ?? valueOf(c)),
      numberFormat: () => grid(r, (c) => c?.nf ?? "General"),
      valueTypes: () => grid(r, typeOf),
      text: () => grid(r, (c) => String(valueOf(c))),
    };
    const out: Record<string, unknown> = {};
    for (const n of props ?? Object.keys(all)) {
      if (n === "isNullObject") continue;
      const get = all[n];
      if (!get) throw new StandinError("PropertyNotLoaded", `Range has no property ${n} in the stand-in`);
      out[n] = get();
    }
    return out;
  }

  set values(v: unknown) {
    this.assign("values", v, false);
  }
  set formulas(v: unknown) {
    this.assign("formulas", v, true);
  }
  set numberFormat(v: unknown) {
    this.call("Range.numberFormat", () =>
      this.each(v, (row, c, x) => {
        if (x === null || x === undefined) return;
        const cell = row[c];
        if (cell) cell.nf = String(x);
        else row[c] = { v: "", f: undefined, nf: String(x) };
      }),
    );
  }

  /** Applies a scalar (to every cell) or a matrix of the range's size, row by row. */
  private each(v: unknown, f: (row: (Cell | undefined)[], c: number, x: unknown) => void): void {
    const { sheet, box } = this.ref();
    const matrix = Array.isArray(v);
    if (matrix && (v.length !== box.rows || v.some((row) => !Array.isArray(row) || row.length !== box.cols))) {
      throw new StandinError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
    for (let r = 0; r < box.rows; r++) {
      let row = sheet.rows.get(box.r0 + r);
      if (!row) sheet.rows.set(box.r0 + r, (row = []));
      const line = matrix ? (v as unknown[][])[r]! : undefined;
      for (let c = 0; c < box.cols; c++) f(row, box.c0 + c, line ? line[c] : v);
    }
  }

  /** office.js asks this before a matrix write: the matrix must have the range's size. */
  _ValidateArraySize(rows: number, columns: number): void {
    this.call("Range.validateArraySize", () => {
      const { box } = this.ref();
      if (rows !== box.rows || columns !== box.cols) {
        throw new StandinError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
    });
  }

  private assign(name: string, v: unknown, asFormula: boolean): void {
    const model = this.ctx.model;
    this.call(`Range.${name}`, () => {
      checkNotFiltered(model, this.ref());
      const { sheet } = this.ref();
      this.each(v, (row, c, x) => model.writeInRow(row, c, x, asFormula, sheet));
    });
  }

  /** Fonts, fills, borders, alignment, column width (layout.ts). */
  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this.ctx, () => this.ref());
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, () => this.ref());
  }

  get worksheet(): { resolve(): SheetModel } {
    return { resolve: () => this.ref().sheet };
  }

  getCell(row: number, column: number): RangeProxy {
    return this.derived((r) => ({ r0: r.box.r0 + row, c0: r.box.c0 + column, rows: 1, cols: 1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derived((r) => ({ ...r.box, rows: r.box.rows + deltaRows, cols: r.box.cols + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derived((r) => ({ ...r.box, r0: r.box.r0 + rowOffset, c0: r.box.c0 + columnOffset }));
  }

  getRow(row: number): RangeProxy {
    return this.derived((r) => ({ ...r.box, r0: r.box.r0 + row, rows: 1 }));
  }

  /** The smallest range holding this one and `other` (same sheet). */
  getBoundingRect(other: RangeProxy | string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.ref();
      const b = typeof other === "string" ? this.ctx.model.rangeOf(other) : other.ref();
      if (a.sheet !== b.sheet) throw new StandinError("InvalidArgument", "getBoundingRect needs ranges of one sheet.");
      const r0 = Math.min(a.box.r0, b.box.r0);
      const c0 = Math.min(a.box.c0, b.box.c0);
      const r1 = Math.max(a.box.r0 + a.box.rows, b.box.r0 + b.box.rows);
      const c1 = Math.max(a.box.c0 + a.box.cols, b.box.c0 + b.box.cols);
      return { sheet: a.sheet, box: { r0, c0, rows: r1 - r0, cols: c1 - c0 } };
    });
  }

  getLastRow(): RangeProxy {
    return this.derived((r) => ({ ...r.box, r0: r.box.r0 + r.box.rows - 1, rows: 1 }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      const u = usedWithin(r, valuesOnly);
      return u ? { sheet: r.sheet, box: u } : null;
    });
  }

  /** Formula cells as areas: runs of columns, merged down while the next row has the same run. */
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    if (cellType !== "Formulas") throw new StandinError("NotImplemented", `special cells ${cellType}`);
    return new RangeAreasProxy(this.ctx, () => {
      const r = this.ref();
      const open = new Map<string, Box>();
      const done: Box[] = [];
      for (let i = 0; i < r.box.rows; i++) {
        const runs: Box[] = [];
        for (let j = 0, start = -1; j <= r.box.cols; j++) {
          const isF = j < r.box.cols && !!r.sheet.get(r.box.r0 + i, r.box.c0 + j)?.f;
          if (isF && start < 0) start = j;
          if (!isF && start >= 0) {
            runs.push({ r0: r.box.r0 + i, c0: r.box.c0 + start, rows: 1, cols: j - start });
            start = -1;
          }
        }
        const next = new Map<string, Box>();
        for (const run of runs) {
          const key = `${run.c0}:${run.cols}`;
          const prev = open.get(key);
          next.set(key, prev ? { ...prev, rows: prev.rows + 1 } : run);
          open.delete(key);
        }
        done.push(...open.values());
        open.clear();
        for (const [k, b] of next) open.set(k, b);
      }
      done.push(...open.values());
      done.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
      return done.length ? done.map((box) => ({ sheet: r.sheet, box })) : null;
    });
  }

  insert(shift: string): RangeProxy {
    if (shift !== "Down") throw new StandinError("NotImplemented", `insert ${shift}`);
    this.call("Range.insert", () => {
      const r = this.ref();
      insertDown(this.ctx.model, r.sheet, r.box);
    });
    return this;
  }

  delete(shift: string): void {
    if (shift !== "Up") throw new StandinError("NotImplemented", `delete ${shift}`);
    this.call("Range.delete", () => {
      const r = this.ref();
      deleteUp(this.ctx.model, r.sheet, r.box);
    });
  }

  clear(applyTo?: string): void {
    if (applyTo !== undefined && applyTo !== "All") throw new StandinError("NotImplemented", `clear ${applyTo}`);
    this.call("Range.clear", () => {
      checkNotFiltered(this.ctx.model, this.ref());
      this.each("", (row, c) => void (row[c] = undefined));
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9) as documented: copyType All (values, formulas and formats), Formulas
   * (formulas and constants, no formats), Values (what the cells show: formulas become their values) or
   * Formats (number formats, fonts, fills, borders, alignment, conditional formats). The destination
   * takes the source's size from its top-left cell ("expanded automatically if it is smaller"); a
   * destination whose rows or columns are a multiple of the source's is filled with repeats of it, as
   * Excel's paste does (office-js #2674).
   */
  copyFrom(source: RangeProxy | string, copyType = "All", skipBlanks?: boolean, transpose?: boolean): void {
    if (copyType === "Link") throw new StandinError("NotImplemented", "copyFrom Link");
    if (!["All", "Formulas", "Values", "Formats"].includes(copyType)) throw new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (copyType ${copyType}).`);
    if (skipBlanks || transpose) throw new StandinError("NotImplemented", "copyFrom skipBlanks / transpose");
    this.call("Range.copyFrom", () => {
      const at = this.ref();
      const src = typeof source === "string" ? this.ctx.model.rangeOf(source) : source.ref();
      const tiles = (dst: number, s: number) => (dst > s && dst % s === 0 ? dst / s : 1);
      const down = tiles(at.box.rows, src.box.rows);
      const across = tiles(at.box.cols, src.box.cols);
      const dst = { sheet: at.sheet, box: { ...at.box, rows: src.box.rows * down, cols: src.box.cols * across } };
      checkBox(dst.box);
      checkNotFiltered(this.ctx.model, dst);
      // Copied row by row first (source and destination may overlap), then put in place.
      const copies: (Cell | undefined)[][] = [];
      for (let r = 0; r < src.box.rows; r++) {
        const from = src.sheet.rows.get(src.box.r0 + r);
        const line: (Cell | undefined)[] = new Array(src.box.cols);
        for (let c = 0; c < src.box.cols; c++) {
          const x = from?.[src.box.c0 + c];
          line[c] = x ? { v: x.v, f: x.f, nf: x.nf } : undefined;
        }
        copies.push(line);
      }
      const srcLayout = layoutOf(src.sheet);
      const formats = srcLayout.formats.filter((op) => intersects(op.box, src.box));
      const conditional = srcLayout.conditional.filter((cf) => intersects(cf.box, src.box));
      for (let ti = 0; ti < down; ti++) {
        for (let tj = 0; tj < across; tj++) {
          const r0 = dst.box.r0 + ti * src.box.rows;
          const c0 = dst.box.c0 + tj * src.box.cols;
          copies.forEach((line, r) => {
            let row = dst.sheet.rows.get(r0 + r);
            if (!row) dst.sheet.rows.set(r0 + r, (row = []));
            for (let c = 0; c < line.length; c++) {
              const x = line[c];
              const old = row[c0 + c];
              if (copyType === "All") row[c0 + c] = x ? { ...x } : undefined;
              else if (copyType === "Formulas") row[c0 + c] = x ? { v: x.v, f: x.f, nf: old?.nf ?? "General" } : old && { ...old, v: "", f: undefined };
              else if (copyType === "Values") row[c0 + c] = x ? { v: x.v, f: undefined, nf: old?.nf ?? "General" } : old && { ...old, v: "", f: undefined };
              else row[c0 + c] = { v: old?.v ?? "", f: old?.f, nf: x?.nf ?? "General" };
            }
          });
          if (copyType === "All" || copyType === "Formats") {
            const shift = (b: Box): Box => {
              const top = Math.max(b.r0, src.box.r0);
              const left = Math.max(b.c0, src.box.c0);
              const bottom = Math.min(b.r0 + b.rows, src.box.r0 + src.box.rows);
              const right = Math.min(b.c0 + b.cols, src.box.c0 + src.box.cols);
              return { r0: r0 + top - src.box.r0, c0: c0 + left - src.box.c0, rows: bottom - top, cols: right - left };
            };
            const layout = layoutOf(dst.sheet);
            for (const op of formats) layout.formats.push({ ...op, box: shift(op.box) });
            for (const cf of conditional) layout.conditional.push({ ...cf, box: shift(cf.box), format: { ...cf.format } });
          }
        }
      }
    });
  }

  private derived(box: (r: RangeRef) => Box): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const r = this.ref();
      return { sheet: r.sheet, box: box(r) };
    });
  }
}

function usedWithin(r: RangeRef, valuesOnly: boolean): Box | undefined {
  let r0 = Infinity, r1 = -1, c0 = Infinity, c1 = -1;
  for (let i = r.box.r0; i < r.box.r0 + r.box.rows; i++) {
    const row = r.sheet.rows.get(i);
    if (!row) continue;
    for (let j = r.box.c0; j < Math.min(row.length, r.box.c0 + r.box.cols); j++) {
      const x = row[j];
      if (!x || (x.v === "" && !x.f && (valuesOnly || x.nf === "General"))) continue;
      r0 = Math.min(r0, i);
      r1 = Math.max(r1, i);
      c0 = Math.min(c0, j);
      c1 = Math.max(c1, j);
    }
  }
  return r1 < 0 ? undefined : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export class RangeAreasProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly findAreas: () => RangeRef[] | null) {
    super(ctx, "RangeAreas");
  }

  resolve(): RangeRef[] | null {
    return this.findAreas();
  }

  snapshot(props: string[] | undefined): Record<string, unknown> | null {
    const areas = this.findAreas();
    if (!areas) return null;
    return pick(
      {
        areaCount: areas.length,
        cellCount: areas.reduce((n, a) => n + a.box.rows * a.box.cols, 0),
        address: areas.map((a) => boxAddress(a.sheet.name, a.box)).join(","),
      },
      props,
    );
  }

  /** The areas as a collection of ranges (load "items/address" etc.). */
  get areas(): RangeCollectionProxy {
    return new RangeCollectionProxy(this.ctx, () => this.findAreas() ?? []);
  }
}

export class RangeCollectionProxy extends ProxyBase implements ItemSnapshots {
  constructor(ctx: StandinContext, private readonly items: () => RangeRef[]) {
    super(ctx, "RangeCollection");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ count: this.items().length }, props);
  }

  itemSnapshots(props: string[] | undefined): Record<string, unknown>[] {
    return this.items().map((ref) => new RangeProxy(this.ctx, () => ref).snapshot(props)!);
  }

  getItemAt(index: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const ref = this.items()[index];
      if (!ref) throw new StandinError("ItemNotFound", `There is no area ${index}.`);
      return ref;
    });
  }
}
