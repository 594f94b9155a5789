/** @jest-environment jsdom */
/**
 * The Rumus view's states: empty (no function chosen), the catalogue in the user's separator, inline
 * validation with the core's messages, loading, the value (single and spilled), each error of the
 * preview, and insertion — in Excel (selection, insert, insert failure) and in preview mode (Excel needed).
 */
import "../support/jsdom-globals";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { FormulasView, type FormulasViewProps } from "../../src/taskpane/formulas/FormulasView";
import { DivisionByZeroError, KeyRefusedError, NotConnectedError } from "../../src/omspan/errors";
import { FORMULAS } from "../../src/omspan/formulas";
import { localizeError } from "../../src/omspan/messages";
import { formatCellValue } from "../../src/taskpane/formulas/format-value";
import { deferred, isDisabled, textOf } from "../support/pane-dom";



function mount(over: Partial<FormulasViewProps> = {}) {
  const props: FormulasViewProps = { lang: "id", listSeparator: ";", evaluate: jest.fn(async () => 1234567.5), ...over };
  render(
    <FluentProvider theme={webLightTheme}>
      <FormulasView {...props} />
    </FluentProvider>,
  );
  return props;
}

async function choose(name: string, label = "Fungsi") {
  await userEvent.selectOptions(screen.getByLabelText(label), name);
}

test("empty: no function chosen; the catalogue lists the ten functions with examples in the user's separator", async () => {
  mount({ listSeparator: "," });
  expect(textOf(screen.getByTestId("builder-empty"))).toMatch("Pilih fungsi untuk menyusun rumus.");
  expect(screen.queryByRole("button", { name: "Tampilkan nilai" })).toBeNull();
  const headers = Object.keys(FORMULAS).map((n) => screen.getByRole("button", { name: `OMSPAN.${n}` }));
  expect(headers).toHaveLength(10);
  await userEvent.click(headers[0]!);
  expect(textOf(screen.getByTestId("example-REALISASI"))).toMatch('=OMSPAN.REALISASI("600001", "52")');
  expect(screen.getByText("Pemisah argumen Excel Anda: ,")).toBeTruthy();
  // "Build this formula" chooses it in the builder.
  await userEvent.click(screen.getByRole("button", { name: "Susun rumus ini: OMSPAN.REALISASI" }));
  expect((screen.getByLabelText("Fungsi") as HTMLSelectElement).value).toBe("REALISASI");
  expect(screen.getByLabelText("satker")).toBeTruthy();
});

test("success: typed codes build the formula in the user's separator; the value shows after loading", async () => {
  const answer = deferred<number>();
  const evaluate = jest.fn(() => answer.promise);
  mount({ evaluate });
  await choose("REALISASI");
  await userEvent.type(screen.getByLabelText("satker"), "600001");
  await userEvent.type(screen.getByLabelText("akun (opsional)"), "52");
  expect(textOf(screen.getByTestId("built-formula"))).toMatch('=OMSPAN.REALISASI("600001"; "52")');
  await userEvent.click(screen.getByRole("button", { name: "Tampilkan nilai" }));
  expect(screen.getByTestId("calculating")).toBeTruthy();
  expect(evaluate).toHaveBeenCalledWith("REALISASI", ["600001", "52"]);
  answer.resolve(1234567.5);
  expect(textOf(await screen.findByTestId("formula-value"))).toMatch(formatCellValue(1234567.5, "id"));
  expect(screen.getByTestId("formula-value").textContent).toBe("1.234.567,5");
  expect(screen.queryByTestId("calculating")).toBeNull();
});

test("validation: the core's message appears under the argument, and the value cannot be asked", async () => {
  const evaluate = jest.fn(async () => 1);
  mount({ evaluate });
  await choose("REALISASI.BULAN");
  await userEvent.type(screen.getByLabelText("satker"), "600001");
  // Too few arguments: the count message of the core.
  expect(textOf(screen.getByTestId("call-problem"))).toMatch(/menerima 3 sampai 5 argumen/);
  await userEvent.type(screen.getByLabelText("akun"), "52");
  await userEvent.type(screen.getByLabelText("bulan"), "13");
  expect(screen.getByText(/bulan harus 1 sampai 12/)).toBeTruthy();
  expect(isDisabled(screen.getByRole("button", { name: "Tampilkan nilai" }))).toBe(true);
  await userEvent.clear(screen.getByLabelText("bulan"));
  await userEvent.type(screen.getByLabelText("bulan"), "3");
  expect(screen.queryByText(/bulan harus 1 sampai 12/)).toBeNull();
  expect(isDisabled(screen.getByRole("button", { name: "Tampilkan nilai" }))).toBe(false);
  expect(evaluate).not.toHaveBeenCalled();
});

