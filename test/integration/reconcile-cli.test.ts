/**
 * `omspan reconcile` against the real simulator, in a child process: ledgers made from a satker's raw rows
 * and changed on purpose (reconcile-cases.ts), as an Indonesian CSV (`;`, text dates and amounts) and as
 * an .xlsx sheet (written by the product's file writer, real date cells). JSON lists exactly the changes
 * and its differences equal them; `--out` writes the CSV files; `--xlsx` writes the report, whose cached
 * SUMIFS and OMSPAN values (read back by an independent reader) equal the raw rows' sums; exit 8 while
 * differences remain, 0 for a ledger that matches, 2 for usage.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { GridCell, ReportGrid } from "../../src/omspan/templates";
import { reportWorkbook } from "../../src/xlsx/report/report-file";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { ledgerMatrix, rawDate, reconcileCase, type ReconcileCase } from "../support/reconcile-cases";
import { rawRealisasi } from "../support/stack";
import { readCells, readParts, sheetParts } from "../support/xlsx-reader";

const CLI = path.resolve(__dirname, "..", "..", "bin", "omspan.js");
let sim: RunningSimulator;
let dir: string;
let keyFile: string;
let kase: ReconcileCase;
let raw: Record<string, string>[];

function cli(args: string[], lang = "en_US.UTF-8"): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: lang, LC_ALL: "", OMSPAN_KEY: "", OMSPAN_UPSTREAM: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const csvText = (rows: unknown[][]) => rows.map((r) => r.map((v) => (/[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(";")).join("\r\n") + "\r\n";
const connection = () => ["--upstream", sim.baseUrl, "--key-file", keyFile];
const period = () => ["--satker", kase.satker, "--from", kase.from, "--to", kase.to];

/** The ledger as an .xlsx sheet "Kas": codes as text, real date cells, amounts as numbers. */
function ledgerXlsx(rows: unknown[][]): Uint8Array {
  const cells = rows.map((r, i) => r.map((v): GridCell => (i > 1 && typeof v === "number" && v > 40000 && v < 50000 ? { value: v, format: "date" } : typeof v === "number" ? { value: v, format: "rupiah" } : { value: String(v), format: "text" })));
  const grid: ReportGrid = { template: "ledger", sheetName: "Kas", cells, columnWidths: [], freeze: { rows: 0, columns: 0 }, conditional: [], charts: [], print: { orientation: "landscape", paper: "A4", titleRows: "1:1" } };
  return reportWorkbook(grid, () => null);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  dir = mkdtempSync(path.join(os.tmpdir(), "omspan-reconcile-"));
  keyFile = path.join(dir, "key");
  writeFileSync(keyFile, await sim.mintKey({ year: 2026 }), { mode: 0o600 });
  raw = await rawRealisasi(sim.baseUrl, readFileSync(keyFile, "utf8"));
  kase = reconcileCase(raw, "600001", "2026-01-01", "2026-06-30");
  writeFileSync(path.join(dir, "buku.csv"), csvText(ledgerMatrix(kase, { lang: "id", dates: "text", amounts: "text" })));
  writeFileSync(path.join(dir, "buku.xlsx"), ledgerXlsx(ledgerMatrix(kase, { lang: "en", dates: "serial", amounts: "number", satkerColumn: false })));
}, 60_000);
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("--json from an Indonesian CSV: exactly the changes, each as the issue names them; the differences equal them; exit 8", async () => {
  const r = await cli(["reconcile", path.join(dir, "buku.csv"), ...period(), ...connection(), "--json"]);
  expect([r.status, r.stderr]).toEqual([8, expect.stringMatching(/ledger only 5, OMSPAN only 6, unreadable 0/)]);
  const j = JSON.parse(r.stdout) as {
    summary: { akun: string; month: number; ledger: number; omspan: number; difference: number }[];
    unmatched: { omspan: { akun: string; date: string; amount: number; register: string; rownum: number }[]; ledger: { akun: string; date: string; amount: number; reference: string }[] };
    balanced: boolean;
  };
  expect(j.balanced).toBe(false);
  expect(j.unmatched.omspan.map((o) => String(o.rownum)).sort()).toEqual(kase.unmatchedOmspan);
  expect(j.unmatched.ledger.map((l) => l.reference).sort()).toEqual(kase.unmatchedLedger);
  const byRow = new Map(raw.map((x) => [x.ROWNUM!, x]));
  for (const o of j.unmatched.omspan) {
    const x = byRow.get(String(o.rownum))!;
    expect(o).toEqual({ akun: x.AKUN, date: rawDate(x.TANGGAL!).toISOString().slice(0, 10), amount: Number(x.AMOUNT), register: x.KDREGISTER, rownum: Number(x.ROWNUM), satker: x.KDSATKER });
  }
  expect(j.unmatched.ledger.every((l) => /^\d{4}-\d{2}-\d{2}$/.test(l.date) && typeof l.amount === "number")).toBe(true);
  for (const l of j.summary) {
    const want = kase.cells.get(`${l.akun}|${l.month}`)!;
    expect([l.akun, l.month, BigInt(l.ledger), BigInt(l.omspan), BigInt(l.difference)]).toEqual([l.akun, l.month, want.ledger, want.omspan, want.difference]);
  }
  expect(j.summary).toHaveLength(kase.cells.size);
});

