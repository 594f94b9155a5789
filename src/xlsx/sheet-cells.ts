/**
 * Reading a worksheet part's cells in one streaming pass (saxes): value, type, style, formula (shared
 * formulas moved to each cell, array and dynamic-array formulas with their `ref`, `cm`/`vm` metadata),
 * and where each cell and row sits in the text, so a write can splice only the cells it owns.
 */
import { SaxesParser } from "saxes";
import { SheetError, SHEET_ERROR_CODES, shiftFormula, parseCell, type Scalar, type SheetErrorCode } from "../omspan/sheet-calc";
import { fileError } from "./errors";
import type { SharedStrings } from "./shared-strings";
import { localName, unescapeExcel } from "./xml";

export interface FileFormula {
  /** The formula as the file spells it (no `=`; a shared formula's text moved to this cell). */
  readonly text: string;
  readonly kind: "normal" | "shared" | "array" | "dataTable";
  /** The area an array formula fills (`A1:C3`), or a shared formula's on its first cell. */
  readonly ref?: string;
  /** `aca` / `ca`: always calculate (Excel recalculates the cell on every calculation). */
  readonly ca: boolean;
}

export interface SheetCell {
  readonly row: number;
  readonly col: number;
  /** The `t` attribute as written (n, s, str, inlineStr, b, e, d). */
  readonly type: string;
  readonly style: number;
  readonly cm?: string;
  readonly vm?: string;
  /** The value (a formula's cached value). */
  readonly value: Scalar;
  readonly formula?: FileFormula;
  /** Offsets of the `<c>` element in the part's text. */
  readonly start: number;
  readonly end: number;
  /** Offsets of its `<f>` element (a rewrite of the cached value copies it as written). */
  readonly fStart?: number;
  readonly fEnd?: number;
}

export interface SheetRow {
  readonly row: number;
  readonly start: number;
  readonly openEnd: number;
  readonly closeStart: number;
  readonly end: number;
  readonly selfClosing: boolean;
  readonly attrs: Readonly<Record<string, string>>;
  readonly qname: string;
}

export interface SheetScan {
  readonly cells: SheetCell[];
  readonly rows: SheetRow[];
  /** `<sheetData>`: after its start tag, and where its end tag begins (both = its end if self-closing). */
  readonly sheetData: { readonly start: number; readonly openEnd: number; readonly closeStart: number; readonly end: number; readonly selfClosing: boolean; readonly qname: string };
  readonly dimension?: { readonly start: number; readonly end: number; readonly ref: string; readonly qname: string; readonly attrs: Readonly<Record<string, string>> };
}

function valueOf(type: string, raw: string | undefined, inline: string | undefined, sst: SharedStrings): Scalar {
  if (type === "inlineStr") return unescapeExcel(inline ?? "");
  if (raw === undefined) return null;
  switch (type) {
    case "s":
      return sst.get(Number(raw));
    case "str":
      return unescapeExcel(raw);
    case "b":
      return raw === "1" || raw === "true";
    case "e":
      return new SheetError((SHEET_ERROR_CODES as readonly string[]).includes(raw) ? (raw as SheetErrorCode) : "#VALUE!");
    case "d":
      return raw;
    default:
      return raw === "" ? null : Number(raw);
  }
}

interface Open {
  row: number;
  col: number;
  start: number;
  type: string;
  style: number;
  cm?: string;
  vm?: string;
  f?: { kind: FileFormula["kind"]; ref?: string; si?: string; ca: boolean; text: string; start: number; end: number };
  v?: string;
  inline?: string;
}

