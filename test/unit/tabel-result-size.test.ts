/**
 * A custom function's result over 5 MB never reaches its cell on Excel on the web — the cell stays #BUSY!
 * for ever (office-js #2786, #2222, #4654) — so TABEL answers #VALUE! saying what to do instead.
 */
import { TABEL } from "../../src/omspan/formulas/tabel";
import { dataSource } from "../../src/omspan/formulas";
import { InvalidArgumentError } from "../../src/omspan/errors";
import { bigRealisasi } from "../support/big-realisasi";
import { CustomFunctionsRuntime, STILL_BUSY } from "../support/custom-functions-fake";

const big = bigRealisasi(100_000);

test("the stand-in: on the web a result over 5 MB stays #BUSY!, on Windows it arrives", () => {
  const rows = Array.from({ length: 60_000 }, (_, i) => [`satker-${i}`, "x".repeat(80)]);
  expect(JSON.stringify(rows).length).toBeGreaterThan(5 * 1024 * 1024);
  expect(CustomFunctionsRuntime.delivered(rows, "web")).toBe(STILL_BUSY);
  expect(CustomFunctionsRuntime.delivered(rows, "windows")).toBe(rows);
  const small = rows.slice(0, 100);
  expect(CustomFunctionsRuntime.delivered(small, "web")).toBe(small);
});

test("TABEL of 100,000 Realisasi rows is #VALUE! saying to narrow the filter or insert a table; a narrow one answers", () => {
  const all = TABEL.prepare(["realisasi"]);
  let thrown: unknown;
  try {
    all.run(dataSource(big));
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InvalidArgumentError);
  expect((thrown as InvalidArgumentError).message).toMatch(/5 MB\): narrow the filter or the columns, or insert the dataset as a table/);
  const some = TABEL.prepare(["realisasi", "", "KDSATKER,AMOUNT"]).run(dataSource(bigRealisasi(1_000))) as unknown[][];
  expect(some).toHaveLength(1_001);
  // What TABEL does answer stays under what the web delivers.
  expect(CustomFunctionsRuntime.delivered(some, "web")).toBe(some);
});
