/**
 * Tables on the host side of the stand-in, with what Excel does that the add-in must respect:
 * - tables cannot overlap; the header row stays where it is on resize;
 * - a totals row (showTotals) is part of `getRange()` but not of `getDataBodyRange()`, and turning it on
 *   needs the row below the table free;
 * - filters per column (`columns.getItemAt(i).filter.apply(criteria)`, `clearFilters()`); a filtered table
 *   refuses to have its cells shifted or written (FilteredRangeConflict) — Excel fails row deletes and
 *   misplaces written values there (office-js #994, #224), so the stand-in refuses rather than corrupt;
 * - `id` differs between platforms and sessions (office-js #1390, office-js-docs #297): `legacyId` too
 *   (model.reassignIds gives new ones).
 */
import type { StandinContext } from "./context";
import { StandinError, bodyBox, type FilterCriteria, type SheetModel, type TableModel } from "./model";
import { ProxyBase, pick, type ItemSnapshots } from "./proxy";
import { RangeProxy } from "./range";
import { parseAddress } from "./address";

const FILTER_ON = ["BottomItems", "BottomPercent", "CellColor", "Dynamic", "FontColor", "Values", "TopItems", "TopPercent", "Icon", "Custom"];

export class TableProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly find: () => TableModel | null) {
    super(ctx, "Table");
  }

  resolve(): TableModel | null {
    return this.find();
  }

  private table(): TableModel {
    const t = this.find();
    if (!t) throw new StandinError("ItemNotFound", "The requested table doesn't exist.");
    return t;
  }

  snapshot(props: string[] | undefined): Record<string, unknown> | null {
    const t = this.find();
    if (!t) return null;
    return pick({ id: t.id, legacyId: t.legacyId, name: t.name, showHeaders: t.showHeaders, showTotals: t.showTotals, showFilterButton: true, style: "TableStyleMedium2" }, props);
  }

  set name(v: string) {
    this.call("Table.name", () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(v) || /^[A-Za-z]{1,3}\d+$/.test(v) || /^[RrCc]$/.test(v)) throw new StandinError("InvalidArgument", `The table name ${v} is not valid.`);
      if (this.ctx.model.tables.some((t) => t !== this.find() && t.name.toLowerCase() === v.toLowerCase())) {
        throw new StandinError("InvalidArgument", `A table named ${v} already exists.`);
      }
      this.table().name = v;
    });
  }

  set showTotals(v: boolean) {
    this.call("Table.showTotals", () => {
      const t = this.table();
      if (t.showTotals === v) return;
      if (v) {
        const below = { ...t.box, r0: t.box.r0 + t.box.rows, rows: 1 };
        this.ctx.model.checkNoOverlap(t.sheet, below, t);
        for (let c = below.c0; c < below.c0 + below.cols; c++) {
          const x = t.sheet.get(below.r0, c);
          if (x && (x.v !== "" || x.f)) throw new StandinError("InsertDeleteConflict", "The totals row needs the row below the table empty.");
        }
        t.box = { ...t.box, rows: t.box.rows + 1 };
      } else {
        for (let c = t.box.c0; c < t.box.c0 + t.box.cols; c++) t.sheet.set(t.box.r0 + t.box.rows - 1, c, undefined);
        t.box = { ...t.box, rows: t.box.rows - 1 };
      }
      t.showTotals = v;
    });
  }

  get worksheet(): { resolve(): SheetModel } {
    return { resolve: () => this.table().sheet };
  }

  get columns(): TableColumnCollectionProxy {
    return new TableColumnCollectionProxy(this.ctx, () => this.table());
  }

  get autoFilter(): AutoFilterProxy {
    return new AutoFilterProxy(this.ctx, () => this.table());
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.table().sheet, box: this.table().box }));
  }

  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.table();
      if (!t.showHeaders) throw new StandinError("InvalidOperation", "The table has no header row.");
      return { sheet: t.sheet, box: { ...t.box, rows: 1 } };
    });
  }

  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.table().sheet, box: bodyBox(this.table()) }));
  }

  getTotalRowRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.table();
      if (!t.showTotals) throw new StandinError("InvalidOperation", "The table has no totals row.");
      return { sheet: t.sheet, box: { ...t.box, r0: t.box.r0 + t.box.rows - 1, rows: 1 } };
    });
  }

  /** The new range includes header and totals rows; the header row stays where it is (ExcelApi 1.13). */
  resize(address: string): void {
    this.call("Table.resize", () => {
      const t = this.table();
      const { box } = parseAddress(address);
      if (box.r0 !== t.box.r0 || box.c0 !== t.box.c0 || box.cols !== t.box.cols) {
        throw new StandinError("InvalidArgument", "The table's header row must stay where it is.");
      }
      if (box.rows < (t.showHeaders ? 2 : 1) + (t.showTotals ? 1 : 0)) throw new StandinError("InvalidArgument", "A table needs at least one body row.");
      this.ctx.model.checkNoOverlap(t.sheet, box, t);
      t.box = box;
    });
  }

  clearFilters(): void {
    this.call("Table.clearFilters", () => this.table().filters.clear());
  }

  delete(): void {
    this.call("Table.delete", () => {
      const m = this.ctx.model;
      m.tables.splice(m.tables.indexOf(this.table()), 1);
    });
  }
}

