/**
 * The shared string table: read once (plain and rich-text items; phonetic runs left out, as Excel shows
 * them), and appended to — never rewritten — so every index an untouched cell holds stays valid.
 */
import { CONTENT, REL, type XlsxPackage } from "./package";
import { escapeText, localName, unescapeExcel, xmlSafe } from "./xml";
import { SaxesParser } from "saxes";
import { fileError } from "./errors";

export class SharedStrings {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private countAdds = 0;

  private constructor(
    private readonly pkg: XlsxPackage,
    /** The part, or undefined when the workbook has none yet. */
    private part: string | undefined,
    private readonly workbookPart: string,
  ) {}

  static read(pkg: XlsxPackage, workbookPart: string): SharedStrings {
    const rel = pkg.rels(workbookPart).find((r) => r.type === REL.sharedStrings);
    const sst = new SharedStrings(pkg, rel && pkg.has(rel.target) ? rel.target : undefined, workbookPart);
    if (sst.part) sst.parse(pkg.text(sst.part));
    return sst;
  }

  private parse(text: string): void {
    const p = new SaxesParser();
    const path: string[] = [];
    let cur: string | undefined;
    p.on("opentag", (t) => {
      const n = localName(t.name);
      path.push(n);
      if (n === "si" && path.length === 2) cur = "";
    });
    p.on("text", (s) => {
      if (cur !== undefined && path[path.length - 1] === "t" && !path.includes("rPh")) cur += s;
    });
    p.on("closetag", () => {
      const n = path.pop();
      if (n === "si" && cur !== undefined) {
        const s = unescapeExcel(cur);
        if (!this.index.has(s)) this.index.set(s, this.items.length);
        this.items.push(s);
        cur = undefined;
      }
    });
    try {
      p.write(text).close();
    } catch (e) {
      throw fileError("not-xlsx", `the shared strings are not well-formed XML (${(e as Error).message})`, `string bersama bukan XML yang benar (${(e as Error).message})`, e);
    }
  }

  get(i: number): string {
    return this.items[i] ?? "";
  }

  /** The index of a text, appended when new. */
  add(s: string): number {
    this.countAdds++;
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const i = this.items.length;
    this.items.push(s);
    this.index.set(s, i);
    this.added.push(s);
    return i;
  }

  /** Writes the appended items (a new part if the workbook had none). */
  flush(): void {
    if (!this.added.length) return;
    const items = this.added.map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ""}>${escapeText(xmlSafe(s))}</t></si>`).join("");
    if (!this.part) {
      this.part = "xl/sharedStrings.xml";
      this.pkg.setText(this.part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.countAdds}" uniqueCount="${this.items.length}">${items}</sst>`);
      this.pkg.addContentType(this.part, CONTENT.sharedStrings);
      this.pkg.addRel(this.workbookPart, REL.sharedStrings, this.part);
    } else {
      const root = this.pkg.xml(this.part);
      const count = Number(root.attrs.count ?? this.items.length - this.added.length) + this.countAdds;
      const attrs = { ...root.attrs, count: String(count), uniqueCount: String(this.items.length) };
      const head = `<${root.qname}${Object.entries(attrs).map(([k, v]) => ` ${k}="${v.replace(/"/g, "&quot;")}"`).join("")}>`;
      const text = this.pkg.text(this.part);
      const body = root.selfClosing ? "" : text.slice(root.openEnd, root.closeStart);
      this.pkg.setText(this.part, `${text.slice(0, root.start)}${head}${body}${items}</${root.qname}>${text.slice(root.end)}`);
    }
    this.added.length = 0;
    this.countAdds = 0;
  }
}