test("validation in English: a date argument that is not a date", async () => {
  mount({ lang: "en" });
  await choose("REALISASI", "Function");
  await userEvent.type(screen.getByLabelText("satker"), "600001");
  await userEvent.type(screen.getByLabelText("dari (optional)"), "kemarin");
  expect(screen.getByText(/expected a date/)).toBeTruthy();
  expect(isDisabled(screen.getByRole("button", { name: "Show value" }))).toBe(true);
});

test.each([
  ["not connected", new NotConnectedError(), /Nilai tidak dapat dihitung/],
  ["key refused", new KeyRefusedError("expired"), /Nilai tidak dapat dihitung/],
  ["the cell's own error", new DivisionByZeroError({ en: "the pagu of this selection is 0", id: "pagu pilihan ini 0" }), /Sel akan menampilkan galat: #DIV\/0!/],
])("error: %s is shown with its message", async (_what, error, title) => {
  mount({ evaluate: jest.fn(async () => Promise.reject(error)) });
  await choose("PENYERAPAN");
  await userEvent.type(screen.getByLabelText("satker"), "600001");
  await userEvent.click(screen.getByRole("button", { name: "Tampilkan nilai" }));
  const bar = await screen.findByTestId("value-error");
  expect(textOf(bar)).toMatch(title);
  expect(textOf(bar)).toContain(localizeError(error, "id"));
  expect(screen.queryByTestId("formula-value")).toBeNull();
});

test("preview mode: Excel is needed to insert and to read the selection; the value still works", async () => {
  const evaluate = jest.fn(async () => 42);
  mount({ evaluate });
  expect(textOf(screen.getByTestId("excel-needed"))).toMatch(/memerlukan Excel/);
  await choose("PAGU");
  await userEvent.type(screen.getByLabelText("satker"), "600001");
  expect(isDisabled(screen.getByRole("button", { name: "Sisipkan di sel aktif" }))).toBe(true);
  expect(screen.queryByRole("button", { name: /dari sel terpilih/ })).toBeNull();
  await userEvent.click(screen.getByRole("button", { name: "Tampilkan nilai" }));
  expect(textOf(await screen.findByTestId("formula-value"))).toMatch("42");
});

test("in Excel: an argument from the selection, a spilled preview, and insertion in the , form", async () => {
  const readSelection = jest.fn(async () => ({ address: "Laporan!B2:B3", values: [["600001"], ["600002"]] }));
  const insertFormula = jest.fn(async () => "Laporan!D2");
  const evaluate = jest.fn(async () => [[10], [20]]);
  mount({ readSelection, insertFormula, evaluate });
  expect(screen.queryByTestId("excel-needed")).toBeNull();
  await choose("REALISASI");
  await userEvent.click(screen.getByRole("button", { name: "Isi satker dari sel terpilih" }));
  expect((screen.getByLabelText("satker") as HTMLInputElement).value).toBe("Laporan!B2:B3");
  await userEvent.type(screen.getByLabelText("akun (opsional)"), "52");
  expect(textOf(screen.getByTestId("built-formula"))).toMatch('=OMSPAN.REALISASI(Laporan!B2:B3; "52")');
  await userEvent.click(screen.getByRole("button", { name: "Tampilkan nilai" }));
  expect(evaluate).toHaveBeenCalledWith("REALISASI", [[["600001"], ["600002"]], "52"]);
  expect(textOf(await screen.findByTestId("formula-grid"))).toMatch("Hasil tumpah 2 baris × 1 kolom");
  await userEvent.click(screen.getByRole("button", { name: "Sisipkan di sel aktif" }));
  expect(insertFormula).toHaveBeenCalledWith('=OMSPAN.REALISASI(Laporan!B2:B3, "52")');
  expect(textOf(await screen.findByTestId("inserted"))).toMatch("Rumus disisipkan di Laporan!D2.");
});

test("in Excel: a failed insert and an unreadable selection are reported", async () => {
  const readSelection = jest.fn(async () => Promise.reject(new Error("selection is a chart")));
  const insertFormula = jest.fn(async () => Promise.reject(new Error("the cell is locked")));
  mount({ readSelection, insertFormula, lang: "en" });
  await choose("ASOF", "Function");
  await userEvent.click(screen.getByRole("button", { name: "Fill dataset from the selected cell" }));
  expect(textOf(await screen.findByTestId("selection-error"))).toMatch("selection is a chart");
  await userEvent.click(screen.getByRole("button", { name: "Insert into active cell" }));
  await waitFor(() => expect(textOf(screen.getByTestId("insert-error"))).toMatch(/The formula was not inserted.*the cell is locked/));
});
