/**
 * A 100,000-row Realisasi table through the one table writer and the refresh of it, against the Excel
 * stand-in's request and answer limits: every sync stays under 4 MB both ways, every write sync
 * suspends calculation and screen updating, and the cells land typed and complete.
 */
import { parseTableQuery, shapeTable } from "../../src/omspan/tables";
import { placeNew } from "../../src/excel/place-table";
import { stageTable } from "../../src/excel/table-writer";
import { refreshTable } from "../../src/excel/refresh-table";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { bigRealisasi } from "../support/big-realisasi";
import { tableContent } from "../support/tables";

const ROWS = 100_000;
const FOUR_MB = 4 * 1024 * 1024;
let xl: ExcelStandin;
afterEach(() => xl?.uninstall());

test("a 100,000-row Realisasi table is written, and rewritten by a refresh, with no request or answer over 4 MB", async () => {
  xl = installExcelStandin({ sheets: ["Data"] });
  const data = bigRealisasi(ROWS);
  const query = parseTableQuery({ version: 1, dataset: "realisasi", lang: "id" });
  const shaped = shapeTable(data.table, query);
  expect(shaped.rowCount).toBe(ROWS);
  const placed = await Excel.run(async (ctx) => {
    const staged = await stageTable(ctx, shaped);
    const p = await placeNew(ctx, { box: { sheet: "Data", row: 1, col: 0, rows: 1, cols: shaped.columns.length }, staged, newBody: ROWS, caption: "OMSPAN · test", name: "OMSPAN_realisasi" });
    p.table.load("id,name");
    await ctx.sync();
    return { id: p.table.id, name: p.table.name, address: p.address };
  });
  // The staging chunks (the caption line is a small write of its own).
  const writes = xl.syncs.filter((s) => s.ops.includes("Range.values") && s.requestBytes > 100_000);
  expect(writes.length).toBeGreaterThan(4);
  expect(xl.syncs.every((s) => !s.error && s.requestBytes < FOUR_MB && s.responseBytes < FOUR_MB)).toBe(true);
  expect(writes.every((s) => s.calcSuspended)).toBe(true);
  // Screen updating is suspended once, for the batch that puts the table in place (a loop of them flickers).
  expect(xl.syncs.filter((s) => s.screenSuspended)).toHaveLength(1);
  const { body, header } = tableContent(xl, placed.name);
  expect(header[0]).toBe("Kode satker");
  expect(body).toHaveLength(ROWS);
  expect(body[ROWS - 1]).toEqual(shaped.values(ROWS - 1, ROWS)[0]);
  expect(typeof body[0]![1]).toBe("string");

  const syncsBefore = xl.syncs.length;
  const entry = { tableId: placed.id, tableName: placed.name, sheet: "Data", address: placed.address, query };
  const r = await Excel.run((ctx) => refreshTable(ctx, { entry, found: { id: placed.id, name: placed.name, sheet: "Data", address: placed.address }, notes: [] }, data, 1900, "id"));
  expect(r.outcome).toMatchObject({ status: "refreshed", diff: { rowsBefore: ROWS, rowsAfter: ROWS, added: 0, removed: 0, changed: 0 } });
  const refreshSyncs = xl.syncs.slice(syncsBefore);
  expect(refreshSyncs.every((s) => !s.error && s.requestBytes < FOUR_MB && s.responseBytes < FOUR_MB)).toBe(true);
});
