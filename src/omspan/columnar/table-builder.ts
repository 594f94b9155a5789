/**
 * Turns pages of OMSPAN records into a columnar Table, converting at the edge and checking every record
 * against the dataset's column model. A page comes either already in columns (page-reader.ts, OMSPAN's
 * usual compact form, read as it arrives) or as records parsed by JSON.parse; both end in the same table.
 * On the record path the per-row check is a tight loop over the model; only a failing record goes
 * through the zod schema, to name the field in the error.
 */
import type { DatasetSpec } from "../datasets/catalog";
import type { ColumnKind } from "../datasets/columns";
import { parseNumber, parseOmspanDate } from "../convert";
import { BadDataError, BadResponseError } from "../errors";
import { NumberColumnBuilder, TextColumnBuilder, type Column, type Table } from "./table";
import { ColumnarPage, readColumnarPage, type Page, type ReadTarget } from "../wire/page-reader";

type Builder = TextColumnBuilder | NumberColumnBuilder;

interface Slot<B extends Builder = Builder> {
  readonly key: string;
  readonly kind: ColumnKind;
  readonly optional: boolean;
  readonly numeric: boolean;
  readonly builder: B;
}

interface Layout {
  readonly order: readonly Slot[];
  readonly missing: readonly Slot[];
}

const isNumeric = (k: ColumnKind) => k !== "code" && k !== "name";

export class TableBuilder {
  private readonly slots: Slot[] = [];
  private readonly textSlots: Slot<TextColumnBuilder>[] = [];
  private readonly numberSlots: Slot<NumberColumnBuilder>[] = [];
  private readonly known = new Set<string>();
  private readonly slotByKey = new Map<string, Slot>();
  private rows = 0;
  /** ROWNUM → 1 + the table row it was added as (0: not seen). */
  private rowOfRownum: Int32Array = new Int32Array(0);
  private readonly dateCache = new Map<string, number>();
  /** Rows dropped because an overlapping page sent them twice. */
  duplicates = 0;

  constructor(private readonly spec: DatasetSpec) {
    for (const [key, c] of Object.entries(spec.columns)) this.addSlot(key, c.kind, c.optional ?? false);
  }

  get rowCount(): number {
    return this.rows;
  }

  private addSlot(key: string, kind: ColumnKind, optional: boolean): void {
    if (isNumeric(kind)) {
      const builder = new NumberColumnBuilder();
      for (let i = 0; i < this.rows; i++) builder.push(Number.NaN);
      const slot = { key, kind, optional, numeric: true, builder };
      this.slots.push(slot);
      this.numberSlots.push(slot);
      this.slotByKey.set(key, slot);
    } else {
      const slot = { key, kind, optional, numeric: false, builder: new TextColumnBuilder(this.rows) };
      this.slots.push(slot);
      this.textSlots.push(slot);
      this.slotByKey.set(key, slot);
    }
    this.known.add(key);
  }

  /**
   * Reads a page's response text straight into columns (see page-reader.ts), or undefined when the text
   * is not in OMSPAN's compact form — the caller then parses it and hands the records to `addPage`.
   * Pages may be read in any order (as they arrive); they are added in order.
   */
  readPage(body: string): ColumnarPage | undefined {
    return readColumnarPage(body, this.readTarget);
  }

  private readonly readTarget: ReadTarget = {
    slots: this.slots,
    slot: (key) => this.slotByKey.get(key),
    date: (text) => this.date(text),
  };

