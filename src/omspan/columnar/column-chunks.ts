/**
 * A column's values while a table is being built, kept as a list of chunks: a page read into columns is
 * appended as it is, with no copy, and the table's build makes the one contiguous array. Records added
 * one by one go into a growing tail chunk. (A single growing array copied 37 MB per pull of the full
 * Realisasi as it doubled, and held up to twice the table.)
 */
type Numbers = Uint32Array | Float64Array;

export class ColumnChunks<T extends Numbers> {
  private readonly sealed: T[] = [];
  /** Row at which each sealed chunk starts. */
  private readonly starts: number[] = [];
  private sealedRows = 0;
  private tail: T;
  private tailLength = 0;

  constructor(private readonly make: (n: number) => T) {
    this.tail = make(0);
  }

  get length(): number {
    return this.sealedRows + this.tailLength;
  }

  push(value: number): void {
    if (this.tailLength === this.tail.length) {
      const grown = this.make(Math.max(1024, this.tail.length * 2));
      grown.set(this.tail);
      this.tail = grown;
    }
    this.tail[this.tailLength++] = value;
  }

  /** Appends a chunk as it is; it must not be written to afterwards. */
  append(chunk: T): void {
    if (chunk.length === 0) return;
    this.seal();
    this.starts.push(this.sealedRows);
    this.sealed.push(chunk);
    this.sealedRows += chunk.length;
  }

  /** Drops rows from `n` on (a record that failed half-way). */
  truncate(n: number): void {
    if (n >= this.length) return;
    if (n >= this.sealedRows) {
      this.tailLength = n - this.sealedRows;
      return;
    }
    this.tailLength = 0;
    while (this.sealedRows > n) {
      const last = this.sealed.pop()!;
      const start = this.starts.pop()!;
      this.sealedRows = start;
      if (start < n) this.append(last.subarray(0, n - start) as T);
    }
  }

  at(row: number): number {
    if (row >= this.sealedRows) return this.tail[row - this.sealedRows]!;
    // Binary search for the chunk holding the row (rare: duplicate checks and the one-of rule).
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.sealed[lo]![row - this.starts[lo]!]!;
  }

  /** The chunks in row order (the last one a view of the tail). */
  chunks(): T[] {
    return this.tailLength > 0 ? [...this.sealed, this.tail.subarray(0, this.tailLength) as T] : [...this.sealed];
  }

  private seal(): void {
    if (this.tailLength === 0) return;
    this.starts.push(this.sealedRows);
    this.sealed.push(this.tail.subarray(0, this.tailLength) as T);
    this.sealedRows += this.tailLength;
    this.tail = this.make(0);
    this.tailLength = 0;
  }
}
