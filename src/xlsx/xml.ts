/**
 * XML through a real parser (saxes), never regexes: a small element tree for the parts the overlay
 * reads whole (workbook, relationships, content types, tables, styles, metadata), each element with its
 * place in the text, so an edit can splice one start tag or insert a child and copy every other
 * character as it was.
 */
import { SaxesParser } from "saxes";
import { fileError } from "./errors";

export interface XmlElement {
  /** Local name (a namespace prefix dropped: `x:c` is `c`). */
  readonly name: string;
  readonly qname: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text directly inside (entities decoded). */
  text: string;
  /** Offsets in the source: `<` of the start tag, after its `>`, and after the end tag. */
  readonly start: number;
  readonly openEnd: number;
  end: number;
  readonly selfClosing: boolean;
  /** Where the end tag begins (= end for a self-closing element). */
  closeStart: number;
}

export const localName = (q: string) => {
  const i = q.indexOf(":");
  return i < 0 ? q : q.slice(i + 1);
};

/** Parses a part's text into its root element. */
export function parseXml(text: string, part = "part"): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let startAt = 0;
  parser.on("opentagstart", () => {
    startAt = text.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes as Record<string, unknown>)) attrs[k] = typeof v === "string" ? v : String((v as { value: unknown }).value);
    const el: XmlElement = {
      name: localName(tag.name), qname: tag.name, attrs, children: [], text: "",
      start: startAt, openEnd: parser.position, end: parser.position, selfClosing: tag.isSelfClosing, closeStart: parser.position,
    };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on("cdata", (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on("closetag", () => {
    const el = stack.pop()!;
    el.end = parser.position;
    el.closeStart = el.selfClosing ? el.end : text.lastIndexOf("<", parser.position - 1);
  });
  try {
    parser.write(text).close();
  } catch (e) {
    throw fileError("not-xlsx", `${part} is not well-formed XML (${(e as Error).message})`, `${part} bukan XML yang benar (${(e as Error).message})`, e);
  }
  if (!root) throw fileError("not-xlsx", `${part} is empty`, `${part} kosong`);
  return root;
}

export const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

/** Text as XML character data. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text as an attribute value (double-quoted). */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** Characters XML 1.0 cannot hold at all (Excel writes them as _xHHHH_). */
export function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
}

/** Excel's _xHHHH_ escapes read back. */
export function unescapeExcel(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A start tag with attributes changed (undefined removes one), others kept in their order. */
export function startTag(el: XmlElement, change: Readonly<Record<string, string | undefined>>, selfClose = el.selfClosing): string {
  const attrs: [string, string][] = Object.entries(el.attrs).filter(([k]) => !(k in change) || change[k] !== undefined).map(([k, v]) => [k, k in change ? change[k]! : v]);
  for (const [k, v] of Object.entries(change)) if (v !== undefined && !(k in el.attrs)) attrs.push([k, v]);
  return `<${el.qname}${attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")}${selfClose ? "/>" : ">"}`;
}

/** Edits of one text as [start, end, replacement], applied in one pass (non-overlapping). */
export function splice(text: string, edits: readonly (readonly [number, number, string])[]): string {
  const sorted = [...edits].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let out = "";
  let at = 0;
  for (const [s, e, r] of sorted) {
    if (s < at) throw new Error("overlapping XML edits");
    out += text.slice(at, s) + r;
    at = e;
  }
  return out + text.slice(at);
}
