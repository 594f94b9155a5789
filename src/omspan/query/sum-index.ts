/**
 * The index every sum is answered from, built once per pulled dataset:
 *  - rows grouped by satker (CSR layout: `start[s]..start[s+1]` into `rows`);
 *  - a per-satker cube of the measure by akun, as a total and by month (when the dataset has dates).
 * Satker + akun (+ month range) questions — nearly all of them — read the cube: a few dozen additions.
 * Date ranges read per-(satker, akun) running totals (date-range-index.ts): binary searches.
 * Only program/sumber/… filter pairs scan, and only the selected satkers' rows, with dictionary masks,
 * never string compares per row (and each distinct question is answered once: sums.ts memoises).
 */
import type { Table, TextColumn } from "../columnar/table";
import { monthOfDay } from "../convert";
import { isAll, maskDictionary, type CodeFilter } from "./code-filter";
import type { ColumnFilter } from "./filter-pairs";
import { DateRangeIndex } from "./date-range-index";

export interface SumQuery {
  readonly satker: CodeFilter;
  readonly akun: CodeFilter;
  /** Inclusive day-number range over the date column. */
  readonly fromDay?: number;
  readonly toDay?: number;
  /** Inclusive month range 1–12 over the date column. */
  readonly fromMonth?: number;
  readonly toMonth?: number;
  readonly filters?: readonly ColumnFilter[];
}

const SLOTS = 13; // total + 12 months

export class SumIndex {
  private readonly satker: TextColumn;
  private readonly akun: TextColumn;
  private readonly amount: Float64Array;
  private readonly days?: Float64Array;
  private readonly start: Uint32Array;
  private readonly rows: Uint32Array;
  private readonly cubeAkun: Uint32Array[] = [];
  private readonly cubeValues: Float64Array[] = [];
  private readonly satkerById = new Map<string, number>();
  private readonly masks = new Map<string, Uint8Array>();
  /** Per parsed filter object: its mask / satker ids, so a repeated query skips even the key building. */
  private readonly maskByFilter = new WeakMap<CodeFilter, Uint8Array>();
  private readonly satkersByFilter = new WeakMap<CodeFilter, readonly number[]>();

  constructor(private readonly table: Table, satkerCol: string, akunCol: string, amountCol: string, dateCol?: string) {
    this.satker = table.columns[satkerCol] as TextColumn;
    this.akun = table.columns[akunCol] as TextColumn;
    this.amount = (table.columns[amountCol] as { values: Float64Array }).values;
    if (dateCol) this.days = (table.columns[dateCol] as { values: Float64Array }).values;
    this.satker.dict.forEach((code, id) => this.satkerById.set(code, id));
    [this.start, this.rows] = this.groupBySatker();
    this.buildCube();
  }

  private groupBySatker(): [Uint32Array, Uint32Array] {
    const n = this.table.rowCount;
    const ids = this.satker.ids;
    const start = new Uint32Array(this.satker.dict.length + 1);
    for (let r = 0; r < n; r++) start[ids[r]! + 1]!++;
    for (let s = 0; s < this.satker.dict.length; s++) start[s + 1]! += start[s]!;
    const fill = start.slice(0, -1);
    const rows = new Uint32Array(n);
    for (let r = 0; r < n; r++) rows[fill[ids[r]!]!++] = r;
    return [start, rows];
  }

