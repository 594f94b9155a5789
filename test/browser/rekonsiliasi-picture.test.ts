/**
 * A picture of the Rekonsiliasi report, as the other templates have theirs (report-pictures.test.ts): a
 * demo satker's March ledger made from its raw rows and changed on purpose (reconcile-cases.ts), the
 * report built and every formula computed by the core's evaluator (SUMIFS over the ledger, OMSPAN calls
 * through the catalogue), rendered and photographed in headless Chromium into
 * test-artifacts/reports/rekonsiliasi.png. The page must show a highlighted difference and the lists.
 * With OMSPAN_DOCS_PICTURES=1 the first screen also goes to docs/reports/rekonsiliasi.png for the README.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { OmspanClient } from "../../src/omspan/wire/client";
import { dataSource } from "../../src/omspan/formulas";
import { parseCsv, readLedger } from "../../src/omspan/reconcile";
import { gridBook, isSheetError, recalculateWithOmspan, valuesByCell } from "../../src/omspan/sheet-calc";
import { Store } from "../../src/omspan/store";
import { REKONSILIASI } from "../../src/omspan/templates";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { ledgerMatrix, reconcileCase } from "../support/reconcile-cases";
import { renderGrid } from "../support/render-grid";
import { rawRealisasi } from "../support/stack";
import { launchBrowser } from "./support";

const OUT = path.resolve(__dirname, "..", "..", "test-artifacts", "reports");
const DOCS = process.env.OMSPAN_DOCS_PICTURES === "1" ? path.resolve(__dirname, "..", "..", "docs", "reports") : undefined;
let sim: RunningSimulator;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  if (DOCS) mkdirSync(DOCS, { recursive: true });
  [sim, browser] = await Promise.all([startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" }), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

test("rekonsiliasi is rendered and photographed: differences highlighted, the unmatched transactions listed", async () => {
  const conn = { baseUrl: sim.baseUrl, key: await sim.mintKey({ year: 2026 }) };
  const store = new Store((c) => new OmspanClient(c));
  const kase = reconcileCase(await rawRealisasi(sim.baseUrl, conn.key), "600001", "2026-03-01", "2026-03-31");
  const csv = ledgerMatrix(kase, { lang: "id", dates: "text", amounts: "text" }).map((r) => r.join(";")).join("\n");
  const read = readLedger(parseCsv(csv));
  const realisasi = await store.get(conn, "realisasi");
  const { grid } = REKONSILIASI.build(
    { template: "rekonsiliasi", satker: kase.satker, from: kase.from, to: kase.to, toleranceDays: 3, lang: "id", ledger: { at: "buku-maret.csv", file: "buku-maret.csv", columns: { akun: "Akun", date: "Tanggal", amount: "Jumlah" } } },
    { realisasi: realisasi.table, ledger: read },
  );
  const calc = await recalculateWithOmspan(gridBook(grid), async () => dataSource(realisasi));
  expect(calc.unevaluated).toEqual([]);
  const at = valuesByCell(calc.results);
  const value = (r: number, c: number) => {
    const cell = grid.cells[r]?.[c];
    if (!cell?.formula) return cell?.value ?? null;
    const v = at(grid.sheetName, r, c);
    return isSheetError(v) ? { error: v.code } : v;
  };
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.setContent(renderGrid(grid, value, "id"));
    await expect(page.getByText("Transaksi OMSPAN yang tidak ada di buku (6)").isVisible()).resolves.toBe(true);
    const highlighted = await page.locator("td[style*='background:#ffc7ce']").count();
    expect(highlighted).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(OUT, "rekonsiliasi.png"), fullPage: true });
    if (DOCS) {
      const box = (await page.locator(".sheet").boundingBox())!;
      await page.screenshot({ path: path.join(DOCS, "rekonsiliasi.png"), clip: { x: 0, y: 0, width: Math.min(1400, Math.ceil(box.x + box.width + 8)), height: Math.min(980, Math.ceil(box.y + box.height + 8)) } });
    }
  } finally {
    await page.close();
  }
});
