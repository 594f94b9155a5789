/**
 * The stand-in's sheet layout: cell formats (font, fill, borders, alignment, wrap), column widths, frozen
 * panes, conditional formats, charts and page layout — kept per sheet beside the cells and checked the
 * way Office.js checks them where a mistake is easy (colours as #RRGGBB or a name, known enum strings,
 * a colour scale with a minimum and a maximum, a cell-value rule with an operator and formula1). Every
 * setter is a queued operation whose arguments count in the request's size, like any other.
 */
import type { Box } from "./address";
import { parseAddress } from "./address";
import type { StandinContext } from "./context";
import { StandinError, type SheetModel } from "./model";
import { ProxyBase } from "./proxy";

export interface FormatOp {
  readonly box: Box;
  readonly key: string;
  readonly value: unknown;
}

export interface ConditionalModel {
  readonly box: Box;
  readonly type: "CellValue" | "ColorScale";
  rule?: { formula1: string; formula2?: string; operator: string };
  criteria?: Record<string, { type: string; color?: string; formula?: string | null }>;
  format: Record<string, unknown>;
}

export interface SeriesModel {
  name: string;
  values?: Box;
  xValues?: Box;
}

export interface ChartModel {
  readonly type: string;
  title?: string;
  legend?: string;
  series: SeriesModel[];
  anchor?: string;
  width?: number;
  height?: number;
}

export interface PageModel {
  orientation?: string;
  paperSize?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
}

export class SheetLayout {
  readonly formats: FormatOp[] = [];
  readonly columnWidths = new Map<number, number>();
  frozen: { rows: number; columns: number } = { rows: 0, columns: 0 };
  readonly conditional: ConditionalModel[] = [];
  readonly charts: ChartModel[] = [];
  readonly page: PageModel = {};

  /** The format properties that apply to a cell (later operations win), e.g. `{ "font.bold": true }`. */
  formatAt(r: number, c: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const op of this.formats) {
      const b = op.box;
      if (r >= b.r0 && r < b.r0 + b.rows && c >= b.c0 && c < b.c0 + b.cols) out[op.key] = op.value;
    }
    return out;
  }
}

const layouts = new WeakMap<SheetModel, SheetLayout>();
/** A sheet's layout (made on first use; it goes with the sheet when the sheet is deleted). */
export function layoutOf(sheet: SheetModel): SheetLayout {
  let l = layouts.get(sheet);
  if (!l) layouts.set(sheet, (l = new SheetLayout()));
  return l;
}

type Target = () => { sheet: SheetModel; box: Box };

const COLOR = /^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/;
function checkColor(v: unknown): void {
  if (typeof v !== "string" || !COLOR.test(v)) throw new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (color ${String(v)}).`);
}
function checkEnum(v: unknown, allowed: readonly string[], what: string): void {
  if (typeof v !== "string" || !allowed.includes(v)) throw new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (${what} ${String(v)}).`);
}

/** A format object: each property set is an operation recorded as a FormatOp on the target cells. */
class FormatPart extends ProxyBase {
  constructor(ctx: StandinContext, type: string, protected readonly target: Target, private readonly prefix: string) {
    super(ctx, type);
  }
  snapshot(): Record<string, unknown> {
    return {};
  }
  protected put(key: string, value: unknown, check?: (v: unknown) => void): void {
    this.call(`${this.type}.${key}`, () => {
      check?.(value);
      const { sheet, box } = this.target();
      layoutOf(sheet).formats.push({ box, key: this.prefix + key, value });
    });
  }
}

export class FontProxy extends FormatPart {
  constructor(ctx: StandinContext, target: Target, prefix = "font.") {
    super(ctx, "RangeFont", target, prefix);
  }
  set bold(v: boolean) { this.put("bold", v); }
  set italic(v: boolean) { this.put("italic", v); }
  set size(v: number) { this.put("size", v, (x) => { if (typeof x !== "number" || x < 1 || x > 409) throw new StandinError("InvalidArgument", "font size"); }); }
  set color(v: string) { this.put("color", v, checkColor); }
  set name(v: string) { this.put("name", v); }
}

