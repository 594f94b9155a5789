/**
 * Read-ahead: trading memory for upstream slots when slots are short. An answer streams with
 * backpressure, so a client that reads slowly keeps its OMSPAN request open — and its slot — for as long
 * as it takes. When every slot is taken (or callers wait for one) as an answer starts, the proxy reads
 * that answer ahead of its client into memory, up to one 50,000-row window (16 MB), so OMSPAN's part is
 * over and the slot goes to the next caller at once; the slow client then only holds memory, bounded by
 * a budget of such windows, until it reads or is cut (client-watch.ts). With slots to spare nothing is
 * read ahead: a lone slow reader costs no memory.
 */
import { PassThrough, type Readable } from "node:stream";

/** What one answer may be read ahead of its client: one 50,000-row Realisasi window (~16 MB). */
export const READ_AHEAD_BYTES = 16 * 1024 * 1024;

/** Read-ahead windows under a budget. */
export class ReadAhead {
  private inUse = 0;
  private readonly windows: number;

  /** @param budgetBytes all answers' read-ahead together (0 turns it off). */
  constructor(budgetBytes: number) {
    this.windows = Math.floor(budgetBytes / READ_AHEAD_BYTES);
  }

  /**
   * `body`, read ahead of its client when `slotsShort` and the budget has a window left; the window is
   * given back when the returned stream closes.
   */
  wrap(body: Readable, slotsShort: boolean): Readable {
    if (!slotsShort || this.inUse >= this.windows) return body;
    this.inUse++;
    // The readable side holds the read-ahead; the writable side stays small.
    const ahead = new PassThrough({ readableHighWaterMark: READ_AHEAD_BYTES, writableHighWaterMark: 64 * 1024 });
    ahead.once("close", () => {
      this.inUse--;
      body.destroy();
    });
    body.once("error", (err) => ahead.destroy(err));
    return body.pipe(ahead);
  }

  /** Windows in use, for /health. */
  get active(): number {
    return this.inUse;
  }
}