  /**
   * Adds one page: parsed records, or columns from `readPage`. `firstRow` is the 1-based position of the
   * page's first record in the whole pull, for error messages. Unknown fields seen on a page's first
   * record become extra columns.
   */
  addPage(page: Page, firstRow = this.rows + 1): void {
    if (page instanceof ColumnarPage) return this.addColumnarPage(page);
    const records = page;
    const first = records[0];
    if (first && typeof first === "object") {
      for (const key of Object.keys(first)) if (!this.known.has(key)) this.addSlot(key, "name", true);
    }
    const rownumSlot = this.spec.paged ? "ROWNUM" : undefined;
    let layout = first && typeof first === "object" ? this.layoutOf(first as object) : undefined;
    for (let i = 0; i < records.length; i++) {
      const rec = records[i] as Record<string, unknown>;
      if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
        throw new BadDataError({ dataset: this.spec.id, row: firstRow + i, field: "(record)", value: String(rec) });
      }
      const rownum = rownumSlot ? this.rownumOf(rec[rownumSlot]) : -1;
      if (rownum >= 0 && this.isDuplicate(rec, rownum)) continue;
      if (!layout || !this.addInLayout(rec, layout)) {
        const columns = this.slots.length;
        this.addRecord(rec, firstRow + i);
        // A field first seen on this record became a column: later records need it in their layout.
        if (this.slots.length !== columns) layout = this.layoutOf(first as object);
      }
      if (rownum >= 0) this.rowOfRownum[rownum] = this.rows;
    }
  }

  /**
   * The page's field order, taken from its first record: OMSPAN's records share one layout, so the
   * fast path walks each record's own keys (for…in over one hidden class reads fields by index) instead
   * of looking every column up by name. Null when a model field is absent and not optional.
   */
  private layoutOf(first: object): Layout | undefined {
    const keys = Object.keys(first);
    const order = keys.map((k) => this.slotByKey.get(k)!);
    const present = new Set(keys);
    const missing = this.slots.filter((s) => !present.has(s.key));
    if (missing.some((s) => !s.optional)) return undefined;
    return { order, missing };
  }

  /**
   * Adds a page read into columns: its columns are kept as they are. A ROWNUM seen before sends the page
   * through `addColumnarRows`, which drops the repeats or fails the pull as the record path does.
   */
  private addColumnarPage(page: ColumnarPage): void {
    const start = this.rows;
    const rownums = this.spec.paged ? page.column("ROWNUM") : undefined;
    if (rownums) {
      for (let r = 0; r < page.length; r++) {
        const n = this.rownumOf(rownums[r]);
        if (n < 0) continue;
        if (this.rowOfRownum[n] !== 0) {
          for (let q = 0; q < r; q++) {
            const earlier = this.rownumOf(rownums[q]);
            if (earlier >= 0) this.rowOfRownum[earlier] = 0;
          }
          return this.addColumnarRows(page, rownums);
        }
        this.rowOfRownum[n] = start + r + 1;
      }
    }
    for (const slot of this.slots) {
      const values = page.column(slot.key);
      if (slot.numeric) {
        const b = slot.builder as NumberColumnBuilder;
        if (values) b.pushAll(values as Float64Array);
        else for (let r = 0; r < page.length; r++) b.push(Number.NaN);
      } else {
        const b = slot.builder as TextColumnBuilder;
        if (values) b.pushIds(values as Uint32Array);
        else for (let r = 0; r < page.length; r++) b.push("");
      }
    }
    this.rows += page.length;
  }

  /** Row by row, for a read page holding a ROWNUM seen before. */
  private addColumnarRows(page: ColumnarPage, rownums: Uint32Array | Float64Array): void {
    const columns = this.slots.map((s) => page.column(s.key));
    for (let r = 0; r < page.length; r++) {
      const n = this.rownumOf(rownums[r]);
      const seen = n >= 0 ? this.rowOfRownum[n]! : 0;
      if (seen !== 0) {
        const same = this.slots.every((s, i) => {
          const stored = s.builder.valueAt(seen - 1);
          const v = columns[i] ? columns[i]![r]! : Number.NaN;
          if (s.numeric) return stored === v || (stored !== stored && v !== v);
          return columns[i] ? (s.builder as TextColumnBuilder).idAt(seen - 1) === v : stored === "";
        });
        if (!same) throw this.shiftedNumbering(n);
        this.duplicates++;
        continue;
      }
      this.slots.forEach((s, i) => {
        const c = columns[i];
        if (s.numeric) (s.builder as NumberColumnBuilder).push(c ? c[r]! : Number.NaN);
        else if (c) (s.builder as TextColumnBuilder).pushId(c[r]!);
        else (s.builder as TextColumnBuilder).push("");
      });
      this.rows++;
      if (n >= 0) this.rowOfRownum[n] = this.rows;
    }
  }

  /** Adds a record laid out like the page's first; false (nothing added) when it is laid out otherwise. */
  private addInLayout(rec: Record<string, unknown>, layout: Layout): boolean {
    const order = layout.order;
    let i = 0;
    for (const k in rec) {
      const slot = order[i];
      const raw = rec[k];
      if (slot === undefined || slot.key !== k || typeof raw !== "string") return this.undo();
      if (slot.numeric) {
        const v = slot.kind === "date" ? this.date(raw) : parseNumber(raw);
        if (v !== v && !(slot.optional && raw === "")) return this.undo();
        (slot.builder as NumberColumnBuilder).push(v);
      } else {
        (slot.builder as TextColumnBuilder).push(raw);
      }
      i++;
    }
    if (i !== order.length) return this.undo();
    for (const slot of layout.missing) {
      if (slot.numeric) (slot.builder as NumberColumnBuilder).push(Number.NaN);
      else (slot.builder as TextColumnBuilder).push("");
    }
    this.rows++;
    return true;
  }

  private checkRequireOneOf(): void {
    const names = this.spec.requireOneOf;
    if (!names) return;
    const slots = this.slots.filter((s) => names.includes(s.key));
    for (let r = 0; r < this.rows; r++) {
      if (!slots.some((s) => s.builder.valueAt(r) !== "")) {
        throw new BadDataError({ dataset: this.spec.id, row: r + 1, field: names.join("/") });
      }
    }
  }

  /** Drops a half-added record; the slow path then adds it or names what is wrong with it. */
  private undo(): false {
    for (const s of this.slots) s.builder.truncate(this.rows);
    return false;
  }

  /**
   * Overlapping windows send a row twice: the same ROWNUM with the same data is dropped. The same ROWNUM
   * with other data means OMSPAN's numbering shifted between windows — some row may be missing — so the
   * pull fails rather than guess (de-duplicating on content alone would merge two real, identical
   * payments).
   */
  /** A usable ROWNUM (room made for it in the map), or −1: a record without one is never a duplicate. */
  private rownumOf(raw: unknown): number {
    const n = typeof raw === "string" ? Number(raw) : typeof raw === "number" ? raw : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 50_000_000) return -1;
    if (n >= this.rowOfRownum.length) {
      const grown = new Int32Array(Math.max(n + 1, this.rowOfRownum.length * 2, 1024));
      grown.set(this.rowOfRownum);
      this.rowOfRownum = grown;
    }
    return n;
  }

  private isDuplicate(rec: Record<string, unknown>, n: number): boolean {
    const seen = this.rowOfRownum[n]!;
    if (seen === 0) return false;
    if (!this.sameAsRow(rec, seen - 1)) throw this.shiftedNumbering(n);
    this.duplicates++;
    return true;
  }

  private shiftedNumbering(n: number): BadResponseError {
    return new BadResponseError(`row numbering shifted between windows (ROWNUM ${n} came twice with different data)`, {
      dataset: this.spec.id,
    });
  }

  private sameAsRow(rec: Record<string, unknown>, row: number): boolean {
    for (const s of this.slots) {
      const raw = rec[s.key];
      if (s.numeric) {
        const a = s.builder.valueAt(row) as number;
        const b = typeof raw === "string" ? (s.kind === "date" ? this.date(raw) : parseNumber(raw)) : Number.NaN;
        if (!(a === b || (a !== a && b !== b))) return false;
      } else if ((s.builder.valueAt(row) as string) !== (typeof raw === "string" ? raw : "")) return false;
    }
    return true;
  }

  private addRecord(rec: Record<string, unknown>, row: number): void {
    // Unknown fields are kept: a field the page's first record did not have becomes a column here.
    for (const key in rec) if (!this.known.has(key)) this.addSlot(key, "name", true);
    // Text and number columns in separate monomorphic loops; a record that fails half-way is rolled
    // back, so a bad record never leaves a half row behind.
    const texts = this.textSlots;
    for (let s = 0; s < texts.length; s++) {
      const slot = texts[s]!;
      const raw = rec[slot.key];
      if (typeof raw === "string") slot.builder.push(raw);
      else if (raw === undefined && slot.optional) slot.builder.push("");
      else this.rollback(rec, row, slot.key, raw);
    }
    const nums = this.numberSlots;
    for (let s = 0; s < nums.length; s++) {
      const slot = nums[s]!;
      const raw = rec[slot.key];
      let v: number;
      if (typeof raw === "string") {
        v = slot.kind === "date" ? this.date(raw) : parseNumber(raw);
        if (v !== v && !(slot.optional && raw === "")) this.rollback(rec, row, slot.key, raw);
      } else if (raw === undefined && slot.optional) v = Number.NaN;
      else this.rollback(rec, row, slot.key, raw);
      slot.builder.push(v);
    }
    this.rows++;
  }

  private date(raw: string): number {
    let d = this.dateCache.get(raw);
    if (d === undefined) {
      d = parseOmspanDate(raw);
      this.dateCache.set(raw, d);
    }
    return d;
  }

  private rollback(rec: Record<string, unknown>, row: number, field: string, raw: unknown): never {
    for (const s of this.slots) s.builder.truncate(this.rows);
    this.fail(rec, row, field, raw);
  }

  private fail(rec: Record<string, unknown>, row: number, field: string, raw: unknown): never {
    // Let the zod schema name the first structural problem when there is one; else the converted field.
    const parsed = this.spec.schema.safeParse(rec);
    const issueField = parsed.success ? undefined : parsed.error.issues[0]?.path.join(".");
    const f = issueField || field;
    const v = issueField ? rec[issueField] : raw;
    throw new BadDataError({
      dataset: this.spec.id,
      row,
      field: f,
      value: v === undefined ? undefined : String(v),
    });
  }

  build(): Table {
    this.checkRequireOneOf();
    const columns: Record<string, Column> = {};
    const kinds: Record<string, ColumnKind> = {};
    for (const s of this.slots) {
      columns[s.key] = s.builder.build();
      kinds[s.key] = s.kind;
    }
    return { rowCount: this.rows, columnNames: this.slots.map((s) => s.key), kinds, columns };
  }
}
