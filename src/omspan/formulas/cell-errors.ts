/**
 * Which Excel error a failure shows as, decided once for every face (the cell, `omspan calc`):
 * - #VALUE!  the user must change something: a wrong argument, no key yet, a refused key;
 * - #N/A     nothing to show now, the same formula may work later: a single thing that does not exist,
 *            an unreachable or failing OMSPAN, a frozen workbook's data that is not on this computer;
 * - #DIV/0!  a ratio over a zero denominator (PENYERAPAN of a pagu of 0).
 */
import { isOmspanError } from "../errors";

export type CellErrorKind = "#VALUE!" | "#N/A" | "#DIV/0!";

const NOT_AVAILABLE = new Set(["no-data", "unreachable", "timeout", "http-status", "bad-response", "cancelled", "frozen", "pinned-missing"]);

export function cellErrorKind(err: unknown): CellErrorKind {
  if (!isOmspanError(err)) return "#VALUE!";
  if (err.code === "division-by-zero") return "#DIV/0!";
  return NOT_AVAILABLE.has(err.code) ? "#N/A" : "#VALUE!";
}
