/** Workbook, worksheets, tables and application proxies of the stand-in. */
import { boxAddress, parseAddress } from "./address";
import type { StandinContext } from "./context";
import { StandinError, type SheetModel, type TableModel } from "./model";
import { ProxyBase, childProps } from "./proxy";
import { RangeProxy } from "./range";

export class WorksheetProxy extends ProxyBase {
  constructor(ctx: StandinContext, readonly resolve: () => SheetModel | null) {
    super(ctx, "Worksheet");
  }

  private sheet(): SheetModel {
    const s = this.resolve();
    if (!s) throw new StandinError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const s = this.resolve();
    if (!s) return { isNullObject: true };
    const all: Record<string, unknown> = { isNullObject: false, id: s.id, name: s.name, visibility: s.visibility, position: this.ctx.model.sheets.indexOf(s) };
    if (!props) return all;
    return Object.fromEntries(["isNullObject", ...props].map((p) => [p, all[p]]));
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get id(): string { return this.read("id"); }
  get name(): string { return this.read("name"); }
  get visibility(): string { return this.read("visibility"); }
  set name(v: string) { this.call("Worksheet.name", v, () => void (this.sheet().name = v)); }
  set visibility(v: string) {
    this.call("Worksheet.visibility", v, () => void (this.sheet().visibility = v as SheetModel["visibility"]));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => ({
      sheet: this.sheet(),
      box: address ? parseAddress(address).box : { r0: 0, c0: 0, rows: 1_048_576, cols: 16_384 },
    }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.sheet(), box: { r0: startRow, c0: startColumn, rows: rowCount, cols: columnCount } }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.sheet();
      const box = s.used(valuesOnly);
      return box ? { sheet: s, box } : null;
    });
  }

  get tables(): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, () => this.sheet());
  }

  calculate(markAllDirty: boolean): void {
    this.call("Worksheet.calculate", markAllDirty, () => this.ctx.model.calculate([this.sheet()]));
  }

  delete(): void {
    this.call("Worksheet.delete", null, () => {
      const s = this.sheet();
      const m = this.ctx.model;
      for (let i = m.tables.length - 1; i >= 0; i--) if (m.tables[i]!.sheet === s) m.tables.splice(i, 1);
      m.sheets.splice(m.sheets.indexOf(s), 1);
    });
  }

  activate(): void {
    this.call("Worksheet.activate", null, () => void (this.ctx.model.activeSheet = this.ctx.model.sheets.indexOf(this.sheet())));
  }
}

export class WorksheetCollectionProxy extends ProxyBase {
  private proxies: WorksheetProxy[] = [];
  constructor(ctx: StandinContext) {
    super(ctx, "WorksheetCollection");
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const sub = childProps(props);
    this.proxies = this.ctx.model.sheets.map((s) => {
      const p = new WorksheetProxy(this.ctx, () => s);
      const snap = (p as unknown as { snapshot(x?: string[]): Record<string, unknown> }).snapshot(sub?.length ? sub : undefined);
      for (const [k, v] of Object.entries(snap)) p.setLoaded(k, v);
      return p;
    });
    return { items: this.proxies.map(() => ({})) };
  }

  get items(): WorksheetProxy[] {
    this.read("items");
    return this.proxies;
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.model.sheet(name) ?? this.ctx.model.sheets.find((x) => x.id === name);
      if (!s) throw new StandinError("ItemNotFound", `The requested resource doesn't exist (${name}).`);
      return s;
    });
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.sheet(name) ?? this.ctx.model.sheets.find((x) => x.id === name) ?? null);
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.sheets[this.ctx.model.activeSheet] ?? null);
  }

  add(name: string): WorksheetProxy {
    let made: SheetModel | null = null;
    this.call("WorksheetCollection.add", name, () => void (made = this.ctx.model.addSheet(name)));
    return new WorksheetProxy(this.ctx, () => made);
  }
}

export class TableProxy extends ProxyBase {
  constructor(ctx: StandinContext, readonly resolve: () => TableModel | null) {
    super(ctx, "Table");
  }

