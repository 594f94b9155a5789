/**
 * The review of the Excel layer against Office.js's reference (issue 19), formula cells, the ribbon and the
 * pane's touches of Excel: each test is a finding that failed on the strict stand-in before the fix.
 */
import { refreshWorkbook } from "../../src/excel/omspan-tables";
import { writeReport } from "../../src/excel/report-writer";
import { insertFormulaAtActiveCell, readSelection } from "../../src/excel/active-cell";
import { excelListSeparator } from "../../src/excel/list-separator";
import { Store } from "../../src/omspan/store/store";
import { buildReport, TEMPLATE_IDS, type TemplateId } from "../../src/omspan/templates";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { installExcelStandin, PAYLOAD_LIMIT, type ExcelStandin } from "../support/excel-standin";
import { installOfficeStandin } from "../support/office-standin";
import { omspanEvaluator } from "../support/omspan-evaluator";
import { loadReportProfile, REPORT_YEAR, type ReportProfile } from "../support/report-stack";
import { tableDeps } from "../support/tables";

let xl: ExcelStandin | undefined;
afterEach(() => {
  xl?.uninstall();
  xl = undefined;
});

describe("the full profile's whole key", () => {
  let p: ReportProfile;
  beforeAll(async () => (p = await loadReportProfile("full")), 120_000);
  afterAll(() => p?.sim.close());

  test("2. refreshing a workbook of every report template (OMSPAN cells re-entered after an outage): no request is over 5 MB", async () => {
    // The first calculation is an outage (#N/A everywhere); the refresh re-enters every one of them.
    let outage = true;
    xl = installExcelStandin({ sheets: ["Sheet1"], evaluate: (f) => (/OMSPAN\./i.test(f) ? (outage ? "#N/A" : 1) : undefined) });
    let formulas = 0;
    for (const t of TEMPLATE_IDS) {
      const { grid } = buildReport({ template: t as TemplateId, scope: { kind: "all" }, month: 9, year: REPORT_YEAR, lang: "id" }, p.data);
      const out = await Excel.run((ctx) => writeReport(ctx, grid, { lang: "id" }));
      formulas += out.counts.omspanFormulas;
    }
    outage = false;
    const before = xl.syncs.length;
    const summary = await refreshWorkbook(tableDeps(() => p.conn, "id"));
    const syncs = xl.syncs.slice(before);
    expect(summary.warnings).toEqual([]);
    expect(summary.formulas).toMatchObject({ cells: formulas, rerun: formulas, unsettled: 0 });
    expect(summary.formulas.changes).toHaveLength(formulas);
    expect(syncs.filter((s) => s.error)).toEqual([]);
    expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThan(PAYLOAD_LIMIT);
    expect(Math.max(...syncs.map((s) => s.responseBytes))).toBeLessThan(PAYLOAD_LIMIT);
  }, 180_000);
});

test("2. a failure while re-running the formulas is a warning of a refresh that still finishes", async () => {
  xl = installExcelStandin({ sheets: ["Data"], evaluate: (f) => (/OMSPAN\./i.test(f) ? 1 : undefined) });
  xl.put("Data!A1", [['=OMSPAN.PAGU("600001")']]);
  xl.failWhen(({ ops }) => ops.includes("Worksheet.calculate"));
  const summary = await refreshWorkbook(tableDeps(() => ({ baseUrl: "http://127.0.0.1:9", key: "k" }), "en"));
  expect(summary.warnings).toEqual([expect.stringContaining("Not every OMSPAN formula was recalculated")]);
  expect(summary.reportSheet).toBeUndefined();
});

describe("a slow OMSPAN", () => {
  let sim: RunningSimulator;
  let key: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, profile: "demo", faults: { latencyMs: 11_000 } });
    key = await sim.mintKey({ year: 2026 });
  });
  afterAll(() => sim?.close());

  test("14. cells wait for a pull that takes longer than 10 s instead of reporting #BUSY! as their new value", async () => {
    const store = new Store();
    const conn = () => ({ baseUrl: sim.baseUrl, key });
    xl = installExcelStandin({ sheets: ["Data"], evaluate: omspanEvaluator(store, conn) });
    xl.put("Data!A1", [["=1"]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1").formulas = [['=OMSPAN.PAGU("600001")']];
      await ctx.sync();
    });
    const summary = await refreshWorkbook(tableDeps(conn, "en", store));
    expect(summary.formulas).toMatchObject({ cells: 1, unsettled: 0 });
    expect(summary.formulas.changes).toEqual([expect.objectContaining({ before: "#BUSY!", after: expect.any(Number) })]);
    expect(summary.finishedAt.getTime() - summary.startedAt.getTime()).toBeGreaterThan(10_000);
  }, 90_000);
});

