/**
 * Date-range sums without scanning rows: per (satker, akun) the rows' days sorted, with running totals,
 * so "realisasi of satker X on akun 52 from 1 March to 15 April" is two binary searches per akun.
 * Built on first use only (most workbooks never ask for a date range).
 */
export class DateRangeIndex {
  /** Per satker: start of each akun slot's bucket in the flat arrays (length = slots + 1). */
  private readonly bucketStart: Uint32Array[] = [];
  private readonly days: Float64Array;
  /** Running total within each bucket, inclusive of the position. */
  private readonly cum: Float64Array;

  constructor(
    start: Uint32Array,
    rows: Uint32Array,
    akunIds: Uint16Array | Uint32Array,
    cubeAkun: readonly Uint32Array[],
    rowDays: Float64Array,
    amount: Float64Array,
    akunCount: number,
  ) {
    this.days = new Float64Array(rows.length);
    this.cum = new Float64Array(rows.length);
    const slotOf = new Int32Array(akunCount).fill(-1);
    let flat = 0;
    for (let s = 0; s < cubeAkun.length; s++) {
      const akuns = cubeAkun[s]!;
      akuns.forEach((a, i) => (slotOf[a] = i));
      const buckets: number[][] = Array.from({ length: akuns.length }, () => []);
      for (let i = start[s]!; i < start[s + 1]!; i++) {
        const r = rows[i]!;
        if (Number.isNaN(rowDays[r]!) || Number.isNaN(amount[r]!)) continue;
        buckets[slotOf[akunIds[r]!]!]!.push(r);
      }
      const offsets = new Uint32Array(akuns.length + 1);
      buckets.forEach((bucket, i) => {
        offsets[i] = flat;
        if (!isSortedBy(bucket, rowDays)) bucket.sort((x, y) => rowDays[x]! - rowDays[y]!);
        let running = 0;
        for (const r of bucket) {
          running += amount[r]!;
          this.days[flat] = rowDays[r]!;
          this.cum[flat] = running;
          flat++;
        }
      });
      offsets[akuns.length] = flat;
      this.bucketStart.push(offsets);
      for (const a of akuns) slotOf[a] = -1;
    }
  }

  /** The sum over satker `s`'s akun slot `i` of rows dated within [from, to]. */
  rangeSum(s: number, i: number, from: number, to: number): number {
    const offsets = this.bucketStart[s]!;
    const lo = offsets[i]!;
    const hi = offsets[i + 1]!;
    const a = lowerBound(this.days, lo, hi, from);
    const b = upperBound(this.days, a, hi, to);
    if (b <= a) return 0;
    return this.cum[b - 1]! - (a > lo ? this.cum[a - 1]! : 0);
  }
}

function isSortedBy(bucket: readonly number[], days: Float64Array): boolean {
  for (let i = 1; i < bucket.length; i++) if (days[bucket[i - 1]!]! > days[bucket[i]!]!) return false;
  return true;
}

/** First index in [lo, hi) with value ≥ x. */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) with value > x. */
function upperBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
