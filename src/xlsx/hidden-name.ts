/**
 * A hidden defined name scoped to one sheet — how the add-in marks its own sheets and the reports it
 * builds, in a file as Office.js's `Worksheet.names` with `visible = false` does in Excel. Added through
 * the overlay's own `addDefinedName`, then its start tag given `hidden="1"` (every other character of
 * the workbook part kept).
 */
import type { XlsxBook } from "./book";
import { child, childrenNamed, splice, startTag } from "./xml";

export function addHiddenSheetName(book: XlsxBook, name: string, formula: string, localSheetId: number): void {
  book.addDefinedName(name, formula, localSheetId);
  const part = book.workbook.part;
  const root = book.pkg.xml(part);
  const names = child(root, "definedNames");
  const el = names ? childrenNamed(names, "definedName").find((d) => d.attrs.name === name && d.attrs.localSheetId === String(localSheetId)) : undefined;
  if (!el) throw new Error(`the defined name ${name} was not added`);
  book.pkg.setText(part, splice(book.pkg.text(part), [[el.start, el.openEnd, startTag(el, { hidden: "1" })]]));
}

/** The sheet-scoped names of a sheet (by its position), name → formula. */
export function sheetNames(book: XlsxBook, index: number): Map<string, string> {
  return new Map(book.workbook.definedNames.filter((d) => d.localSheetId === index).map((d) => [d.name.toUpperCase(), d.formula]));
}
