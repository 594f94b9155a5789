/**
 * How a report's cell formats and styles look in Excel: number formats (Excel localises the separators,
 * so "#,##0" shows 1.234.567 on an Indonesian Excel) and the fonts, fills and borders of each role.
 */
import type { CellFormat, CellStyle } from "../omspan/templates";

export const NUMBER_FORMAT: Readonly<Record<CellFormat, string>> = {
  rupiah: "#,##0",
  percent: "0.00%",
  score: "0.00",
  text: "@",
  integer: "0",
  datetime: "yyyy-mm-dd hh:mm",
  date: "dd/mm/yyyy",
};

export interface StyleLook {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly center?: boolean;
  /** A line above the cell (subtotal thin, total medium). */
  readonly topBorder?: "Thin" | "Medium";
}

export const STYLE_LOOK: Readonly<Record<CellStyle, StyleLook>> = {
  title: { bold: true, size: 14, color: "#1F3864" },
  subtitle: { bold: true },
  note: { italic: true, color: "#595959" },
  header: { bold: true, color: "#FFFFFF", fill: "#1F4E78", wrap: true, center: true },
  group: { bold: true, fill: "#DDEBF7" },
  label: { bold: true },
  subtotal: { bold: true, fill: "#F2F2F2", topBorder: "Thin" },
  total: { bold: true, fill: "#D9E1F2", topBorder: "Medium" },
  input: { fill: "#FFF2CC" },
};

/** Excel's column width is in points; a character of the default font is about 5.25 pt plus padding. */
export const widthPoints = (chars: number) => Math.round(chars * 5.25 + 4);
