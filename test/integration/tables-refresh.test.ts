/**
 * Refreshing OMSPAN tables in the Excel stand-in against the real simulator: nothing half-written
 * (a failed pull, a failure while writing), tables the user renamed, moved or deleted reported and not
 * fatal, a growing table never overwriting its neighbours.
 */
import { insertTable, onTableProgress, refreshWorkbook, refreshSheet } from "../../src/excel/omspan-tables";
import { mintKey } from "../../src/simulator";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { startStack, type Stack } from "../support/stack";
import { tableContent, tableDeps } from "../support/tables";

let stack: Stack;
let xl: ExcelStandin;
let foreignKey: string;

beforeAll(async () => {
  stack = await startStack();
  foreignKey = await mintKey("not-the-simulators-secret", { year: 2026 });
});
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Laporan", "Lain"] })));
afterEach(() => xl.uninstall());

const good = () => ({ baseUrl: stack.proxyBase, key: stack.key });
const query = { version: 1, dataset: "realisasi", satker: "600001", akun: "5211", lang: "id" } as const;

async function withTable(at = "Laporan!A1") {
  const deps = tableDeps(good);
  const res = await insertTable(deps, { query, at });
  return { deps, res };
}

test("a refresh with nothing changed rewrites the table to the same content and reports no change", async () => {
  const { deps, res } = await withTable();
  const before = tableContent(xl, res.table).body;
  const seen: string[] = [];
  const own: string[] = [];
  const stop = onTableProgress((p) => seen.push(p.phase));
  const summary = await refreshWorkbook(deps, (p) => own.push(p.phase));
  stop();
  expect([...new Set(seen)]).toEqual(["pull", "write", "recalculate", "report", "done"]);
  expect(own).toEqual(seen);
  expect(summary.tables).toHaveLength(1);
  expect(summary.tables[0]).toMatchObject({ status: "refreshed", diff: { added: 0, removed: 0, changed: 0, rowsBefore: before.length, rowsAfter: before.length } });
  expect(tableContent(xl, res.table).body).toEqual(before);
  expect(summary.reportSheet).toBe("Perubahan");
  expect(xl.model.sheet("Perubahan")).toBeDefined();
});

test("a failed pull leaves the table byte-identical and is reported", async () => {
  const { res } = await withTable();
  const before = xl.snapshot("Laporan");
  const refused = tableDeps(() => ({ baseUrl: stack.proxyBase, key: foreignKey }), "en");
  const summary = await refreshWorkbook(refused);
  expect(summary.tables[0]).toMatchObject({ table: res.table, status: "failed", error: expect.stringMatching(/refused the API key/) });
  expect(xl.snapshot("Laporan")).toBe(before);
});

test.each([
  ["while staging the rows", (ops: readonly string[]) => ops[0] === "suspendApiCalculationUntilNextSync" && ops.includes("Range.values") && !ops.includes("WorksheetCollection.add")],
  ["when putting the new content in place", (ops: readonly string[]) => ops.includes("Range.copyFrom")],
])("a failure %s leaves the table byte-identical", async (_what, match) => {
  const { deps } = await withTable();
  const before = xl.snapshot("Laporan");
  let failed = 0;
  xl.failWhen(({ ops }) => failed === 0 && match(ops) && ++failed === 1);
  const summary = await refreshWorkbook(deps);
  expect(failed).toBe(1);
  expect(summary.tables[0]).toMatchObject({ status: "failed" });
  expect(xl.snapshot("Laporan")).toBe(before);
  expect(xl.model.sheets.map((s) => s.name)).not.toContain("OMSPAN_STAGING");
});

test("renamed and moved tables are refreshed and reported; a deleted one is reported and forgotten", async () => {
  const deps = tableDeps(good);
  const a = await insertTable(deps, { query, at: "Laporan!A1" });
  const b = await insertTable(deps, { query: { ...query, akun: "5212" }, at: "Laporan!T1" });
  const c = await insertTable(deps, { query: { ...query, akun: "5241" }, at: "Lain!A1" });
  const [ta, tb, tc] = [a, b, c].map((x) => xl.model.tables.find((t) => t.name === x.table)!);
  ta!.name = "Belanja_bahan";
  // Moved: the user cut the table (and its caption) to another sheet.
  const lain = xl.model.sheet("Lain")!;
  for (let r = 0; r <= tb!.box.rows; r++) {
    for (let k = 0; k < tb!.box.cols; k++) {
      lain.set(100 + r, k, tb!.sheet.get(r, tb!.box.c0 + k));
      tb!.sheet.set(r, tb!.box.c0 + k, undefined);
    }
  }
  tb!.sheet = lain;
  tb!.box = { ...tb!.box, r0: 101, c0: 0 };
  xl.model.tables.splice(xl.model.tables.indexOf(tc!), 1);
  const summary = await refreshWorkbook(deps);
  const by = (name: string) => summary.tables.find((t) => t.table === name)!;
  expect(by("Belanja_bahan")).toMatchObject({ status: "refreshed", notes: [expect.objectContaining({ en: expect.stringContaining(`renamed from ${a.table}`) })] });
  expect(by(b.table)).toMatchObject({ status: "refreshed", sheet: "Lain", notes: [expect.objectContaining({ en: expect.stringContaining("moved from") })] });
  expect(by(c.table)).toMatchObject({ status: "deleted" });
  const again = await refreshWorkbook(deps);
  expect(again.tables.map((t) => [t.table, t.status, t.notes.length])).toEqual([["Belanja_bahan", "refreshed", 0], [b.table, "refreshed", 0]]);
});

