/**
 * Offline manifest validation (`npm run validate`): `office-addin-manifest validate` is an online service,
 * so the shared-runtime rules that break an add-in silently are checked here instead — well-formed XML,
 * one resid for Runtime / Page / FunctionFile / ShowTaskpane, every resid defined and ≤ 32 characters,
 * ribbon FunctionNames registered in src/commands/commands.ts, namespace OMSPAN, icons of the right size,
 * and the requirement sets of src/excel/requirements.ts (test/unit/office-api-sets.test.ts checks the
 * code's Office APIs against them).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { REQUIRED_SETS } from "../../src/excel/requirements";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const ORIGIN = "https://localhost:3000";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict little XML parser for the manifest: throws on unclosed or mismatched tags, unquoted or
 * duplicate attributes, stray `<` or `&`, and content outside the single root. Enough to prove
 * well-formedness; it does not validate against the Office schema.
 */
function parseXml(xml: string): XmlElement {
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<\/?[^<>]*>|[^<]+/g;
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let consumed = 0;
  for (const match of xml.matchAll(token)) {
    const t = match[0];
    if (match.index !== consumed) throw new Error(`unparseable text at offset ${consumed}`);
    consumed += t.length;
    if (t.startsWith("<!--") || t.startsWith("<?")) continue;
    const top = stack[stack.length - 1];
    if (!t.startsWith("<")) {
      if (entity.test(t)) throw new Error(`bare & in text: ${t.trim().slice(0, 40)}`);
      if (top) top.text += t;
      else if (t.trim() !== "") throw new Error(`text outside the root: ${t.trim().slice(0, 40)}`);
      continue;
    }
    if (t.startsWith("<![CDATA[")) {
      if (!top) throw new Error("CDATA outside the root");
      top.text += t.slice(9, -3);
      continue;
    }
    const close = /^<\/([\w:.-]+)\s*>$/.exec(t);
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== close[1]) throw new Error(`</${close[1]}> closes <${open?.name ?? "nothing"}>`);
      continue;
    }
    const tag = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>$/.exec(t);
    if (!tag) throw new Error(`malformed tag: ${t.slice(0, 60)}`);
    const el: XmlElement = { name: tag[1]!, attrs: {}, children: [], text: "" };
    for (const a of (tag[2] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} on <${el.name}>`);
      const value = a[2] ?? a[3] ?? "";
      if (entity.test(value)) throw new Error(`bare & in attribute ${a[1]}`);
      el.attrs[a[1]!] = value;
    }
    if (top) top.children.push(el);
    else if (root) throw new Error(`second root element <${el.name}>`);
    else root = el;
    if (tag[3] !== "/") stack.push(el);
  }
  if (consumed !== xml.length) throw new Error(`unparseable text at offset ${consumed}`);
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below `el` (depth first) whose name matches. */
function all(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}
function one(el: XmlElement, name: string): XmlElement {
  const found = all(el, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}
const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x89504e47 || buf.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file} is not a PNG`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const doc = parseXml(MANIFEST);
const resources = one(doc, "Resources");
/** resid → its <bt:Image|Url|String> definition */
const defined = new Map(
  ["bt:Image", "bt:Url", "bt:String"].flatMap((n) => all(resources, n)).map((e) => [e.attrs.id!, e] as const),
);
const resource = (id: string | undefined): XmlElement => {
  const el = id === undefined ? undefined : defined.get(id);
  if (!el) throw new Error(`resid ${id} is not defined in <Resources>`);
  return el;
};
/** Every resid attribute anywhere in the document. */
function collectResids(el: XmlElement): string[] {
  return [...(el.attrs.resid !== undefined ? [el.attrs.resid] : []), ...el.children.flatMap(collectResids)];
}

describe("manifest.xml", () => {
  test("is well-formed: a TaskPaneApp with a GUID id for Excel workbooks", () => {
    expect(doc.name).toBe("OfficeApp");
    expect(doc.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(doc, "Id")?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(all(child(doc, "Hosts")!, "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml("<a>fish & chips</a>")).toThrow(/bare &/);
  });

  test("requires the SharedRuntime 1.1 set and keeps the runtime alive (lifetime=long)", () => {
    const set = all(one(doc, "Requirements"), "Set").find((s) => s.attrs.Name === "SharedRuntime");
    expect(set?.attrs.MinVersion).toBe("1.1");
    expect(one(doc, "Runtime").attrs.lifetime).toBe("long");
  });

  test("declares exactly the requirement sets the code needs (src/excel/requirements.ts), each with a version", () => {
    const sets = all(one(doc, "Requirements"), "Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets.sort()).toEqual(REQUIRED_SETS.map((s) => `${s.name} ${s.minVersion}`).sort());
    // CustomFunctions.Error (every #VALUE!/#N/A with a message) is 1.2; ErrorCode.divisionByZero is 1.3.
    expect(sets).toContain("CustomFunctionsRuntime 1.3");
    // Only the base manifest's <Requirements> gates activation; none hides inside VersionOverrides.
    expect(all(one(doc, "VersionOverrides"), "Requirements")).toEqual([]);
  });

  test("Runtime, custom-functions Page, FunctionFile and ShowTaskpane share one resid: taskpane.html", () => {
    const page = one(one(doc, "Page"), "SourceLocation").attrs.resid;
    const showPane = all(doc, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
    expect(showPane.length).toBeGreaterThan(0);
    const resids = [
      one(doc, "Runtime").attrs.resid,
      page,
      one(doc, "FunctionFile").attrs.resid,
      ...showPane.map((a) => one(a, "SourceLocation").attrs.resid),
    ];
    expect(new Set(resids)).toEqual(new Set([page]));
    const url = resource(page).attrs.DefaultValue;
    expect(url).toBe(`${ORIGIN}/taskpane.html`);
    expect(one(child(doc, "DefaultSettings")!, "SourceLocation").attrs.DefaultValue).toBe(url);
  });

  test("every resid used is defined, and every id is unique and at most 32 characters", () => {
    const ids = ["bt:Image", "bt:Url", "bt:String"].flatMap((n) => all(resources, n)).map((e) => e.attrs.id!);
    expect(new Set(ids).size).toBe(ids.length);
    const usedIds = collectResids(doc);
    expect(usedIds.length).toBeGreaterThan(10);
    for (const id of [...ids, ...usedIds]) expect(id.length).toBeLessThanOrEqual(32);
    for (const id of usedIds) expect(defined.has(id)).toBe(true);
  });

  test("custom functions use the OMSPAN namespace and point at functions.json", () => {
    expect(resource(one(doc, "Namespace").attrs.resid).attrs.DefaultValue).toBe("OMSPAN");
    const metadata = one(one(doc, "Metadata"), "SourceLocation").attrs.resid;
    expect(resource(metadata).attrs.DefaultValue).toBe(`${ORIGIN}/functions.json`);
  });

  test("every ribbon FunctionName is associated in src/commands/ (commands.ts, siap-rapat-command.ts), and nothing else is", () => {
    const source = ["commands.ts", "siap-rapat-command.ts"].map((f) => readFileSync(path.join(ROOT, "src", "commands", f), "utf8")).join("\n");
    const associated = [...source.matchAll(/Office\.actions\.associate\(\s*["'`]([\w.$-]+)["'`]/g)].map((m) => m[1]);
    const names = all(doc, "FunctionName").map((f) => f.text.trim());
    expect(names.sort()).toEqual(["refreshSheet", "refreshWorkbook", "siapRapat"]);
    expect([...associated].sort()).toEqual(names);
  });

  test("an OMSPAN tab with Show pane, Refresh sheet, Refresh workbook and Siap Rapat, labelled in Indonesian too", () => {
    const tab = one(doc, "CustomTab");
    expect(resource(child(tab, "Label")?.attrs.resid).attrs.DefaultValue).toBe("OMSPAN");
    const controls = all(tab, "Control");
    const labels = controls.map((c) => resource(child(c, "Label")?.attrs.resid).attrs.DefaultValue);
    expect(labels).toEqual(["Show pane", "Refresh sheet", "Refresh workbook", "Siap Rapat"]);
    const texts = [
      ...all(tab, "Label"),
      ...controls.map((c) => one(c, "Description")),
    ].filter((e) => e !== child(tab, "Label"));
    for (const t of texts) {
      const overrides = all(resource(t.attrs.resid), "bt:Override");
      expect(overrides.map((o) => o.attrs.Locale)).toContain("id-ID");
    }
    for (const s of all(one(resources, "bt:ShortStrings"), "bt:String")) {
      expect(s.attrs.DefaultValue!.length).toBeLessThanOrEqual(125);
    }
    for (const s of all(one(resources, "bt:LongStrings"), "bt:String")) {
      expect(s.attrs.DefaultValue!.length).toBeLessThanOrEqual(250);
    }
  });

  test("every URL is on the add-in origin (webpack rewrites it) and names a file the build emits", () => {
    const urls = [...MANIFEST.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
      const file = url.slice(ORIGIN.length + 1);
      expect(["taskpane.html", "functions.json", "functions.id-ID.json", "functions.js"].includes(file) || /^assets\/icon-\d+\.png$/.test(file)).toBe(true);
    }
  });

  test("icons exist with the pixel size their URL and <bt:Image size> claim", () => {
    const images = all(doc, "bt:Image").filter((i) => i.attrs.size !== undefined);
    const urls = [
      child(doc, "IconUrl")!.attrs.DefaultValue!,
      child(doc, "HighResolutionIconUrl")!.attrs.DefaultValue!,
      ...all(resources, "bt:Image").map((i) => i.attrs.DefaultValue!),
    ];
    for (const url of urls) {
      const n = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      const file = path.join(ROOT, "assets", `icon-${n}.png`);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: n, height: n });
    }
    for (const img of images) {
      expect(resource(img.attrs.resid).attrs.DefaultValue).toMatch(new RegExp(`icon-${img.attrs.size}\\.png$`));
    }
    for (const size of [16, 32, 64, 80]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});

describe("webpack's copy of manifest.xml", () => {
  type Pattern = { from: string; transform?: (content: Buffer) => string };
  /** The manifest copy pattern of webpack.config.js, built with the given OMSPAN_ADDIN_ORIGIN. */
  function manifestCopy(origin: string | undefined): (content: Buffer) => string {
    const saved = process.env.OMSPAN_ADDIN_ORIGIN;
    if (origin === undefined) delete process.env.OMSPAN_ADDIN_ORIGIN;
    else process.env.OMSPAN_ADDIN_ORIGIN = origin;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" }) as {
        plugins: Array<{ patterns?: Pattern[] }>;
      };
      const pattern = config.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.from === "manifest.xml");
      if (!pattern?.transform) throw new Error("webpack.config.js copies manifest.xml without a transform");
      return pattern.transform;
    } finally {
      if (saved === undefined) delete process.env.OMSPAN_ADDIN_ORIGIN;
      else process.env.OMSPAN_ADDIN_ORIGIN = saved;
    }
  }

  test("rewrites every URL to OMSPAN_ADDIN_ORIGIN and leaves the rest as it is", () => {
    const out = manifestCopy("https://excel.atrbpn.example")(Buffer.from(MANIFEST));
    expect(out).not.toContain(ORIGIN);
    expect(out.split("https://excel.atrbpn.example/").length).toBe(MANIFEST.split(`${ORIGIN}/`).length);
    expect(out.replaceAll("https://excel.atrbpn.example", ORIGIN)).toBe(MANIFEST);
    expect(manifestCopy(undefined)(Buffer.from(MANIFEST))).toBe(MANIFEST);
  });

  test("refuses an origin Office would not load (plain http, or with a path)", () => {
    expect(() => manifestCopy("http://excel.example")).toThrow(/https origin/);
    expect(() => manifestCopy("https://excel.example/addin")).toThrow(/https origin/);
    expect(() => manifestCopy("not a url")).toThrow(/not a URL/);
  });
});
