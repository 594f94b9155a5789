/**
 * Siap Rapat on workbook files built by the report writer (every template for a Kanwil, values computed
 * from the real simulator), checked through the file's model against the same OMSPAN: one that passes;
 * a total typed over by hand; an OMSPAN cell showing an error (and the totals reading it); the check's
 * data from a stale snapshot (OMSPAN down, `omspan check --allow-stale`); an overspent akun known to
 * DataFA and one that is not; tables whose registry rows name different cut-offs. And `omspan check`'s
 * exit codes: 0, 8 at stop, 2 usage, 10 an unreadable file — and it never writes the file.
 */
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCheck } from "../../src/cli/check-command";
import { exitCodeOf } from "../../src/cli/exit-codes";
import { SheetError } from "../../src/omspan/sheet-calc";
import { registryRows, type RegistryEntry } from "../../src/omspan/tables";
import type { ReportGrid } from "../../src/omspan/templates";
import { XlsxBook } from "../../src/xlsx/book";
import { xlsxWorkbookModel } from "../../src/xlsx/siap-rapat-model";
import { checkFile, findingsOf, grids, noon, reportFile, request, siapStack, statusOf, storeSource, type SiapStack } from "../support/siap-rapat-stack";
import { fixture } from "../support/xlsx-fixtures";
import { dom, elements, readParts } from "../support/xlsx-reader";

const TODAY = "2026-10-15";
const SCOPE = { kind: "kanwil" as const, kanwil: "606001" };
const TEMPLATES = ["realisasi-bulanan", "ringkasan-satker", "kurva-s", "sisa-dana", "peringkat-ikpa"] as const;
let s: SiapStack;
let bytes: Uint8Array;
let built: ReportGrid[];

beforeAll(async () => {
  s = await siapStack({ today: TODAY, year: 2026 });
  const requests = TEMPLATES.map((t) => request(t, SCOPE, 9, 2026));
  built = await grids(s, requests);
  bytes = await reportFile(s, requests);
}, 120_000);
afterAll(() => s?.close());

/** A copy of the file with cells changed as a user (or Excel) would leave them. */
function edited(change: (book: XlsxBook) => void): Uint8Array {
  const book = XlsxBook.open(bytes);
  change(book);
  return book.save();
}

const gridOf = (template: string) => built.find((g) => g.template === template)!;
const rowOf = (g: ReportGrid, style: string) => g.cells.findIndex((r) => r[0]?.style === style);

test("a workbook built by the report writer passes: every check ran, nothing at stop; the marks are hidden names", async () => {
  const model = xlsxWorkbookModel(XlsxBook.open(bytes));
  expect(model.reports.map((r) => r.template).sort()).toEqual([...TEMPLATES].sort());
  const names = elements(dom((await readParts(bytes)).get("xl/workbook.xml")!), "definedName").filter((n) => n.getAttribute("name") === "OMSPAN_REPORT");
  expect(names).toHaveLength(TEMPLATES.length);
  for (const n of names) expect(n.getAttribute("hidden")).toBe("1");

  const r = await checkFile(bytes, storeSource(s), { now: noon(TODAY) });
  expect(r.counts.stop).toBe(0);
  for (const id of ["ties.totals", "ties.months", "ties.reports", "errors.omspan", "domain.overspent", "domain.kurva-s"]) {
    expect([id, statusOf(r, id)]).toEqual([id, "ok"]);
  }
  const examined = (id: string) => r.outcomes.find((o) => o.id === id)!.examined;
  // Subtotals and totals of three reports, and the Kurva S months, each against OMSPAN's own figure.
  expect(examined("ties.totals")).toBeGreaterThan(50);
  // Ringkasan satker, Realisasi per akun per bulan and Kurva S share the scope: 3 pairs × pagu and realisation.
  expect(examined("ties.reports")).toBe(6);
  expect(examined("ties.months")).toBeGreaterThan(10);
});

test("a total typed over by hand no longer ties: the cell is named, and the reports of the same scope disagree", async () => {
  const g = gridOf("ringkasan-satker");
  const total = rowOf(g, "total");
  const header = rowOf(g, "header");
  const col = g.cells[header]!.findIndex((c) => c?.value === "Realisasi Jumlah");
  const sheet = g.sheetName;
  const changed = edited((book) => {
    const shown = book.cell(sheet, total, col)!.value as number;
    book.writeCells(sheet, [{ row: total, col, content: { kind: "value", value: shown + 1_000_000 } }]);
  });
  const r = await checkFile(changed, storeSource(s), { now: noon(TODAY) });
  const ties = findingsOf(r, "ties.totals");
  expect(ties).toHaveLength(1);
  expect(ties[0]).toMatchObject({ severity: "stop", cells: [{ sheet, address: expect.stringMatching(/^[A-Z]+\d+$/) }] });
  expect(ties[0]!.message.en).toMatch(/difference 1,000,000/);
  expect(ties[0]!.message.id).toMatch(/selisih 1\.000\.000/);
  const across = findingsOf(r, "ties.reports");
  expect(across.length).toBeGreaterThanOrEqual(2); // against Realisasi per akun per bulan and Kurva S
  expect(across.every((f) => f.cells.some((c) => c.sheet === sheet))).toBe(true);
  expect(r.counts.stop).toBeGreaterThan(0);
});

