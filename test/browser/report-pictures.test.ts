/**
 * Pictures of the built report templates, so a person can see each layout without Excel: every template is
 * built for a Kanwil of the demo profile, its cells evaluated (OMSPAN calls by the independent reference,
 * Excel formulas as Excel would), rendered to HTML and photographed in headless Chromium into
 * test-artifacts/reports/<template>.png. The page must hold the numbers the evaluation gave; Kurva S shows
 * its chart. With OMSPAN_DOCS_PICTURES=1 the first screen of each (small) also goes to docs/reports/ for the
 * README (`OMSPAN_DOCS_PICTURES=1 npx jest test/browser/report-pictures.test.ts`, then commit them).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { buildReport, TEMPLATE_IDS } from "../../src/omspan/templates";
import { renderGrid } from "../support/render-grid";
import { evaluateGrid, loadReportProfile, pickSatker, REPORT_YEAR, type ReportProfile } from "../support/report-stack";
import { launchBrowser } from "./support";

const OUT = path.resolve(__dirname, "..", "..", "test-artifacts", "reports");
const DOCS = process.env.OMSPAN_DOCS_PICTURES === "1" ? path.resolve(__dirname, "..", "..", "docs", "reports") : undefined;
let profile: ReportProfile;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  if (DOCS) mkdirSync(DOCS, { recursive: true });
  [profile, browser] = await Promise.all([loadReportProfile("demo"), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await profile?.sim.close();
});

test.each(TEMPLATE_IDS)("%s is rendered and photographed", async (template) => {
  const { kanwil } = pickSatker(profile.raw);
  const { grid } = buildReport({ template, scope: { kind: "kanwil", kanwil }, month: 9, year: REPORT_YEAR, lang: "id" }, profile.data);
  const value = evaluateGrid(grid, profile.reference);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.setContent(renderGrid(grid, value, "id"));
    const title = await page.locator("td").first().textContent();
    expect(title).toBe(grid.cells[0]![0]!.value);
    // A number from the sheet shows on the page, formatted the Indonesian way (dots between thousands).
    const numbers = grid.cells.flatMap((row, r) => row.map((cell, c) => ({ cell, v: value(r, c) })));
    const rupiah = numbers.find(({ cell, v }) => cell?.format === "rupiah" && typeof v === "number" && v > 1000);
    const score = numbers.find(({ cell, v }) => cell?.format === "score" && typeof v === "number");
    const shown = rupiah
      ? (rupiah.v as number).toLocaleString("id-ID", { maximumFractionDigits: 0 })
      : (score!.v as number).toLocaleString("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(shown).toMatch(/[.,]/);
    await expect(page.getByText(shown, { exact: true }).first().isVisible()).resolves.toBe(true);
    if (grid.charts.length) await expect(page.getByRole("img", { name: grid.charts[0]!.title }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(OUT, `${template}.png`), fullPage: true });
    if (DOCS) {
      // The first screen, trimmed to what the sheet fills: enough to see the layout, small enough for git.
      const box = (await page.locator(".sheet").boundingBox())!;
      const clip = { x: 0, y: 0, width: Math.min(1400, Math.ceil(box.x + box.width + 8)), height: Math.min(620, Math.ceil(box.y + box.height + 8)) };
      await page.screenshot({ path: path.join(DOCS, `${template}.png`), clip });
    }
  } finally {
    await page.close();
  }
});
