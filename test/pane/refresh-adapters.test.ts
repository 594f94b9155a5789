/**
 * The Segarkan view's Excel behaviour (excelRefreshActions) against the one Excel stand-in and the real
 * simulator and server: the workbook's OMSPAN tables with their as-of, refreshing one table (only its
 * dataset pulled again, the others untouched), and the jump to the change report.
 */
import { insertTable } from "../../src/excel/omspan-tables";
import { excelRefreshActions } from "../../src/taskpane/refresh/refresh-actions";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { startStack, type Stack } from "../support/stack";
import { tableDeps } from "../support/tables";

let stack: Stack;
let xl: ExcelStandin;
beforeAll(async () => void (stack = await startStack()));
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Laporan", "Lain"] })));
afterEach(() => xl.uninstall());

const good = () => ({ baseUrl: stack.proxyBase, key: stack.key });
const query = { version: 1, dataset: "realisasi", satker: "600001", akun: "5211", lang: "id" } as const;

test("an empty workbook lists no tables", async () => {
  expect(await excelRefreshActions(tableDeps(good)).listTables()).toEqual([]);
});

test("the tables are listed with their as-of; refreshing one rewrites it alone and pulls only its dataset", async () => {
  const deps = tableDeps(good);
  const a = await insertTable(deps, { query, at: "Laporan!A1" });
  const b = await insertTable(deps, { query: { version: 1, dataset: "dipa", satker: "600001", lang: "id" }, at: "Lain!A1" });
  const actions = excelRefreshActions(deps);
  const listed = await actions.listTables();
  expect(listed.map((t) => [t.name, t.sheet, t.dataset, t.present])).toEqual([
    [a.table, "Laporan", "realisasi", true],
    [b.table, "Lain", "dipa", true],
  ]);
  expect(listed[0]!.asOf?.fetchedAt).toBe(a.asOf.fetchedAt.toISOString());

  const otherBefore = xl.snapshot("Lain");
  const pullsBefore = deps.store.pulls;
  const phases: string[] = [];
  const summary = await actions.refresh({ table: listed[0]!.tableId }, (p) => phases.push(p.phase));
  expect(summary.scope).toBe("table");
  expect(summary.tables).toHaveLength(1);
  expect(summary.tables[0]).toMatchObject({ table: a.table, status: "refreshed", diff: { added: 0, removed: 0, changed: 0 } });
  expect(deps.store.pulls - pullsBefore).toBe(1);
  expect(xl.snapshot("Lain")).toBe(otherBefore);
  expect(phases).toContain("write");
  expect(phases[phases.length - 1]).toBe("done");

  // The registry's as-of moved on for that table only.
  const after = await actions.listTables();
  expect(Date.parse(after[0]!.asOf!.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(listed[0]!.asOf!.fetchedAt));
  expect(after[1]!.asOf).toEqual(listed[1]!.asOf);

  // The summary's report sheet is one click away.
  expect(summary.reportSheet).toBe("Perubahan");
  await actions.showSheet(summary.reportSheet!);
  expect(xl.model.sheets[xl.model.activeSheet]!.name).toBe("Perubahan");
});

test("a table the user deleted is listed as gone and, refreshed, reported deleted and forgotten", async () => {
  const deps = tableDeps(good);
  const a = await insertTable(deps, { query, at: "Laporan!A1" });
  const model = xl.model.tables.find((t) => t.name === a.table)!;
  xl.model.tables.splice(xl.model.tables.indexOf(model), 1);
  const actions = excelRefreshActions(deps);
  const [gone] = await actions.listTables();
  expect(gone).toMatchObject({ name: a.table, present: false });
  const summary = await actions.refresh({ table: gone!.tableId }, () => undefined);
  expect(summary.tables[0]).toMatchObject({ status: "deleted" });
  expect(await actions.listTables()).toEqual([]);
});

test("refreshing a table the registry does not know is refused with the core's message", async () => {
  const actions = excelRefreshActions(tableDeps(good, "en"));
  await expect(actions.refresh({ table: "{nope}" }, () => undefined)).rejects.toMatchObject({ name: "InvalidArgumentError", message: expect.stringMatching(/not an OMSPAN table/) });
});

test("sheet and workbook refreshes go through the same actions", async () => {
  const deps = tableDeps(good);
  await insertTable(deps, { query, at: "Laporan!A1" });
  await insertTable(deps, { query: { ...query, akun: "5212" }, at: "Lain!A1" });
  const actions = excelRefreshActions(deps);
  xl.model.activeSheet = 1;
  expect((await actions.refresh("sheet", () => undefined)).tables.map((t) => t.sheet)).toEqual(["Lain"]);
  expect((await actions.refresh("workbook", () => undefined)).tables).toHaveLength(2);
});
