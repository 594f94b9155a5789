/**
 * Cell metadata (xl/metadata.xml): the `cm` index Excel puts on a dynamic-array formula cell — how it
 * stores an add-in's custom function (a real Excel file: `<c cm="1"><f t="array" ref="A1">
 * _xldudf_CONTOSO_ADD(1,2)</f><v>3</v></c>`). An existing XLDAPR entry is reused; a workbook without
 * metadata gets the part Excel writes; one with other metadata but no XLDAPR is left alone, and its
 * OMSPAN cells are written as plain array formulas (no `cm`).
 */
import { CONTENT, REL, type XlsxPackage } from "./package";
import { child, childrenNamed, type XmlElement } from "./xml";

/** The metadata part of a workbook with one XLDAPR (dynamic array) entry, as Excel writes it. */
export const DYNAMIC_ARRAY_METADATA =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xlrd="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/** The `cm` value of a dynamic-array cell in this workbook, if it has (or can be given) one. */
export function dynamicArrayCm(pkg: XlsxPackage, workbookPart: string, create: boolean): string | undefined {
  const rel = pkg.rels(workbookPart).find((r) => r.type === REL.sheetMetadata);
  if (!rel || !pkg.has(rel.target)) {
    if (!create) return undefined;
    pkg.setText("xl/metadata.xml", DYNAMIC_ARRAY_METADATA);
    pkg.addContentType("xl/metadata.xml", CONTENT.metadata);
    pkg.addRel(workbookPart, REL.sheetMetadata, "xl/metadata.xml");
    return "1";
  }
  const root = pkg.xml(rel.target);
  const types = child(root, "metadataTypes");
  const typeIndex = (types ? childrenNamed(types, "metadataType") : []).findIndex((t) => t.attrs.name === "XLDAPR") + 1;
  if (!typeIndex) return undefined;
  const future = childrenNamed(root, "futureMetadata").find((f) => f.attrs.name === "XLDAPR");
  const dynamic = (future ? childrenNamed(future, "bk") : []).map(hasDynamicFlag);
  const cells = child(root, "cellMetadata");
  const bks = cells ? childrenNamed(cells, "bk") : [];
  const hit = bks.findIndex((bk) => {
    const rc = child(bk, "rc");
    return rc && Number(rc.attrs.t) === typeIndex && dynamic[Number(rc.attrs.v)] === true;
  });
  return hit >= 0 ? String(hit + 1) : undefined;
}

function hasDynamicFlag(el: XmlElement): boolean {
  if (el.name === "dynamicArrayProperties") return el.attrs.fDynamic === "1";
  return el.children.some(hasDynamicFlag);
}
