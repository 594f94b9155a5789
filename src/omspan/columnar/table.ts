/**
 * A dataset held column by column: text columns dictionary-encoded (a few hundred distinct satker or akun
 * codes stand for 400,000 rows), numbers and dates in Float64Arrays (NaN = absent). This keeps the full
 * Realisasi profile to a few tens of MB and makes index building a pass over small integers.
 */
import type { ColumnKind } from "../datasets/columns";
import { ColumnChunks } from "./column-chunks";

/**
 * Whether JSON must escape some character of `s`: a control character or a backslash. Raw in a page,
 * the first is not JSON and the second starts an escape; the page reader reads neither.
 */
export function escapedInJson(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x5c) return true;
  }
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

/** Builds one text column incrementally (ids into a working dictionary; consecutive repeats skip the Map). */
export class TextColumnBuilder {
  private readonly idByValue = new Map<string, number>();
  private readonly dict: string[] = [];
  private readonly ids = new ColumnChunks<Uint32Array>((n) => new Uint32Array(n));
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
    this.ids.push(id);
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
      if (!this.holdsEscapedText && escapedInJson(value)) this.holdsEscapedText = true;
    }
    return id;
  }

  /**
   * Whether some value holds a character JSON escapes (it came through JSON.parse). The page reader then
   * checks even the values it finds here: raw in a page, such a character is not the same value.
   */
  holdsEscapedText = false;

  /** Appends a row already encoded as an id of this dictionary. */
  pushId(id: number): void {
    this.ids.push(id);
  }

  /** Appends rows already encoded as ids of this dictionary (kept as they are: not to be written again). */
  pushIds(ids: Uint32Array): void {
    this.ids.append(ids);
  }

  /** Drops rows from `n` on (a record that failed half-way). */
  truncate(n: number): void {
    this.ids.truncate(n);
  }

  valueAt(row: number): string {
    return this.dict[this.ids.at(row)]!;
  }

  idAt(row: number): number {
    return this.ids.at(row);
  }

  /**
   * The column, its dictionary renumbered by first appearance in row order. Pages read as they arrived
   * (or read and then not used) leave the working dictionary in another order, with entries no row
   * uses; the table is the same however its pages came.
   */
  build(): TextColumn {
    const renumbered = new Int32Array(this.dict.length).fill(-1);
    const dict: string[] = [];
    const chunks = this.ids.chunks();
    // In first-appearance order already (pages read in order), the ids are copied as they are.
    const ids = this.dict.length <= 0xffff ? new Uint16Array(this.ids.length) : new Uint32Array(this.ids.length);
    if (inFirstAppearanceOrder(chunks, this.dict.length)) {
      let at = 0;
      for (const chunk of chunks) {
        ids.set(chunk, at);
        at += chunk.length;
      }
      return { kind: "text", dict: this.dict.slice(), ids };
    }
    let r = 0;
    for (const chunk of chunks) {
      for (let i = 0; i < chunk.length; i++) {
        const old = chunk[i]!;
        let id = renumbered[old]!;
        if (id < 0) {
          id = renumbered[old] = dict.length;
          dict.push(this.dict[old]!);
        }
        ids[r++] = id;
      }
    }
    return { kind: "text", dict, ids };
  }
}

/** Whether every id first appears after all smaller ones, and every id of the dictionary appears. */
function inFirstAppearanceOrder(chunks: readonly Uint32Array[], dictSize: number): boolean {
  let next = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const id = chunk[i]!;
      if (id >= next) {
        if (id !== next) return false;
        next++;
      }
    }
  }
  return next === dictSize;
}

/** Builds one number column incrementally. */
export class NumberColumnBuilder {
  private readonly values = new ColumnChunks<Float64Array>((n) => new Float64Array(n));

  push(value: number): void {
    this.values.push(value);
  }

  /** Appends rows as they are (not to be written again). */
  pushAll(values: Float64Array): void {
    this.values.append(values);
  }

  truncate(n: number): void {
    this.values.truncate(n);
  }

  valueAt(row: number): number {
    return this.values.at(row);
  }

  build(): NumberColumn {
    const values = new Float64Array(this.values.length);
    let at = 0;
    for (const chunk of this.values.chunks()) {
      values.set(chunk, at);
      at += chunk.length;
    }
    return { kind: "number", values };
  }
}
