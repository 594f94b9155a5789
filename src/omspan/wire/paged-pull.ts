/**
 * Paging Realisasi to the end, several windows in flight, without ever handing on a partial pull.
 *
 * OMSPAN's row window is uncertain (inclusive or not; a server-side cap below the size asked is
 * possible). The first round asks `concurrency` windows of `size` at once; if the first comes back full,
 * that is the step. If it comes back short while later ones hold rows, the windows are smaller than
 * asked: its row count becomes the step and the rest is asked again from there. Window k then starts at
 * row 1 + k·step. Every window but the last must bring exactly `step` rows and every window after a short
 * one must be empty; anything else means the windows are not what we think, and the pull fails rather
 * than silently dropping rows. And every later window must bring rows not seen before (pull-bound.ts),
 * so an upstream that repeats itself fails the pull instead of being paged forever.
 */
import { BadResponseError, CancelledError } from "../errors";
import type { Page } from "./page-reader";
import { windowCheck } from "./pull-bound";

/** Fetches one window of rows (1-based, inclusive `from`..`to` as asked); [] for no data. */
export type WindowFetch = (from: number, to: number, signal: AbortSignal) => Promise<Page>;

export interface PagedPullOptions {
  readonly size: number;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Receives pages in order with the 1-based position of their first row. */
  readonly sink: (page: Page, firstRow: number) => void;
  readonly onProgress?: (pages: number, rows: number) => void;
  /** For error messages. */
  readonly dataset: string;
}

export async function pullWindows(fetchWindow: WindowFetch, o: PagedPullOptions): Promise<{ pages: number; rows: number }> {
  if (o.signal?.aborted) throw new CancelledError();
  const ctl = new AbortController();
  const onOuter = () => ctl.abort();
  o.signal?.addEventListener("abort", onOuter, { once: true });
  const bad = (reason: string) => new BadResponseError(reason, { dataset: o.dataset });
  try {
    const round = await Promise.all(
      // At least two: a short first window is only trusted as the end when the next one is empty.
      Array.from({ length: Math.max(2, o.concurrency) }, (_, k) => fetchWindow(1 + k * o.size, (k + 1) * o.size, ctl.signal)),
    );
    const first = round[0]!;
    if (round.some((p) => p.length > o.size)) throw bad("a row window returned more rows than asked");
    const laterRows = round.slice(1).some((p) => p.length > 0);
    if (first.length === 0 && !laterRows) return { pages: 0, rows: 0 };
    if (first.length === 0) throw bad("row windows disagree (rows after a short window)");
    // A short first window with rows after it: windows are capped (or exclusive); re-plan on its count.
    const step = first.length;
    const replanned = step < o.size && laterRows;
    const check = windowCheck(first, step, o.dataset);
    o.sink(first, 1);
    let rows = step;
    let flushed = 1;
    o.onProgress?.(flushed, rows);

    let next = replanned ? 1 : round.length;
    let shortAt = Number.POSITIVE_INFINITY; // first window with fewer than `step` rows
    let end = Number.POSITIVE_INFINITY; // windows from here on are not asked for
    const done = new Map<number, Page>();
    const lengths = new Map<number, number>();
    const flush = () => {
      while (flushed < end && done.has(flushed)) {
        const page = done.get(flushed)!;
        done.delete(flushed);
        o.sink(page, 1 + flushed * step);
        rows += page.length;
        flushed++;
        o.onProgress?.(flushed, rows);
      }
    };
    const take = (k: number, page: Page) => {
      if (page.length > step) throw bad("row windows disagree (a later window brought more rows than the first)");
      check(k, page);
      lengths.set(k, page.length);
      if (page.length < step && k < shortAt) {
        shortAt = k;
        // A short window must be followed by an empty one: ask for it, so a window that came back
        // short for another reason cannot end the pull unnoticed.
        end = page.length === 0 ? k : k + 2;
      }
      if (page.length > 0) done.set(k, page);
      flush();
    };
    if (!replanned) {
      if (step < o.size) {
        // The whole dataset fitted in the first window; the rest of the round was its empty probe.
        shortAt = 0;
        end = 1;
      }
      round.slice(1).forEach((page, i) => take(i + 1, page));
    }
    const worker = async () => {
      while (next < end) {
        const k = next++;
        check(k, []); // the bound on the number of windows, before asking
        const from = 1 + k * step;
        take(k, await fetchWindow(from, from + o.size - 1, ctl.signal));
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    for (const [k, n] of lengths) {
      if (k > shortAt && n > 0) throw bad("row windows disagree (rows after a short window)");
    }
    flush();
    return { pages: flushed, rows };
  } catch (e) {
    ctl.abort();
    throw o.signal?.aborted ? new CancelledError() : e;
  } finally {
    o.signal?.removeEventListener("abort", onOuter);
  }
}