  /** Month (1–12) of every day in the column's range, so the cube build never makes a Date per row. */
  private monthTable(): { base: number; months: Uint8Array } | undefined {
    if (!this.days) return undefined;
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of this.days) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (!(hi >= lo) || hi - lo > 366 * 50) return undefined;
    const months = new Uint8Array(hi - lo + 1);
    for (let d = lo; d <= hi; d++) months[d - lo] = monthOfDay(d);
    return { base: lo, months };
  }

  private buildCube(): void {
    const akunIds = this.akun.ids;
    const table = this.monthTable();
    const slotOf = new Int32Array(this.akun.dict.length).fill(-1);
    for (let s = 0; s < this.satker.dict.length; s++) {
      const present: number[] = [];
      for (let i = this.start[s]!; i < this.start[s + 1]!; i++) {
        const a = akunIds[this.rows[i]!]!;
        if (slotOf[a] === -1) slotOf[a] = present.push(a) - 1;
      }
      const values = new Float64Array(present.length * SLOTS);
      for (let i = this.start[s]!; i < this.start[s + 1]!; i++) {
        const r = this.rows[i]!;
        const base = slotOf[akunIds[r]!]! * SLOTS;
        const v = this.amount[r]!;
        if (Number.isNaN(v)) continue;
        values[base] += v;
        if (this.days) {
          const d = this.days[r]!;
          if (!Number.isNaN(d)) values[base + (table ? table.months[d - table.base]! : monthOfDay(d))] += v;
        }
      }
      for (const a of present) slotOf[a] = -1;
      this.cubeAkun.push(Uint32Array.from(present));
      this.cubeValues.push(values);
    }
  }

  /** Satker ids a filter selects (cached by the filter's identity). */
  private satkerIds(f: CodeFilter): readonly number[] {
    let ids = this.satkersByFilter.get(f);
    if (!ids) {
      ids = this.resolveSatkers(f);
      this.satkersByFilter.set(f, ids);
    }
    return ids;
  }

  private resolveSatkers(f: CodeFilter): readonly number[] {
    if (isAll(f)) return this.allSatker ?? (this.allSatker = this.satker.dict.map((_, i) => i));
    if (f.exclude.length === 0 && f.include.every((p) => !p.prefix)) {
      // A set: a satker named twice ("600001,600001", or 60038 and "060038") is still summed once.
      const out = new Set<number>();
      for (const p of f.include) {
        const id = this.satkerById.get(p.code);
        if (id !== undefined) out.add(id);
      }
      return [...out];
    }
    const mask = this.mask("satker", f, this.satker);
    const out: number[] = [];
    mask.forEach((m, i) => m && out.push(i));
    return out;
  }
  private allSatker?: number[];

  private mask(name: string, f: CodeFilter, col: TextColumn): Uint8Array {
    const known = this.maskByFilter.get(f);
    if (known) return known;
    const m = this.maskFor(name, f, col);
    this.maskByFilter.set(f, m);
    return m;
  }

  private maskFor(name: string, f: CodeFilter, col: TextColumn): Uint8Array {
    const key = `${name}|${JSON.stringify(f)}`;
    let m = this.masks.get(key);
    if (!m) {
      m = maskDictionary(f, col.dict);
      if (this.masks.size > 10_000) this.masks.clear();
      this.masks.set(key, m);
    }
    return m;
  }

  /** The sum of the measure over everything the query selects (0 when nothing matches). */
  sum(q: SumQuery): number {
    const satkers = this.satkerIds(q.satker);
    const akunAll = isAll(q.akun);
    const akunMask = akunAll ? undefined : this.mask("akun", q.akun, this.akun);
    const hasDays = q.fromDay !== undefined || q.toDay !== undefined;
    const hasMonths = q.fromMonth !== undefined || q.toMonth !== undefined;
    if ((q.filters?.length ?? 0) > 0 || (hasDays && hasMonths)) return this.scan(satkers, akunMask, q);
    if (hasDays && this.days) return this.dateRangeSum(satkers, akunMask, q.fromDay ?? -Infinity, q.toDay ?? Infinity);
    let lo = 0;
    let hi = 0;
    if (q.fromMonth !== undefined || q.toMonth !== undefined) {
      lo = q.fromMonth ?? 1;
      hi = q.toMonth ?? 12;
    }
    let total = 0;
    for (const s of satkers) {
      const akuns = this.cubeAkun[s]!;
      const values = this.cubeValues[s]!;
      for (let i = 0; i < akuns.length; i++) {
        if (akunMask && !akunMask[akuns[i]!]) continue;
        const base = i * SLOTS;
        if (lo === 0) total += values[base]!;
        else for (let m = lo; m <= hi; m++) total += values[base + m]!;
      }
    }
    return total;
  }

  private dateIndex?: DateRangeIndex;

  private dateRangeSum(satkers: readonly number[], akunMask: Uint8Array | undefined, from: number, to: number): number {
    this.dateIndex ??= new DateRangeIndex(
      this.start,
      this.rows,
      this.akun.ids,
      this.cubeAkun,
      this.days!,
      this.amount,
      this.akun.dict.length,
    );
    let total = 0;
    for (const s of satkers) {
      const akuns = this.cubeAkun[s]!;
      for (let i = 0; i < akuns.length; i++) {
        if (akunMask && !akunMask[akuns[i]!]) continue;
        total += this.dateIndex.rangeSum(s, i, from, to);
      }
    }
    return total;
  }

  private scan(satkers: readonly number[], akunMask: Uint8Array | undefined, q: SumQuery): number {
    const extra = (q.filters ?? []).map((f) => {
      const col = this.table.columns[f.column] as TextColumn;
      return { ids: col.ids, mask: this.mask(f.column, f.filter, col) };
    });
    const from = q.fromDay ?? -Infinity;
    const to = q.toDay ?? Infinity;
    const months = q.fromMonth !== undefined || q.toMonth !== undefined;
    const mLo = q.fromMonth ?? 1;
    const mHi = q.toMonth ?? 12;
    const akunIds = this.akun.ids;
    let total = 0;
    for (const s of satkers) {
      rows: for (let i = this.start[s]!; i < this.start[s + 1]!; i++) {
        const r = this.rows[i]!;
        if (akunMask && !akunMask[akunIds[r]!]) continue;
        if (this.days) {
          const d = this.days[r]!;
          if (d < from || d > to) continue;
          if (months) {
            const m = monthOfDay(d);
            if (m < mLo || m > mHi) continue;
          }
        }
        for (const e of extra) if (!e.mask[e.ids[r]!]) continue rows;
        const v = this.amount[r]!;
        if (!Number.isNaN(v)) total += v;
      }
    }
    return total;
  }
}