export class FillProxy extends FormatPart {
  constructor(ctx: StandinContext, target: Target, prefix = "fill.") {
    super(ctx, "RangeFill", target, prefix);
  }
  set color(v: string) { this.put("color", v, checkColor); }
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

export class BorderProxy extends FormatPart {
  constructor(ctx: StandinContext, target: Target, edge: string) {
    super(ctx, "RangeBorder", target, `border.${edge}.`);
  }
  set style(v: string) { this.put("style", v, (x) => checkEnum(x, ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"], "border style")); }
  set weight(v: string) { this.put("weight", v, (x) => checkEnum(x, ["Hairline", "Thin", "Medium", "Thick"], "border weight")); }
  set color(v: string) { this.put("color", v, checkColor); }
}

/** Excel's default column width in points (8.43 characters of Calibri 11, 64 pixels). */
export const DEFAULT_COLUMN_WIDTH = 48;

export class RangeFormatProxy extends FormatPart {
  constructor(ctx: StandinContext, target: Target) {
    super(ctx, "RangeFormat", target, "");
  }
  /** `columnWidth` reads back (ExcelApi 1.2): the columns' width, or null when they differ. */
  override snapshot(): Record<string, unknown> {
    const { sheet, box } = this.target();
    const widths = new Set<number>();
    for (let c = box.c0; c < box.c0 + box.cols; c++) widths.add(layoutOf(sheet).columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
    return { columnWidth: widths.size === 1 ? [...widths][0]! : null };
  }
  get font(): FontProxy { return new FontProxy(this.ctx, this.target); }
  get fill(): FillProxy { return new FillProxy(this.ctx, this.target); }
  get borders(): { getItem(edge: string): BorderProxy } {
    return {
      getItem: (edge: string) => {
        if (!EDGES.includes(edge)) throw new StandinError("InvalidArgument", `border ${edge}`);
        return new BorderProxy(this.ctx, this.target, edge);
      },
    };
  }
  set wrapText(v: boolean) { this.put("wrapText", v); }
  set horizontalAlignment(v: string) { this.put("horizontalAlignment", v, (x) => checkEnum(x, ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"], "alignment")); }
  /** Points, 0–~1,600 (255 characters); applies to every column of the range. */
  set columnWidth(v: number) {
    this.call("RangeFormat.columnWidth", () => {
      if (typeof v !== "number" || v < 0 || v > 1_600) throw new StandinError("InvalidArgument", `column width ${v}`);
      const { sheet, box } = this.target();
      for (let c = box.c0; c < box.c0 + box.cols; c++) layoutOf(sheet).columnWidths.set(c, v);
    });
  }
}

/**
 * Frozen panes belong to a sheet's view, and Office.js applies them to the *active* sheet's view whatever
 * sheet they were asked of (office-js #3148): freezing a sheet that is not active freezes the active one.
 */
export class FreezePanesProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "WorksheetFreezePanes");
  }
  snapshot(): Record<string, unknown> {
    return {};
  }
  private view(): SheetLayout {
    this.sheet();
    const m = this.ctx.model;
    return layoutOf(m.sheets[m.activeSheet] ?? this.sheet());
  }
  /** Freezes the rows and columns above and left of the range's bottom-right corner (the range's top-left pane). */
  freezeAt(range: { resolve(): { sheet: SheetModel; box: Box } | null }): void {
    this.call("WorksheetFreezePanes.freezeAt", () => {
      const r = range.resolve();
      if (!r || r.sheet !== this.sheet()) throw new StandinError("InvalidArgument", "freezeAt needs a range of this sheet");
      this.view().frozen = { rows: r.box.r0 + r.box.rows, columns: r.box.c0 + r.box.cols };
    });
  }
  freezeRows(count = 1): void {
    this.call("WorksheetFreezePanes.freezeRows", () => void (this.view().frozen = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call("WorksheetFreezePanes.freezeColumns", () => void (this.view().frozen = { rows: 0, columns: count }));
  }
  unfreeze(): void {
    this.call("WorksheetFreezePanes.unfreeze", () => void (this.view().frozen = { rows: 0, columns: 0 }));
  }
}

/** A conditional format's own format (font, fill), recorded on the rule instead of the cells. */
class RuleFormat {
  constructor(private readonly ctx: StandinContext, private readonly model: () => ConditionalModel) {}
  private part(kind: "font" | "fill") {
    const set = (key: string, v: unknown) =>
      this.ctx.enqueue({ name: `ConditionalRangeFormat.${kind}.${key}`, run: () => { checkColor(v); this.model().format[`${kind}.${key}`] = v; } });
    return { set color(v: string) { set("color", v); } };
  }
  get font() { return this.part("font"); }
  get fill() { return this.part("fill"); }
}

const OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"];
const CRITERION_TYPES = ["LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];

export class ConditionalFormatProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly model: () => ConditionalModel) {
    super(ctx, "ConditionalFormat");
  }
  resolve(): ConditionalModel {
    return this.model();
  }
  snapshot(): Record<string, unknown> {
    const m = this.model();
    return { type: m.type };
  }
  private only(type: ConditionalModel["type"]): void {
    // Office.js: the type-specific part of another type is a null object; using it fails at sync.
    this.call("ConditionalFormat.check", () => {
      if (this.model().type !== type) throw new StandinError("InvalidObjectPath", `not a ${type} conditional format`);
    });
  }
  get cellValue() {
    this.only("CellValue");
    const ctx = this.ctx;
    const model = this.model;
    return {
      format: new RuleFormat(ctx, model),
      set rule(v: { formula1: string; formula2?: string; operator: string }) {
        ctx.enqueue({
          name: "CellValueConditionalFormat.rule",
          run: () => {
            if (typeof v?.formula1 !== "string") throw new StandinError("InvalidArgument", "rule.formula1");
            checkEnum(v.operator, OPERATORS, "operator");
            model().rule = { ...v };
          },
        });
      },
    };
  }
  get colorScale() {
    this.only("ColorScale");
    const ctx = this.ctx;
    const model = this.model;
    return {
      set criteria(v: ConditionalModel["criteria"]) {
        ctx.enqueue({
          name: "ColorScaleConditionalFormat.criteria",
          run: () => {
            if (!v?.minimum || !v.maximum) throw new StandinError("InvalidArgument", "a colour scale needs a minimum and a maximum");
            for (const c of Object.values(v)) {
              checkEnum(c.type, CRITERION_TYPES, "criterion type");
              if (c.color !== undefined) checkColor(c.color);
            }
            model().criteria = JSON.parse(JSON.stringify(v));
          },
        });
      },
    };
  }
}

export class ConditionalFormatCollectionProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly target: Target) {
    super(ctx, "ConditionalFormatCollection");
  }
  snapshot(): Record<string, unknown> {
    const { sheet, box } = this.target();
    return { count: layoutOf(sheet).conditional.filter((c) => c.box.r0 === box.r0 && c.box.c0 === box.c0).length };
  }
  /** Removes the conditional formats on the range's cells (ExcelApi 1.6): a rule reaching them goes whole. */
  clearAll(): void {
    this.call("ConditionalFormatCollection.clearAll", () => {
      const { sheet, box } = this.target();
      const meets = (b: Box) => b.r0 < box.r0 + box.rows && box.r0 < b.r0 + b.rows && b.c0 < box.c0 + box.cols && box.c0 < b.c0 + b.cols;
      const list = layoutOf(sheet).conditional;
      for (let i = list.length - 1; i >= 0; i--) if (meets(list[i]!.box)) list.splice(i, 1);
    });
  }

  add(type: string): ConditionalFormatProxy {
    let made: ConditionalModel | null = null;
    this.call("ConditionalFormatCollection.add", () => {
      if (type !== "CellValue" && type !== "ColorScale") throw new StandinError("NotImplemented", `conditional format ${type}`);
      const { sheet, box } = this.target();
      made = { box, type, format: {} };
      layoutOf(sheet).conditional.push(made);
    });
    return new ConditionalFormatProxy(this.ctx, () => {
      if (!made) throw new StandinError("InvalidObjectPath", "the conditional format was not added");
      return made;
    });
  }
}

type RangeLike = { resolve(): { sheet: SheetModel; box: Box } | null };
const boxOf = (r: RangeLike): Box => {
  const x = r.resolve();
  if (!x) throw new StandinError("InvalidArgument", "a null range");
  return x.box;
};

export class ChartSeriesProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly model: () => SeriesModel, private readonly chart: () => ChartModel) {
    super(ctx, "ChartSeries");
  }
  /** Where the series is drawn among the chart's (ExcelApi 1.7): the chart's series move accordingly. */
  set plotOrder(v: number) {
    this.call("ChartSeries.plotOrder", () => {
      const list = this.chart().series;
      const s = this.model();
      if (!Number.isInteger(v) || v < 0 || v >= list.length) throw new StandinError("InvalidArgument", `plot order ${v}`);
      list.splice(list.indexOf(s), 1);
      list.splice(v, 0, s);
    });
  }
  resolve(): SeriesModel {
    return this.model();
  }
  snapshot(): Record<string, unknown> {
    return { name: this.model().name };
  }
  set name(v: string) { this.call("ChartSeries.name", () => void (this.model().name = v)); }
  setValues(range: RangeLike): void {
    this.call("ChartSeries.setValues", () => void (this.model().values = boxOf(range)));
  }
  setXAxisValues(range: RangeLike): void {
    this.call("ChartSeries.setXAxisValues", () => void (this.model().xValues = boxOf(range)));
  }
}

export class ChartProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly model: () => ChartModel) {
    super(ctx, "Chart");
  }
  resolve(): ChartModel {
    return this.model();
  }
  snapshot(): Record<string, unknown> {
    const m = this.model();
    return { name: "Chart", chartType: m.type, width: m.width, height: m.height };
  }
  get title() {
    const self = this;
    return { set text(v: string) { self.call("ChartTitle.text", () => void (self.model().title = v)); } };
  }
  get legend() {
    const self = this;
    return { set position(v: string) { self.call("ChartLegend.position", () => { checkEnum(v, ["Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid"], "legend position"); self.model().legend = v; }); } };
  }
  get series() {
    const self = this;
    return {
      getItemAt(i: number): ChartSeriesProxy {
        // The series found when the object is first used stays the object (as Excel's does), whatever moves after.
        let found: SeriesModel | undefined;
        return new ChartSeriesProxy(
          self.ctx,
          () => {
            found ??= self.model().series[i];
            if (!found) throw new StandinError("ItemNotFound", `The chart has no series ${i}.`);
            return found;
          },
          () => self.model(),
        );
      },
      add(name?: string): ChartSeriesProxy {
        let made: SeriesModel | null = null;
        self.call("ChartSeriesCollection.add", () => void self.model().series.push((made = { name: name ?? `Series${self.model().series.length + 1}` })));
        return new ChartSeriesProxy(self.ctx, () => made!, () => self.model());
      },
    };
  }
  setPosition(start: string, end?: string): void {
    this.call("Chart.setPosition", () => {
      parseAddress(start);
      this.model().anchor = start;
    });
  }
  set width(v: number) { this.call("Chart.width", () => void (this.model().width = v)); }
  set height(v: number) { this.call("Chart.height", () => void (this.model().height = v)); }
}

