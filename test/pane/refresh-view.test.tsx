/** @jest-environment jsdom */
/**
 * The Segarkan view's states: preview mode (Excel needed), loading the tables, the empty workbook, the
 * list with each table's as-of, a list that cannot be read (and its retry), refreshing one table / the
 * sheet / the workbook with progress, a refresh that fails, and the summary with its report-sheet button.
 */
import "../support/jsdom-globals";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { RefreshView } from "../../src/taskpane/refresh/RefreshView";
import type { RefreshActions, RefreshSummary, TableProgress, WorkbookTable } from "../../src/taskpane/refresh/refresh-actions";
import { KeyRefusedError } from "../../src/omspan/errors";
import { localizeError } from "../../src/omspan/messages";
import type { Lang } from "../../src/omspan/i18n";
import { deferred, isDisabled, textOf } from "../support/pane-dom";



const TABLES: WorkbookTable[] = [
  { tableId: "{T1}", name: "Realisasi_600001", sheet: "Laporan", dataset: "realisasi", asOf: { fetchedAt: "2026-12-01T08:30:00.000Z", maxDate: 20_422 }, present: true },
  { tableId: "{T2}", name: "Pagu", sheet: "Lain", dataset: "dipa", present: true },
  { tableId: "{T3}", name: "Lama", sheet: "Lain", dataset: "dana", present: false },
];

function summary(over: Partial<RefreshSummary> = {}): RefreshSummary {
  return {
    scope: "table",
    tables: [
      { table: "Realisasi_600001", sheet: "Laporan", dataset: "realisasi", status: "refreshed", notes: [], diff: { rowsBefore: 10, rowsAfter: 12, added: 3, removed: 1, changed: 2, totals: [{ key: "AMOUNT", header: "Jumlah", before: 100, after: 150, delta: 50 }] } },
    ],
    formulas: { cells: 4, rerun: 0, unsettled: 0, changes: [{ address: "Laporan!H2", formula: "=OMSPAN.PAGU(\"600001\")", before: 1, after: 2 }] },
    registryProblems: [],
    reportSheet: "Perubahan",
    warnings: [],
    startedAt: new Date(),
    finishedAt: new Date(),
    ...over,
  };
}

function actions(over: Partial<RefreshActions> = {}): RefreshActions {
  return { listTables: jest.fn(async () => TABLES), refresh: jest.fn(async () => summary()), showSheet: jest.fn(async () => undefined), ...over };
}

function mount(a: RefreshActions | undefined, lang: Lang = "id") {
  render(
    <FluentProvider theme={webLightTheme}>
      <RefreshView lang={lang} actions={a} />
    </FluentProvider>,
  );
}

test("preview mode: says Excel is needed and offers nothing to refresh", () => {
  mount(undefined);
  expect(textOf(screen.getByTestId("excel-needed"))).toMatch(/memerlukan Excel/);
  expect(screen.queryByRole("button")).toBeNull();
});

test("loading, then the tables with their as-of, a never-pulled and a deleted table", async () => {
  const list = deferred<WorkbookTable[]>();
  mount(actions({ listTables: () => list.promise }));
  expect(screen.getByTestId("tables-loading")).toBeTruthy();
  await act(async () => list.resolve(TABLES));
  expect(screen.queryByTestId("tables-loading")).toBeNull();
  expect(textOf(screen.getByTestId("table-Realisasi_600001"))).toMatch("Laporan · Realisasi belanja · Ditarik 2026-12-01 08:30 UTC · data s.d. 2025-11-30");
  expect(textOf(screen.getByTestId("table-Pagu"))).toMatch("belum pernah ditarik");
  expect(textOf(screen.getByTestId("table-Lama"))).toMatch("terhapus dari buku kerja");
  expect(screen.getByRole("button", { name: "Segarkan Realisasi_600001" })).toBeTruthy();
});

test("empty: a workbook without OMSPAN tables says so; sheet and workbook refresh stay available", async () => {
  mount(actions({ listTables: jest.fn(async () => []) }), "en");
  expect(textOf(await screen.findByTestId("tables-empty"))).toMatch(/no OMSPAN tables yet/);
  expect(isDisabled(screen.getByRole("button", { name: "Refresh this sheet" }))).toBe(false);
  expect(isDisabled(screen.getByRole("button", { name: "Refresh workbook" }))).toBe(false);
});

test("a list that cannot be read is reported, and Try again reads it again", async () => {
  const listTables = jest.fn().mockRejectedValueOnce(new Error("the registry sheet is protected")).mockResolvedValueOnce(TABLES);
  mount(actions({ listTables }), "en");
  expect(textOf(await screen.findByTestId("tables-error"))).toMatch(/could not be read.*the registry sheet is protected/);
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByTestId("table-Pagu")).toBeTruthy();
  expect(listTables).toHaveBeenCalledTimes(2);
});

