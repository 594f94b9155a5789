/**
 * `omspan refresh` on a workbook the add-in wrote: built on the Excel stand-in (an OMSPAN table, an OMSPAN
 * cell and a total over it, the change report), saved as an .xlsx (test/support/standin-xlsx.ts), refreshed
 * by the CLI in a child process, and read back by the add-in on the stand-in — the registry and the tables
 * recognised both ways. And the bad nights: a failed pull, a process killed mid-write, a frozen workbook,
 * a workbook open in Excel — each leaves the file byte-identical; with `--allow-stale` the file says stale
 * and from when; `--values` writes a copy; a table that would grow into cells in use is left as it was.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { insertTable, refreshWorkbook } from "../../src/excel/omspan-tables";
import { writePin } from "../../src/excel/hidden-sheets";
import { listOmspanTables } from "../../src/excel/workbook-tables";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { omspanEvaluator } from "../support/omspan-evaluator";
import { rawRealisasi } from "../support/stack";
import { standinToXlsx, xlsxToStandin } from "../support/standin-xlsx";
import { tableContent, tableDeps } from "../support/tables";
import { dom, elements, readCells, readParts, sheetParts } from "../support/xlsx-reader";
import { cli } from "../support/cli-run";

let before: RunningSimulator;
let after: RunningSimulator;
let key: string;
let dir: string;
let keyFile: string;
let xl: ExcelStandin | undefined;
/** The number formats of the table's first body row as the add-in wrote them. */
let formats: string[] = [];
let raw: { before: Record<string, string>[]; after: Record<string, string>[] };