export class ChartCollectionProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "ChartCollection");
  }
  snapshot(): Record<string, unknown> {
    return { count: layoutOf(this.sheet()).charts.length };
  }
  /** Series from the source's columns (seriesBy "Columns") or rows, one per column or row. */
  add(type: string, source: RangeLike, seriesBy = "Auto"): ChartProxy {
    let made: ChartModel | null = null;
    this.call("ChartCollection.add", () => {
      checkEnum(type, ["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter"], "chart type");
      const b = boxOf(source);
      const byRows = seriesBy === "Rows";
      const n = byRows ? b.rows : b.cols;
      const sheet = this.sheet();
      const blank = (box: Box) => {
        for (let r = box.r0; r < box.r0 + box.rows; r++) for (let c = box.c0; c < box.c0 + box.cols; c++) {
          const x = sheet.get(r, c);
          if (x && (x.v !== "" || x.f)) return false;
        }
        return true;
      };
      // Excel makes no series of a column (or row) with nothing in it: a chart of blank cells has none.
      const series = Array.from({ length: n }, (_, i) => (byRows ? { r0: b.r0 + i, c0: b.c0, rows: 1, cols: b.cols } : { r0: b.r0, c0: b.c0 + i, rows: b.rows, cols: 1 }))
        .filter((values) => !blank(values))
        .map((values, i) => ({ name: `Series${i + 1}`, values }));
      made = { type, series };
      layoutOf(this.sheet()).charts.push(made);
    });
    return new ChartProxy(this.ctx, () => made!);
  }
}