export class TableCollectionProxy extends ProxyBase implements ItemSnapshots {
  constructor(ctx: StandinContext, private readonly onSheet?: () => SheetModel) {
    super(ctx, "TableCollection");
  }

  private list(): TableModel[] {
    const s = this.onSheet?.();
    return this.ctx.model.tables.filter((t) => !s || t.sheet === s);
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ count: this.list().length }, props);
  }

  itemSnapshots(props: string[] | undefined): Record<string, unknown>[] {
    return this.list().map((t) => ({ ...new TableProxy(this.ctx, () => t).snapshot(props), id: t.id }));
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
    this.call("TableCollection.add", () => {
      if (!hasHeaders) throw new StandinError("NotImplemented", "tables without headers");
      const m = this.ctx.model;
      const { sheet, box } = m.rangeOf(address);
      if (box.rows < 2) throw new StandinError("InvalidArgument", "A table needs a header row and a body row.");
      m.checkNoOverlap(sheet, box);
      const id = m.newId();
      let n = m.tables.length + 1;
      while (m.tables.some((t) => t.name === `Table${n}`)) n++;
      made = { id: `{T${id}}`, legacyId: id, name: `Table${n}`, sheet, box, showHeaders: true, showTotals: false, filters: new Map() };
      m.tables.push(made);
    });
    return new TableProxy(this.ctx, () => made);
  }
}

export class TableColumnCollectionProxy extends ProxyBase implements ItemSnapshots {
  constructor(ctx: StandinContext, private readonly table: () => TableModel) {
    super(ctx, "TableColumnCollection");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ count: this.table().box.cols }, props);
  }

  itemSnapshots(props: string[] | undefined): Record<string, unknown>[] {
    return Array.from({ length: this.table().box.cols }, (_, i) => ({ ...new TableColumnProxy(this.ctx, this.table, i).snapshot(props) }));
  }

  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(this.ctx, this.table, index);
  }
}

export class TableColumnProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly table: () => TableModel, private readonly index: number) {
    super(ctx, "TableColumn");
  }

  resolve(): { index: number } {
    if (this.index < 0 || this.index >= this.table().box.cols) throw new StandinError("ItemNotFound", `The table has no column ${this.index}.`);
    return { index: this.index };
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    const t = this.table();
    const name = t.showHeaders ? t.sheet.get(t.box.r0, t.box.c0 + this.index)?.v ?? "" : `Column${this.index + 1}`;
    return pick({ id: this.index + 1, index: this.index, name: String(name) }, props);
  }

  get filter(): FilterProxy {
    return new FilterProxy(this.ctx, this.table, this.index);
  }
}

export class FilterProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly table: () => TableModel, private readonly index: number) {
    super(ctx, "Filter");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    return pick({ criteria: this.table().filters.get(this.index) ?? null }, props);
  }

  apply(criteria: FilterCriteria): void {
    this.call("Filter.apply", () => {
      if (!criteria || !FILTER_ON.includes(criteria.filterOn)) throw new StandinError("InvalidArgument", `filter criteria ${JSON.stringify(criteria)}`);
      this.table().filters.set(this.index, JSON.parse(JSON.stringify(criteria)) as FilterCriteria);
    });
  }

  applyValuesFilter(values: unknown[]): void {
    this.call("Filter.applyValuesFilter", () => void this.table().filters.set(this.index, { filterOn: "Values", values }));
  }

  clear(): void {
    this.call("Filter.clear", () => void this.table().filters.delete(this.index));
  }
}

export class AutoFilterProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly table: () => TableModel) {
    super(ctx, "AutoFilter");
  }

  snapshot(props: string[] | undefined): Record<string, unknown> {
    const t = this.table();
    const criteria = Array.from({ length: t.box.cols }, (_, i) => t.filters.get(i) ?? { filterOn: "Custom" });
    return pick({ enabled: true, isDataFiltered: t.filters.size > 0, criteria }, props);
  }

  clearCriteria(): void {
    this.call("AutoFilter.clearCriteria", () => this.table().filters.clear());
  }
}
