/**
 * The bound on a paged pull, taken from what the first window says. A broken upstream that answers
 * every window with the same rows would otherwise be paged forever (the table builder drops the
 * repeats as overlap), keeping a cell busy. So each later window must bring something new:
 *  - with ROWNUMs (OMSPAN numbers rows by position, so they hold even when the rows shift between
 *    windows): window k, asked from row `from`, must carry a ROWNUM at or past `from` on the first
 *    window's numbering (which may start at 0 or 1);
 *  - without them: it must not be the first window over again.
 * And no pull asks more windows than any dataset can have rows for (the table builder's own ROWNUM
 * bound): past that the windows never end.
 */
import { RepeatedRowsError } from "../errors";
import { ColumnarPage, type Page } from "./page-reader";

/** Most rows any pull may bring (the same bound as the table builder's ROWNUM map). */
export const MAX_PULL_ROWS = 50_000_000;

function rownums(page: Page): ArrayLike<number> | undefined {
  if (page instanceof ColumnarPage) {
    const c = page.column("ROWNUM");
    return c instanceof Float64Array ? c : undefined;
  }
  const out = page.map((r) => Number((r as { ROWNUM?: unknown } | null)?.ROWNUM ?? Number.NaN));
  return out.some((n) => Number.isFinite(n)) ? out : undefined;
}

function maxOf(xs: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) if (xs[i]! > m) m = xs[i]!;
  return m;
}

/** The first and last records as text: enough to tell a window sent again from a new one. */
function fingerprint(page: Page): string | undefined {
  if (page instanceof ColumnarPage || page.length === 0) return undefined;
  return `${page.length}:${JSON.stringify(page[0])}:${JSON.stringify(page[page.length - 1])}`;
}

/**
 * Returns the check for window k (1-based rows from `from`), built from the first window and the step.
 * @throws RepeatedRowsError from the check when window k brings nothing new, or k is past the bound.
 */
export function windowCheck(first: Page, step: number, dataset: string): (k: number, page: Page) => void {
  const firstNums = rownums(first);
  // ROWNUM of the first window's first row, minus 1: 0 when OMSPAN numbers from 1, −1 from 0.
  const offset = firstNums && Number.isFinite(firstNums[0]) ? firstNums[0]! - 1 : undefined;
  const firstPrint = fingerprint(first);
  const maxWindows = Math.ceil(MAX_PULL_ROWS / step);
  return (k, page) => {
    const from = 1 + k * step;
    const fail = () => new RepeatedRowsError({ dataset, row: from });
    if (k >= maxWindows) throw fail();
    if (k === 0 || page.length === 0) return;
    const nums = offset === undefined ? undefined : rownums(page);
    if (nums) {
      if (!(maxOf(nums) >= from + offset!)) throw fail();
    } else if (firstPrint !== undefined && fingerprint(page) === firstPrint) {
      throw fail();
    }
  };
}
