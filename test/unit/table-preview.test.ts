/**
 * The pane's preview in the core: the same rows the table writer selects (shapeTable), their amount
 * total, the first rows with dates as yyyy-mm-dd; and a query's problems per field as the core's errors.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { Store } from "../../src/omspan/store/store";
import { parseTableQuery, previewTable, queryProblems, shapeTable } from "../../src/omspan/tables";
import { localizeError } from "../../src/omspan/messages";
import { REALISASI_SAMPLE } from "../support/spec-samples";

async function realisasi() {
  const fetchImpl = (async (url: string) =>
    new Response(/RealisasiKL\/1\//.test(String(url)) ? REALISASI_SAMPLE : `{"body":{"value":"Tidak Ada Data (no data found)"}}`, { status: 200 })) as unknown as typeof fetch;
  const store = new Store((c) => new OmspanClient({ ...c, fetch: fetchImpl }));
  return (await store.get({ baseUrl: "http://127.0.0.1:9/omspan/", key: "test-key-not-a-jwt" }, "realisasi")).table;
}

test("row count and total agree with the rows the table writer shapes", async () => {
  const table = await realisasi();
  for (const q of [{}, { akun: "52" }, { satker: "999999" }]) {
    const query = parseTableQuery({ version: 1, dataset: "realisasi", lang: "en", ...q });
    const p = previewTable(table, query, 2);
    const shaped = shapeTable(table, query);
    expect(p.rowCount).toBe(shaped.rowCount);
    const amountAt = shaped.columns.findIndex((c) => c.key === "AMOUNT");
    const sum = shaped.values(0, shaped.rowCount).reduce((s, r) => s + (r[amountAt] as number), 0);
    expect(p.total).toBeCloseTo(sum, 6);
    expect(p.rows.length).toBe(Math.min(2, shaped.rowCount));
    const dateAt = p.columns.findIndex((c) => c.key === "TANGGAL");
    if (p.rows[0]) expect(p.rows[0][dateAt]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
});

test("problems per field, as the core's errors in both languages", () => {
  expect(queryProblems({ version: 1, dataset: "realisasi", lang: "en" })).toEqual({});
  const p = queryProblems({ version: 1, dataset: "realisasi", lang: "en", akun: "5x", satker: "12x", filter: "nonsense", from: "2026-13-40" });
  expect(Object.keys(p).sort()).toEqual(["akun", "filter", "from", "satker"]);
  expect(localizeError(p.akun, "id")).toMatch(/^Argumen akun/);
  const order = queryProblems({ version: 1, dataset: "pnbp", lang: "en", from: "2026-03-01", to: "2026-02-01" });
  expect(localizeError(order.to, "en")).toContain("ends before it starts");
});
