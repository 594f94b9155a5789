/**
 * The one place where failures become cell errors. Argument and key problems are #VALUE! (the user must
 * change something); missing data and an unreachable OMSPAN are #N/A (the same formula may work later).
 * The message is in Office's display language. Outside Excel (tests, preview) CustomFunctions.Error may
 * not exist: a plain Error with the same message is thrown instead.
 */
import { isOmspanError } from "../omspan/errors";
import { localizeError } from "../omspan/messages";
import { displayLang } from "../excel/display-language";

const NOT_AVAILABLE = new Set(["no-data", "unreachable", "timeout", "http-status", "bad-response", "cancelled"]);

export function toCellError(err: unknown): Error | CustomFunctions.Error {
  const message = localizeError(err, displayLang()).slice(0, 255);
  const notAvailable = isOmspanError(err) && NOT_AVAILABLE.has(err.code);
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    const code = notAvailable ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, message);
  }
  return new Error(message);
}