const ROWS = /^\$?(\d+):\$?(\d+)$/;

export class PageLayoutProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "PageLayout");
  }
  snapshot(): Record<string, unknown> {
    return { ...layoutOf(this.sheet()).page };
  }
  private page(): PageModel {
    return layoutOf(this.sheet()).page;
  }
  set orientation(v: string) { this.call("PageLayout.orientation", () => { checkEnum(v, ["Portrait", "Landscape"], "orientation"); this.page().orientation = v; }); }
  set paperSize(v: string) { this.call("PageLayout.paperSize", () => { checkEnum(v, ["A3", "A4", "A5", "Letter", "Legal", "Folio"], "paper size"); this.page().paperSize = v; }); }
  /** Fit to pages: a height left out stays Excel's default of one page tall (set it to 0 for "as many as needed"). */
  set zoom(v: PageModel["zoom"]) {
    this.call("PageLayout.zoom", () => {
      const fit = v?.horizontalFitToPages !== undefined || v?.verticalFitToPages !== undefined;
      this.page().zoom = fit ? { horizontalFitToPages: v?.horizontalFitToPages ?? 1, verticalFitToPages: v?.verticalFitToPages ?? 1 } : { ...v };
    });
  }
  setPrintTitleRows(rows: string): void {
    this.call("PageLayout.setPrintTitleRows", () => {
      if (!ROWS.test(rows)) throw new StandinError("InvalidArgument", `print title rows ${rows}`);
      this.page().printTitleRows = rows;
    });
  }
}
