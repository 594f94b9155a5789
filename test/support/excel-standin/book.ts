/**
 * Workbook, worksheets and application on the host side of the stand-in, with the refusals Excel documents:
 * - `Worksheet.delete` of a very hidden sheet fails (InvalidOperation: "if the worksheet's visibility is set
 *   to VeryHidden, the delete operation will fail"), and so does deleting the last visible sheet;
 * - `getSelectedRange` of a selection of several areas fails ("If multiple ranges are selected, this method
 *   will throw an error"); `getSelectedRanges` gives them all;
 * - an unquoted sheet name that reads as a cell reference (`TW1!A1`) is not a valid address (address.ts).
 * Tables are in tables.ts.
 */
import type { StandinContext } from "./context";
import { StandinError, type SheetModel } from "./model";
import { ProxyBase, pick, type ItemSnapshots } from "./proxy";
import { RangeAreasProxy, RangeProxy } from "./range";
import { parseAddress } from "./address";
import { ChartCollectionProxy, FreezePanesProxy, PageLayoutProxy } from "./layout";
import { TableCollectionProxy } from "./tables";

const GRID = { rows: 1_048_576, cols: 16_384 };

export class WorksheetProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly find: () => SheetModel | null) {
    super(ctx, "Worksheet");
  }

  resolve(): SheetModel | null {
    return this.find();
  }

  private sheet(): SheetModel {
    const s = this.find();
    if (!s) throw new StandinError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }

  snapshot(props: string[] | undefined): Record<string, unknown> | null {
    const s = this.find();
    if (!s) return null;
    return pick({ id: s.id, name: s.name, visibility: s.visibility, position: this.ctx.model.sheets.indexOf(s) }, props);
  }

  set name(v: string) {
    this.call("Worksheet.name", () => {
      if (this.ctx.model.sheets.some((x) => x !== this.find() && x.name.toLowerCase() === v.toLowerCase())) throw new StandinError("ItemAlreadyExists", `A sheet named ${v} already exists.`);
      this.sheet().name = v;
    });
  }
  set visibility(v: string) {
    this.call("Worksheet.visibility", () => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new StandinError("InvalidArgument", `visibility ${v}`);
      const s = this.sheet();
      if (v !== "Visible" && s.visibility === "Visible" && this.ctx.model.sheets.filter((x) => x.visibility === "Visible").length === 1) {
        throw new StandinError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v as SheetModel["visibility"];
    });
  }

  getRange(address?: string): RangeProxy {
    const box = address ? parseAddress(address).box : { r0: 0, c0: 0, rows: GRID.rows, cols: GRID.cols };
    return new RangeProxy(this.ctx, () => ({ sheet: this.sheet(), box }));
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

  get names(): NamedItemCollectionProxy {
    return new NamedItemCollectionProxy(this.ctx, () => this.sheet());
  }

  get freezePanes(): FreezePanesProxy {
    return new FreezePanesProxy(this.ctx, () => this.sheet());
  }

  get charts(): ChartCollectionProxy {
    return new ChartCollectionProxy(this.ctx, () => this.sheet());
  }

  get pageLayout(): PageLayoutProxy {
    return new PageLayoutProxy(this.ctx, () => this.sheet());
  }

  calculate(markAllDirty: boolean): void {
    void markAllDirty;
    this.call("Worksheet.calculate", () => this.ctx.model.calculate([this.sheet()]));
  }

  delete(): void {
    this.call("Worksheet.delete", () => {
      const s = this.sheet();
      const m = this.ctx.model;
      if (s.visibility === "VeryHidden") {
        throw new StandinError("InvalidOperation", "This operation is not permitted for the current object: a very hidden worksheet cannot be deleted.");
      }
      if (s.visibility === "Visible" && m.sheets.filter((x) => x.visibility === "Visible").length === 1) {
        throw new StandinError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      for (let i = m.tables.length - 1; i >= 0; i--) if (m.tables[i]!.sheet === s) m.tables.splice(i, 1);
      const active = m.sheets[m.activeSheet];
      m.sheets.splice(m.sheets.indexOf(s), 1);
      m.activeSheet = active && active !== s ? m.sheets.indexOf(active) : Math.max(0, m.sheets.findIndex((x) => x.visibility === "Visible"));
    });
  }

  activate(): void {
    this.call("Worksheet.activate", () => {
      const s = this.sheet();
      if (s.visibility !== "Visible") throw new StandinError("InvalidOperation", "A hidden worksheet cannot be activated.");
      this.ctx.model.activeSheet = this.ctx.model.sheets.indexOf(s);
    });
  }
}

export class WorksheetCollectionProxy extends ProxyBase implements ItemSnapshots {
  constructor(ctx: StandinContext) {
    super(ctx, "WorksheetCollection");
  }

  snapshot(): Record<string, unknown> {
    return {};
  }

  itemSnapshots(props: string[] | undefined): Record<string, unknown>[] {
    // Each item carries its id: office.js addresses a loaded item by it in later requests.
    return this.ctx.model.sheets.map((s) => ({ ...new WorksheetProxy(this.ctx, () => s).snapshot(props), id: s.id }));
  }

  private byKey(key: string): SheetModel | null {
    return this.ctx.model.sheet(key) ?? this.ctx.model.sheets.find((x) => x.id === key) ?? null;
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.byKey(key);
      if (!s) throw new StandinError("ItemNotFound", `The requested resource doesn't exist (${key}).`);
      return s;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.byKey(key));
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.model.sheets[this.ctx.model.activeSheet] ?? null);
  }

  add(name?: string): WorksheetProxy {
    let made: SheetModel | null = null;
    this.call("WorksheetCollection.add", () => {
      const m = this.ctx.model;
      let n = m.sheets.length + 1;
      while (!name && m.sheet(`Sheet${n}`)) n++;
      const wanted = name ?? `Sheet${n}`;
      if (wanted.length > 31 || /[[\]:*?/\\]/.test(wanted) || !wanted.trim()) throw new StandinError("InvalidArgument", `The sheet name ${wanted} is not valid.`);
      made = m.addSheet(wanted);
    });
    return new WorksheetProxy(this.ctx, () => made);
  }
}

