/**
 * Reads a page of records straight from OMSPAN's response text into columns, without JSON.parse.
 *
 * OMSPAN sends rows as a compact JSON array of flat records whose values are all strings, every record
 * carrying the same fields in the same order. For that form — and only that form — one pass that checks
 * each field name, converts each value and dictionary-encodes each code costs about what JSON.parse
 * alone costs, where JSON.parse and then converting its objects costs a third more and leaves 400,000
 * objects for the collector. Anything else (whitespace between tokens, an escape, a record shaped
 * otherwise, a field the table does not know yet, a value the model rejects) makes the reader decline
 * with `undefined`, adding nothing to the table, and the caller takes the JSON.parse path, which accepts all
 * of JSON and names what is wrong. The reader never accepts text JSON.parse would refuse and never reads
 * a value differently; `test/unit/page-reader.test.ts` holds it to that.
 */
import { parseNumber } from "../convert";
import type { ColumnKind } from "../datasets/columns";
import { escapedInJson, type NumberColumnBuilder, type TextColumnBuilder } from "../columnar/table";

/** A page already in columns: for each field present, ids into its text column's dictionary or numbers. */
export class ColumnarPage {
  constructor(
    readonly length: number,
    /** The page's fields, in wire order. */
    readonly keys: readonly string[],
    /** `columns[i]` holds field `keys[i]`: Uint32Array ids for text, Float64Array (NaN = absent) for numbers. */
    readonly columns: readonly (Uint32Array | Float64Array)[],
  ) {}

  column(key: string): Uint32Array | Float64Array | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.columns[i];
  }
}

/** A page as the client hands it on: parsed records, or columns read straight from the text. */
export type Page = readonly unknown[] | ColumnarPage;

/** What the reader needs to know of a table column. */
export interface ReadSlot {
  readonly key: string;
  readonly kind: ColumnKind;
  readonly optional: boolean;
  readonly numeric: boolean;
  readonly builder: TextColumnBuilder | NumberColumnBuilder;
}