  private table(): TableModel {
    const t = this.resolve();
    if (!t) throw new StandinError("ItemNotFound", "The requested table doesn't exist.");
    return t;
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const t = this.resolve();
    if (!t) return { isNullObject: true };
    const all: Record<string, unknown> = { isNullObject: false, id: t.id, name: t.name };
    if (!props) return all;
    return Object.fromEntries(["isNullObject", ...props].map((p) => [p, all[p]]));
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get id(): string { return this.read("id"); }
  get name(): string { return this.read("name"); }
  set name(v: string) {
    this.call("Table.name", v, () => {
      if (this.ctx.model.tables.some((t) => t !== this.resolve() && t.name.toLowerCase() === v.toLowerCase())) {
        throw new StandinError("InvalidArgument", `A table named ${v} already exists.`);
      }
      this.table().name = v;
    });
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.table().sheet);
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.table().sheet, box: this.table().box }));
  }

  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.table().sheet, box: { ...this.table().box, rows: 1 } }));
  }

  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const b = this.table().box;
      return { sheet: this.table().sheet, box: { ...b, r0: b.r0 + 1, rows: b.rows - 1 } };
    });
  }

  resize(address: string): void {
    this.call("Table.resize", address, () => {
      const t = this.table();
      const { box } = parseAddress(address);
      if (box.r0 !== t.box.r0 || box.c0 !== t.box.c0 || box.cols !== t.box.cols) {
        throw new StandinError("InvalidArgument", "The table's header row must stay where it is.");
      }
      this.ctx.model.checkNoOverlap(t.sheet, box, t);
      t.box = box;
    });
  }

  delete(): void {
    this.call("Table.delete", null, () => {
      const m = this.ctx.model;
      m.tables.splice(m.tables.indexOf(this.table()), 1);
    });
  }
}

export class TableCollectionProxy extends ProxyBase {
  private proxies: TableProxy[] = [];
  constructor(ctx: StandinContext, private readonly onSheet?: () => SheetModel) {
    super(ctx, "TableCollection");
  }

  private list(): TableModel[] {
    const s = this.onSheet?.();
    return this.ctx.model.tables.filter((t) => !s || t.sheet === s);
  }

  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const sub = childProps(props);
    this.proxies = this.list().map((t) => {
      const p = new TableProxy(this.ctx, () => t);
      const snap = (p as unknown as { snapshot(x?: string[]): Record<string, unknown> }).snapshot(sub?.length ? sub : undefined);
      for (const [k, v] of Object.entries(snap)) p.setLoaded(k, v);
      return p;
    });
    return { items: this.proxies.map(() => ({})), count: this.proxies.length };
  }

  get items(): TableProxy[] {
    this.read("items");
    return this.proxies;
  }

  private find(key: string): TableModel | null {
    return this.list().find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase()) ?? null;
  }

  getItem(key: string): TableProxy {
    return new TableProxy(this.ctx, () => {
      const t = this.find(key);
      if (!t) throw new StandinError("ItemNotFound", `The requested table doesn't exist (${key}).`);
      return t;
    });
  }

  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this.ctx, () => this.find(key));
  }

  /** `address` is sheet-qualified (or on the active sheet); headers in its first row. */
  add(address: string, hasHeaders: boolean): TableProxy {
    let made: TableModel | null = null;
    this.call("TableCollection.add", address, () => {
      if (!hasHeaders) throw new StandinError("NotImplemented", "tables without headers");
      const m = this.ctx.model;
      const { sheet, box } = m.rangeOf(address);
      if (box.rows < 2) throw new StandinError("InvalidArgument", "A table needs a header row and a body row.");
      m.checkNoOverlap(sheet, box);
      const id = m.newId();
      let n = m.tables.length + 1;
      while (m.tables.some((t) => t.name === `Table${n}`)) n++;
      made = { id: `{T${id}}`, name: `Table${n}`, sheet, box };
      m.tables.push(made);
    });
    return new TableProxy(this.ctx, () => made);
  }
}

export class ApplicationProxy extends ProxyBase {
  constructor(ctx: StandinContext) {
    super(ctx, "Application");
  }

  protected snapshot(): Record<string, unknown> {
    return { calculationMode: this.ctx.model.calculationMode };
  }

  get calculationMode(): string { return this.read("calculationMode"); }

  /** Recalculates every open workbook — here, the one workbook. */
  calculate(calculationType: string): void {
    this.call("Application.calculate", calculationType, () => this.ctx.model.calculate(this.ctx.model.sheets));
  }

  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", null, () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.call("suspendScreenUpdatingUntilNextSync", null, () => undefined);
  }
}

export class WorkbookProxy extends ProxyBase {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: ApplicationProxy;
  constructor(ctx: StandinContext) {
    super(ctx, "Workbook");
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx);
    this.application = new ApplicationProxy(ctx);
  }

  /** The active sheet's selected cell (ExcelApi 1.7); A1 unless a test selected another. */
  getActiveCell(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.ctx.model.sheets[this.ctx.model.activeSheet];
      if (!sheet) throw new StandinError("ItemNotFound", "No active sheet");
      const at = this.ctx.model.selection.get(sheet.id) ?? { r0: 0, c0: 0 };
      return { sheet, box: { ...at, rows: 1, cols: 1 } };
    });
  }

  /** `use1904DateSystem` is only in newer requirement sets; the stand-in answers it when `modern`. */
  protected snapshot(props: string[] | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = { name: "Book1.xlsx" };
    if (props?.includes("use1904DateSystem")) out.use1904DateSystem = this.ctx.model.date1904;
    return out;
  }

  get name(): string { return this.read("name"); }
  get use1904DateSystem(): boolean { return this.read("use1904DateSystem"); }
}

export { boxAddress };
