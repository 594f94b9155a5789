/**
 * A dataset held column by column: text columns dictionary-encoded (a few hundred distinct satker or akun
 * codes stand for 400,000 rows), numbers and dates in Float64Arrays (NaN = absent). This keeps the full
 * Realisasi profile to a few tens of MB and makes index building a pass over small integers.
 */
import type { ColumnKind } from "./datasets/columns";

/** JSON forbids raw control characters inside strings. */
export function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}

export interface TextColumn {
  readonly kind: "text";
  /** Distinct values; `ids[row]` indexes into it. */
  readonly dict: readonly string[];
  readonly ids: Uint16Array | Uint32Array;
}

export interface NumberColumn {
  readonly kind: "number";
  readonly values: Float64Array;
}

export type Column = TextColumn | NumberColumn;

export interface Table {
  readonly rowCount: number;
  /** Column order as on the wire (model columns first, then unknown extras). */
  readonly columnNames: readonly string[];
  /** The wire kind of each column (`code`, `amount`, `date`…); extras are `name`. */
  readonly kinds: Readonly<Record<string, ColumnKind>>;
  readonly columns: Readonly<Record<string, Column>>;
}

/** The text of a row's value in a text column, or undefined for a number column. */
export function textAt(table: Table, column: string, row: number): string | undefined {
  const c = table.columns[column];
  return c?.kind === "text" ? c.dict[c.ids[row]!] : undefined;
}

/** The number at a row in a number or date column (NaN when absent). */
export function numberAt(table: Table, column: string, row: number): number {
  const c = table.columns[column];
  return c?.kind === "number" ? c.values[row]! : Number.NaN;
}

/** Builds one text column incrementally (ids in a growing Uint32Array; consecutive repeats skip the Map). */
export class TextColumnBuilder {
  private readonly idByValue = new Map<string, number>();
  private readonly dict: string[] = [];
  private ids = new Uint32Array(1024);
  private length = 0;
  private last: string | undefined;
  private lastId = 0;

  /** Fills `count` leading rows with "" (an extra column first seen on a later page). */
  constructor(count = 0) {
    for (let i = 0; i < count; i++) this.push("");
  }

  push(value: string): void {
    let id: number;
    if (value === this.last) id = this.lastId;
    else {
      id = this.idOf(value);
      this.last = value;
      this.lastId = id;
    }
    if (this.length === this.ids.length) this.reserve(1);
    this.ids[this.length++] = id;
  }

  /** The value's id in the dictionary, or −1. */
  find(value: string): number {
    return this.idByValue.get(value) ?? -1;
  }

  /** The value's id in the dictionary, added when new. */
  idOf(value: string): number {
    let id = this.idByValue.get(value);
    if (id === undefined) {
      id = this.dict.length;
      this.dict.push(value);
      this.idByValue.set(value, id);
      if (!this.holdsControlChars && hasControlChar(value)) this.holdsControlChars = true;
    }
    return id;
  }

  /**
   * Whether some value holds a control character (it came escaped, through JSON.parse). The page reader
   * then checks even the values it finds here: raw in a page, such a character is not JSON.
   */
  holdsControlChars = false;

  /** Appends rows already encoded as ids of this dictionary. */
  pushIds(ids: Uint32Array): void {
    if (this.length + ids.length > this.ids.length) this.reserve(ids.length);
    this.ids.set(ids, this.length);
    this.length += ids.length;
  }

  private reserve(more: number): void {
    const grown = new Uint32Array(Math.max(this.ids.length * 2, this.length + more));
    grown.set(this.ids.subarray(0, this.length));
    this.ids = grown;
  }

  /** Drops rows from `n` on (a record that failed half-way). */
  truncate(n: number): void {
    this.length = Math.min(this.length, n);
  }

  valueAt(row: number): string {
    return this.dict[this.ids[row]!]!;
  }

  idAt(row: number): number {
    return this.ids[row]!;
  }

  /**
   * The column, its dictionary renumbered by first appearance in row order. Pages read as they arrived
   * (or read and then not used) leave the working dictionary in another order, with entries no row
   * uses; the table is the same however its pages came.
   */
  build(): TextColumn {
    const n = this.length;
    const from = this.ids;
    const renumbered = new Int32Array(this.dict.length).fill(-1);
    const dict: string[] = [];
    const ids = this.dict.length <= 0xffff ? new Uint16Array(n) : new Uint32Array(n);
    for (let r = 0; r < n; r++) {
      const old = from[r]!;
      let id = renumbered[old]!;
      if (id < 0) {
        id = renumbered[old] = dict.length;
        dict.push(this.dict[old]!);
      }
      ids[r] = id;
    }
    return { kind: "text", dict, ids };
  }
}

/** Builds one number column incrementally. */
export class NumberColumnBuilder {
  private values = new Float64Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) this.reserve(1);
    this.values[this.length++] = value;
  }

  pushAll(values: Float64Array): void {
    if (this.length + values.length > this.values.length) this.reserve(values.length);
    this.values.set(values, this.length);
    this.length += values.length;
  }

  private reserve(more: number): void {
    const grown = new Float64Array(Math.max(this.values.length * 2, this.length + more));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }

  truncate(n: number): void {
    this.length = Math.min(this.length, n);
  }

  valueAt(row: number): number {
    return this.values[row]!;
  }

  build(): NumberColumn {
    return { kind: "number", values: this.values.slice(0, this.length) };
  }
}