export interface ReadTarget {
  readonly slots: readonly ReadSlot[];
  slot(key: string): ReadSlot | undefined;
  /** `DD-MON-YY` text → day number (NaN when malformed), cached by the caller. */
  date(text: string): number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** Whole numbers of up to 15 digits are computed digit by digit, exactly (10^15 < 2^53). */
const EXACT_DIGITS = 15;

/** The field names of the first record, when it is `{"K":"v",…}` with plain, distinct names. */
function firstRecordKeys(body: string): string[] | undefined {
  const keys: string[] = [];
  let p = 1;
  if (body.charCodeAt(p) !== OPEN_BRACE) return undefined;
  for (;;) {
    if (body.charCodeAt(p + 1) !== QUOTE) return undefined;
    const keyEnd = body.indexOf('"', p + 2);
    if (keyEnd < 0 || body.charCodeAt(keyEnd + 1) !== 0x3a || body.charCodeAt(keyEnd + 2) !== QUOTE) return undefined;
    const key = body.slice(p + 2, keyEnd);
    if (escapedInJson(key) || keys.includes(key)) return undefined;
    keys.push(key);
    const valueEnd = body.indexOf('"', keyEnd + 3);
    if (valueEnd < 0) return undefined;
    const c = body.charCodeAt(valueEnd + 1);
    if (c === CLOSE_BRACE) return keys;
    if (c !== COMMA) return undefined;
    p = valueEnd + 1;
  }
}

/**
 * A copy of a slice of the page that holds on to nothing else. V8 may represent a slice as a view into
 * the whole 1.6 MB page; a dictionary entry (or a date-cache key) outlives the page, and must not keep
 * it. Only new dictionary entries and dates unlike the previous row's pay for this, and only texts
 * long enough to be views (OMSPAN's `DD-MON-YY` never is).
 */
function detached(slice: string): string {
  return slice.length < 13 ? slice : (JSON.parse(`"${slice}"`) as string);
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Reads `body` into a ColumnarPage, or declines with undefined. Either way no row is added yet: pages
 * are read as they arrive and added in order (TableBuilder.addPage).
 */
export function readColumnarPage(body: string, target: ReadTarget): ColumnarPage | undefined {
  if (body.charCodeAt(0) !== OPEN_BRACKET || body.charCodeAt(1) !== OPEN_BRACE) return undefined;
  // Escapes are left to JSON.parse. Rather than scan the whole page for a backslash, every text the
  // reader takes is checked once: field names, values new to a dictionary or the date cache, and values
  // found in a dictionary that holds escaped text. A value is otherwise the text up to the next quote; a
  // backslash before that quote would be in the text, and the check declines it.
  const keys = firstRecordKeys(body);
  if (!keys) return undefined;
  const slots: ReadSlot[] = [];
  for (const k of keys) {
    const s = target.slot(k);
    if (!s) return undefined; // a new field: the JSON.parse path adds its column
    slots.push(s);
  }
  const names = slots.map((s) => s.key);
  for (const s of target.slots) if (!s.optional && !keys.includes(s.key)) return undefined;

  // Dictionary entries a declined read added stay unused, and the table's build drops them.
  const read = new PageRead(body, slots, target);
  return read.run() ? new ColumnarPage(read.rows, names, read.trimmed()) : undefined;
}

/** One pass over one page; `run` is false when the text is not in the compact form it reads. */
class PageRead {
  rows = 0;
  private capacity: number;
  private readonly tokens: string[];
  private readonly kinds: Int8Array; // 0 text, 1 number, 2 date
  private readonly columns: (Uint32Array | Float64Array)[];
  /** Per field, the last value's text and what it became: consecutive records mostly repeat codes. */
  private readonly lastText: string[];
  private readonly lastValue: Float64Array;
  private readonly hasLast: Uint8Array;

  constructor(
    private readonly body: string,
    private readonly slots: readonly ReadSlot[],
    private readonly target: ReadTarget,
  ) {
    this.tokens = slots.map((s, i) => `${i === 0 ? "{" : ","}"${s.key}":"`);
    this.kinds = Int8Array.from(slots, (s) => (!s.numeric ? 0 : s.kind === "date" ? 2 : 1));
    // Size the columns from the first record's length; they grow if the guess was short.
    const firstLength = body.indexOf("}") + 2;
    this.capacity = Math.ceil((body.length / Math.max(firstLength, 16)) * 1.1) + 16;
    this.columns = slots.map((s) => (s.numeric ? new Float64Array(this.capacity) : new Uint32Array(this.capacity)));
    this.lastText = slots.map(() => "");
    this.lastValue = new Float64Array(slots.length);
    this.hasLast = new Uint8Array(slots.length);
  }

  run(): boolean {
    const { body, tokens, kinds } = this;
    const width = tokens.length;
    let p = 1;
    for (;;) {
      if (this.rows === this.capacity) this.grow();
      const row = this.rows;
      for (let f = 0; f < width; f++) {
        const token = tokens[f]!;
        if (!body.startsWith(token, p)) return false;
        p += token.length;
        const kind = kinds[f];
        p = kind === 0 ? this.text(f, p, row) : kind === 1 ? this.number(f, p, row) : this.date(f, p, row);
        if (p < 0) return false;
        p++; // the closing quote
      }
      if (body.charCodeAt(p) !== CLOSE_BRACE) return false;
      this.rows++;
      const c = body.charCodeAt(p + 1);
      if (c === COMMA) p += 2;
      else if (c === CLOSE_BRACKET) return this.onlySpaceFrom(p + 2);
      else return false;
    }
  }

  /** Reads a code or name at `p`; returns the position of its closing quote, or −1. */
  private text(f: number, p: number, row: number): number {
    const body = this.body;
    const last = this.lastText[f]!;
    const ids = this.columns[f] as Uint32Array;
    if (this.hasLast[f] === 1 && body.charCodeAt(p + last.length) === QUOTE && body.startsWith(last, p)) {
      ids[row] = this.lastValue[f]!;
      return p + last.length;
    }
    const end = body.indexOf('"', p);
    if (end < 0) return -1;
    const value = body.slice(p, end);
    const builder = this.slots[f]!.builder as TextColumnBuilder;
    let id = builder.find(value);
    if (id < 0) {
      if (escapedInJson(value)) return -1;
      id = builder.idOf(detached(value));
    } else if (builder.holdsEscapedText && escapedInJson(value)) return -1;
    ids[row] = id;
    this.lastText[f] = value;
    this.lastValue[f] = id;
    this.hasLast[f] = 1;
    return end;
  }

  /** Reads an amount, number or percent at `p`: whole numbers digit by digit, the rest by parseNumber. */
  private number(f: number, p: number, row: number): number {
    const body = this.body;
    const start = p;
    let c = body.charCodeAt(p);
    const negative = c === MINUS;
    if (negative) c = body.charCodeAt(++p);
    const digits = p;
    let v = 0;
    while (c >= ZERO && c <= NINE) {
      v = v * 10 + (c - ZERO);
      c = body.charCodeAt(++p);
    }
    if (c === QUOTE && p > digits && p - digits <= EXACT_DIGITS) {
      (this.columns[f] as Float64Array)[row] = negative ? -v : v;
      return p;
    }
    const end = body.indexOf('"', start);
    if (end < 0) return -1;
    const text = body.slice(start, end);
    const n = parseNumber(text);
    if (n !== n && !(this.slots[f]!.optional && text === "")) return -1;
    (this.columns[f] as Float64Array)[row] = n;
    return end;
  }

  /** Reads a `DD-MON-YY` date at `p`. */
  private date(f: number, p: number, row: number): number {
    const body = this.body;
    const end = body.indexOf('"', p);
    if (end < 0) return -1;
    const last = this.lastText[f]!;
    const values = this.columns[f] as Float64Array;
    if (this.hasLast[f] === 1 && end - p === last.length && body.startsWith(last, p)) {
      values[row] = this.lastValue[f]!;
      return end;
    }
    const text = body.slice(p, end);
    if (escapedInJson(text)) return -1;
    const day = this.target.date(detached(text)); // the builder caches it by its text
    if (day !== day && !(this.slots[f]!.optional && text === "")) return -1;
    values[row] = day;
    this.lastText[f] = text;
    this.lastValue[f] = day;
    this.hasLast[f] = 1;
    return end;
  }

  private onlySpaceFrom(p: number): boolean {
    for (; p < this.body.length; p++) if (!isJsonSpace(this.body.charCodeAt(p))) return false;
    return true;
  }

  private grow(): void {
    this.capacity *= 2;
    for (let i = 0; i < this.columns.length; i++) {
      const old = this.columns[i]!;
      const grown = old instanceof Float64Array ? new Float64Array(this.capacity) : new Uint32Array(this.capacity);
      grown.set(old);
      this.columns[i] = grown;
    }
  }

  trimmed(): (Uint32Array | Float64Array)[] {
    return this.columns.map((c) => c.subarray(0, this.rows));
  }
}
