/**
 * The styles part of a built report: one cell format per (number format, layout role) the grid uses,
 * looking as src/excel/report-format.ts defines them for the add-in's writer (the same number formats,
 * fonts, fills, borders, wrap and alignment), plus the differential formats of the conditional rules.
 */
import type { CellFormat, CellStyle } from "../../omspan/templates";
import { NUMBER_FORMAT, STYLE_LOOK, type StyleLook } from "../../excel/report-format";
import { escapeAttr } from "../xml";

const BUILTIN_FORMATS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** The conditional formats' looks: overspent lines (negative available funds) in Excel's light red. */
export const NEGATIVE_DXF = 0;

export class ReportStyles {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = ['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>([["|", 0]]);

  private intern(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  private fontOf(look: StyleLook | undefined): number {
    if (!look || (!look.bold && !look.italic && !look.size && !look.color)) return 0;
    const color = look.color ? `<color rgb="${argb(look.color)}"/>` : '<color theme="1"/>';
    return this.intern(this.fonts, `<font>${look.bold ? "<b/>" : ""}${look.italic ? "<i/>" : ""}<sz val="${look.size ?? 11}"/>${color}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`);
  }

  /** The cell format (`s` index) of a format and a role. */
  xf(format: CellFormat | undefined, style: CellStyle | undefined): number {
    const key = `${format ?? ""}|${style ?? ""}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const look = style ? STYLE_LOOK[style] : undefined;
    const numFmtId = format ? this.numFmtId(NUMBER_FORMAT[format]) : 0;
    const fontId = this.fontOf(look);
    const fillId = look?.fill ? this.intern(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(look.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = look?.topBorder ? this.intern(this.borders, `<border><left/><right/><top style="${look.topBorder.toLowerCase()}"><color auto="1"/></top><bottom/><diagonal/></border>`) : 0;
    const align = look?.wrap || look?.center ? `<alignment${look.center ? ' horizontal="center"' : ""}${look.wrap ? ' vertical="center" wrapText="1"' : ""}/>` : "";
    const applies = `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
    const xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${align ? `>${align}</xf>` : "/>"}`;
    this.xfs.push(xml);
    this.byKey.set(key, this.xfs.length - 1);
    return this.xfs.length - 1;
  }

  /** The styles part. */
  xml(): string {
    const numFmts = this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`).join("")}</numFmts>` : "";
    const list = (name: string, items: readonly string[]) => `<${name} count="${items.length}">${items.join("")}</${name}>`;
    const dxfs = '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>';
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      numFmts + list("fonts", this.fonts) + list("fills", this.fills) + list("borders", this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' + list("cellXfs", this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' + dxfs +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}
