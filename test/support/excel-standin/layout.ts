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
  protected snapshot(): Record<string, unknown> {
    return {};
  }
  protected put(key: string, value: unknown, check?: (v: unknown) => void): void {
    this.call(`${this.type}.${key}`, value, () => {
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

export class RangeFormatProxy extends FormatPart {
  constructor(ctx: StandinContext, target: Target) {
    super(ctx, "RangeFormat", target, "");
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
    this.call("RangeFormat.columnWidth", v, () => {
      if (typeof v !== "number" || v < 0 || v > 1_600) throw new StandinError("InvalidArgument", `column width ${v}`);
      const { sheet, box } = this.target();
      for (let c = box.c0; c < box.c0 + box.cols; c++) layoutOf(sheet).columnWidths.set(c, v);
    });
  }
}

export class FreezePanesProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "WorksheetFreezePanes");
  }
  protected snapshot(): Record<string, unknown> {
    return {};
  }
  /** Freezes the rows and columns above and left of the range's bottom-right corner (the range's top-left pane). */
  freezeAt(range: { resolve(): { sheet: SheetModel; box: Box } | null }): void {
    this.call("WorksheetFreezePanes.freezeAt", null, () => {
      const r = range.resolve();
      if (!r || r.sheet !== this.sheet()) throw new StandinError("InvalidArgument", "freezeAt needs a range of this sheet");
      layoutOf(r.sheet).frozen = { rows: r.box.r0 + r.box.rows, columns: r.box.c0 + r.box.cols };
    });
  }
  freezeRows(count = 1): void {
    this.call("WorksheetFreezePanes.freezeRows", count, () => void (layoutOf(this.sheet()).frozen = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call("WorksheetFreezePanes.freezeColumns", count, () => void (layoutOf(this.sheet()).frozen = { rows: 0, columns: count }));
  }
  unfreeze(): void {
    this.call("WorksheetFreezePanes.unfreeze", null, () => void (layoutOf(this.sheet()).frozen = { rows: 0, columns: 0 }));
  }
}

/** A conditional format's own format (font, fill), recorded on the rule instead of the cells. */
class RuleFormat {
  constructor(private readonly ctx: StandinContext, private readonly model: () => ConditionalModel) {}
  private part(kind: "font" | "fill") {
    const set = (key: string, v: unknown) =>
      this.ctx.enqueue({ name: `ConditionalRangeFormat.${kind}.${key}`, payload: v, run: () => { checkColor(v); this.model().format[`${kind}.${key}`] = v; } });
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
  protected snapshot(): Record<string, unknown> {
    const m = this.model();
    return { type: m.type };
  }
  private only(type: ConditionalModel["type"]): void {
    // Office.js: the type-specific part of another type is a null object; using it fails at sync.
    this.call("ConditionalFormat.check", type, () => {
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
          payload: v,
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
          payload: v,
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
  protected snapshot(): Record<string, unknown> {
    const { sheet, box } = this.target();
    return { count: layoutOf(sheet).conditional.filter((c) => c.box.r0 === box.r0 && c.box.c0 === box.c0).length };
  }
  get count(): number { return this.read("count"); }
  add(type: string): ConditionalFormatProxy {
    let made: ConditionalModel | null = null;
    this.call("ConditionalFormatCollection.add", type, () => {
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
  constructor(ctx: StandinContext, private readonly model: () => SeriesModel) {
    super(ctx, "ChartSeries");
  }
  protected snapshot(): Record<string, unknown> {
    return { name: this.model().name };
  }
  get name(): string { return this.read("name"); }
  set name(v: string) { this.call("ChartSeries.name", v, () => void (this.model().name = v)); }
  setValues(range: RangeLike): void {
    this.call("ChartSeries.setValues", null, () => void (this.model().values = boxOf(range)));
  }
  setXAxisValues(range: RangeLike): void {
    this.call("ChartSeries.setXAxisValues", null, () => void (this.model().xValues = boxOf(range)));
  }
}

export class ChartProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly model: () => ChartModel) {
    super(ctx, "Chart");
  }
  protected snapshot(): Record<string, unknown> {
    const m = this.model();
    return { name: "Chart", chartType: m.type, width: m.width, height: m.height };
  }
  get title() {
    const self = this;
    return { set text(v: string) { self.call("ChartTitle.text", v, () => void (self.model().title = v)); } };
  }
  get legend() {
    const self = this;
    return { set position(v: string) { self.call("ChartLegend.position", v, () => { checkEnum(v, ["Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid"], "legend position"); self.model().legend = v; }); } };
  }
  get series() {
    const self = this;
    return {
      getItemAt(i: number): ChartSeriesProxy {
        return new ChartSeriesProxy(self.ctx, () => {
          const s = self.model().series[i];
          if (!s) throw new StandinError("ItemNotFound", `series ${i}`);
          return s;
        });
      },
      add(name?: string): ChartSeriesProxy {
        let made: SeriesModel | null = null;
        self.call("ChartSeriesCollection.add", name ?? null, () => void self.model().series.push((made = { name: name ?? `Series${self.model().series.length + 1}` })));
        return new ChartSeriesProxy(self.ctx, () => made!);
      },
    };
  }
  setPosition(start: string, end?: string): void {
    this.call("Chart.setPosition", [start, end ?? null], () => {
      parseAddress(start);
      this.model().anchor = start;
    });
  }
  set width(v: number) { this.call("Chart.width", v, () => void (this.model().width = v)); }
  set height(v: number) { this.call("Chart.height", v, () => void (this.model().height = v)); }
}

export class ChartCollectionProxy extends ProxyBase {
  constructor(ctx: StandinContext, private readonly sheet: () => SheetModel) {
    super(ctx, "ChartCollection");
  }
  protected snapshot(): Record<string, unknown> {
    return { count: layoutOf(this.sheet()).charts.length };
  }
  get count(): number { return this.read("count"); }
  /** Series from the source's columns (seriesBy "Columns") or rows, one per column or row. */
  add(type: string, source: RangeLike, seriesBy = "Auto"): ChartProxy {
    let made: ChartModel | null = null;
    this.call("ChartCollection.add", [type, seriesBy], () => {
      checkEnum(type, ["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter"], "chart type");
      const b = boxOf(source);
      const byRows = seriesBy === "Rows";
      const n = byRows ? b.rows : b.cols;
      const series = Array.from({ length: n }, (_, i) => ({
        name: `Series${i + 1}`,
        values: byRows ? { r0: b.r0 + i, c0: b.c0, rows: 1, cols: b.cols } : { r0: b.r0, c0: b.c0 + i, rows: b.rows, cols: 1 },
      }));
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
  protected snapshot(): Record<string, unknown> {
    return { ...layoutOf(this.sheet()).page };
  }
  private page(): PageModel {
    return layoutOf(this.sheet()).page;
  }
  set orientation(v: string) { this.call("PageLayout.orientation", v, () => { checkEnum(v, ["Portrait", "Landscape"], "orientation"); this.page().orientation = v; }); }
  set paperSize(v: string) { this.call("PageLayout.paperSize", v, () => { checkEnum(v, ["A3", "A4", "A5", "Letter", "Legal", "Folio"], "paper size"); this.page().paperSize = v; }); }
  set zoom(v: PageModel["zoom"]) { this.call("PageLayout.zoom", v, () => void (this.page().zoom = { ...v })); }
  setPrintTitleRows(rows: string): void {
    this.call("PageLayout.setPrintTitleRows", rows, () => {
      if (!ROWS.test(rows)) throw new StandinError("InvalidArgument", `print title rows ${rows}`);
      this.page().printTitleRows = rows;
    });
  }
}
