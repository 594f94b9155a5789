/**
 * Writing owned cells into a worksheet part by splicing: rows and cells nobody asked to change are
 * copied character for character; a written cell replaces its `<c>` (or is inserted in column order,
 * its row in row order); the `dimension` is set to the cells' new extent. Text goes to the shared string
 * table (appended) or, in a workbook without one, inline; OMSPAN's text is data, never a formula.
 */
import { a1Of, areaA1, isSheetError, type Scalar } from "../omspan/sheet-calc";
import type { SharedStrings } from "./shared-strings";
import type { SheetCell, SheetRow, SheetScan } from "./sheet-cells";
import { escapeAttr, escapeText, splice, xmlSafe } from "./xml";

export type CellContent =
  /** Value and formula removed, style kept (what clearing contents does in Excel). */
  | { readonly kind: "clear" }
  /** The cell taken out of the sheet (a table that shrank, a spill that got smaller). */
  | { readonly kind: "remove" }
  /** A formula cell's cached value replaced; its `<f>` element (shared, array, attributes) copied as written. */
  | { readonly kind: "cached"; readonly value: Scalar }
  | { readonly kind: "value"; readonly value: Scalar; readonly style?: number }
  | {
      readonly kind: "formula";
      /** In the file's spelling (see toFileFormula). */
      readonly formula: string;
      /** The cached value. */
      readonly value: Scalar;
      readonly style?: number;
      /** An array formula's area (`B3` for one cell, `B3:D9` for a spill). */
      readonly array?: string;
      /** The `cm` cell-metadata index that marks a dynamic array (see metadata.ts). */
      readonly cm?: string;
      readonly ca?: boolean;
    };

export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly content: CellContent;
}

function valuePart(value: Scalar, formula: boolean, sst: SharedStrings | undefined): { t: string; inner: string } {
  if (value === null) return { t: "", inner: "" };
  if (isSheetError(value)) return { t: "e", inner: `<v>${escapeText(value.code)}</v>` };
  if (typeof value === "boolean") return { t: "b", inner: `<v>${value ? 1 : 0}</v>` };
  if (typeof value === "number") return Number.isFinite(value) ? { t: "", inner: `<v>${String(value)}</v>` } : { t: "e", inner: "<v>#NUM!</v>" };
  const s = xmlSafe(value);
  if (formula) return { t: "str", inner: `<v>${escapeText(s)}</v>` };
  if (sst) return { t: "s", inner: `<v>${sst.add(value)}</v>` };
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return { t: "inlineStr", inner: `<is><t${space}>${escapeText(s)}</t></is>` };
}

/** The `<c>` element of a cell's new content (`source`: the part's text, where an existing `<f>` is copied from). */
export function cellXml(row: number, col: number, content: CellContent, existing: SheetCell | undefined, sst: SharedStrings | undefined, source = ""): string {
  const ref = a1Of(row, col);
  if (content.kind === "remove") return "";
  const style = content.kind === "clear" || content.kind === "cached" ? existing?.style ?? 0 : content.style ?? existing?.style ?? 0;
  const s = style ? ` s="${style}"` : "";
  if (content.kind === "clear") return `<c r="${ref}"${s}/>`;
  if (content.kind === "cached") {
    const f = existing?.fStart !== undefined && existing.fEnd !== undefined ? source.slice(existing.fStart, existing.fEnd) : "";
    const { t, inner } = valuePart(content.value, f !== "", sst);
    const meta = `${existing?.cm ? ` cm="${existing.cm}"` : ""}${existing?.vm ? ` vm="${existing.vm}"` : ""}`;
    return `<c r="${ref}"${s}${t ? ` t="${t}"` : ""}${meta}>${f}${inner}</c>`;
  }
  if (content.kind === "value") {
    const { t, inner } = valuePart(content.value, false, sst);
    return inner ? `<c r="${ref}"${s}${t ? ` t="${t}"` : ""}>${inner}</c>` : `<c r="${ref}"${s}/>`;
  }
  const { t, inner } = valuePart(content.value, true, sst);
  const cm = content.cm ? ` cm="${content.cm}"` : "";
  const fAttrs = content.array ? ` t="array" ref="${escapeAttr(content.array)}"` : "";
  const ca = content.ca ? ' ca="1"' : "";
  return `<c r="${ref}"${s}${t ? ` t="${t}"` : ""}${cm}><f${fAttrs}${ca}>${escapeText(content.formula)}</f>${inner}</c>`;
}

