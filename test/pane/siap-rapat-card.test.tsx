/** @jest-environment jsdom */
/**
 * The Siap Rapat card: outside Excel it says Excel is needed; *Siap Rapat* shows the checklist of a real
 * check (a workbook with an OMSPAN cell showing #N/A), each finding with *Go to* its cell; *Keep the
 * presented version and freeze* hands over the sheets to copy; a result the ribbon produced arrives
 * through the subscription; both languages.
 */
import "../support/jsdom-globals";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { checkWorkbook, type CellRef, type WorkbookModel } from "../../src/omspan/siap-rapat";
import { SiapRapatCard, type SiapRapatActions, type SiapRapatView } from "../../src/taskpane/siap-rapat/SiapRapatCard";

const MODEL: WorkbookModel = {
  sheets: [{ name: "Laporan", visibility: "visible", blocks: [{ top: 0, left: 0, values: [[{ error: "#N/A" }, 5]], formulas: [['=OMSPAN.REALISASI("600001")', null]] }] }],
  tables: [],
  reports: [],
  registryProblems: [],
};

async function view(): Promise<SiapRapatView> {
  const report = await checkWorkbook(MODEL, { live: true, data: () => Promise.reject(new Error("not pulled")) });
  return { report, presentable: ["Laporan"], frozen: false };
}

const ui = (node: React.ReactNode) => render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);

test("outside Excel: says Excel is needed, no button", () => {
  ui(<SiapRapatCard lang="en" />);
  expect(screen.getByText("Siap Rapat needs Excel.")).toBeTruthy();
  expect(screen.queryByTestId("siap-rapat-run")).toBeNull();
});

test("run → the checklist with Go to; keep hands over the sheets", async () => {
  const v = await view();
  const went: CellRef[] = [];
  const kept: (readonly string[])[] = [];
  const actions: SiapRapatActions = {
    run: async () => v,
    goTo: async (c) => void went.push(c),
    keep: async (sheets) => (kept.push(sheets), { copies: ["Laporan 2026-12-03"] }),
  };
  ui(<SiapRapatCard lang="en" actions={actions} />);
  await userEvent.click(screen.getByTestId("siap-rapat-run"));
  await waitFor(() => expect(screen.getByTestId("siap-rapat-verdict").textContent).toBe("1 finding(s) at STOP: do not present before they are resolved."));
  expect(screen.getByTestId("siap-rapat-checklist").textContent).toMatch(/STOPNo OMSPAN cell shows an error1 OMSPAN cell\(s\) on Laporan show an error \(#N\/A\)/);
  await userEvent.click(screen.getByRole("button", { name: "Go to Laporan!A1" }));
  expect(went).toEqual([{ sheet: "Laporan", address: "A1" }]);
  await userEvent.click(screen.getByTestId("siap-rapat-keep"));
  await waitFor(() => expect(screen.getByTestId("siap-rapat-kept").textContent).toBe("Kept: Laporan 2026-12-03. The workbook is frozen."));
  expect(kept).toEqual([["Laporan"]]);
});

test("a ribbon run's result arrives through the subscription, in Indonesian", async () => {
  const v = await view();
  let push: ((x: SiapRapatView) => void) | undefined;
  const actions: SiapRapatActions = { run: async () => v, goTo: async () => undefined, keep: async () => ({ copies: [] }), subscribe: (l) => ((push = l), () => (push = undefined)) };
  ui(<SiapRapatCard lang="id" actions={actions} />);
  act(() => push!(v));
  await waitFor(() => expect(screen.getByTestId("siap-rapat-verdict").textContent).toBe("1 temuan BERHENTI: jangan disajikan sebelum diselesaikan."));
  expect(screen.getByRole("button", { name: "Buka Laporan!A1" })).toBeTruthy();
});
