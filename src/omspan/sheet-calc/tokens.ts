/**
 * Excel formula text → tokens with their place in the text. Reads both forms a formula comes in: the
 * grid's (`=SUM(B8:B9)`, invariant English, `,` separators) and a file's (no `=`, `_xlfn.` before newer
 * functions, `_xldudf_` before add-in functions). Anything outside what it reads is an
 * UnsupportedFormulaError, never a guess.
 */
import { SHEET_ERROR_CODES, unsupported, type SheetErrorCode } from "./errors";

export type Token =
  | { readonly kind: "num"; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: "str"; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: "bool"; readonly value: boolean; readonly start: number; readonly end: number }
  | { readonly kind: "err"; readonly value: SheetErrorCode; readonly start: number; readonly end: number }
  | {
      readonly kind: "ref";
      /** The sheet as written (quotes removed), when qualified. */
      readonly sheet?: string;
      readonly row: number;
      readonly col: number;
      readonly rowAbs: boolean;
      readonly colAbs: boolean;
      /** Where the cell part starts (after `Sheet!`). */
      readonly cellStart: number;
      readonly start: number;
      readonly end: number;
    }
  /** A function name, the `(` consumed. */
  | { readonly kind: "fn"; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: "name"; readonly name: string; readonly start: number; readonly end: number }
  /** A structured reference: `Tabel1[Realisasi]`, `Tabel1[[#Totals],[Realisasi]]` (spec: what is inside the brackets). */
  | { readonly kind: "struct"; readonly table: string; readonly spec: string; readonly start: number; readonly end: number }
  | { readonly kind: "op"; readonly op: string; readonly start: number; readonly end: number }
  | { readonly kind: "punct"; readonly op: "(" | ")" | "," | ":" | "{" | "}" | ";"; readonly start: number; readonly end: number };

const OPS2 = ["<=", ">=", "<>"];
const OPS1 = "+-*/^&=<>%";
const CELL_AT = /\$?([A-Za-z]{1,3})\$?(\d{1,7})/y;
const NUMBER_AT = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT_AT = /[A-Za-z_\\][A-Za-z0-9_.]*/y;

