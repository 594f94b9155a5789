/**
 * Excel tables (xl/tables/*.xml), found through each sheet's relationships: name, range, header and
 * totals rows, autoFilter, columns. Growing or shrinking a table rewrites only its `ref` and its
 * autoFilter's `ref` (a table with a totals row keeps its autoFilter above the totals).
 */
import { areaA1, parseArea, type Area } from "../omspan/sheet-calc";
import { fileError } from "./errors";
import { REL, type XlsxPackage } from "./package";
import { child, childrenNamed, splice, startTag } from "./xml";

export interface TableInfo {
  readonly part: string;
  readonly sheet: string;
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly ref: string;
  readonly area: Area;
  readonly headerRowCount: number;
  readonly totalsRowCount: number;
  readonly autoFilter?: string;
  /** The user filtered it (its autoFilter holds filter columns): rows are hidden by the filter. */
  readonly filtered: boolean;
  readonly columns: readonly string[];
}

export function readTables(pkg: XlsxPackage, sheet: string, sheetPart: string): TableInfo[] {
  return pkg
    .rels(sheetPart)
    .filter((r) => r.type === REL.table && !r.external && pkg.has(r.target))
    .map((r) => {
      const root = pkg.xml(r.target);
      const ref = root.attrs.ref ?? "";
      const area = parseArea(ref);
      if (!area) throw fileError("not-xlsx", `table ${root.attrs.name} has no readable range`, `tabel ${root.attrs.name} tidak memiliki rentang yang terbaca`);
      const cols = child(root, "tableColumns");
      return {
        part: r.target,
        sheet,
        id: root.attrs.id ?? "",
        name: root.attrs.name ?? root.attrs.displayName ?? "",
        displayName: root.attrs.displayName ?? root.attrs.name ?? "",
        ref,
        area,
        headerRowCount: root.attrs.headerRowCount === undefined ? 1 : Number(root.attrs.headerRowCount),
        totalsRowCount: root.attrs.totalsRowCount === undefined ? (root.attrs.totalsRowShown === "1" ? 0 : 0) : Number(root.attrs.totalsRowCount),
        autoFilter: child(root, "autoFilter")?.attrs.ref,
        filtered: (child(root, "autoFilter")?.children ?? []).some((c) => c.name === "filterColumn" || c.name === "sortState"),
        columns: cols ? childrenNamed(cols, "tableColumn").map((c) => c.attrs.name ?? "") : [],
      };
    });
}

/**
 * Sets a table's range (and its autoFilter's, which excludes a totals row) and, where given, its columns'
 * names — Excel requires each to equal its header cell, or it "repairs" the file on opening.
 */
export function setTableRange(pkg: XlsxPackage, table: TableInfo, area: Area, columnNames?: readonly string[]): void {
  const root = pkg.xml(table.part);
  const text = pkg.text(table.part);
  const edits: [number, number, string][] = [[root.start, root.openEnd, startTag(root, { ref: areaA1(area) })]];
  const filter = child(root, "autoFilter");
  if (filter) {
    const filterArea = { ...area, bottom: area.bottom - table.totalsRowCount };
    edits.push([filter.start, filter.openEnd, startTag(filter, { ref: areaA1(filterArea) })]);
  }
  const cols = child(root, "tableColumns");
  if (columnNames && cols) {
    childrenNamed(cols, "tableColumn").forEach((c, i) => {
      const name = columnNames[i];
      if (name !== undefined && name !== c.attrs.name) edits.push([c.start, c.openEnd, startTag(c, { name })]);
    });
  }
  pkg.setText(table.part, splice(text, edits));
}
