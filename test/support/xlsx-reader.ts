/**
 * An independent reader of .xlsx files for the tests: jszip for the container and @xmldom/xmldom's DOM
 * for the XML — shares no code with src/xlsx (fflate, saxes), so a round trip is judged by another
 * implementation, part by part and cell by cell.
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import JSZip from "jszip";

export type Parts = Map<string, Uint8Array>;

export async function readParts(bytes: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Parts = new Map();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name]!;
    if (!f.dir) out.set(name, await f.async("uint8array"));
  }
  return out;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
export const dom = (b: Uint8Array | string) => new DOMParser().parseFromString(typeof b === "string" ? b : text(b), "text/xml");
const serializer = new XMLSerializer();
export const serialize = (n: Node) => serializer.serializeToString(n);

function elements(root: Document | Element, local: string): Element[] {
  const out: Element[] = [];
  const list = root.getElementsByTagName("*");
  for (let i = 0; i < list.length; i++) if (list[i]!.localName === local) out.push(list[i]!);
  return out;
}
export { elements };

function resolve(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

export function relsOf(parts: Parts, part: string): { id: string; type: string; target: string }[] {
  const slash = part.lastIndexOf("/");
  const name = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const b = parts.get(name);
  if (!b) return [];
  return elements(dom(b), "Relationship").map((r) => ({ id: r.getAttribute("Id")!, type: r.getAttribute("Type")!, target: r.getAttribute("TargetMode") === "External" ? r.getAttribute("Target")! : resolve(part, r.getAttribute("Target")!) }));
}

/** Sheet name → part, through workbook.xml and its relationships. */
export function sheetParts(parts: Parts): Map<string, { part: string; state: string }> {
  const main = relsOf(parts, "").find((r) => r.type.endsWith("/officeDocument"))!.target;
  const rels = new Map(relsOf(parts, main).map((r) => [r.id, r.target]));
  const out = new Map<string, { part: string; state: string }>();
  for (const s of elements(dom(parts.get(main)!), "sheet")) {
    const id = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id") || s.getAttribute("r:id")!;
    out.set(s.getAttribute("name")!, { part: rels.get(id)!, state: s.getAttribute("state") || "visible" });
  }
  return out;
}

export interface ReadCell {
  readonly t: string;
  readonly s: string;
  readonly cm: string | null;
  readonly formula: string | null;
  readonly fAttrs: Record<string, string>;
  /** The value as a cell shows it (shared strings looked up, numbers as numbers). */
  readonly value: string | number | boolean | null;
  readonly xml: string;
}

export function sharedStrings(parts: Parts): string[] {
  const main = relsOf(parts, "").find((r) => r.type.endsWith("/officeDocument"))!.target;
  const rel = relsOf(parts, main).find((r) => r.type.endsWith("/sharedStrings"));
  if (!rel || !parts.has(rel.target)) return [];
  return elements(dom(parts.get(rel.target)!), "si").map((si) => elements(si, "t").filter((t) => (t.parentNode as Element).localName !== "rPh").map((t) => t.textContent ?? "").join(""));
}

/** The cells of a sheet by A1 address. */
export function readCells(parts: Parts, sheet: string): Map<string, ReadCell> {
  const part = sheetParts(parts).get(sheet)!.part;
  const sst = sharedStrings(parts);
  const out = new Map<string, ReadCell>();
  for (const c of elements(dom(parts.get(part)!), "c")) {
    const attr = (n: string) => (c.hasAttribute(n) ? c.getAttribute(n) : null);
    const t = attr("t") ?? "n";
    const f = elements(c, "f")[0];
    const v = elements(c, "v")[0]?.textContent ?? null;
    let value: ReadCell["value"] = v;
    if (t === "s") value = sst[Number(v)] ?? null;
    else if (t === "inlineStr") value = elements(c, "t").map((x) => x.textContent ?? "").join("");
    else if (t === "b") value = v === "1";
    else if (t === "n" && v !== null) value = Number(v);
    const fAttrs: Record<string, string> = {};
    if (f) for (let i = 0; i < f.attributes.length; i++) fAttrs[f.attributes[i]!.name] = f.attributes[i]!.value;
    out.set(c.getAttribute("r")!, { t, s: attr("s") ?? "0", cm: attr("cm"), formula: f ? (f.textContent ?? "") : null, fAttrs, value, xml: serialize(c) });
  }
  return out;
}

export const bytesEqual = (a: Uint8Array | undefined, b: Uint8Array | undefined) => !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