/** Scans a worksheet part. */
export function scanSheet(text: string, sst: SharedStrings, part = "sheet"): SheetScan {
  const p = new SaxesParser();
  const cells: SheetCell[] = [];
  const rows: SheetRow[] = [];
  const path: string[] = [];
  const masters = new Map<string, { row: number; col: number; text: string }>();
  let sheetData: SheetScan["sheetData"] | undefined;
  let sdStart = 0;
  let sdOpen = 0;
  let sdQ = "sheetData";
  let dimension: SheetScan["dimension"];
  let rowOpen: Omit<SheetRow, "closeStart" | "end"> | undefined;
  let nextRow = 0;
  let nextCol = 0;
  let cell: Open | undefined;
  let textTarget: "f" | "v" | "t" | undefined;
  let tagStart = 0;
  p.on("opentagstart", () => {
    tagStart = text.lastIndexOf("<", p.position - 1);
  });
  p.on("opentag", (t) => {
    const n = localName(t.name);
    path.push(n);
    const a = t.attributes as Record<string, string>;
    const depth = path.length;
    if (depth === 2 && n === "dimension") dimension = { start: tagStart, end: p.position, ref: a.ref ?? "", qname: t.name, attrs: { ...a } };
    else if (depth === 2 && n === "sheetData") {
      sdStart = tagStart;
      sdOpen = p.position;
      sdQ = t.name;
      if (t.isSelfClosing) sheetData = { start: tagStart, openEnd: p.position, closeStart: p.position, end: p.position, selfClosing: true, qname: t.name };
    } else if (depth === 3 && n === "row" && path[1] === "sheetData") {
      const r = a.r ? Number(a.r) - 1 : nextRow;
      nextRow = r + 1;
      nextCol = 0;
      rowOpen = { row: r, start: tagStart, openEnd: p.position, selfClosing: t.isSelfClosing, attrs: { ...a }, qname: t.name };
    } else if (depth === 4 && n === "c" && rowOpen) {
      const at = a.r ? parseCell(a.r) : { row: rowOpen.row, col: nextCol };
      if (!at) throw fileError("not-xlsx", `${part}: a cell reference ${a.r} cannot be read`, `${part}: rujukan sel ${a.r} tidak terbaca`);
      nextCol = at.col + 1;
      cell = { row: at.row, col: at.col, start: tagStart, type: a.t ?? "n", style: a.s ? Number(a.s) : 0, cm: a.cm, vm: a.vm };
    } else if (cell && depth === 5 && n === "f") {
      const kind = (a.t ?? "normal") as FileFormula["kind"];
      cell.f = { kind, ref: a.ref, si: a.si, ca: a.ca === "1" || a.aca === "1" || a.ca === "true", text: "", start: tagStart, end: p.position };
      textTarget = "f";
    } else if (cell && depth === 5 && n === "v") {
      cell.v = "";
      textTarget = "v";
    } else if (cell && n === "t" && path[4] === "is" && !path.includes("rPh")) {
      cell.inline ??= "";
      textTarget = "t";
    }
  });
  p.on("text", (s) => {
    if (!cell || !textTarget) return;
    if (textTarget === "f") cell.f!.text += s;
    else if (textTarget === "v") cell.v! += s;
    else cell.inline += s;
  });
  p.on("closetag", (t) => {
    const n = path.pop();
    if (n === "f" || n === "v" || n === "t") textTarget = undefined;
    if (n === "f" && cell?.f && path.length === 4) cell.f.end = p.position;
    if (n === "c" && cell && path.length === 3) {
      const c = cell;
      cell = undefined;
      let formula: FileFormula | undefined;
      if (c.f) {
        let ftext = c.f.text;
        if (c.f.kind === "shared" && c.f.si !== undefined) {
          const master = masters.get(c.f.si);
          if (ftext !== "" && !master) masters.set(c.f.si, { row: c.row, col: c.col, text: ftext });
          else if (master) {
            try {
              ftext = shiftFormula(master.text, c.row - master.row, c.col - master.col);
            } catch {
              ftext = master.text;
            }
          }
        }
        formula = { text: ftext, kind: c.f.kind, ref: c.f.ref, ca: c.f.ca };
      }
      cells.push({ row: c.row, col: c.col, type: c.type, style: c.style, cm: c.cm, vm: c.vm, value: valueOf(c.type, c.v, c.inline, sst), formula, start: c.start, end: p.position, fStart: c.f?.start, fEnd: c.f?.end });
    } else if (n === "row" && rowOpen && path.length === 2) {
      rows.push({ ...rowOpen, closeStart: rowOpen.selfClosing ? p.position : text.lastIndexOf("<", p.position - 1), end: p.position });
      rowOpen = undefined;
    } else if (n === "sheetData" && path.length === 1 && !sheetData) {
      sheetData = { start: sdStart, openEnd: sdOpen, closeStart: text.lastIndexOf("<", p.position - 1), end: p.position, selfClosing: false, qname: sdQ };
    }
    void t;
  });
  try {
    p.write(text).close();
  } catch (e) {
    throw fileError("not-xlsx", `${part} is not well-formed XML (${(e as Error).message})`, `${part} bukan XML yang benar (${(e as Error).message})`, e);
  }
  if (!sheetData) throw fileError("not-xlsx", `${part} has no sheetData`, `${part} tidak memiliki sheetData`);
  return { cells, rows, sheetData, dimension };
}
