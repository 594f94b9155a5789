/** A formula's answer as the pane shows it: numbers in the user's format, errors as their message. */
import { isOmspanError } from "../../omspan/errors";
import type { CellValue } from "../../omspan/formulas";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";

export function formatCellValue(v: CellValue, lang: Lang): string {
  if (isOmspanError(v)) return localizeError(v, lang);
  if (typeof v === "number") return new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US", { maximumFractionDigits: 4 }).format(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}