test("refreshing one table: progress while it runs (buttons disabled), then the summary and the report sheet", async () => {
  const done = deferred<RefreshSummary>();
  let report: ((p: TableProgress) => void) | undefined;
  const a = actions({ refresh: jest.fn((_t, onProgress) => ((report = onProgress), done.promise)) });
  mount(a);
  await userEvent.click(await screen.findByRole("button", { name: "Segarkan Realisasi_600001" }));
  expect(a.refresh).toHaveBeenCalledWith({ table: "{T1}" }, expect.any(Function));
  expect(textOf(screen.getByTestId("refresh-progress"))).toMatch("Menarik data…");
  expect(isDisabled(screen.getByRole("button", { name: "Segarkan buku kerja" }))).toBe(true);
  act(() => report!({ phase: "write", table: "Realisasi_600001", done: 5000, total: 12000 }));
  expect(textOf(screen.getByTestId("refresh-progress"))).toMatch("Realisasi_600001: 5000 dari 12000 baris");
  expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe(String(5000 / 12000));
  await act(async () => done.resolve(summary()));
  expect(screen.queryByTestId("refresh-progress")).toBeNull();
  const card = screen.getByTestId("refresh-summary");
  expect(textOf(screen.getByTestId("outcome-Realisasi_600001"))).toMatch("diperbarui · +3 baris, −1 baris, 2 berubah · Jumlah: selisih +50");
  expect(textOf(card)).toMatch("4 sel rumus OMSPAN, 1 berubah nilai");
  // The list is read again (the as-of moved on).
  expect(a.listTables).toHaveBeenCalledTimes(2);
  await userEvent.click(screen.getByRole("button", { name: "Buka lembar Perubahan" }));
  expect(a.showSheet).toHaveBeenCalledWith("Perubahan");
});

test.each([["sheet", "Refresh this sheet"], ["workbook", "Refresh workbook"]] as const)("refreshing the %s", async (target, button) => {
  const failed = summary({ scope: target, reportSheet: undefined, tables: [{ table: "Pagu", sheet: "Lain", dataset: "dipa", status: "failed", notes: [{ en: "moved from Lain!A1 to Lain!C1", id: "dipindah" }], error: "OMSPAN refused the API key" }], warnings: ["The table registry was not saved: disk full"] });
  const a = actions({ refresh: jest.fn(async () => failed) });
  mount(a, "en");
  await userEvent.click(await screen.findByRole("button", { name: button }));
  expect(a.refresh).toHaveBeenCalledWith(target, expect.any(Function));
  expect(textOf(await screen.findByTestId("outcome-Pagu"))).toMatch("failed (table unchanged) · moved from Lain!A1 to Lain!C1 · OMSPAN refused the API key");
  expect(textOf(screen.getByTestId("refresh-summary"))).toMatch("The table registry was not saved: disk full");
  expect(screen.queryByRole("button", { name: /Open the/ })).toBeNull();
});

test("a refresh that fails as a whole is reported and the pane is usable again", async () => {
  const error = new KeyRefusedError("expired");
  mount(actions({ refresh: jest.fn(async () => Promise.reject(error)) }));
  await userEvent.click(await screen.findByRole("button", { name: "Segarkan buku kerja" }));
  const bar = await screen.findByTestId("refresh-error");
  expect(textOf(bar)).toMatch("Penyegaran gagal");
  expect(textOf(bar)).toContain(localizeError(error, "id"));
  expect(isDisabled(screen.getByRole("button", { name: "Segarkan buku kerja" }))).toBe(false);
  expect(screen.queryByTestId("refresh-summary")).toBeNull();
});

test("a report sheet that cannot be opened is reported", async () => {
  mount(actions({ showSheet: jest.fn(async () => Promise.reject(new Error("the sheet was deleted"))) }), "en");
  await userEvent.click(await screen.findByRole("button", { name: "Refresh workbook" }));
  await userEvent.click(await screen.findByRole("button", { name: "Open the Perubahan sheet" }));
  await waitFor(() => expect(textOf(screen.getByTestId("refresh-summary"))).toMatch(/could not be opened.*the sheet was deleted/));
});

test("a refresh the ribbon started shows its progress here", async () => {
  let listener: ((p: TableProgress) => void) | undefined;
  const unsubscribe = jest.fn();
  mount(actions({ subscribeProgress: (l) => ((listener = l), unsubscribe) }), "en");
  await screen.findByTestId("table-Pagu");
  act(() => listener!({ phase: "recalculate" }));
  expect(textOf(screen.getByTestId("refresh-progress"))).toMatch("Recalculating formulas…");
  act(() => listener!({ phase: "done" }));
  expect(screen.queryByTestId("refresh-progress")).toBeNull();
});

test("what the Excel queue holds is shown, and a ribbon refresh's summary (a failure that changed the table named so)", async () => {
  let queue!: (s: { running?: { en: string; id: string }; waiting: { en: string; id: string }[] }) => void;
  let done!: (s: RefreshSummary) => void;
  mount(
    actions({
      subscribeQueue: (l) => ((queue = l), () => undefined),
      subscribeDone: (l) => ((done = l), () => undefined),
    }),
    "en",
  );
  await screen.findByTestId("table-Pagu");
  expect(screen.queryByTestId("queue-waiting")).toBeNull();
  const refreshing = { en: "Refresh workbook", id: "Segarkan buku kerja" };
  await act(async () => queue({ running: refreshing, waiting: [{ en: "Insert table", id: "Sisipkan tabel" }] }));
  expect(textOf(screen.getByTestId("queue-waiting"))).toBe("Waiting for Excel to finish: Refresh workbook");
  await act(async () => queue({ waiting: [] }));
  expect(screen.queryByTestId("queue-waiting")).toBeNull();
  await act(async () => done(summary({ scope: "workbook", tables: [{ table: "Pagu", sheet: "Lain", dataset: "dipa", status: "failed", changed: true, notes: [], error: "disk full" }] })));
  expect(textOf(document.body)).toMatch("Pagu: failed (the table changed: refresh again)");
});
