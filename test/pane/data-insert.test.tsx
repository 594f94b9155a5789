/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Insert from the Data view, as inside Excel: the view with the real Excel adapter (paneInsert → the
 * table writer) on the Excel stand-in, sharing the store the preview pulled into.
 */
import "../support/jsdom-globals";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { paneInsert } from "../../src/excel/pane-insert";
import { REGISTRY_SHEET } from "../../src/excel/hidden-sheets";
import { DataView } from "../../src/taskpane/data/DataView";
import { stringsFor } from "../../src/taskpane/strings";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { tableContent } from "../support/tables";
import { pagedRealisasi, storeActions } from "./pane-data";

let xl: ExcelStandin;
beforeEach(() => (xl = installExcelStandin({ sheets: ["Laporan"] })));
afterEach(() => xl.uninstall());

test("preview, then insert into a new sheet and at the selection: tables in the workbook, no second pull", async () => {
  const user = userEvent.setup();
  const base = storeActions(pagedRealisasi(12));
  const insert = paneInsert({ store: base.store, connection: () => base.conn, lang: () => "en" });
  render(
    <FluentProvider theme={webLightTheme}>
      <DataView connected actions={{ ...base.actions, insert }} lang="en" t={stringsFor("en")} />
    </FluentProvider>,
  );
  const t = stringsFor("en");
  await user.type(screen.getByLabelText(t.satkerLabel), "600001");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  expect((await screen.findByTestId("row-count")).textContent).toBe("6");
  await user.click(screen.getByRole("button", { name: t.insertButton }));
  const done = await screen.findByTestId("inserted");
  expect(done.textContent).toMatch(/^Table OMSPAN_realisasi \(6 rows\) inserted at OMSPAN_realisasi!A2:P8\.$/);
  const { body } = tableContent(xl, "OMSPAN_realisasi");
  expect(body.map((r) => r[0])).toEqual(Array(6).fill("600001"));
  expect(base.store.pulls).toBe(1);

  xl.select("Laporan!B2");
  await user.click(screen.getByRole("radio", { name: t.insertAtSelection }));
  await user.click(screen.getByRole("button", { name: t.insertButton }));
  await screen.findByText(/^Table OMSPAN_realisasi_2 \(6 rows\) inserted at Laporan!B3:Q9\.$/);
  expect(xl.model.sheets.filter((s) => s.name !== REGISTRY_SHEET).map((s) => s.name)).toEqual(["Laporan", "OMSPAN_realisasi"]);
});

test("a selection that holds data: the writer's refusal, in the pane's language", async () => {
  const user = userEvent.setup();
  const base = storeActions(pagedRealisasi(4));
  const insert = paneInsert({ store: base.store, connection: () => base.conn, lang: () => "id" });
  xl.put("Laporan!A3", [["catatan"]]);
  render(
    <FluentProvider theme={webLightTheme}>
      <DataView connected actions={{ ...base.actions, insert }} lang="id" t={stringsFor("id")} />
    </FluentProvider>,
  );
  const t = stringsFor("id");
  await user.click(screen.getByRole("button", { name: t.previewButton }));
  await screen.findByTestId("row-count");
  await user.click(screen.getByRole("radio", { name: t.insertAtSelection }));
  await user.click(screen.getByRole("button", { name: t.insertButton }));
  const bar = await screen.findByTestId("insert-error");
  expect(bar.textContent).toContain(t.insertFailed);
  expect(bar.textContent).toContain("Laporan!A3 berisi data");
});