test("an OMSPAN cell showing an error, and the totals that read it: named cell by cell", async () => {
  const g = gridOf("realisasi-bulanan");
  const sheet = g.sheetName;
  const detail = g.cells.findIndex((row) => /OMSPAN\.PAGU/.test(row[1]?.formula ?? ""));
  const sub = g.cells.findIndex((row, r) => r > detail && row[0]?.style === "subtotal");
  const grand = rowOf(g, "total");
  const changed = edited((book) => {
    const write = (row: number) => {
      const c = book.cell(sheet, row, 2)!;
      return { row, col: 2, content: { kind: "formula" as const, formula: c.formula!.text, value: new SheetError("#N/A"), style: c.style, ...(c.formula!.ref ? { array: c.formula!.ref } : {}), ...(c.cm ? { cm: c.cm } : {}) } };
    };
    book.writeCells(sheet, [write(detail), write(sub), write(grand)]);
  });
  const r = await checkFile(changed, storeSource(s), { now: noon(TODAY) });
  const omspan = findingsOf(r, "errors.omspan");
  expect(omspan).toHaveLength(1);
  expect(omspan[0]).toMatchObject({ severity: "stop", cells: [{ sheet, address: `C${detail + 1}` }] });
  expect(omspan[0]!.message.en).toMatch(/#N\/A/);
  expect(findingsOf(r, "errors.dependent")[0]!.cells).toEqual([
    { sheet, address: `C${sub + 1}` },
    { sheet, address: `C${grand + 1}` },
  ]);
});

test("an overspent akun: known where DataFA shows pagu minus (warn), unknown where it does not (stop)", async () => {
  // A complete year: the designed overspent line of Kanwil Aceh (511111) has passed its pagu.
  const y = await siapStack({ today: "2027-01-20", year: 2026 });
  try {
    const req = request("realisasi-bulanan", { kind: "satker", satker: ["606001"] }, 12, 2026);
    const [g] = await grids(y, [req]);
    const file = await reportFile(y, [req]);
    const other = g!.cells.findIndex((row) => row[0]?.value === "521211" || (/^52/.test(String(row[0]?.value ?? "")) && row[1]?.formula !== undefined));
    const akun = String(g!.cells[other]![0]!.value);
    // Someone typed a (much too small) pagu over the formula of another akun.
    const changed = (() => {
      const book = XlsxBook.open(file);
      book.writeCells(g!.sheetName, [{ row: other, col: 1, content: { kind: "value", value: 1000 } }]);
      return book.save();
    })();
    const r = await checkFile(changed, storeSource(y), { now: noon("2027-01-20") });
    const lines = findingsOf(r, "domain.overspent");
    const known = lines.filter((f) => f.severity === "warn");
    const unknown = lines.filter((f) => f.severity === "stop");
    expect(known.map((f) => f.message.en)).toEqual([expect.stringMatching(/akun 511111 spent .* above pagu — known: DataFA shows it as pagu minus/)]);
    expect(unknown.map((f) => f.message.en)).toEqual([expect.stringMatching(new RegExp(`akun ${akun} spent .* above pagu — not a pagu minus in DataFA`))]);
    expect(unknown[0]!.message.id).toMatch(/bukan pagu minus di DataFA/);
    // A January check of a December cut-off: old, not wrong.
    expect(statusOf(r, "freshness.cutoff-age")).toBe("warn");
  } finally {
    await y.close();
  }
}, 120_000);

function registrySheet(book: XlsxBook, entries: RegistryEntry[]): void {
  book.addSheet("OMSPAN_TABLES", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>', "veryHidden");
  const rows = registryRows(entries);
  book.writeCells("OMSPAN_TABLES", rows.flatMap((r, row) => r.map((value, col) => ({ row, col, content: { kind: "value" as const, value } }))));
}

test("tables whose registry rows name different OMSPAN cut-offs (one refreshed a week later): stop", async () => {
  const entry = (id: string, name: string, sheet: string, fetchedAt: string, maxDate: number): RegistryEntry => ({
    tableId: id, tableName: name, sheet, address: `${sheet}!A1:B6`,
    query: { version: 1, dataset: "realisasi", satker: "", akun: "", filter: "", lang: "id" },
    asOf: { fetchedAt, maxDate },
  });
  const book = XlsxBook.open(fixture("two-tables-excel.xlsx"));
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  registrySheet(book, [entry("1", "Table1", "Sheet1", "2026-10-08T02:00:00.000Z", day("2026-10-07")), entry("2", "Table2", "Sheet2", "2026-10-15T02:00:00.000Z", day("2026-10-14"))]);
  const file = book.save();
  const r = await checkFile(file, storeSource(s), { now: noon(TODAY) });
  const cut = findingsOf(r, "freshness.cutoff");
  expect(cut).toHaveLength(1);
  expect(cut[0]!.message.en).toMatch(/different OMSPAN cut-offs: table Table1 data up to 2026-10-07, table Table2 up to 2026-10-14/);
  expect(cut[0]!.cells).toEqual([{ sheet: "Sheet1", address: "A1" }, { sheet: "Sheet2", address: "A1" }]);
  expect(findingsOf(r, "freshness.generation")[0]).toMatchObject({ severity: "stop" });
  // The older cut-off is 6 working days before the check.
  expect(findingsOf(r, "freshness.cutoff-age")[0]!.message.en).toMatch(/2026-10-07: 6 working days before today/);
});

describe("omspan check", () => {
  let dir: string;
  let out: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "omspan-check-"));
    out = [];
    spy = jest.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { LANG: "en_US.UTF-8" };
  const flags = (sim: SiapStack) => ["--upstream", sim.sim.baseUrl, "--key", sim.conn.key, "--today", TODAY];

  test("exit 0 with nothing at stop, 8 with something at stop; the file is only read; --json", async () => {
    const file = path.join(dir, "rapat.xlsx");
    writeFileSync(file, bytes);
    expect(await runCheck([file, ...flags(s)], env)).toBe(0);
    expect(out.join("")).toMatch(/OK\s+Totals and subtotals tie to OMSPAN/);
    const g = gridOf("kurva-s");
    const bad = path.join(dir, "bad.xlsx");
    const paguRow = g.cells.findIndex((row) => /OMSPAN\.PAGU/.test(row[1]?.formula ?? ""));
    writeFileSync(bad, edited((book) => book.writeCells(g.sheetName, [{ row: paguRow, col: 1, content: { kind: "value", value: 5 } }])));
    const before = readFileSync(bad);
    out = [];
    expect(await runCheck([bad, "--json", ...flags(s)], env)).toBe(8);
    const json = JSON.parse(out.join("")) as { counts: { stop: number }; outcomes: { id: string; findings: { cells: { address: string }[] }[] }[] };
    expect(json.counts.stop).toBeGreaterThan(0);
    expect(json.outcomes.find((o) => o.id === "ties.totals")!.findings[0]!.cells[0]!.address).toBe(`B${paguRow + 1}`);
    expect(readFileSync(bad).equals(before)).toBe(true);
  }, 120_000);

  test("usage is exit 2 (no file, an unknown option), an unreadable workbook exit 10", async () => {
    await expect(runCheck([], env)).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(runCheck(["a.xlsx", "--frobnicate"], env)).rejects.toMatchObject({ code: "invalid-argument" });
    const junk = path.join(dir, "junk.xlsx");
    writeFileSync(junk, "not a zip");
    await expect(runCheck([junk, ...flags(s)], env)).rejects.toMatchObject({ name: "WorkbookFileError" });
    expect(exitCodeOf(await runCheck([], env).catch((e: unknown) => e))).toBe(2);
    expect(exitCodeOf(await runCheck([junk], env).catch((e: unknown) => e))).toBe(10);
  });

  test("OMSPAN down: with --allow-stale the check compares with the kept snapshot and names it stale; without, exit 6", async () => {
    const down = await siapStack({ today: TODAY, year: 2026 });
    const file = path.join(dir, "rapat.xlsx");
    writeFileSync(file, await reportFile(down, [request("realisasi-bulanan", SCOPE, 9, 2026)]));
    const snapshots = ["--snapshot-dir", path.join(dir, "snapshots")];
    const upstream = ["--upstream", down.sim.baseUrl, "--key", down.conn.key, "--today", TODAY];
    expect(await runCheck([file, ...upstream, ...snapshots], env)).toBe(0);
    await down.close();
    out = [];
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await runCheck([file, "--json", "--allow-stale", ...upstream, ...snapshots], env)).toBe(0);
      const json = JSON.parse(out.join("")) as { outcomes: { id: string; status: string; findings: { severity: string; message: { en: string; id: string } }[] }[] };
      const stale = json.outcomes.find((o) => o.id === "freshness.stale")!;
      expect(stale.status).toBe("warn");
      expect(stale.findings.map((f) => f.message.en).join("\n")).toMatch(/data pulled for this check: OMSPAN could not be reached — a kept snapshot pulled .* answers \(stale\)/);
      expect(stale.findings[0]!.message.id).toMatch(/OMSPAN tidak dapat dihubungi/);
      // The figures still tie: the snapshot is the data the file was computed from.
      expect(json.outcomes.find((o) => o.id === "ties.totals")!.status).toBe("ok");
      expect(exitCodeOf(await runCheck([file, ...upstream, ...snapshots], env).catch((e: unknown) => e))).toBe(6);
    } finally {
      stderr.mockRestore();
    }
  }, 120_000);
});
