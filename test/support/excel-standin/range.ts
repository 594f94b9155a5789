/** Range and RangeAreas proxies of the stand-in. */
import { boxAddress, parseAddress, type Box } from "./address";
import { PAYLOAD_LIMIT, type StandinContext } from "./context";
import { StandinError, isErrorValue, type Cell, type SheetModel } from "./model";
import { ProxyBase } from "./proxy";
import { deleteUp, insertDown } from "./shift";
import { ConditionalFormatCollectionProxy, RangeFormatProxy } from "./layout";

export interface RangeRef {
  readonly sheet: SheetModel;
  readonly box: Box;
}

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

export class RangeProxy extends ProxyBase {
  constructor(ctx: StandinContext, readonly resolve: () => RangeRef | null) {
    super(ctx, "Range");
  }

  private ref(): RangeRef {
    const r = this.resolve();
    if (!r) throw new StandinError("InvalidObjectPath", "The object path is not valid (a null object).");
    return r;
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const r = this.resolve();
    if (!r) return { isNullObject: true };
    const all: Record<string, () => unknown> = {
      isNullObject: () => false,
      address: () => boxAddress(r.sheet.name, r.box),
      rowIndex: () => r.box.r0,
      columnIndex: () => r.box.c0,
      rowCount: () => r.box.rows,
      columnCount: () => r.box.cols,
      values: () => grid(r, valueOf),
      formulas: () => grid(r, (c) => c?.f ?? valueOf(c)),
      numberFormat: () => grid(r, (c) => c?.nf ?? "General"),
      valueTypes: () => grid(r, typeOf),
      text: () => grid(r, (c) => String(valueOf(c))),
    };
    // An answer's size is known before it is built: refuse what could not fit (an empty cell is `"",`).
    const matrix = (props ?? ["values"]).filter((n) => ["values", "formulas", "numberFormat", "valueTypes", "text"].includes(n)).length;
    if (matrix && r.box.rows * r.box.cols * 3 * matrix > PAYLOAD_LIMIT) {
      throw new StandinError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
    const names = props ?? ["isNullObject", "address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "formulas", "numberFormat", "valueTypes", "text"];
    const out: Record<string, unknown> = {};
    for (const n of names) {
      const get = all[n];
      if (!get) throw new StandinError("PropertyNotLoaded", `Range has no property ${n} in the stand-in`);
      out[n] = get();
    }
    if (!("isNullObject" in out)) out.isNullObject = false;
    return out;
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get address(): string { return this.read("address"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get values(): unknown[][] { return this.read("values"); }
  get formulas(): unknown[][] { return this.read("formulas"); }
  get numberFormat(): unknown[][] { return this.read("numberFormat"); }
  get valueTypes(): string[][] { return this.read("valueTypes"); }
  get text(): string[][] { return this.read("text"); }

  set values(v: unknown) { this.assign("values", v, false); }
  set formulas(v: unknown) { this.assign("formulas", v, true); }
  set numberFormat(v: unknown) {
    this.call("Range.numberFormat", v, () =>
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

  private assign(name: string, v: unknown, asFormula: boolean): void {
    const model = this.ctx.model;
    this.call(`Range.${name}`, v, () => this.each(v, (row, c, x) => model.writeInRow(row, c, x, asFormula)));
  }

  /** Fonts, fills, borders, alignment, column width (test/support/excel-standin/layout.ts). */
  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this.ctx, () => this.ref());
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, () => this.ref());
  }

  getCell(row: number, column: number): RangeProxy {
    return this.derived(() => {
      const r = this.ref();
      return { sheet: r.sheet, box: { r0: r.box.r0 + row, c0: r.box.c0 + column, rows: 1, cols: 1 } };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derived(() => {
      const r = this.ref();
      return { sheet: r.sheet, box: { ...r.box, rows: r.box.rows + deltaRows, cols: r.box.cols + deltaColumns } };
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derived(() => {
      const r = this.ref();
      return { sheet: r.sheet, box: { ...r.box, r0: r.box.r0 + rowOffset, c0: r.box.c0 + columnOffset } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.derived(() => {
      const r = this.ref();
      const u = usedWithin(r, valuesOnly);
      return u ? { sheet: r.sheet, box: u } : null;
    });
  }

  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    if (cellType !== "Formulas") throw new StandinError("NotImplemented", `special cells ${cellType}`);
    return new RangeAreasProxy(this.ctx, () => {
      const r = this.ref();
      const areas: RangeRef[] = [];
      for (let i = 0; i < r.box.rows; i++) {
        let start = -1;
        for (let j = 0; j <= r.box.cols; j++) {
          const isF = j < r.box.cols && !!r.sheet.get(r.box.r0 + i, r.box.c0 + j)?.f;
          if (isF && start < 0) start = j;
          if (!isF && start >= 0) {
            areas.push({ sheet: r.sheet, box: { r0: r.box.r0 + i, c0: r.box.c0 + start, rows: 1, cols: j - start } });
            start = -1;
          }
        }
      }
      return areas.length ? areas : null;
    });
  }

  insert(shift: string): RangeProxy {
    if (shift !== "Down") throw new StandinError("NotImplemented", `insert ${shift}`);
    this.call("Range.insert", shift, () => {
      const r = this.ref();
      insertDown(this.ctx.model, r.sheet, r.box);
    });
    return this;
  }

  delete(shift: string): void {
    if (shift !== "Up") throw new StandinError("NotImplemented", `delete ${shift}`);
    this.call("Range.delete", shift, () => {
      const r = this.ref();
      deleteUp(this.ctx.model, r.sheet, r.box);
    });
  }

  clear(): void {
    this.call("Range.clear", null, () => this.each("", (row, c) => void (row[c] = undefined)));
  }

  /** Copies values, formulas and formats (copyType "All"); the destination takes the source's size. */
  copyFrom(source: RangeProxy | string, copyType = "All"): void {
    if (copyType !== "All") throw new StandinError("NotImplemented", `copyFrom ${copyType}`);
    this.call("Range.copyFrom", typeof source === "string" ? source : null, () => {
      const dst = this.ref();
      const src = typeof source === "string" ? this.ctx.model.rangeOf(source) : source.ref();
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
      copies.forEach((line, r) => {
        let row = dst.sheet.rows.get(dst.box.r0 + r);
        if (!row) dst.sheet.rows.set(dst.box.r0 + r, (row = []));
        for (let c = 0; c < line.length; c++) row[dst.box.c0 + c] = line[c];
      });
    });
  }

  private derived(resolve: () => RangeRef | null): RangeProxy {
    return new RangeProxy(this.ctx, resolve);
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
  constructor(ctx: StandinContext, private readonly resolveAreas: () => RangeRef[] | null) {
    super(ctx, "RangeAreas");
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const areas = this.resolveAreas();
    if (!areas) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    if (!props || props.includes("areaCount")) out.areaCount = areas.length;
    if (!props || props.includes("address")) out.address = areas.map((a) => boxAddress(a.sheet.name, a.box)).join(",");
    return out;
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get areaCount(): number { return this.read("areaCount"); }
  get address(): string { return this.read("address"); }

  /** The areas as a collection of ranges (load "items/formulas" etc.). */
  get areas(): RangeCollectionProxy {
    return new RangeCollectionProxy(this.ctx, () => this.resolveAreas() ?? []);
  }
}

export class RangeCollectionProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly resolveItems: () => RangeRef[]) {
    super(ctx, "RangeCollection");
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const sub = (props ?? []).filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = this.resolveItems().map((ref) => {
      const p = new RangeProxy(this.ctx, () => ref);
      const snap = (p as unknown as { snapshot(x?: string[]): Record<string, unknown> }).snapshot(sub.length ? sub : undefined);
      for (const [k, v] of Object.entries(snap)) p.setLoaded(k, v);
      return { proxy: p, snap };
    });
    this.proxies = items.map((i) => i.proxy);
    return { items: items.map((i) => i.snap) };
  }

  private proxies: RangeProxy[] = [];
  get items(): RangeProxy[] {
    this.read("items");
    return this.proxies;
  }
}

export { parseAddress };
