/**
 * Why a workbook file could not be read or written, in both languages: not an .xlsx, locked by Excel,
 * a table that would grow into occupied cells. The CLI maps it to its exit code; the message names the
 * file and what to do.
 */
export type WorkbookFileProblem = "not-xlsx" | "unsupported" | "locked" | "table-blocked" | "write-failed";

export class WorkbookFileError extends Error {
  override readonly name = "WorkbookFileError";
  constructor(
    readonly problem: WorkbookFileProblem,
    readonly text: { readonly en: string; readonly id: string },
    options?: { cause?: unknown },
  ) {
    super(text.en, options);
  }
}

export const isWorkbookFileError = (e: unknown): e is WorkbookFileError => e instanceof Error && e.name === "WorkbookFileError";

export function fileError(problem: WorkbookFileProblem, en: string, id: string, cause?: unknown): WorkbookFileError {
  return new WorkbookFileError(problem, { en, id }, cause === undefined ? undefined : { cause });
}
