/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The Data view's states with the real core behind it (Store, client, previewTable, queryProblems):
 * not connected, choosing, invalid filters, loading with progress and cancel, success with the core's
 * row count and total, no rows, each pull error, and insert (absent in preview, done, failed).
 */
import "../support/jsdom-globals";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DataView } from "../../src/taskpane/data/DataView";
import type { DataActions } from "../../src/taskpane/data/data-actions";
import { stringsFor } from "../../src/taskpane/strings";
import { localizeError } from "../../src/omspan/messages";
import { KeyRefusedError, TimeoutError, UnreachableError } from "../../src/omspan/errors";
import { parseCodeFilter, AKUN_RULE } from "../../src/omspan/query/code-filter";
import { parseTableQuery, previewTable } from "../../src/omspan/tables";
import type { Lang } from "../../src/omspan/i18n";
import { NO_DATA, UNAUTHORIZED } from "../support/spec-samples";
import { pagedRealisasi, realisasiBody, storeActions, type Answer } from "./pane-data";

function show(actions: DataActions, lang: Lang = "en", connected = true) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <DataView connected={connected} actions={actions} lang={lang} t={stringsFor(lang)} />
    </FluentProvider>,
  );
}

const page = (n: number): Answer => ({ status: 200, body: realisasiBody(n) });
/** Realisasi of `n` rows in one page, then OMSPAN's no-data body past the end. */
const realisasi = (n: number) => (url: string): Answer => (/RealisasiKL\/1\//.test(url) ? page(n) : { status: 200, body: NO_DATA });

test("not connected: says to connect first, offers nothing to pull", () => {
  show(storeActions(() => page(1)).actions, "id", false);
  expect(screen.getByTestId("data-not-connected").textContent).toBe(stringsFor("id").dataNotConnected);
  expect(screen.queryByRole("button", { name: stringsFor("id").previewButton })).toBeNull();
});

test("the seven datasets with their explanation; parameters follow the dataset", async () => {
  const user = userEvent.setup();
  show(storeActions(() => page(1)).actions, "id");
  const t = stringsFor("id");
  const select = screen.getByLabelText(t.datasetLabel) as HTMLSelectElement;
  expect(select.options).toHaveLength(7);
  expect(screen.getByText(t.datasetAbout.realisasi)).toBeTruthy();
  expect(screen.getByLabelText(t.fromLabel)).toBeTruthy();
  await user.selectOptions(select, "pnbp");
  expect(screen.getByText(t.datasetAbout.pnbp)).toBeTruthy();
  expect(screen.getByLabelText(t.pnbpDateLabel)).toBeTruthy();
  await user.selectOptions(select, "ikpa-kl");
  expect(screen.queryByLabelText(t.satkerLabel)).toBeNull();
  expect(screen.queryByLabelText(t.akunLabel)).toBeNull();
  expect(screen.queryByLabelText(t.pnbpDateLabel)).toBeNull();
});

test("an invalid akun shows the core's message next to the field and blocks the preview", async () => {
  const user = userEvent.setup();
  show(storeActions(() => page(1)).actions, "en");
  const t = stringsFor("en");
  await user.type(screen.getByLabelText(t.akunLabel), "5x");
  let expected = "";
  try {
    parseCodeFilter("5x", AKUN_RULE);
  } catch (e) {
    expected = localizeError(e, "en");
  }
  expect(expected).not.toBe("");
  expect(screen.getByText(expected)).toBeTruthy();
  expect((screen.getByRole("button", { name: t.previewButton }) as HTMLButtonElement).disabled).toBe(true);
  await user.clear(screen.getByLabelText(t.akunLabel));
  expect((screen.getByRole("button", { name: t.previewButton }) as HTMLButtonElement).disabled).toBe(false);
});

test("a period that ends before it starts is refused on the To field", async () => {
  const user = userEvent.setup();
  show(storeActions(() => page(1)).actions, "en");
  const t = stringsFor("en");
  await user.type(screen.getByLabelText(t.fromLabel), "2026-03-01");
  await user.type(screen.getByLabelText(t.toLabel), "2026-02-01");
  expect(screen.getByText(/ends before it starts/)).toBeTruthy();
});

test("success: the row count and total are the core's, with the outcome; no Excel ⇒ insert says so", async () => {
  const user = userEvent.setup();
  const { actions, store, conn } = storeActions(realisasi(40));
  show(actions, "en");
  const t = stringsFor("en");
  await user.type(screen.getByLabelText(t.akunLabel), "52");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  await screen.findByTestId("preview");
  const data = await store.get(conn, "realisasi");
  const core = previewTable(data.table, parseTableQuery({ version: 1, dataset: "realisasi", akun: "52", lang: "en" }));
  expect(core.rowCount).toBeGreaterThan(0);
  expect(core.rowCount).toBeLessThan(40);
  expect(screen.getByTestId("row-count").textContent).toBe(core.rowCount.toLocaleString("en-GB"));
  expect(screen.getByTestId("total").textContent).toBe(core.total!.toLocaleString("en-GB", { maximumFractionDigits: 2 }));
  expect(screen.getByTestId("outcome").textContent).toMatch(/^40 rows in \d+\.\d s · pulled /);
  const table = screen.getByRole("table", { name: t.firstRows });
  expect(within(table).getAllByRole("row")).toHaveLength(1 + 5);
  expect(screen.getByTestId("insert-needs-excel").textContent).toBe(t.insertNeedsExcel);
});

test("a filter matching nothing: zero rows, said plainly", async () => {
  const user = userEvent.setup();
  show(storeActions(realisasi(10)).actions, "id");
  const t = stringsFor("id");
  await user.type(screen.getByLabelText(t.satkerLabel), "999999");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  expect((await screen.findByTestId("no-rows")).textContent).toBe(t.noRows);
  expect(screen.getByTestId("row-count").textContent).toBe("0");
});

test("loading: progress while the pull runs; Cancel stops it and the view is usable again", async () => {
  const user = userEvent.setup();
  let hang = true;
  const { actions } = storeActions((url) => (hang ? "hang" : realisasi(3)(url)));
  show(actions, "en");
  const t = stringsFor("en");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  expect(screen.getByTestId("pull-progress").textContent).toContain(t.pulling);
  expect((screen.getByLabelText(t.datasetLabel) as HTMLSelectElement).disabled).toBe(true);
  await user.click(screen.getByRole("button", { name: t.cancel }));
  expect(screen.getByTestId("pull-cancelled").textContent).toBe(t.cancelled);
  expect(screen.queryByTestId("pull-progress")).toBeNull();
  hang = false;
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  expect((await screen.findByTestId("row-count")).textContent).toBe("3");
});

test("paged pulls: pages and rows so far; the next pull's bar is measured against the last one's size", async () => {
  const user = userEvent.setup();
  let holdAfterFirst = false;
  const answer = pagedRealisasi(40);
  const { actions, store } = storeActions((url) => (holdAfterFirst && !/RealisasiKL\/(1|11)\//.test(url) ? "hang" : answer(url)), undefined, 10);
  show(actions, "en");
  const t = stringsFor("en");
  holdAfterFirst = true;
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  // The first round asks two windows at once; the third is held.
  expect((await screen.findByText(t.pullProgress(2, "20"))).textContent).toBe("2 pages · 20 rows so far");
  expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBeNull(); // no size known yet
  holdAfterFirst = false;
  await user.click(screen.getByRole("button", { name: t.cancel }));
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  expect((await screen.findByTestId("row-count")).textContent).toBe("40");
  store.invalidate();
  holdAfterFirst = true;
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  await screen.findByText(t.pullProgressOf("20", "40"));
  const bar = screen.getByRole("progressbar");
  expect([bar.getAttribute("aria-valuenow"), bar.getAttribute("aria-valuemax")]).toEqual(["20", "40"]);
  await user.click(screen.getByRole("button", { name: t.cancel }));
});

test.each<[string, Answer, unknown]>([
  ["the key refused", { status: 401, body: UNAUTHORIZED }, new KeyRefusedError("Signature verification failed")],
  ["OMSPAN's no-data answer for DIPA (not an error: zero rows)", { status: 200, body: NO_DATA }, undefined],
])("pull answer: %s", async (_, answer, expectedError) => {
  const user = userEvent.setup();
  show(storeActions(() => answer).actions, "id");
  const t = stringsFor("id");
  await user.selectOptions(screen.getByLabelText(t.datasetLabel), "dipa");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  if (expectedError) {
    const bar = await screen.findByTestId("pull-error");
    expect(bar.textContent).toContain(t.pullFailed);
    expect(bar.textContent).toContain(localizeError(expectedError, "id").slice(0, 20));
  } else {
    expect((await screen.findByTestId("no-rows")).textContent).toBe(t.noRows);
  }
});

test.each([
  ["an unreachable proxy", new UnreachableError("http://127.0.0.1:9/omspan/RealisasiKL/1/5000", new Error("refused"))],
  ["a timeout", new TimeoutError("http://127.0.0.1:9/omspan/RealisasiKL/1/5000", 20000)],
])("error: %s is named in the user's language", async (_, error) => {
  const user = userEvent.setup();
  show({ pull: () => Promise.reject(error) }, "en");
  await user.click(screen.getByRole("button", { name: stringsFor("en").previewButton }));
  expect((await screen.findByTestId("pull-error")).textContent).toContain(localizeError(error, "en"));
});

test("insert: new sheet by default or the selected cell; the outcome, or the writer's error", async () => {
  const user = userEvent.setup();
  const calls: unknown[] = [];
  const insert: DataActions["insert"] = async (query, target) => {
    calls.push([query, target]);
    if (target === "selection") throw new Error("the table needs Sheet1!B2:Q9 empty");
    return { table: "OMSPAN_realisasi", address: "OMSPAN_realisasi!A2:P5", rows: 3, asOf: { fetchedAt: new Date() }, warnings: [] };
  };
  show(storeActions(realisasi(3), insert).actions, "en");
  const t = stringsFor("en");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  await user.click(await screen.findByRole("button", { name: t.insertButton }));
  expect((await screen.findByTestId("inserted")).textContent).toBe(t.inserted("OMSPAN_realisasi", "OMSPAN_realisasi!A2:P5", "3"));
  expect(calls[0]).toEqual([{ version: 1, dataset: "realisasi", satker: "", akun: "", filter: "", lang: "en" }, "new-sheet"]);
  await user.click(screen.getByRole("radio", { name: t.insertAtSelection }));
  await user.click(screen.getByRole("button", { name: t.insertButton }));
  expect((await screen.findByTestId("insert-error")).textContent).toContain("needs Sheet1!B2:Q9 empty");
});
