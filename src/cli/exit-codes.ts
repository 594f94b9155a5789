/**
 * The one mapping from failures to exit codes and stderr text, so scripts can tell a refused key from
 * no data, a wrong parameter or an unreachable upstream.
 */
import { isOmspanError } from "../omspan/errors";
import { localizeError } from "../omspan/messages";
import { isWorkbookFileError } from "../xlsx/errors";
import { terminalLang } from "./parse-flags";

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  keyRefused: 3,
  noData: 4,
  wrongParameter: 5,
  unreachable: 6,
  badAnswer: 7,
  /**
   * The command ran and found what it looks for (the issues' contract): `omspan check`, something at
   * stop; `omspan reconcile`, differences remain. Never a failure to run: those keep their own codes.
   */
  found: 8,
  /** A workbook frozen for a meeting (its pin in the registry sheet): unfreeze it in Excel first. */
  frozen: 9,
  /** A workbook file open in Excel, unreadable or not an .xlsx, or a table in the way. */
  workbookFile: 10,
} as const;

export function exitCodeOf(err: unknown): number {
  if (isWorkbookFileError(err)) return EXIT.workbookFile;
  if (!isOmspanError(err)) return EXIT.failure;
  switch (err.code) {
    case "invalid-argument":
      return EXIT.usage;
    case "invalid-key":
    case "key-refused":
    case "not-connected":
      return EXIT.keyRefused;
    case "no-data":
    case "division-by-zero":
      return EXIT.noData;
    case "wrong-parameter":
      return EXIT.wrongParameter;
    case "frozen":
      return EXIT.frozen;
    case "unreachable":
    case "timeout":
      return EXIT.unreachable;
    default:
      return EXIT.badAnswer;
  }
}

/** The message for stderr, in the terminal's language (LANG/LC_ALL `id_ID…` → Indonesian). */
export function cliMessage(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const lang = terminalLang(env);
  return `omspan: ${isWorkbookFileError(err) ? err.text[lang] : localizeError(err, lang)}`;
}