test("an .xlsx sheet without a satker column, --out DIR: the CSV files; the text in Indonesian lists the same rows", async () => {
  const out = path.join(dir, "out");
  const r = await cli(["reconcile", `${path.join(dir, "buku.xlsx")}:Kas`, ...period(), ...connection(), "--out", out]);
  expect(r.status).toBe(8);
  const lines = (f: string) => readFileSync(path.join(out, f), "utf8").trim().split("\n");
  expect(lines("unmatched-omspan.csv")).toHaveLength(1 + kase.unmatchedOmspan.length);
  expect(lines("unmatched-ledger.csv").slice(1).map((l) => l.split(",")[3]).sort()).toEqual(kase.unmatchedLedger);
  expect(lines("summary.csv")[0]).toBe("akun,year,month,ledger,omspan,difference,ledger_only,omspan_only,elsewhere");
  expect(lines("bad-rows.csv")).toHaveLength(1);
  const text = await cli(["reconcile", path.join(dir, "buku.xlsx"), ...period(), ...connection()], "id_ID.UTF-8");
  expect(text.status).toBe(8);
  expect(text.stdout).toMatch(/Baris OMSPAN yang tidak ada di buku \(6\)/);
  expect(text.stdout).toMatch(/Baris buku yang tidak ada di OMSPAN \(5\)/);
  for (const ref of kase.unmatchedLedger) expect(text.stdout).toContain(ref);
});

test("--xlsx: the report workbook, its SUMIFS (over its copy of the ledger) and OMSPAN values computed and equal to the raw rows' sums", async () => {
  const file = path.join(dir, "rekon.xlsx");
  const r = await cli(["reconcile", path.join(dir, "buku.csv"), ...period(), ...connection(), "--xlsx", file, "--lang", "en"]);
  expect(r.status).toBe(8);
  expect(r.stderr).not.toMatch(/not computed/);
  const parts = await readParts(new Uint8Array(readFileSync(file)));
  const sheet = [...sheetParts(parts).keys()][0]!;
  expect(sheet).toBe("Reconcile 600001 Jun");
  const cells = readCells(parts, sheet);
  let checked = 0;
  for (let row = 14; cells.get(`C${row}`)?.formula?.startsWith("SUMIFS("); row++) {
    const want = kase.cells.get(`${cells.get(`A${row}`)!.value}|${cells.get(`B${row}`)!.value}`)!;
    expect([cells.get(`C${row}`)!.value, cells.get(`D${row}`)!.value, cells.get(`E${row}`)!.value]).toEqual([Number(want.ledger), Number(want.omspan), Number(want.difference)]);
    expect(cells.get(`D${row}`)!.formula).toMatch(/^_xldudf_OMSPAN_REALISASI_BULAN\(/);
    checked++;
  }
  expect(checked).toBe(kase.cells.size);
  expect(cells.get("B8")!.value).toMatch(/^A\d+:F\d+$/);
  expect(cells.get("B10")!.value).toBe("buku.csv");
});

test("a ledger that matches OMSPAN exits 0; usage mistakes exit 2 naming what is wrong", async () => {
  const exact = kase.omspan.map((x) => [x.AKUN, rawDate(x.TANGGAL!).toISOString().slice(0, 10), x.AMOUNT, `SP2D-${x.ROWNUM}`]);
  const file = path.join(dir, "sama.csv");
  writeFileSync(file, ["akun,tanggal,jumlah,no bukti", ...exact.map((r) => r.join(","))].join("\n"));
  const ok = await cli(["reconcile", file, ...period(), ...connection()]);
  expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining("The ledger and OMSPAN agree.")]);
  const noSatker = await cli(["reconcile", file, ...connection()]);
  expect([noSatker.status, noSatker.stderr]).toEqual([2, expect.stringContaining("--satker CODE is required")]);
  const unknown = await cli(["reconcile", file, "--satker", "600001", "--tolerance", "3", ...connection()]);
  expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining("unknown option --tolerance")]);
  const badTol = await cli(["reconcile", file, "--satker", "600001", "--tolerance-days", "x", ...connection()]);
  expect([badTol.status, badTol.stderr]).toEqual([2, expect.stringContaining("--tolerance-days is a whole number 0–31")]);
  expect(existsSync(path.join(dir, "nothing.xlsx"))).toBe(false);
});