test("14. a cell that never settles is counted as unsettled, never reported as changed to #BUSY!", async () => {
  xl = installExcelStandin({ sheets: ["Data"], evaluate: (f) => (/NEVER/.test(f) ? new Promise(() => undefined) : /OMSPAN\./i.test(f) ? 2 : undefined) });
  xl.put("Data!A1", [['=OMSPAN.PAGU("600001")', '=OMSPAN.PAGU("NEVER")']]);
  const summary = await refreshWorkbook(tableDeps(() => ({ baseUrl: "http://127.0.0.1:9", key: "k" }), "en"));
  expect(summary.formulas).toMatchObject({ cells: 2, unsettled: 1 });
  expect(summary.formulas.changes).toEqual([]);
}, 60_000);

test("13. a formula inserted into a Text cell, or re-entered there, becomes a formula (the cell turns General)", async () => {
  let answer: string | number = "#N/A";
  xl = installExcelStandin({ sheets: ["Data"], evaluate: (f) => (/OMSPAN\./i.test(f) ? answer : undefined) });
  xl.put("Data!A1", [['=OMSPAN.PAGU("600001")']]);
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").numberFormat = [["@", "@"]];
    await ctx.sync();
  });
  xl.select("Data!B1");
  await insertFormulaAtActiveCell('=OMSPAN.PAGU("600002")');
  expect(xl.model.sheet("Data")!.get(0, 1)?.f).toBe('=OMSPAN.PAGU("600002")');
  answer = 5;
  const summary = await refreshWorkbook(tableDeps(() => ({ baseUrl: "http://127.0.0.1:9", key: "k" }), "en"));
  expect(summary.formulas.rerun).toBe(2);
  expect(xl.values("Data!A1:B1")).toEqual([[5, 5]]);
});

test("9. a ribbon refresh that takes longer than 5 minutes completes its event at once and reports to the pane when done", async () => {
  xl = installExcelStandin({ sheets: ["Data"], evaluate: (f) => (/OMSPAN\./i.test(f) ? 1 : undefined) });
  xl.put("Data!A1", [['=OMSPAN.PAGU("600001")']]);
  const office = installOfficeStandin();
  try {
    let tables!: typeof import("../../src/excel/omspan-tables");
    jest.isolateModules(() => {
      require("../../src/commands/commands");
      tables = require("../../src/excel/omspan-tables");
    });
    const done: unknown[] = [];
    tables.onRefreshDone((s) => done.push(s));
    xl.startCellEdit(); // holds the refresh's batches: the refresh outlasts the ribbon's limit
    jest.useFakeTimers({ doNotFake: ["queueMicrotask"] });
    const click = office.click("refreshWorkbook");
    await jest.advanceTimersByTimeAsync(5 * 60 * 1000 + 1);
    await expect(click).resolves.toEqual({ registered: true, completed: true });
    jest.useRealTimers();
    expect(done).toHaveLength(0);
    xl.endCellEdit();
    for (let i = 0; i < 200 && !done.length; i++) await new Promise((r) => setTimeout(r, 25));
    expect(done).toHaveLength(1);
  } finally {
    jest.useRealTimers();
    office.uninstall();
  }
});

test("19. a selection of several areas, or a whole column, is refused before any value is read", async () => {
  xl = installExcelStandin({ sheets: ["Data"] });
  xl.select("Data!A1:A3,C1");
  await expect(readSelection()).rejects.toMatchObject({ detail: { reason: expect.stringContaining("2 separate ranges: select one range") } });
  xl.select("Data!A1:A1048576");
  await expect(readSelection()).rejects.toMatchObject({ detail: { reason: expect.stringContaining("select at most 50,000") } });
  expect(xl.syncs.every((s) => s.responseBytes < 10_000)).toBe(true);
  xl.select("Data!B2");
  await expect(readSelection()).resolves.toEqual({ address: "Data!B2", values: [[""]] });
});

test("21. separators the user set in Excel's options decide the list separator over the culture's", async () => {
  xl = installExcelStandin({ culture: { name: "en-US", decimalSeparator: "." }, separators: { decimal: ",", thousands: "." } });
  expect(await excelListSeparator()).toBe(";");
});
