/**
 * `omspan report build` against the real simulator: each template for a Kanwil, written as an .xlsx by
 * the CLI, then read back by an independent reader (jszip + DOM) and evaluated by the tests' own sheet
 * evaluator with the independent reference from the raw pages: every cached value the file carries equals
 * that computation. Also the layout Excel reads (styles, widths, frozen header, print settings, conditional
 * formats, the chart part), custom functions stored as Excel stores them, `--values`, a workbook open in
 * Excel refused, and unknown options as usage errors (exit 2).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEMPLATE_IDS, type TemplateId } from "../../src/omspan/templates";
import { loadReportProfile, pickSatker, REPORT_YEAR, type ReportProfile } from "../support/report-stack";
import { SheetEvaluator, type Scalar } from "../support/sheet-evaluator";
import { dom, elements, readCells, readParts, relsOf, sheetParts, type Parts, type ReadCell } from "../support/xlsx-reader";

const CLI = path.resolve(__dirname, "..", "..", "bin", "omspan.js");
let p: ReportProfile;
let dir: string;
let keyFile: string;

/** Runs the CLI in a child process (asynchronously: the simulator answers from this process). */
function cli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: "en_US.UTF-8", OMSPAN_KEY: "", OMSPAN_UPSTREAM: "" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

function build(template: TemplateId, out: string, extra: string[] = []) {
  const { kanwil } = pickSatker(p.raw);
  return cli(["report", "build", template, "--kanwil", kanwil, "--month", "9", "--year", String(REPORT_YEAR), "--upstream", p.sim.baseUrl, "--key-file", keyFile, "--out", out, ...extra]);
}