function letters(s: string): number {
  let col = 0;
  for (const ch of s.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** A cell reference at `at` (after any sheet prefix), or undefined. */
function cellAt(src: string, at: number): { row: number; col: number; rowAbs: boolean; colAbs: boolean; end: number } | undefined {
  CELL_AT.lastIndex = at;
  const m = CELL_AT.exec(src);
  if (!m) return undefined;
  const end = CELL_AT.lastIndex;
  // `A1B` or `LOG10(` are names, not references.
  if (end < src.length && /[A-Za-z0-9_.(!]/.test(src[end]!)) return undefined;
  const text = m[0];
  const colAbs = text.startsWith("$");
  const rowAbs = text.indexOf("$", 1) > 0;
  const col = letters(m[1]!);
  const row = Number(m[2]) - 1;
  if (col >= 16_384 || row < 0 || row >= 1_048_576) return undefined;
  return { row, col, rowAbs, colAbs, end };
}

/** Tokens of a formula (a leading `=` is skipped). */
export function tokenize(formula: string): Token[] {
  const src = formula;
  const out: Token[] = [];
  let i = src.startsWith("=") ? 1 : 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length) throw unsupported(`unclosed text in ${formula}`, `teks tidak ditutup dalam ${formula}`);
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ kind: "str", value: s, start, end: i });
      continue;
    }
    if (ch === "#") {
      const code = SHEET_ERROR_CODES.find((c) => src.startsWith(c, i) || src.toUpperCase().startsWith(c, i));
      if (!code) throw unsupported(`unknown error value in ${formula}`, `nilai galat tidak dikenal dalam ${formula}`);
      i += code.length;
      out.push({ kind: "err", value: code, start, end: i });
      continue;
    }
    if (ch === "'") {
      // 'Sheet name'!A1 — a quote inside is doubled.
      let name = "";
      i++;
      for (;;) {
        if (i >= src.length) throw unsupported(`unclosed sheet name in ${formula}`, `nama lembar tidak ditutup dalam ${formula}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += src[i++];
      }
      if (src[i] !== "!") throw unsupported(`a quoted name without ! in ${formula}`, `nama berkutip tanpa ! dalam ${formula}`);
      const cell = cellAt(src, i + 1);
      if (!cell) throw unsupported(`a sheet reference the evaluator does not read in ${formula}`, `rujukan lembar yang tidak dapat dibaca dalam ${formula}`);
      out.push({ kind: "ref", sheet: name, ...cell, cellStart: i + 1, start, end: cell.end });
      i = cell.end;
      continue;
    }
    if ((ch >= "0" && ch <= "9") || (ch === "." && /\d/.test(src[i + 1] ?? ""))) {
      NUMBER_AT.lastIndex = i;
      const m = NUMBER_AT.exec(src)!;
      // `1:1` (a whole row) is not read.
      if (src[NUMBER_AT.lastIndex] === ":" && /^\d+$/.test(m[0]) && /\$?\d/.test(src[NUMBER_AT.lastIndex + 1] ?? "")) {
        throw unsupported(`whole-row references are not evaluated (${formula})`, `rujukan baris utuh tidak dihitung (${formula})`);
      }
      i = NUMBER_AT.lastIndex;
      out.push({ kind: "num", value: Number(m[0]), start, end: i });
      continue;
    }
    if (ch === "$" || /[A-Za-z_\\]/.test(ch)) {
      const cell = cellAt(src, i);
      if (cell) {
        out.push({ kind: "ref", ...cell, cellStart: i, start, end: cell.end });
        i = cell.end;
        continue;
      }
      IDENT_AT.lastIndex = i;
      const m = IDENT_AT.exec(src);
      if (!m) throw unsupported(`cannot read ${formula} at "${src.slice(i, i + 12)}"`, `tidak dapat membaca ${formula} pada "${src.slice(i, i + 12)}"`);
      const word = m[0];
      i = IDENT_AT.lastIndex;
      if (src[i] === "(") {
        out.push({ kind: "fn", name: word, start, end: ++i });
        continue;
      }
      if (src[i] === "!") {
        const c = cellAt(src, i + 1);
        if (!c) throw unsupported(`a sheet reference the evaluator does not read in ${formula}`, `rujukan lembar yang tidak dapat dibaca dalam ${formula}`);
        out.push({ kind: "ref", sheet: word, ...c, cellStart: i + 1, start, end: c.end });
        i = c.end;
        continue;
      }
      if (src[i] === "[") {
        // Balanced brackets; an apostrophe escapes the next character (`'[`, `']`, `'#`, `''`).
        let depth = 0;
        let j = i;
        for (; j < src.length; j++) {
          if (src[j] === "'") j++;
          else if (src[j] === "[") depth++;
          else if (src[j] === "]" && --depth === 0) break;
        }
        if (depth !== 0) throw unsupported(`an unclosed structured reference in ${formula}`, `rujukan terstruktur tidak ditutup dalam ${formula}`);
        out.push({ kind: "struct", table: word, spec: src.slice(i + 1, j), start, end: j + 1 });
        i = j + 1;
        continue;
      }
      const upper = word.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") out.push({ kind: "bool", value: upper === "TRUE", start, end: i });
      else out.push({ kind: "name", name: word, start, end: i });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPS2.includes(two)) {
      out.push({ kind: "op", op: two, start, end: (i += 2) });
      continue;
    }
    if (OPS1.includes(ch)) {
      out.push({ kind: "op", op: ch, start, end: ++i });
      continue;
    }
    if ("(),:{};".includes(ch)) {
      out.push({ kind: "punct", op: ch as "(", start, end: ++i });
      continue;
    }
    throw unsupported(`cannot read ${formula} at "${src.slice(i, i + 12)}"`, `tidak dapat membaca ${formula} pada "${src.slice(i, i + 12)}"`);
  }
  return out;
}
