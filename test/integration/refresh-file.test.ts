/**
 * `omspan refresh` of report workbooks, as a nightly job runs it: every template built by the CLI against
 * a simulator whose "today" is 2026-11-13, then all the files refreshed in one run against one whose today
 * is a week later. Judged by the tests' own means only — an independent reader (jszip + DOM), the tests'
 * sheet evaluator and the reference computed from the raw pages: every cached value equals that
 * computation (the OMSPAN cells and the totals over them), Perubahan lists exactly the OMSPAN cells whose
 * value changed, the refresh changed only the cells and parts it owns, and each dataset was pulled once
 * for all the files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEMPLATE_IDS } from "../../src/omspan/templates";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { referenceOmspan, type ReportRaw } from "../support/report-reference";
import { countRequests, type RequestCounter } from "../support/request-counter";
import { SheetEvaluator, type Scalar } from "../support/sheet-evaluator";
import { rawRealisasi } from "../support/stack";
import type { Raw } from "../support/sums-reference";
import { cli } from "../support/cli-run";
import { bytesEqual, readCells, readParts, sheetParts, type Parts, type ReadCell } from "../support/xlsx-reader";

const YEAR = 2026;
let before: RunningSimulator;
let after: RunningSimulator;
let counter: RequestCounter;
let dir: string;
let keyFile: string;

async function rawOf(sim: RunningSimulator, key: string): Promise<ReportRaw> {
  const get = async (route: string) => (await (await fetch(`${sim.baseUrl}${route}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as Raw[];
  return { dipa: await get("DipaBelanjaKL/BELANJA"), realisasi: await rawRealisasi(sim.baseUrl, key), dana: await get("DataFA"), ikpaSatker: await get("CapaianIKSatkerRe") };
}

/** The file's formula in the cell spelling the tests' evaluator reads (its own mapping, not src/'s). */
const cellFormula = (f: string) => "=" + f.replace(/_xlfn\./g, "").replace(/_xldudf_OMSPAN_([A-Z_]+)\(/g, (_, n: string) => `OMSPAN.${n.replace(/_/g, ".")}(`);

function byPosition(cells: Map<string, ReadCell>) {
  const at = new Map<string, ReadCell>();
  for (const [ref, c] of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    at.set(`${Number(m[2]) - 1},${col - 1}`, c);
  }
  return at;
}

const files: Record<string, { before: Parts; after: Parts; sheet: string }> = {};
let refreshed: { status: number | null; stderr: string };
let reference: ReturnType<typeof referenceOmspan>;

beforeAll(async () => {
  before = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: "2026-11-13" });
  after = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: "2026-11-20" });
  const key = await before.mintKey({ year: YEAR });
  dir = mkdtempSync(path.join(os.tmpdir(), "omspan-refresh-"));
  keyFile = path.join(dir, "key");
  writeFileSync(keyFile, key, { mode: 0o600 });
  for (const t of TEMPLATE_IDS) {
    const out = path.join(dir, `${t}.xlsx`);
    const r = await cli(["report", "build", t, "--month", "11", "--year", String(YEAR), "--upstream", before.baseUrl, "--key-file", keyFile, "--out", out]);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining("wrote")]);
    const parts = await readParts(new Uint8Array(readFileSync(out)));
    files[t] = { before: parts, after: parts, sheet: [...sheetParts(parts).keys()][0]! };
  }
  counter = await countRequests(after.baseUrl);
  refreshed = await cli(["refresh", ...TEMPLATE_IDS.map((t) => path.join(dir, `${t}.xlsx`)), "--upstream", counter.baseUrl, "--key-file", keyFile]);
  for (const t of TEMPLATE_IDS) files[t]!.after = await readParts(new Uint8Array(readFileSync(path.join(dir, `${t}.xlsx`))));
  reference = referenceOmspan(await rawOf(after, key));
}, 300_000);
afterAll(async () => {
  await counter?.close();
  await before?.close();
  await after?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("one run, every file: exit 0, a line per file, each dataset pulled once for all of them", () => {
  expect(refreshed.status).toBe(0);
  const lines = refreshed.stderr.trim().split("\n");
  expect(lines).toHaveLength(TEMPLATE_IDS.length);
  TEMPLATE_IDS.forEach((t, i) => expect(lines[i]).toMatch(new RegExp(`^omspan: refreshed .*${t}\\.xlsx: no OMSPAN tables, \\d+ OMSPAN cell\\(s\\) \\(\\d+ changed\\); report in Perubahan$`)));
  const firstWindows = counter.paths.filter((p) => !/^RealisasiKL\/(?!1\/)/.test(p));
  const routes = firstWindows.map((p) => p.split("/")[0]).sort();
  expect(routes).toEqual([...new Set(routes)]);
  expect(routes).toEqual(expect.arrayContaining(["CapaianIKSatkerRe", "DataFA", "DipaBelanjaKL", "RealisasiKL"]));
});

describe.each(TEMPLATE_IDS)("%s", (template) => {
  test("every cached value equals the independent evaluation over the raw pages of a week later; dependents add up", () => {
    const { after: parts, sheet } = files[template]!;
    const at = byPosition(readCells(parts, sheet));
    const ev = new SheetEvaluator((r, c) => {
      const cell = at.get(`${r},${c}`);
      if (!cell) return undefined;
      return cell.formula !== null ? cellFormula(cell.formula) : cell.value;
    }, reference);
    let compared = 0;
    for (const [k, cell] of at) {
      if (cell.formula === null || /ASOF/.test(cell.formula)) continue;
      const [r, c] = k.split(",").map(Number);
      const want: Scalar = ev.valueAt(r!, c!);
      const got = cell.t === "str" ? (cell.value ?? "") : cell.t === "e" ? { error: cell.value } : cell.value;
      if (typeof want === "number" && !Number.isInteger(want)) expect(got as number).toBeCloseTo(want, 9);
      else expect([cell.formula, got]).toEqual([cell.formula, want]);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  test("Perubahan lists exactly the OMSPAN cells whose value changed, old → new", () => {
    const { before: old, after: now, sheet } = files[template]!;
    const was = readCells(old, sheet);
    const is = readCells(now, sheet);
    const changed = [...is].filter(([ref, c]) => c.formula?.includes("OMSPAN") && c.value !== was.get(ref)!.value).map(([ref]) => ref);
    // The ASOF cell at least: it names the new pull's time.
    expect(changed.length).toBeGreaterThan(0);
    const report = readCells(now, "Perubahan");
    const valueAt = (col: string, row: number) => report.get(`${col}${row}`)?.value ?? null;
    let header = 1;
    while (!["Sel", "Cell"].includes(String(valueAt("A", header)))) header++;
    const listed: [string, unknown, unknown][] = [];
    for (let row = header + 1; valueAt("A", row) !== null; row++) listed.push([String(valueAt("A", row)), valueAt("C", row), valueAt("D", row)]);
    const quoted = /[^A-Za-z0-9_.]/.test(sheet) ? `'${sheet}'` : sheet;
    expect(listed.map(([a]) => a).sort()).toEqual(changed.map((ref) => `${quoted}!${ref}`).sort());
    for (const [address, b, a] of listed) {
      const ref = address.slice(address.lastIndexOf("!") + 1);
      expect([address, b, a]).toEqual([address, was.get(ref)!.value, is.get(ref)!.value]);
    }
  });

  test("only the cells and parts it owns changed: cached values of formula cells, the report sheet and its entries", () => {
    const { before: old, after: now, sheet } = files[template]!;
    const sheetPart = sheetParts(now).get(sheet)!.part;
    const report = sheetParts(now).get("Perubahan")!.part;
    const owned = new Set([sheetPart, report, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/sharedStrings.xml"]);
    for (const [name, bytes] of old) if (!owned.has(name)) expect([name, bytesEqual(bytes, now.get(name))]).toEqual([name, true]);
    expect([...now.keys()].filter((n) => !old.has(n)).sort()).toEqual([report, ...(old.has("xl/sharedStrings.xml") ? [] : ["xl/sharedStrings.xml"])].filter((n) => now.has(n)).sort());
    const was = readCells(old, sheet);
    const is = readCells(now, sheet);
    expect([...is.keys()].sort()).toEqual([...was.keys()].sort());
    for (const [ref, c] of was) {
      const n = is.get(ref)!;
      if (c.formula === null) expect([ref, n.xml]).toEqual([ref, c.xml]);
      else expect([ref, n.formula, n.fAttrs, n.cm, n.s]).toEqual([ref, c.formula, c.fAttrs, c.cm, c.s]);
    }
    // Excel's calculation settings and the add-in's cell metadata as they were.
    expect(bytesEqual(old.get("xl/metadata.xml"), now.get("xl/metadata.xml"))).toBe(true);
    const calcPr = (p: Parts) => /<calcPr[^>]*>/.exec(new TextDecoder().decode(p.get("xl/workbook.xml")))![0];
    expect(calcPr(now)).toBe(calcPr(old));
  });
});
