/**
 * The server's counterpart of the core's classifier (src/omspan/classify.ts), deciding what an
 * upstream answer is for the shared cache — without building the rows (a 50,000-row window would cost
 * a hundred megabytes of heap just to be looked at):
 *  - `store`: data — rows, the PNBP header/body table, or the no-data body (the end of Realisasi's
 *    windows: every client asks for it, so it is stored like any window);
 *  - `pass`: passed on as it came and never stored, never answered from an older generation instead:
 *    401/403 (a refused key must not keep showing data), OMSPAN's 200-shaped wrong-parameter body, any
 *    other 4xx, a JSON shape we do not know;
 *  - `failed`: OMSPAN is having a bad day — 5xx, 429, an HTML page, an empty or truncated body — where
 *    the last good generation may answer instead (stale), else it is passed on as it came.
 */
const NO_DATA_MARK = Buffer.from("Tidak Ada Data");

export type Verdict = { kind: "store"; noData?: boolean } | { kind: "pass"; refused: boolean } | { kind: "failed" };

/** Judges a whole, decoded upstream answer. */
export function judgeAnswer(status: number, body: Buffer): Verdict {
  if (status === 401 || status === 403) return { kind: "pass", refused: true };
  if (status === 429 || status >= 500) return { kind: "failed" };
  if (status !== 200) return { kind: "pass", refused: false };
  const shape = jsonShape(body);
  if (shape === "broken") return { kind: "failed" };
  if (shape === "table-of-cells") return { kind: "pass", refused: false };
  if (shape === "object" && body.indexOf(NO_DATA_MARK) < 0 && !/^\s*\{\s*"header"\s*:/.test(body.subarray(0, 64).toString("latin1"))) {
    return { kind: "pass", refused: false };
  }
  return { kind: "store", noData: shape === "empty" || (shape === "object" && body.indexOf(NO_DATA_MARK) >= 0) };
}

type Shape = "broken" | "rows" | "empty" | "table-of-cells" | "object";

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * One pass over the bytes: exactly one balanced top-level array or object, strings closed, nothing
 * after it. That is what a truncated body or an HTML page fails, at no heap cost.
 */
function jsonShape(b: Buffer): Shape {
  let i = 0;
  while (i < b.length && WS.has(b[i]!)) i++;
  const first = b[i];
  if (first !== 0x5b && first !== 0x7b) return "broken"; // [ {
  let j = i + 1;
  while (j < b.length && WS.has(b[j]!)) j++;
  const second = b[j];
  let depth = 0;
  let inString = false;
  let end = -1;
  for (let k = i; k < b.length; k++) {
    const c = b[k]!;
    if (inString) {
      if (c === 0x5c) k++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth < 0) return "broken";
      if (depth === 0) {
        end = k;
        break;
      }
    }
  }
  if (end < 0) return "broken";
  for (let k = end + 1; k < b.length; k++) if (!WS.has(b[k]!)) return "broken";
  if (first === 0x7b) return "object";
  return second === 0x5b ? "table-of-cells" : second === 0x5d ? "empty" : "rows";
}