beforeAll(async () => {
  before = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: "2026-11-13" });
  after = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: "2026-11-20" });
  key = await before.mintKey({ year: 2026 });
  raw = { before: await rawRealisasi(before.baseUrl, key), after: await rawRealisasi(after.baseUrl, key) };
});
afterAll(async () => {
  await before?.close();
  await after?.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "omspan-refresh-safety-"));
  keyFile = path.join(dir, "key");
  writeFileSync(keyFile, key, { mode: 0o600 });
});
afterEach(() => {
  xl?.uninstall();
  xl = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const query = { version: 1, dataset: "realisasi", satker: "600001", akun: "52", lang: "id" } as const;
const rawOf = (rows: Record<string, string>[]) => {
  const picked = rows.filter((r) => r.KDSATKER === "600001" && r.AKUN!.startsWith("52"));
  return { rows: picked.length, total: picked.reduce((s, r) => s + Number(r.AMOUNT), 0) };
};
const CLOSED = "http://127.0.0.1:9/spanint/data/DataWebService/";

/** The add-in's workbook on the stand-in, against `before`: a table at Laporan!A4, an OMSPAN cell and a total over it; saved as a file. */
async function addinWorkbook(name = "laporan.xlsx"): Promise<string> {
  const conn = () => ({ baseUrl: before.baseUrl, key });
  const deps = tableDeps(conn, "id");
  xl = installExcelStandin({ sheets: ["Laporan"], evaluate: omspanEvaluator(deps.store, conn) });
  await insertTable(deps, { query, at: "Laporan!A4" });
  xl.put("Laporan!A1", [['=OMSPAN.REALISASI("600001","52")', "=A1*2", "=SUM(OMSPAN_realisasi[Realisasi])"]]);
  await xl.model.settle();
  await refreshWorkbook(deps); // the add-in's own change report, with its mark
  formats = tableContent(xl, "OMSPAN_realisasi").formats[0]!;
  const file = path.join(dir, name);
  writeFileSync(file, standinToXlsx(xl.model));
  xl.uninstall();
  xl = undefined;
  return file;
}

const refresh = (files: string[], extra: string[] = [], upstream = after.baseUrl) => cli(["refresh", ...files, "--upstream", upstream, "--key-file", keyFile, ...extra]);

test("a file the add-in wrote is refreshed by the CLI and read back by the add-in: registry, tables, cells and report recognised both ways", async () => {
  const file = await addinWorkbook();
  const r = await refresh([file]);
  expect([r.status, r.stderr]).toEqual([0, expect.stringMatching(/^omspan: refreshed .*laporan\.xlsx: 1 table\(s\) \(1 refreshed\), 1 OMSPAN cell\(s\) \(1 changed\); report in Perubahan\n$/)]);
  // The independent reader: the table's ref and autoFilter grew with it, and so did the sheet's dimension.
  const parts = await readParts(new Uint8Array(readFileSync(file)));
  const tablePart = [...parts.keys()].find((n) => n.startsWith("xl/tables/"))!;
  const t = elements(dom(parts.get(tablePart)!), "table")[0]!;
  const lastRow = 5 + rawOf(raw.after).rows;
  expect(t.getAttribute("ref")).toBe(`A5:P${lastRow}`);
  expect(elements(t, "autoFilter")[0]!.getAttribute("ref")).toBe(`A5:P${lastRow}`);
  const sheet = dom(parts.get(sheetParts(parts).get("Laporan")!.part)!);
  expect(elements(sheet, "dimension")[0]!.getAttribute("ref")).toBe(`A1:P${lastRow}`);
  const cells = readCells(parts, "Laporan");
  expect([cells.get("A1")!.value, cells.get("B1")!.value, cells.get("C1")!.value]).toEqual([rawOf(raw.after).total, 2 * rawOf(raw.after).total, rawOf(raw.after).total]);
  expect(cells.get("A1")).toMatchObject({ formula: '_xldudf_OMSPAN_REALISASI("600001","52")', cm: "1", fAttrs: { t: "array", ref: "A1" } });
  // The add-in opens the file: its table is there, with the file's as-of, and its refresh finds everything.
  const conn = () => ({ baseUrl: after.baseUrl, key });
  const deps = tableDeps(conn, "id");
  xl = xlsxToStandin(new Uint8Array(readFileSync(file)), { evaluate: omspanEvaluator(deps.store, conn) });
  const listed = await listOmspanTables();
  expect(listed).toEqual([expect.objectContaining({ name: "OMSPAN_realisasi", sheet: "Laporan", present: true })]);
  expect(tableContent(xl, "OMSPAN_realisasi").body).toHaveLength(rawOf(raw.after).rows);
  // Every row the file grew by has its column's number format (codes as text, amounts in rupiah, dates).
  const grown = tableContent(xl, "OMSPAN_realisasi").formats;
  expect(formats).toEqual(expect.arrayContaining(["@", '"Rp"#,##0;-"Rp"#,##0;"Rp"0', "dd/mm/yyyy"]));
  expect(grown.every((r) => JSON.stringify(r) === JSON.stringify(formats))).toBe(true);
  expect(xl.model.sheet("Perubahan")!.names.get("omspan_change_report")).toMatchObject({ visible: false });
  const summary = await refreshWorkbook(deps);
  expect(summary.tables).toEqual([expect.objectContaining({ table: "OMSPAN_realisasi", status: "refreshed", diff: expect.objectContaining({ added: 0, removed: 0, changed: 0 }) })]);
  expect(summary.reportSheet).toBe("Perubahan");
  expect(xl.values("Laporan!A1")).toEqual([[rawOf(raw.after).total]]);
});

test.each([
  ["OMSPAN cannot be reached", 6, CLOSED, /not refreshed \(the file is unchanged\): .*(reach|hubungi)/i],
  ["the key is refused", 3, undefined, /not refreshed \(the file is unchanged\): .*refused/],
])("%s: exit %s, the file byte-identical", async (_what, code, upstream, message) => {
  const file = await addinWorkbook();
  const original = readFileSync(file);
  if (!upstream) writeFileSync(keyFile, await before.mintKey({ year: 2026, secret: "not-the-simulators-secret" }));
  const r = await refresh([file], [], upstream ?? after.baseUrl);
  expect([r.status, r.stderr]).toEqual([code, expect.stringMatching(message)]);
  expect(Buffer.compare(readFileSync(file), original)).toBe(0);
});

test("a process killed mid-write (after the temporary file, before the rename) leaves the file byte-identical", async () => {
  const file = await addinWorkbook();
  const original = readFileSync(file);
  const script = path.join(dir, "refresh.ts");
  writeFileSync(
    script,
    `import { runRefresh } from ${JSON.stringify(path.resolve(__dirname, "../../src/cli/refresh-command"))};\n` +
      `void runRefresh(${JSON.stringify([file, "--upstream", after.baseUrl, "--key-file", keyFile])}, process.env, { hooks: { beforeRename: () => new Promise(() => process.stdout.write("ready")) } });\n`,
  );
  const child = spawn(process.execPath, ["-r", path.resolve(__dirname, "../../bin/register-ts.js"), script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout!.on("data", () => resolve()));
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  expect(Buffer.compare(readFileSync(file), original)).toBe(0);
});

test("a frozen workbook (its pin in the registry sheet) is refused with exit 9 and how to unfreeze; a file open in Excel with exit 10", async () => {
  const conn = () => ({ baseUrl: before.baseUrl, key });
  const deps = tableDeps(conn, "id");
  xl = installExcelStandin({ sheets: ["Laporan"] });
  await insertTable(deps, { query, at: "Laporan!A4" });
  await Excel.run((ctx) => writePin(ctx, { version: 1, frozenAt: "2026-11-13T08:00:00.000Z", entries: [{ dataset: "realisasi", params: {}, snapshotId: "a".repeat(32), fetchedAt: "2026-11-13T07:00:00.000Z" }] }));
  const frozen = path.join(dir, "rapat.xlsx");
  writeFileSync(frozen, standinToXlsx(xl.model));
  const original = readFileSync(frozen);
  const r = await refresh([frozen]);
  expect([r.status, r.stderr]).toEqual([9, expect.stringMatching(/rapat\.xlsx not refreshed \(the file is unchanged\): This workbook is frozen to the data pulled .*Unfreeze it on the OMSPAN pane's Refresh tab/)]);
  expect(Buffer.compare(readFileSync(frozen), original)).toBe(0);
  const open = await addinWorkbook("terbuka.xlsx");
  writeFileSync(path.join(dir, "~$terbuka.xlsx"), "owner");
  const openBytes = readFileSync(open);
  const o = await refresh([open]);
  expect([o.status, o.stderr]).toEqual([10, expect.stringMatching(/terbuka\.xlsx not refreshed .*open in Excel/)]);
  expect(Buffer.compare(readFileSync(open), openBytes)).toBe(0);
});

test("OMSPAN down at night: without --allow-stale exit 6 and nothing written; with it, the table kept and its as-of line and Perubahan saying stale, and from when", async () => {
  const file = await addinWorkbook();
  const snaps = path.join(dir, "snapshots");
  const first = await refresh([file], ["--snapshot-dir", snaps]);
  expect(first.status).toBe(0);
  const good = readFileSync(file);
  const bodyBefore = tableContent((xl = xlsxToStandin(new Uint8Array(good))), "OMSPAN_realisasi").body;
  xl.uninstall();
  xl = undefined;
  const refused = await refresh([file], ["--snapshot-dir", snaps], CLOSED);
  expect(refused.status).toBe(6);
  expect(Buffer.compare(readFileSync(file), good)).toBe(0);
  const stale = await refresh([file], ["--snapshot-dir", snaps, "--allow-stale"], CLOSED);
  expect([stale.status, stale.stderr]).toEqual([0, expect.stringMatching(/refreshed .*laporan\.xlsx: 1 table\(s\) \(0 refreshed, 1 kept: stale\).*; STALE: realisasi from 2026-\d\d-\d\d \d\d:\d\d UTC\n$/)]);
  xl = xlsxToStandin(new Uint8Array(readFileSync(file)));
  expect(tableContent(xl, "OMSPAN_realisasi").body).toEqual(bodyBefore);
  expect(xl.values("Laporan!A4")[0]![0]).toMatch(/^OMSPAN · Realisasi belanja · ditarik .* · LAMA: OMSPAN tidak dapat dihubungi$/);
  const report = JSON.stringify(xl.values("Perubahan!A1:O30"));
  expect(report).toMatch(/Perubahan data OMSPAN · .* · LAMA: realisasi dari 2026-/);
  expect(report).toContain("dipertahankan (data lama)");
  expect(report).toContain("Data lama: OMSPAN tidak dapat dihubungi");
});

test("--values needs --out; with it, a copy without OMSPAN formulas, the workbook itself untouched", async () => {
  const file = await addinWorkbook();
  const original = readFileSync(file);
  expect((await refresh([file], ["--values"])).status).toBe(2);
  const out = path.join(dir, "kirim");
  const r = await refresh([file], ["--values", "--out", out]);
  expect([r.status, r.stderr]).toEqual([0, expect.stringContaining(`→ ${path.join(out, "laporan.xlsx")}`)]);
  expect(Buffer.compare(readFileSync(file), original)).toBe(0);
  const cells = readCells(await readParts(new Uint8Array(readFileSync(path.join(out, "laporan.xlsx")))), "Laporan");
  expect([...cells.values()].filter((c) => /_xldudf_OMSPAN_|OMSPAN\./i.test(c.formula ?? ""))).toEqual([]);
  expect(cells.get("A1")!.value).toBe(rawOf(raw.after).total);
  expect(cells.get("B1")).toMatchObject({ formula: "A1*2", value: 2 * rawOf(raw.after).total });
});

test("a table that would grow into cells in use is left as it was, exit 10, the rest of the file refreshed", async () => {
  const conn = () => ({ baseUrl: before.baseUrl, key });
  const deps = tableDeps(conn, "id");
  xl = installExcelStandin({ sheets: ["Laporan"], evaluate: omspanEvaluator(deps.store, conn) });
  await insertTable(deps, { query, at: "Laporan!A4" });
  const t = tableContent(xl, "OMSPAN_realisasi").table;
  xl.put(`Laporan!C${t.box.r0 + t.box.rows + 2}`, [["catatan saya"]]);
  xl.put("Laporan!A1", [['=OMSPAN.REALISASI("600001","52")']]);
  await xl.model.settle();
  const file = path.join(dir, "terhalang.xlsx");
  writeFileSync(file, standinToXlsx(xl.model));
  const bodyBefore = tableContent(xl, "OMSPAN_realisasi").body;
  xl.uninstall();
  const r = await refresh([file]);
  expect([r.status, r.stderr]).toEqual([10, expect.stringContaining("1 table(s) (0 refreshed, 1 skipped)")]);
  xl = xlsxToStandin(new Uint8Array(readFileSync(file)));
  expect(tableContent(xl, "OMSPAN_realisasi").body).toEqual(bodyBefore);
  expect(xl.values("Laporan!A1")).toEqual([[rawOf(raw.after).total]]);
  expect(JSON.stringify(xl.values("Perubahan!A1:O10"))).toContain("sedang dipakai");
  expect(existsSync(path.join(dir, "~$terhalang.xlsx"))).toBe(false);
});
