/**
 * xl/workbook.xml: the sheets — found through their relationships, never by position or file name —
 * with their visibility, the defined names, the date system; and the edits the overlay makes there
 * (a new sheet, a defined name). calcPr is read, never written: Excel's calculation settings stay as
 * Excel wrote them (no fullCalcOnLoad).
 */
import { fileError } from "./errors";
import { CONTENT, REL, type XlsxPackage } from "./package";
import { child, childrenNamed, escapeAttr, splice } from "./xml";

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetInfo {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  /** The worksheet part (`xl/worksheets/sheet3.xml`). */
  readonly part: string;
  readonly visibility: SheetVisibility;
  /** 0-based position in the workbook (what `localSheetId` of a defined name counts). */
  readonly index: number;
  /** A chartsheet or dialog sheet has no cells. */
  readonly kind: "worksheet" | "other";
}

export interface DefinedName {
  readonly name: string;
  readonly formula: string;
  /** The sheet a sheet-scoped name belongs to (by position), absent for a workbook name. */
  readonly localSheetId?: number;
  readonly hidden: boolean;
}

export interface WorkbookPart {
  readonly part: string;
  readonly sheets: readonly SheetInfo[];
  readonly definedNames: readonly DefinedName[];
  readonly date1904: boolean;
  /** calcPr's attributes as Excel wrote them (read only). */
  readonly calcPr?: Readonly<Record<string, string>>;
}

/** The main part's name, through the package's root relationship. */
export function workbookPartName(pkg: XlsxPackage): string {
  const main = pkg.rels("").find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
  if (!main) throw fileError("not-xlsx", "not an .xlsx workbook (no main document)", "bukan buku kerja .xlsx (tidak ada dokumen utama)");
  return main.target;
}

export function readWorkbookPart(pkg: XlsxPackage): WorkbookPart {
  const part = workbookPartName(pkg);
  const root = pkg.xml(part);
  if (root.name !== "workbook") throw fileError("not-xlsx", `${part} is not a workbook`, `${part} bukan buku kerja`);
  const rels = new Map(pkg.rels(part).map((r) => [r.id, r]));
  const sheetsEl = child(root, "sheets");
  const sheets = (sheetsEl ? childrenNamed(sheetsEl, "sheet") : []).map((s, index): SheetInfo => {
    const relId = s.attrs["r:id"] ?? Object.entries(s.attrs).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
    const rel = rels.get(relId);
    if (!rel) throw fileError("not-xlsx", `sheet ${s.attrs.name} has no part`, `lembar ${s.attrs.name} tidak memiliki bagian`);
    const state = s.attrs.state;
    return {
      name: s.attrs.name ?? "",
      sheetId: Number(s.attrs.sheetId),
      relId,
      part: rel.target,
      visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible",
      index,
      kind: rel.type === REL.worksheet ? "worksheet" : "other",
    };
  });
  const namesEl = child(root, "definedNames");
  const definedNames = (namesEl ? childrenNamed(namesEl, "definedName") : []).map((d) => ({
    name: d.attrs.name ?? "",
    formula: d.text,
    localSheetId: d.attrs.localSheetId === undefined ? undefined : Number(d.attrs.localSheetId),
    hidden: d.attrs.hidden === "1" || d.attrs.hidden === "true",
  }));
  const pr = child(root, "workbookPr");
  const calc = child(root, "calcPr");
  return { part, sheets, definedNames, date1904: pr?.attrs.date1904 === "1" || pr?.attrs.date1904 === "true", calcPr: calc ? { ...calc.attrs } : undefined };
}

/** Adds a worksheet part and its `<sheet>` entry (after the last sheet); returns the new sheet. */
export function addSheetEntry(pkg: XlsxPackage, name: string, sheetXml: string, visibility: SheetVisibility = "visible"): SheetInfo {
  const wb = readWorkbookPart(pkg);
  if (wb.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw fileError("unsupported", `a sheet named ${name} exists already`, `lembar bernama ${name} sudah ada`);
  }
  const partName = pkg.freeName("xl/worksheets/sheet", ".xml");
  pkg.setText(partName, sheetXml);
  pkg.addContentType(partName, CONTENT.worksheet);
  const relId = pkg.addRel(wb.part, REL.worksheet, partName);
  const sheetId = Math.max(0, ...wb.sheets.map((s) => s.sheetId)) + 1;
  const root = pkg.xml(wb.part);
  const text = pkg.text(wb.part);
  const state = visibility === "visible" ? "" : ` state="${visibility}"`;
  const entry = `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${state} r:id="${relId}"/>`;
  const sheetsEl = child(root, "sheets");
  if (!sheetsEl) throw fileError("not-xlsx", "the workbook has no sheet list", "buku kerja tidak memiliki daftar lembar");
  const edit: [number, number, string] = sheetsEl.selfClosing ? [sheetsEl.start, sheetsEl.end, `<sheets>${entry}</sheets>`] : [sheetsEl.closeStart, sheetsEl.closeStart, entry];
  pkg.setText(wb.part, splice(text, [edit]));
  return { name, sheetId, relId, part: partName, visibility, index: wb.sheets.length, kind: "worksheet" };
}

/** Adds a defined name (e.g. `_xlnm.Print_Titles` of a sheet) after the others; `hidden` as Excel writes a hidden name. */
export function addDefinedName(pkg: XlsxPackage, name: string, formula: string, localSheetId?: number, hidden = false): void {
  const part = workbookPartName(pkg);
  const root = pkg.xml(part);
  const text = pkg.text(part);
  const local = `${hidden ? ' hidden="1"' : ""}${localSheetId === undefined ? "" : ` localSheetId="${localSheetId}"`}`;
  const el = `<definedName name="${escapeAttr(name)}"${local}>${formula.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</definedName>`;
  const names = child(root, "definedNames");
  if (names && !names.selfClosing) return pkg.setText(part, splice(text, [[names.closeStart, names.closeStart, el]]));
  if (names) return pkg.setText(part, splice(text, [[names.start, names.end, `<definedNames>${el}</definedNames>`]]));
  // definedNames comes after sheets (and functionGroups/externalReferences) in the schema's order.
  const after = child(root, "externalReferences") ?? child(root, "functionGroups") ?? child(root, "sheets")!;
  pkg.setText(part, splice(text, [[after.end, after.end, `<definedNames>${el}</definedNames>`]]));
}
