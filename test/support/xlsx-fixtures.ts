/**
 * The fixtures made by hand, at test time, from an Excel-saved workbook (test/fixtures/xlsx/SOURCES.md):
 * a very hidden sheet, an external link, a custom XML part and VBA (.xlsm), added with jszip and the DOM
 * (not with src/xlsx), so the overlay is tested on parts it never wrote itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { dom, elements, serialize } from "./xlsx-reader";

export const FIXTURES = path.resolve(__dirname, "..", "fixtures", "xlsx");
export const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

async function edit(zip: JSZip, name: string, change: (d: Document) => void): Promise<void> {
  const d = dom(await zip.file(name)!.async("string"));
  change(d);
  zip.file(name, serialize(d));
}

function addRel(d: Document, id: string, type: string, target: string, external = false): void {
  const r = d.createElementNS(REL_NS, "Relationship");
  r.setAttribute("Id", id);
  r.setAttribute("Type", type);
  r.setAttribute("Target", target);
  if (external) r.setAttribute("TargetMode", "External");
  d.documentElement!.appendChild(r);
}

function addOverride(d: Document, part: string, type: string): void {
  const o = d.createElementNS("http://schemas.openxmlformats.org/package/2006/content-types", "Override");
  o.setAttribute("PartName", part);
  o.setAttribute("ContentType", type);
  d.documentElement!.appendChild(o);
}

/** The chart/comment/table workbook as an .xlsm with a very hidden sheet, an external link, custom XML and VBA. */
export async function everythingWorkbook(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(fixture("charts-comments-table-excel-mac.xlsx"));
  zip.file("xl/worksheets/sheet3.xml", await zip.file("xl/worksheets/sheet2.xml")!.async("uint8array"));
  zip.file("xl/vbaProject.bin", fixture("vbaProject.bin"));
  zip.file("xl/externalLinks/externalLink1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Data"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`);
  zip.file("xl/externalLinks/_rels/externalLink1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="other.xlsx" TargetMode="External"/></Relationships>`);
  zip.file("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<omspanTest xmlns="urn:test">kept as it was</omspanTest>');
  await edit(zip, "[Content_Types].xml", (d) => {
    for (const o of elements(d, "Override")) {
      if (o.getAttribute("PartName") === "/xl/workbook.xml") o.setAttribute("ContentType", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    }
    const def = d.createElementNS("http://schemas.openxmlformats.org/package/2006/content-types", "Default");
    def.setAttribute("Extension", "bin");
    def.setAttribute("ContentType", "application/vnd.ms-office.vbaProject");
    d.documentElement!.insertBefore(def, d.documentElement!.firstChild);
    addOverride(d, "/xl/worksheets/sheet3.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
    addOverride(d, "/xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml");
  });
  await edit(zip, "xl/_rels/workbook.xml.rels", (d) => {
    addRel(d, "rId901", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet3.xml");
    addRel(d, "rId902", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin");
    addRel(d, "rId903", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink", "externalLinks/externalLink1.xml");
  });
  await edit(zip, "_rels/.rels", (d) => addRel(d, "rId901", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml", "customXml/item1.xml"));
  await edit(zip, "xl/workbook.xml", (d) => {
    const sheets = elements(d, "sheets")[0]!;
    const s = d.createElementNS(MAIN_NS, "sheet");
    s.setAttribute("name", "Secret");
    s.setAttribute("sheetId", "99");
    s.setAttribute("state", "veryHidden");
    s.setAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "r:id", "rId901");
    sheets.appendChild(s);
    const refs = d.createElementNS(MAIN_NS, "externalReferences");
    const ref = d.createElementNS(MAIN_NS, "externalReference");
    ref.setAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "r:id", "rId903");
    refs.appendChild(ref);
    sheets.parentNode!.insertBefore(refs, sheets.nextSibling);
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
