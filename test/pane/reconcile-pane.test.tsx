/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The Laporan tab's Rekonsiliasi as inside Excel: the chooser with the real Excel adapter on the stand-in
 * and a real Store over the simulator's generated Realisasi. A ledger with Indonesian headers in a table,
 * its dates and amounts as text and one bad row, is read from one selected cell; the columns are found,
 * the bad row is named with its row, the satker and period come from the ledger, the preview counts the
 * case's changes, a corrected column is used, and Build writes the sheet.
 */
import "../support/jsdom-globals";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { reconcileAdapter } from "../../src/excel/reconcile-build";
import { runExcel } from "../../src/excel/excel-run";
import { ReportChooser } from "../../src/taskpane/reports/ReportChooser";
import { generateMinistry } from "../../src/simulator/ministry";
import { realisasiRecords } from "../../src/simulator/records";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { ledgerMatrix, reconcileCase } from "../support/reconcile-cases";
import { reportTables } from "../support/report-tables";
import { storeActions } from "./pane-data";

const records = realisasiRecords(generateMinistry("demo", 2026, { today: "2026-11-28" }));
const kase = reconcileCase(records as unknown as Record<string, string>[], "600001", "2026-01-01", "2026-06-30");
const paged = (url: string) => {
  const m = /RealisasiKL\/(\d+)\/(\d+)$/.exec(url);
  if (!m || Number(m[1]) > records.length) return { status: 200, body: `{"body":{"value":"Tidak Ada Data (no data found)"}}` };
  return { status: 200, body: JSON.stringify(records.slice(Number(m[1]) - 1, Number(m[2]))) };
};

let xl: ExcelStandin;
beforeEach(() => (xl = installExcelStandin({ sheets: ["Buku"] })));
afterEach(() => xl.uninstall());

test("one cell of an Indonesian ledger table: columns found, the bad row named, satker and period from the ledger, the preview, a corrected column, Build", async () => {
  const user = userEvent.setup();
  const rows = ledgerMatrix(kase, { lang: "id", dates: "text", amounts: "text" });
  rows.splice(5, 0, [...rows[5]!.slice(0, 2), "31/02/2026", ...rows[5]!.slice(3)]);
  xl.put("Buku!A1", rows);
  await runExcel(async (ctx) => {
    ctx.workbook.tables.add(`Buku!A2:F${rows.length}`, true).name = "BukuKas";
    await ctx.sync();
  });
  xl.select("Buku!B12");
  const { store, conn } = storeActions(paged);
  const reconcile = reconcileAdapter({ store, connection: () => conn, lang: () => "en" });
  render(
    <FluentProvider theme={webLightTheme}>
      <ReportChooser lang="en" initialPeriod={{ month: 6, year: 2026 }} load={async () => reportTables("demo")} reconcile={reconcile} />
    </FluentProvider>,
  );
  await user.selectOptions(await screen.findByLabelText("Report"), "rekonsiliasi");
  expect(screen.queryByLabelText("Scope")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Use selection" }));
  expect(await screen.findByText(`Ledger: BukuKas — ${rows.length - 1} rows`)).toBeTruthy();
  const selected = (label: string) => {
    const s = screen.getByLabelText(label) as HTMLSelectElement;
    return s.options[s.selectedIndex]!.text;
  };
  expect([selected("Account"), selected("Date"), selected("Amount"), selected("Work unit (optional)"), selected("Reference (optional)")]).toEqual(["B — Akun", "C — Tanggal", "E — Jumlah", "A — Kode Satker", "F — No. Bukti"]);
  const read = screen.getByRole("status", { name: "The ledger as read" });
  expect(within(read).getByText(`${kase.ledger.length} transactions read, 1 rows not readable, 0 blank rows`)).toBeTruthy();
  expect(within(read).getByText(/^Row 6: the date "31\/02\/2026" is not a date/)).toBeTruthy();
  expect(within(read).getByText(/the report sums a copy of the ledger as read/)).toBeTruthy();
  expect((screen.getByLabelText("Work unit") as HTMLInputElement).value).toBe("600001");
  expect([(screen.getByLabelText("From") as HTMLInputElement).value, (screen.getByLabelText("To") as HTMLInputElement).value]).toEqual(["2026-01-01", "2026-06-30"]);
  const preview = screen.getByRole("status", { name: "Preview" });
  expect(await within(preview).findByText(/^OMSPAN only: 6 transactions/, {}, { timeout: 10_000 })).toBeTruthy();
  expect(within(preview).getByText(/^Ledger only: 5 transactions/)).toBeTruthy();

  // A column chosen by hand: the reference is the description now (the request keeps its header).
  await user.selectOptions(screen.getByLabelText("Reference (optional)"), "3");
  await user.selectOptions(screen.getByLabelText("Label language"), "id");
  await user.click(screen.getByRole("button", { name: "Build reconciliation" }));
  expect(await screen.findByText(/built on sheet "Rekon 600001 Jun"/, {}, { timeout: 20_000 })).toBeTruthy();
  const sheet = xl.model.sheet("Rekon 600001 Jun")!;
  expect(sheet.get(8, 1)!.v).toBe("satker=Kode Satker; akun=Akun; tanggal=Tanggal; jumlah=Jumlah; referensi=Uraian");
  await waitFor(() => expect((screen.getByRole("button", { name: "Build reconciliation" }) as HTMLButtonElement).disabled).toBe(false));
}, 60_000);

test("outside Excel the tab says Excel is needed", async () => {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <ReportChooser lang="id" load={async () => reportTables("demo")} />
    </FluentProvider>,
  );
  await user.selectOptions(await screen.findByLabelText("Laporan"), "rekonsiliasi");
  expect(screen.getByText(/Rekonsiliasi membaca buku dari lembar kerja: perlu Excel/)).toBeTruthy();
});
