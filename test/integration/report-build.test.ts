/**
 * The pane's report adapter end to end, against the real simulator and server (the stack) and the Excel
 * stand-in: it pulls what the layout reads through the session store, builds, writes a new sheet, answers
 * an outcome (never throws); a bad request or a failure while writing is an outcome with the message in
 * the request's language and nothing left in the workbook; and *Refresh workbook* finds a built report's
 * OMSPAN cells like those of any sheet.
 */
import { refreshWorkbook } from "../../src/excel/omspan-tables";
import { reportAdapter } from "../../src/excel/report-build";
import type { ReportWriteProgress } from "../../src/excel/report-writer";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { startStack, type Stack } from "../support/stack";
import { tableDeps } from "../support/tables";

let stack: Stack;
let xl: ExcelStandin;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Sheet1"] })));
afterEach(() => xl.uninstall());

const deps = () => tableDeps(() => ({ baseUrl: stack.proxyBase, key: stack.key }));
const request = { template: "sisa-dana", scope: { kind: "kanwil", kanwil: "604001" }, month: 9, year: 2026, lang: "en" } as const;

test("load gives the layout's tables (DIPA always); build writes the report and reports progress", async () => {
  const d = deps();
  const adapter = reportAdapter(d);
  const data = await adapter.load(["dana"]);
  expect(Object.keys(data).sort()).toEqual(["dana", "dipa"]);
  expect(data.dipa.rowCount).toBeGreaterThan(100);
  const seen: ReportWriteProgress[] = [];
  const out = await adapter.build(request, (p) => seen.push(p));
  if (!out.ok) throw new Error(out.error);
  expect(out.sheet).toBe("Funds Available Sep");
  expect(xl.model.sheet(out.sheet)).toBeDefined();
  expect(out.counts.omspanFormulas).toBeGreaterThan(100);
  expect(seen[0]!.phase).toBe("sheet");
  expect(seen.at(-1)).toEqual({ phase: "done", rowsWritten: out.counts.rows, rowCount: out.counts.rows });
  const written = seen.filter((p) => p.phase === "cells").map((p) => p.rowsWritten);
  expect(written).toEqual([...written].sort((a, b) => a - b));

  // Refresh workbook: the report's OMSPAN cells are found and re-run, as on any sheet.
  const summary = await refreshWorkbook(d);
  expect(summary.formulas.cells).toBe(out.counts.omspanFormulas);
});

test("a bad request is an outcome naming the field, a failure while writing one saying the sheet was deleted (Indonesian)", async () => {
  const adapter = reportAdapter(deps());
  const bad = await adapter.build({ ...request, scope: { kind: "kanwil", kanwil: "999999" } });
  expect(bad).toEqual({ ok: false, error: expect.stringMatching(/999999/) });
  const before = xl.snapshot();
  // After every cell landed: the sync with the conditional formats and the page layout fails.
  xl.failWhen(({ ops }) => ops.includes("ConditionalFormatCollection.add"));
  const failed = await adapter.build({ ...request, lang: "id" });
  expect(failed.ok).toBe(false);
  expect(!failed.ok && failed.error).toMatch(/^Laporan "Sisa Dana Sep" tidak dapat dibuat: .*sudah dihapus/);
  expect(xl.snapshot()).toBe(before);
});
