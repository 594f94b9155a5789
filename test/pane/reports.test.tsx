/** @jest-environment jsdom */
/**
 * The report chooser: not connected (empty), loading the layout's tables, their failure and a retry, the
 * preview of rows × columns and formulas as the core counts them, the preview mode without Excel (Build
 * disabled with a note), and a build's progress, success and failure — in both languages.
 */
import "../support/jsdom-globals";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReportOutcome } from "../../src/excel/report-build";
import type { ReportWriteProgress } from "../../src/excel/report-writer";
import { buildReport, scopeOptions, type ReportRequest, type TemplateData } from "../../src/omspan/templates";
import { ReportChooser, type ReportChooserProps } from "../../src/taskpane/reports/ReportChooser";
import { reportTables } from "../support/report-tables";
import { deferred } from "../support/pane-dom";


let data: TemplateData;
beforeAll(() => {
  data = reportTables("demo");
});

const PERIOD = { month: 9, year: 2026 };
const show = (props: Partial<ReportChooserProps>) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <ReportChooser lang="en" initialPeriod={PERIOD} {...props} />
    </FluentProvider>,
  );


const previewText = (req: ReportRequest) => {
  const { counts } = buildReport(req, data);
  return { size: `${counts.rows} rows × ${counts.columns} columns`, formulas: `${counts.omspanFormulas.toLocaleString("en")} OMSPAN formulas` };
};

test("not connected: says to connect first, offers no build", () => {
  show({});
  expect(screen.getByText(/Connect to OMSPAN first/)).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Build report" })).toBeNull();
});

test("loading, then the preview of the first Kanwil's report as the core counts it; changing the template and scope re-previews", async () => {
  const user = userEvent.setup();
  const pending = deferred<TemplateData>();
  const load = jest.fn((needs: readonly string[]) => (needs.length === 1 ? pending.promise : Promise.resolve(data)));
  show({ load, build: jest.fn() });
  expect(screen.getByText("Reading DIPA for the scope choices…")).toBeTruthy();
  expect(load).toHaveBeenCalledWith(["dipa"]);
  pending.resolve(data);
  const kanwil = scopeOptions(data.dipa).kanwil[0]!;
  const first = previewText({ template: "realisasi-bulanan", scope: { kind: "kanwil", kanwil }, ...PERIOD, lang: "en" });
  const status = await screen.findByRole("status", { name: "Preview" });
  expect(within(status).getByText(first.size)).toBeTruthy();
  expect(within(status).getByText(new RegExp(first.formulas))).toBeTruthy();

  await user.selectOptions(screen.getByLabelText("Report"), "sisa-dana");
  await waitFor(() => expect(load).toHaveBeenLastCalledWith(["dipa", "dana"]));
  await user.selectOptions(await screen.findByLabelText("Scope"), "all");
  const all = previewText({ template: "sisa-dana", scope: { kind: "all" }, ...PERIOD, lang: "en" });
  expect(await screen.findByText(all.size)).toBeTruthy();
  expect(all.size).not.toBe(first.size);
});

test("a failed load shows why and retries", async () => {
  const user = userEvent.setup();
  const load = jest.fn().mockRejectedValueOnce(new Error("proxy unreachable")).mockResolvedValue(data);
  show({ load });
  expect(await screen.findByText("The data for the report could not be read")).toBeTruthy();
  expect(screen.getByText("proxy unreachable")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByRole("status", { name: "Preview" })).toBeTruthy();
  expect(load).toHaveBeenCalledTimes(2);
});

test("outside Excel the layout previews but Build is disabled, with a note", async () => {
  show({ load: async () => data });
  await screen.findByRole("status", { name: "Preview" });
  expect((screen.getByRole("button", { name: "Build report" }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText(/Building a report needs Excel/)).toBeTruthy();
});

test("an unknown satker code previews as a warning naming it, and cannot be built", async () => {
  const user = userEvent.setup();
  show({ load: async () => data, build: jest.fn() });
  await user.selectOptions(await screen.findByLabelText("Scope"), "satker");
  const input = screen.getByLabelText("Work unit codes (comma-separated)");
  await user.clear(input);
  await user.type(input, "999999");
  expect(await screen.findByText(/999999/, { selector: "div" })).toBeTruthy();
  expect((screen.getByRole("button", { name: "Build report" }) as HTMLButtonElement).disabled).toBe(true);
});

test("Build: the request as chosen, progress while writing, then the sheet it went to", async () => {
  const user = userEvent.setup();
  const done = deferred<ReportOutcome>();
  let report: ((p: ReportWriteProgress) => void) | undefined;
  const build = jest.fn((_req: ReportRequest, onProgress: (p: ReportWriteProgress) => void) => {
    report = onProgress;
    return done.promise;
  });
  show({ load: async () => data, build });
  await screen.findByRole("status", { name: "Preview" });
  await user.selectOptions(screen.getByLabelText("Label language"), "id");
  await user.selectOptions(screen.getByLabelText("Through month"), "6");
  await user.click(screen.getByRole("button", { name: "Build report" }));
  const kanwil = scopeOptions(data.dipa).kanwil[0]!;
  expect(build.mock.calls[0]![0]).toEqual({ template: "realisasi-bulanan", scope: { kind: "kanwil", kanwil }, month: 6, year: 2026, lang: "id" });
  expect(screen.getByRole("button", { name: "Building the report…" })).toBeTruthy();
  act(() => report!({ phase: "cells", rowsWritten: 20, rowCount: 40 }));
  expect(await screen.findByText("20 of 40 rows written")).toBeTruthy();
  await act(async () => done.resolve({ ok: true, sheet: "Realisasi Bulanan Jun", counts: buildReport(build.mock.calls[0]![0], data).counts, syncs: 3 }));
  expect(await screen.findByText(/built on sheet "Realisasi Bulanan Jun"/)).toBeTruthy();
  expect(screen.queryByText("20 of 40 rows written")).toBeNull();
});

test("a failed build shows the writer's message (Indonesian pane)", async () => {
  const user = userEvent.setup();
  const build = jest.fn(async (): Promise<ReportOutcome> => ({ ok: false, error: 'Laporan "X" tidak dapat dibuat: Excel sibuk. Lembar yang setengah jadi sudah dihapus; buku kerja tidak berubah.' }));
  render(
    <FluentProvider theme={webLightTheme}>
      <ReportChooser lang="id" initialPeriod={PERIOD} load={async () => data} build={build} />
    </FluentProvider>,
  );
  await screen.findByRole("status", { name: "Pratinjau" });
  await user.click(screen.getByRole("button", { name: "Buat laporan" }));
  expect(await screen.findByText("Laporan tidak dibuat")).toBeTruthy();
  expect(screen.getByText(/Excel sibuk/)).toBeTruthy();
});

test("the chooser, ready to build, has no accessibility violations axe can find in jsdom", async () => {
  const { container } = show({ load: async () => data, build: jest.fn() });
  await screen.findByRole("status", { name: "Preview" });
  // Colour contrast needs layout, which jsdom does not do; the browser tests scan the pane for it.
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
});