/** Makes the table look like last month's: `drop` fewer body rows (the cells below moved up). */
function shrink(name: string, drop: number) {
  const t = tableContent(xl, name).table;
  const end = t.box.r0 + t.box.rows;
  for (let r = end - drop; r < end; r++) for (let c = t.box.c0; c < t.box.c0 + t.box.cols; c++) t.sheet.set(r, c, undefined);
  t.box = { ...t.box, rows: t.box.rows - drop };
  return t;
}

test("a growing table moves what is below it down, never over it", async () => {
  const { deps, res } = await withTable();
  const full = tableContent(xl, res.table).body;
  const t = shrink(res.table, 5);
  const below = t.box.r0 + t.box.rows + 1;
  xl.put(`Laporan!A${below + 1}`, [["Catatan di bawah tabel", 42]]);
  xl.put(`Laporan!Z${below + 1}`, [["beside, other columns"]]);
  const summary = await refreshWorkbook(deps);
  expect(summary.tables[0]).toMatchObject({ status: "refreshed", diff: { added: 5, removed: 0 } });
  expect(tableContent(xl, res.table).body).toEqual(full);
  expect(xl.values(`Laporan!A${below + 6}:B${below + 6}`)).toEqual([["Catatan di bawah tabel", 42]]);
  expect(xl.values(`Laporan!Z${below + 1}`)).toEqual([["beside, other columns"]]);
});

test("a growth that would cut through a neighbouring table stops that table's refresh, naming it", async () => {
  const { deps, res } = await withTable();
  const t = shrink(res.table, 3);
  const row = t.box.r0 + t.box.rows + 2;
  xl.put(`Laporan!O${row}`, [["x", "y", "z", "w"], [1, 2, 3, 4]]);
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.add(`Laporan!O${row}:R${row + 1}`, true).name = "Tetangga";
    await ctx.sync();
  });
  const before = xl.snapshot("Laporan");
  const summary = await refreshSheet(deps);
  expect(summary.tables[0]).toMatchObject({ status: "skipped", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining("Tetangga (Laporan!O") })]) });
  expect(xl.snapshot("Laporan")).toBe(before);
});

test("a registry row that does not pass its schema is reported, and the other tables still refresh", async () => {
  const { deps, res } = await withTable();
  await insertTable(deps, { query: { ...query, akun: "5212" }, at: "Laporan!T1" });
  const reg = xl.model.sheet("OMSPAN_TABLES")!;
  reg.get(2, 4)!.v = JSON.stringify({ ...query, key: "not allowed here" });
  const summary = await refreshWorkbook(deps);
  expect(summary.registryProblems).toEqual([{ row: 3, reason: expect.stringContaining("query") }]);
  expect(summary.tables.map((t) => [t.table, t.status])).toEqual([[res.table, "refreshed"]]);
  expect(JSON.stringify(xl.values("Perubahan!A1:A20"))).toContain("Baris 3 register tabel OMSPAN tidak terbaca");
});

test("a table the user widened with a column of their own is reported and left as it is", async () => {
  const { deps, res } = await withTable();
  const t = tableContent(xl, res.table).table;
  t.box = { ...t.box, cols: t.box.cols + 1 };
  xl.put(`Laporan!Q2`, [["Catatan saya"]]);
  const before = xl.snapshot("Laporan");
  const summary = await refreshWorkbook(deps);
  expect(summary.tables[0]).toMatchObject({ status: "skipped", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining("has 17 columns, its query 16") })]) });
  expect(xl.snapshot("Laporan")).toBe(before);
});

test("a change report that cannot be written is a warning: the refreshed tables stay refreshed", async () => {
  const { deps } = await withTable();
  xl.failWhen(({ ops }) => ops.includes("NamedItemCollection.add"));
  const summary = await refreshWorkbook(deps);
  expect(summary.tables[0]).toMatchObject({ status: "refreshed" });
  expect(summary.reportSheet).toBeUndefined();
  expect(summary.warnings).toEqual([expect.stringContaining("Laporan perubahan tidak tertulis")]);
});

test("refresh sheet leaves tables on other sheets alone", async () => {
  const deps = tableDeps(good);
  await insertTable(deps, { query, at: "Lain!A1" });
  const summary = await refreshSheet(deps);
  expect(summary.tables).toEqual([]);
});
