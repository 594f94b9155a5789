/**
 * An Open Packaging Conventions package (the zip of an .xlsx): parts by name, their relationships and
 * content types. A part is decoded only when asked for and re-encoded only when changed; saving copies
 * every other entry's stored bytes, in the original order, new parts after them.
 */
import { fileError } from "./errors";
import { child, childrenNamed, escapeAttr, parseXml, splice, type XmlElement } from "./xml";
import { entryBytes, newEntry, readZip, writeZip, type ZipEntry } from "./zip";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name in the package (no leading `/`), or the target as written if external. */
  readonly target: string;
  readonly external: boolean;
}

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  sheetMetadata: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  theme: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
  coreProps: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  appProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
} as const;

export const CONTENT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  metadata: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

const CONTENT_TYPES = "[Content_Types].xml";

/** The rels part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part's folder. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The target as written in the source part's rels (relative to its folder). */
function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export class XlsxPackage {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly order: string[] = [];
  private readonly changed = new Map<string, Uint8Array>();
  private readonly texts = new Map<string, string>();

  private constructor(entries: readonly ZipEntry[]) {
    for (const e of entries) {
      if (e.name.endsWith("/")) continue;
      this.entries.set(e.name, e);
      this.order.push(e.name);
    }
    if (!this.entries.has(CONTENT_TYPES)) throw fileError("not-xlsx", "not an .xlsx workbook (no [Content_Types].xml)", "bukan buku kerja .xlsx (tidak ada [Content_Types].xml)");
  }

  static open(bytes: Uint8Array): XlsxPackage {
    return new XlsxPackage(readZip(bytes));
  }

  /** A package from parts (a new workbook). */
  static fromParts(parts: Readonly<Record<string, string | Uint8Array>>): XlsxPackage {
    const when = new Date();
    return new XlsxPackage(Object.entries(parts).map(([name, data]) => newEntry(name, typeof data === "string" ? encoder.encode(data) : data, when)));
  }

  has(name: string): boolean {
    return this.changed.has(name) || (this.entries.has(name) && !this.removedNames.has(name));
  }

  private readonly removedNames = new Set<string>();

  names(): string[] {
    return [...this.order.filter((n) => !this.removedNames.has(n)), ...[...this.changed.keys()].filter((n) => !this.entries.has(n))];
  }

  bytes(name: string): Uint8Array {
    const c = this.changed.get(name);
    if (c) return c;
    const e = this.entries.get(name);
    if (!e || this.removedNames.has(name)) throw fileError("not-xlsx", `the workbook has no part ${name}`, `buku kerja tidak memiliki bagian ${name}`);
    return entryBytes(e);
  }

  text(name: string): string {
    let t = this.texts.get(name);
    if (t === undefined) {
      t = decoder.decode(this.bytes(name));
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      this.texts.set(name, t);
    }
    return t;
  }

  xml(name: string): XmlElement {
    return parseXml(this.text(name), name);
  }

  setText(name: string, text: string): void {
    this.texts.set(name, text);
    this.changed.set(name, encoder.encode(text));
    this.removedNames.delete(name);
  }

  setBytes(name: string, data: Uint8Array): void {
    this.texts.delete(name);
    this.changed.set(name, data);
    this.removedNames.delete(name);
  }

  remove(name: string): void {
    this.changed.delete(name);
    this.texts.delete(name);
    if (this.entries.has(name)) this.removedNames.add(name);
  }

  /** Names of the parts changed, added or removed since opening. */
  touched(): string[] {
    return [...new Set([...this.changed.keys(), ...this.removedNames])];
  }

  /** The relationships of a part (none when it has no rels part). */
  rels(part: string): Relationship[] {
    const relsName = relsPartOf(part);
    if (!this.has(relsName)) return [];
    return childrenNamed(this.xml(relsName), "Relationship").map((r) => {
      const external = r.attrs.TargetMode === "External";
      return { id: r.attrs.Id!, type: r.attrs.Type!, external, target: external ? r.attrs.Target! : resolveTarget(part, r.attrs.Target!) };
    });
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its id. */
  addRel(part: string, type: string, target: string): string {
    const relsName = relsPartOf(part);
    const ids = new Set(this.rels(part).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const line = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(part, target))}"/>`;
    if (!this.has(relsName)) {
      this.setText(relsName, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${line}</Relationships>`);
    } else {
      const root = this.xml(relsName);
      const text = this.text(relsName);
      this.setText(relsName, root.selfClosing ? splice(text, [[root.start, root.end, `${text.slice(root.start, root.end - 2)}>${line}</${root.qname}>`]]) : splice(text, [[root.closeStart, root.closeStart, line]]));
    }
    return id;
  }

  /** Removes the relationships of `part` that `drop` selects. */
  removeRels(part: string, drop: (r: Relationship) => boolean): void {
    const relsName = relsPartOf(part);
    if (!this.has(relsName)) return;
    const root = this.xml(relsName);
    const rels = this.rels(part);
    const edits = childrenNamed(root, "Relationship").flatMap((el, i) => (drop(rels[i]!) ? [[el.start, el.end, ""] as const] : []));
    if (edits.length) this.setText(relsName, splice(this.text(relsName), edits));
  }

  /** Declares a part's content type (an Override). */
  addContentType(part: string, type: string): void {
    const root = this.xml(CONTENT_TYPES);
    if (childrenNamed(root, "Override").some((o) => o.attrs.PartName === `/${part}`)) return;
    this.setText(CONTENT_TYPES, splice(this.text(CONTENT_TYPES), [[root.closeStart, root.closeStart, `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`]]));
  }

  removeContentType(part: string): void {
    const root = this.xml(CONTENT_TYPES);
    const edits = childrenNamed(root, "Override").filter((o) => o.attrs.PartName === `/${part}`).map((o) => [o.start, o.end, ""] as const);
    if (edits.length) this.setText(CONTENT_TYPES, splice(this.text(CONTENT_TYPES), edits));
  }

  /** The content type of a part (Override, else its extension's Default). */
  contentType(part: string): string | undefined {
    const root = this.xml(CONTENT_TYPES);
    const o = childrenNamed(root, "Override").find((x) => x.attrs.PartName?.toLowerCase() === `/${part}`.toLowerCase());
    if (o) return o.attrs.ContentType;
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    return childrenNamed(root, "Default").find((d) => d.attrs.Extension?.toLowerCase() === ext)?.attrs.ContentType;
  }

  /** A free part name like `xl/worksheets/sheet7.xml` for a prefix and extension. */
  freeName(prefix: string, ext: string): string {
    const taken = new Set(this.names().map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}${ext}`.toLowerCase())) return `${prefix}${n}${ext}`;
  }

  /** The zip: untouched entries as stored, changed ones compressed anew. */
  save(): Uint8Array {
    const when = new Date();
    const out: ZipEntry[] = [];
    for (const name of this.names()) {
      const c = this.changed.get(name);
      out.push(c ? newEntry(name, c, when) : this.entries.get(name)!);
    }
    return writeZip(out);
  }
}

export { child };
