/**
 * The one generic layer between Excel's calls and the formula catalogue: read the arguments as Excel
 * hands them over, check them before any pull, wait for the shared store's pulls (one per dataset for
 * every cell of the workbook; a failed pull rejects every waiting cell), answer, and map failures to cell
 * errors. Every entry point in functions.ts is one line over this.
 */
import { session, sessionReady } from "../shared-runtime";
import { FORMULAS, dataSource, type CellValue } from "../omspan/formulas";
import { isOmspanError } from "../omspan/errors";
import { plainArg } from "../omspan/formula-args";
import { toCellError } from "./cell-error";

/** Whether the remembered connection has been restored: after that, no cell waits on it again. */
let ready = false;
void sessionReady.then(() => (ready = true));

type CellAnswer = number | string | boolean | Error | CustomFunctions.Error;

function cellValue(v: CellValue): CellAnswer {
  return isOmspanError(v) ? toCellError(v) : v;
}

/**
 * Evaluates one function for one calling cell. Grid functions always answer a matrix (their metadata
 * says so; a single value is a 1×1 matrix); a single-cell answer that is an error is thrown, as Excel
 * expects, so the cell shows the error and its message.
 */
export async function evaluate(name: string, args: readonly unknown[]): Promise<any> {
  try {
    const spec = FORMULAS[name]!;
    const prepared = spec.prepare(args.map(plainArg));
    if (!ready) await sessionReady;
    // The Excel side announced it reads the workbook's pin first (session.expectWorkbook): a frozen
    // workbook's cells must read its pin, never the newest snapshot.
    if (session.workbookPending()) await session.workbookReady();
    const conn = session.connection();
    const wanted = prepared.datasets;
    // Nearly every cell reads one dataset: skip Promise.all's extra promise for it.
    const pulled = wanted.length === 1 ? [await session.store.get(conn, wanted[0]!)] : await Promise.all(wanted.map((d) => session.store.get(conn, d)));
    const answer = prepared.run(dataSource(...pulled));
    if (!Array.isArray(answer)) return spec.spills === "no" ? answer : [[answer]];
    if (answer.length === 1 && answer[0]!.length === 1 && isOmspanError(answer[0]![0])) throw answer[0]![0];
    return answer.map((row) => row.map(cellValue));
  } catch (e) {
    throw toCellError(e);
  }
}
