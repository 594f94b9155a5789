/**
 * The omspan CLI as scripts use it: data on stdout, messages on stderr, and exit codes that tell a
 * refused key from no data, a wrong parameter or an unreachable upstream. Runs the real command against
 * a real simulator on loopback.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { mintKey, startSimulator, type RunningSimulator } from "../../src/simulator";

const BIN = path.resolve(__dirname, "..", "..", "bin", "omspan.js");
let sim: RunningSimulator;
let keyFile: string;
let key: string;

function omspan(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: "en_US.UTF-8", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  key = await sim.mintKey({ year: 2025 });
  keyFile = path.join(mkdtempSync(path.join(tmpdir(), "omspan-cli-")), "key.txt");
  writeFileSync(keyFile, `${key}\n`);
});
afterAll(() => sim.close());

const up = () => ["--upstream", sim.baseUrl, "--key-file", keyFile];

test("pull: JSON typed as on a sheet (codes text, amounts numbers, dates ISO); CSV with a header", async () => {
  const json = await omspan(["pull", "realisasi", ...up()]);
  expect(json.code).toBe(0);
  const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
  const raw = (await (await fetch(`${sim.baseUrl}RealisasiKL/1/3`, { headers: { Authorization: `Bearer ${key}` } })).json()) as Record<string, string>[];
  expect(rows[0]).toMatchObject({ KDSATKER: raw[0]!.KDSATKER, AKUN: raw[0]!.AKUN, AMOUNT: Number(raw[0]!.AMOUNT) });
  expect(rows[0]!.TANGGAL).toMatch(/^2025-\d\d-\d\d$/);
  const csv = await omspan(["pull", "dipa", "--format", "csv", ...up()]);
  const lines = csv.stdout.trim().split("\n");
  expect(lines[0]).toBe("KDSATKER,KPPN,BA,BAES1,AKUN,PROGRAM,KEGIATAN,OUTPUT,KEWENANGAN,SUMBER_DANA,LOKASI,BUDGET_TYPE,AMOUNT");
  expect(lines[1]).toMatch(/^\d{6},\d{3},056,/);
});

test("calc answers the formula in either separator style, equal to the raw rows' sum", async () => {
  const rows = JSON.parse((await omspan(["pull", "realisasi", ...up()])).stdout) as { KDSATKER: string; AKUN: string; AMOUNT: number }[];
  const satker = rows[0]!.KDSATKER;
  const expected = rows.filter((r) => r.KDSATKER === satker && r.AKUN.startsWith("52")).reduce((s, r) => s + r.AMOUNT, 0);
  const a = await omspan(["calc", `REALISASI("${satker}";"52")`, ...up()]);
  const b = await omspan(["calc", `=OMSPAN.REALISASI(${Number(satker)}, 52)`, ...up()]);
  expect([a.code, Number(a.stdout)]).toEqual([0, expected]);
  expect(Number(b.stdout)).toBe(expected);
});

test("calc evaluates every function of the catalogue: SISA and PENYERAPAN, IKPA, and TABEL as tab-separated rows", async () => {
  const dipa = JSON.parse((await omspan(["pull", "dipa", ...up()])).stdout) as { KDSATKER: string; AKUN: string; AMOUNT: number }[];
  const real = JSON.parse((await omspan(["pull", "realisasi", ...up()])).stdout) as { KDSATKER: string; AKUN: string; AMOUNT: number }[];
  const satker = dipa[0]!.KDSATKER;
  const of = (rows: { KDSATKER: string; AKUN: string; AMOUNT: number }[]) => rows.filter((r) => r.KDSATKER === satker && r.AKUN.startsWith("5")).reduce((s, r) => s + r.AMOUNT, 0);
  const sisa = await omspan(["calc", `SISA("${satker}";"5")`, ...up()]);
  expect([sisa.code, Number(sisa.stdout)]).toEqual([0, of(dipa) - of(real)]);
  const pct = await omspan(["calc", `OMSPAN.PENYERAPAN("${satker}", "5")`, ...up()]);
  expect(Number(pct.stdout)).toBe(of(real) / of(dipa));
  const lines = dipa.filter((r) => r.KDSATKER === satker && r.AKUN === dipa[0]!.AKUN);
  const tabel = await omspan(["calc", `TABEL("dipa";"satker=${satker};akun=${dipa[0]!.AKUN}";"KDSATKER,AKUN,AMOUNT")`, ...up()]);
  expect(tabel.stdout.trim().split("\n")).toEqual(["KDSATKER\tAKUN\tAMOUNT", ...lines.map((r) => `${r.KDSATKER}\t${r.AKUN}\t${r.AMOUNT}`)]);
  const ikpa = await omspan(["calc", `IKPA("${satker}")`, ...up()]);
  expect([ikpa.code, Number(ikpa.stdout)]).toEqual([0, expect.any(Number)]);
  const none = await omspan(["calc", 'IKPA("999999")', ...up()]);
  expect([none.code, none.stderr]).toEqual([4, expect.stringContaining("IKPA satker 999999")]);
  // Array constants stand for ranges: satker down × akun across spills as rows of tab-separated values.
  const other = dipa.find((r) => r.KDSATKER !== satker)!.KDSATKER;
  const grid = await omspan(["calc", `PAGU({"${satker}";"${other}"}; {"51","52"})`, ...up()]);
  const paguOf = (s: string, a: string) => dipa.filter((r) => r.KDSATKER === s && r.AKUN.startsWith(a)).reduce((t, r) => t + r.AMOUNT, 0);
  expect(grid.stdout).toBe(`${paguOf(satker, "51")}\t${paguOf(satker, "52")}\n${paguOf(other, "51")}\t${paguOf(other, "52")}\n`);
  const zero = await omspan(["calc", `PENYERAPAN("${satker}";"59")`, ...up()]);
  expect([zero.code, zero.stderr]).toEqual([4, expect.stringContaining("Division by zero")]);
});

test("claims shows who the key belongs to and its fiscal year", async () => {
  const r = await omspan(["claims", ...up()]);
  expect(JSON.parse(r.stdout)).toMatchObject({ usr: "Webservice ATR/BPN", kdt: "2025" });
  expect(r.stdout).not.toContain(key);
});

test("exit codes: refused key 3, no data 4, wrong parameter 5, unreachable 6, usage 2", async () => {
  const foreign = await mintKey("not-the-simulators-secret", { year: 2025 });
  const refused = await omspan(["pull", "dipa", "--upstream", sim.baseUrl, "--key", foreign]);
  expect([refused.code, refused.stderr]).toEqual([3, expect.stringContaining("refused the API key (Signature verification failed)")]);
  const old = await sim.mintKey({ year: 2010 });
  const none = await omspan(["pull", "dana", "--upstream", sim.baseUrl, "--key", old]);
  expect([none.code, none.stdout]).toEqual([4, ""]);
  const wrong = await omspan(["pull", "pnbp", "--date", "20251399", ...up()]);
  expect([wrong.code, wrong.stderr]).toEqual([5, expect.stringContaining("refused the request parameters")]);
  const down = await omspan(["pull", "dipa", "--upstream", "http://127.0.0.1:9/spanint/data/DataWebService/", "--key", key]);
  expect([down.code, down.stderr]).toEqual([6, expect.stringContaining("Cannot reach http://127.0.0.1:9/")]);
  expect((await omspan(["pull", "nothing", ...up()])).code).toBe(2);
  expect((await omspan(["calc", 'REALISASI("abc")', ...up()])).code).toBe(2);
  const notJwt = await omspan(["pull", "dipa", "--upstream", sim.baseUrl, "--key", "abc"]);
  expect([notJwt.code, notJwt.stderr]).toEqual([3, expect.stringContaining("not a valid OMSPAN key")]);
});

test("messages follow the terminal's language", async () => {
  const r = await omspan(["pull", "dipa", "--upstream", "http://127.0.0.1:9/x/", "--key", key], { LANG: "id_ID.UTF-8" });
  expect(r.stderr).toContain("Tidak dapat menghubungi");
});

test("with no upstream, an embedded simulator answers", async () => {
  const r = await omspan(["calc", 'REALISASI("";"5")']);
  expect(r.code).toBe(0);
  expect(Number(r.stdout)).toBeGreaterThan(0);
});