function rowStartTag(row: SheetRow, spans: string | undefined): string {
  const attrs = Object.entries(row.attrs).map(([k, v]) => [k, k === "spans" && spans ? spans : v] as const);
  return `<${row.qname}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")}>`;
}

export interface SheetEditResult {
  readonly text: string;
  /** Whether any formula was added, removed or changed (so the calculation chain is stale). */
  readonly formulasChanged: boolean;
}

/** Applies cell writes to a scanned sheet part's text. */
export function applyCellWrites(text: string, scan: SheetScan, writes: readonly CellWrite[], sst: SharedStrings | undefined): SheetEditResult {
  const byRow = new Map<number, Map<number, CellContent>>();
  for (const w of writes) {
    let m = byRow.get(w.row);
    if (!m) byRow.set(w.row, (m = new Map()));
    m.set(w.col, w.content);
  }
  const cellsByRow = new Map<number, SheetCell[]>();
  for (const c of scan.cells) (cellsByRow.get(c.row) ?? cellsByRow.set(c.row, []).get(c.row)!).push(c);
  let formulasChanged = false;
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const extend = (r: number, c: number) => {
    top = Math.min(top, r);
    bottom = Math.max(bottom, r);
    left = Math.min(left, c);
    right = Math.max(right, c);
  };

  const rowXml = (row: number, existing: SheetRow | undefined, edits: Map<number, CellContent>): string => {
    const old = cellsByRow.get(row) ?? [];
    const cols = [...new Set([...old.map((c) => c.col), ...edits.keys()])].sort((a, b) => a - b);
    const oldAt = new Map(old.map((c) => [c.col, c]));
    let body = "";
    let first = -1;
    let last = -1;
    for (const col of cols) {
      const content = edits.get(col);
      const was = oldAt.get(col);
      if (!content) {
        body += text.slice(was!.start, was!.end);
      } else {
        const newFormula = content.kind === "formula" ? content.formula : content.kind === "cached" ? was?.formula?.text : undefined;
        if (newFormula !== was?.formula?.text) formulasChanged = true;
        if (content.kind === "remove") continue;
        body += cellXml(row, col, content, was, sst, text);
      }
      if (first < 0) first = col;
      last = col;
    }
    const spans = first >= 0 ? `${first + 1}:${last + 1}` : undefined;
    if (!existing) return body ? `<row r="${row + 1}">${body}</row>` : "";
    return `${rowStartTag(existing, existing.attrs.spans ? spans ?? existing.attrs.spans : undefined)}${body}</${existing.qname}>`;
  };

  let out = scan.sheetData.selfClosing ? text.slice(0, scan.sheetData.start) + `<${scan.sheetData.qname}>` : text.slice(0, scan.sheetData.openEnd);
  let cursor = scan.sheetData.openEnd;
  const existing = new Set(scan.rows.map((x) => x.row));
  const pending = [...byRow.keys()].filter((r) => !existing.has(r)).sort((a, b) => a - b);
  let p = 0;
  for (const row of scan.rows) {
    while (p < pending.length && pending[p]! < row.row) out += rowXml(pending[p]!, undefined, byRow.get(pending[p++]!)!);
    const edits = byRow.get(row.row);
    if (!edits) {
      out += text.slice(cursor, row.end);
    } else {
      out += text.slice(cursor, row.start) + rowXml(row.row, row, edits);
    }
    cursor = row.end;
  }
  while (p < pending.length) out += rowXml(pending[p]!, undefined, byRow.get(pending[p++]!)!);
  out += scan.sheetData.selfClosing ? `</${scan.sheetData.qname}>` : text.slice(cursor, scan.sheetData.closeStart);
  const tail = text.slice(scan.sheetData.selfClosing ? scan.sheetData.end : scan.sheetData.closeStart);

  for (const c of scan.cells) {
    const content = byRow.get(c.row)?.get(c.col);
    if (!content) extend(c.row, c.col);
  }
  for (const w of writes) {
    if (w.content.kind === "remove") continue;
    if (w.content.kind !== "clear" || cellsByRow.get(w.row)?.some((c) => c.col === w.col && c.style)) extend(w.row, w.col);
  }
  let result = out + tail;
  if (scan.dimension) {
    const ref = bottom < 0 ? "A1" : areaA1({ top, left, bottom, right });
    const d = scan.dimension;
    const attrs = Object.entries({ ...d.attrs, ref });
    // The dimension precedes sheetData: its offsets are unchanged in `result`.
    result = splice(result, [[d.start, d.end, `<${d.qname}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")}/>`]]);
  }
  return { text: result, formulasChanged };
}