export class NumberFormatInfoProxy extends ProxyBase {
  constructor(ctx: StandinContext) {
    super(ctx, "NumberFormatInfo");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    const d = this.ctx.model.culture.decimalSeparator;
    return pick({ numberDecimalSeparator: d, numberGroupSeparator: d === "," ? "." : "," }, props);
  }
}

/** application.cultureInfo (ExcelApi 1.11): Excel's culture, not the display language. */
export class CultureInfoProxy extends ProxyBase {
  readonly numberFormat: NumberFormatInfoProxy;
  constructor(ctx: StandinContext) {
    super(ctx, "CultureInfo");
    this.numberFormat = new NumberFormatInfoProxy(ctx);
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ name: this.ctx.model.culture.name }, props);
  }
}

export class ApplicationProxy extends ProxyBase {
  readonly cultureInfo: CultureInfoProxy;
  constructor(ctx: StandinContext) {
    super(ctx, "Application");
    this.cultureInfo = new CultureInfoProxy(ctx);
  }

  /** The separators Excel uses now: the culture's, unless the user turned system separators off (ExcelApi 1.11). */
  snapshot(props: string[] | undefined): Record<string, unknown> {
    const m = this.ctx.model;
    const own = m.separators;
    const culture = m.culture.decimalSeparator;
    return pick(
      {
        calculationMode: m.calculationMode,
        useSystemSeparators: !own,
        decimalSeparator: own?.decimal ?? culture,
        thousandsSeparator: own?.thousands ?? (culture === "," ? "." : ","),
      },
      props,
    );
  }

  /** Recalculates every open workbook — here, the one workbook. */
  calculate(calculationType: string): void {
    void calculationType;
    this.call("Application.calculate", () => this.ctx.model.calculate(this.ctx.model.sheets));
  }

  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.call("suspendScreenUpdatingUntilNextSync", () => undefined);
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

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ name: "Book1.xlsx", use1904DateSystem: this.ctx.model.date1904 }, props);
  }

  /** The selected range (ExcelApi 1.1); a selection of several areas is refused, as Excel does. */
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.ctx.model.selected();
      if (s.areas.length > 1) throw new StandinError("InvalidSelection", "The current selection is invalid for this operation (several areas are selected).");
      return { sheet: s.sheet, box: s.areas[0]! };
    });
  }

  /** Every area of the selection (ExcelApi 1.9). */
  getSelectedRanges(): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, () => {
      const s = this.ctx.model.selected();
      return s.areas.map((box) => ({ sheet: s.sheet, box }));
    });
  }

  /** The active cell (ExcelApi 1.7): one cell of the selection. */
  getActiveCell(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.ctx.model.selected();
      return { sheet: s.sheet, box: s.active };
    });
  }
}

/** A sheet's names (ExcelApi 1.4): a name and what it refers to; the add-in marks its own sheets with one. */
export class NamedItemCollectionProxy extends ProxyBase implements ItemSnapshots {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "NamedItemCollection");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ count: this.sheet().names.size }, props);
  }

  itemSnapshots(props: string[] | undefined): Record<string, unknown>[] {
    return [...this.sheet().names.values()].map((n) => pick({ name: n.name, formula: n.formula, visible: n.visible, comment: n.comment, scope: "Worksheet" }, props));
  }

  private named(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.sheet().names.get(name.toLowerCase()) ?? null);
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => {
      const n = this.sheet().names.get(name.toLowerCase());
      if (!n) throw new StandinError("ItemNotFound", `There is no name ${name}.`);
      return n;
    });
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return this.named(name);
  }

  add(name: string, reference: unknown, comment?: string): NamedItemProxy {
    this.call("NamedItemCollection.add", () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) throw new StandinError("InvalidArgument", `The name ${name} is not valid.`);
      const names = this.sheet().names;
      if (names.has(name.toLowerCase())) throw new StandinError("ItemAlreadyExists", `The name ${name} already exists.`);
      names.set(name.toLowerCase(), { name, formula: typeof reference === "string" ? reference : "=#REF!", visible: true, comment: comment ?? "" });
    });
    return this.named(name);
  }
}

export class NamedItemProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly find: () => { name: string; formula: string; visible: boolean; comment: string } | null) {
    super(ctx, "NamedItem");
  }

  resolve(): unknown {
    return this.find();
  }

  snapshot(props: string[] | undefined): Record<string, unknown> | null {
    const n = this.find();
    return n ? pick({ name: n.name, formula: n.formula, visible: n.visible, comment: n.comment, scope: "Worksheet" }, props) : null;
  }

  set visible(v: boolean) {
    this.call("NamedItem.visible", () => {
      const n = this.find();
      if (!n) throw new StandinError("InvalidObjectPath", "a null name");
      n.visible = v;
    });
  }

  delete(): void {
    this.call("NamedItem.delete", () => {
      const n = this.find();
      for (const s of this.ctx.model.sheets) if (n && s.names.get(n.name.toLowerCase()) === n) s.names.delete(n.name.toLowerCase());
    });
  }
}