/** The file's formula in the cell spelling the tests' evaluator reads (its own mapping, not src/'s). */
const cellFormula = (f: string) => "=" + f.replace(/_xlfn\./g, "").replace(/_xldudf_OMSPAN_([A-Z_]+)\(/g, (_, n: string) => `OMSPAN.${n.replace(/_/g, ".")}(`);

function grid(cells: Map<string, ReadCell>) {
  const at = new Map<string, ReadCell>();
  for (const [ref, c] of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    at.set(`${Number(m[2]) - 1},${col - 1}`, c);
  }
  return at;
}

beforeAll(async () => {
  p = await loadReportProfile("demo");
  dir = mkdtempSync(path.join(os.tmpdir(), "omspan-report-"));
  keyFile = path.join(dir, "key");
  writeFileSync(keyFile, p.conn.key, { mode: 0o600 });
}, 240_000);
afterAll(async () => {
  await p?.sim.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(TEMPLATE_IDS)("%s", (template) => {
  let parts: Parts;
  let sheet: string;
  let cells: Map<string, ReadCell>;
  beforeAll(async () => {
    const out = path.join(dir, `${template}.xlsx`);
    const r = await build(template, out);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining("wrote")]);
    parts = await readParts(new Uint8Array(readFileSync(out)));
    sheet = [...sheetParts(parts).keys()][0]!;
    cells = readCells(parts, sheet);
  }, 120_000);

  test("every cached value equals the independent evaluation of the file's formulas over the raw pages", () => {
    const at = grid(cells);
    const ev = new SheetEvaluator((r, c) => {
      const cell = at.get(`${r},${c}`);
      if (!cell) return undefined;
      return cell.formula !== null ? cellFormula(cell.formula) : cell.value;
    }, p.reference);
    let compared = 0;
    for (const [key, cell] of at) {
      if (cell.formula === null || /ASOF/.test(cell.formula)) continue;
      const [r, c] = key.split(",").map(Number);
      const want: Scalar = ev.valueAt(r!, c!);
      const got = cell.t === "str" ? (cell.value ?? "") : cell.t === "e" ? { error: cell.value } : cell.value;
      if (typeof want === "number" && !Number.isInteger(want)) expect(got as number).toBeCloseTo(want, 9);
      else expect([cell.formula, got]).toEqual([cell.formula, want]);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    const asOf = [...cells.values()].find((c) => c.formula?.includes("ASOF"))!;
    expect(Math.abs((asOf.value as number) - (Date.now() - new Date().getTimezoneOffset() * 60_000) / 86_400_000 - 25569)).toBeLessThan(1);
  });

  test("OMSPAN cells as Excel stores a resolved custom function; the rest as Excel writes them; no forced recalculation", () => {
    const omspan = [...cells.values()].filter((c) => c.formula?.includes("OMSPAN"));
    expect(omspan.length).toBeGreaterThan(0);
    for (const c of omspan) {
      expect(c.formula).toMatch(/^_xldudf_OMSPAN_[A-Z_]+\(/);
      expect(c).toMatchObject({ cm: "1", fAttrs: { t: "array" } });
    }
    for (const c of cells.values()) if (c.formula?.includes("RANK.EQ")) expect(c.formula).toContain("_xlfn.RANK.EQ(");
    expect(parts.has("xl/metadata.xml")).toBe(true);
    expect(parts.has("xl/calcChain.xml")).toBe(false);
    const calcPr = elements(dom(parts.get("xl/workbook.xml")!), "calcPr")[0]!;
    expect(calcPr.hasAttribute("fullCalcOnLoad")).toBe(false);
    expect(calcPr.getAttribute("calcId")).toBeTruthy();
  });

  test("laid out as the pane lays it out: styles, widths, frozen header, A4 landscape one page wide with print titles", () => {
    const part = sheetParts(parts).get(sheet)!.part;
    const ws = dom(parts.get(part)!);
    const styles = dom(parts.get("xl/styles.xml")!);
    const xfs = elements(elements(styles, "cellXfs")[0]!, "xf");
    const fonts = elements(elements(styles, "fonts")[0]!, "font");
    const title = cells.get("A1")!;
    const titleFont = fonts[Number(xfs[Number(title.s)]!.getAttribute("fontId"))]!;
    expect(elements(titleFont, "b")).toHaveLength(1);
    expect(elements(titleFont, "sz")[0]!.getAttribute("val")).toBe("14");
    expect(elements(ws, "col").length).toBeGreaterThan(3);
    const pane = elements(ws, "pane")[0]!;
    expect(pane.getAttribute("state")).toBe("frozen");
    const setup = elements(ws, "pageSetup")[0]!;
    expect([setup.getAttribute("paperSize"), setup.getAttribute("orientation"), setup.getAttribute("fitToWidth"), setup.getAttribute("fitToHeight")]).toEqual(["9", "landscape", "1", "0"]);
    expect(elements(ws, "pageSetUpPr")[0]!.getAttribute("fitToPage")).toBe("1");
    const titles = elements(dom(parts.get("xl/workbook.xml")!), "definedName").find((d) => d.getAttribute("name") === "_xlnm.Print_Titles")!;
    expect(titles.textContent).toMatch(new RegExp(`^'.+'!\\$1:\\$${Number(pane.getAttribute("ySplit"))}$`));
    const rules = elements(ws, "cfRule");
    if (template === "sisa-dana") expect(rules.map((r) => r.getAttribute("type"))).toEqual(["cellIs"]);
    if (template === "peringkat-ikpa") expect(rules.filter((r) => r.getAttribute("type") === "colorScale")).toHaveLength(14);
    if (template === "kurva-s") {
      const drawing = relsOf(parts, part).find((r) => r.type.endsWith("/drawing"))!.target;
      const chart = relsOf(parts, drawing).find((r) => r.type.endsWith("/chart"))!.target;
      const c = dom(parts.get(chart)!);
      expect(elements(c, "lineChart")).toHaveLength(1);
      expect(elements(c, "ser")).toHaveLength(2);
      expect(elements(c, "f").map((f) => f.textContent)).toEqual(expect.arrayContaining([expect.stringMatching(/!\$D\$\d+:\$D\$\d+$/)]));
    }
  });
});

test("--values: no OMSPAN formula left, the same values, ordinary totals still formulas", async () => {
  const live = readCells(await readParts(new Uint8Array(readFileSync(path.join(dir, "realisasi-bulanan.xlsx")))), "Realisasi Bulanan Sep");
  const out = path.join(dir, "values.xlsx");
  expect((await build("realisasi-bulanan", out, ["--values"])).status).toBe(0);
  const parts = await readParts(new Uint8Array(readFileSync(out)));
  const cells = readCells(parts, [...sheetParts(parts).keys()][0]!);
  expect([...cells.values()].filter((c) => c.formula?.includes("OMSPAN"))).toEqual([]);
  expect([...cells.values()].some((c) => c.formula?.startsWith("SUBTOTAL("))).toBe(true);
  for (const [ref, c] of live) if (c.formula?.includes("OMSPAN") && !c.formula.includes("ASOF")) expect([ref, cells.get(ref)!.value]).toEqual([ref, c.value]);
});

test("a workbook open in Excel (its ~$ owner file beside it) is refused, exit 10, nothing written", async () => {
  const out = path.join(dir, "open.xlsx");
  writeFileSync(path.join(dir, "~$open.xlsx"), "owner");
  const r = await build("kurva-s", out);
  expect(r.status).toBe(10);
  expect(r.stderr).toMatch(/open in Excel/);
  expect(existsSync(out)).toBe(false);
});

test.each([
  [["report", "build", "kurva-s", "--month", "9", "--out", "x.xlsx", "--bogus"]],
  [["pull", "dipa", "--nope"]],
  [["calc", 'PAGU("600001")', "--zzz"]],
  [["claims", "--frob", "1"]],
  [["report", "build", "kurva-s", "--out", "x.xlsx"]],
  [["report", "build", "no-such-template", "--month", "9", "--out", "x.xlsx"]],
])("usage errors exit 2 before anything runs: %j", async (args) => {
  const r = await cli(args);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/omspan: /);
});
