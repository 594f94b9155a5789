/**
 * The task pane's Koneksi, Data, Segarkan and Laporan views in headless Chromium at 320 px, served by the real proxy in
 * front of the simulator (preview mode: office.js offline), in both languages and both colour schemes:
 * connect with a key the simulator mints, browse the datasets, preview Realisasi with a row count and
 * total equal to the core's own computation, no horizontal overflow, no serious or critical axe finding,
 * a screenshot of each view (test-artifacts/pane/). And a slow simulator: a pull cancelled from the pane
 * leaves it usable.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { startSimulator } from "../../src/simulator";
import { parseServerConfig, startServer } from "../../src/server";
import { Store } from "../../src/omspan/store/store";
import { parseTableQuery, previewTable } from "../../src/omspan/tables";
import type { Lang } from "../../src/omspan/i18n";
import { stringsFor } from "../../src/taskpane/strings";
import { formatAmount, formatCount } from "../../src/taskpane/data/format";
import { reportWords } from "../../src/taskpane/reports/report-strings";
import { startStack, type Stack } from "../support/stack";
import { ROOT } from "./build";
import { expectAccessible, expectNoOverflow } from "./page-checks";
import { appConsoleErrors, ensureDist, launchBrowser, openPane, type OpenPane } from "./support";

const ARTIFACTS = path.join(ROOT, "test-artifacts", "pane");
const WIDTH = 320;

let stack: Stack;
let slow: { origin: string; close(): Promise<void> };
let browser: Browser;
const open: OpenPane[] = [];

beforeAll(async () => {
  const dist = await ensureDist();
  stack = await startStack({ staticDir: dist });
  // A second proxy + simulator whose every answer takes 1.5 s: long enough to cancel a pull.
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", faults: { latencyMs: 1500 } });
  const server = await startServer(
    parseServerConfig({ upstream: sim.baseUrl, port: 0, host: "127.0.0.1", plainHttp: "true", staticDir: dist, logLevel: "silent", rateLimit: 0 }),
  );
  slow = { origin: server.url, close: async () => (await server.close(), await sim.close()) };
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 300_000);

afterEach(async () => {
  for (const pane of open.splice(0)) {
    expect(pane.pageErrors).toEqual([]);
    expect(appConsoleErrors(pane.consoleErrors)).toEqual([]);
    await pane.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await slow?.close();
});

async function pane(origin: string, lang: Lang, colorScheme: "light" | "dark"): Promise<Page> {
  const opened = await openPane(browser, origin, {
    officeJs: "offline",
    locale: lang === "id" ? "id-ID" : "en-US",
    colorScheme,
    viewport: { width: WIDTH, height: 900 },
  });
  open.push(opened);
  await opened.page.getByTestId("preview-mode").waitFor();
  return opened.page;
}

/** Relative luminance of the pane's background (Fluent's provider paints it). */
async function backgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => Number(x) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function connect(page: Page, key: string, t: ReturnType<typeof stringsFor>): Promise<void> {
  await page.getByLabel(t.keyLabel).fill(key);
  await page.getByRole("button", { name: t.connect }).click();
  await page.getByTestId("claims").waitFor({ timeout: 30_000 });
}

describe.each<[Lang, "light" | "dark"]>([
  ["en", "light"],
  ["id", "dark"],
  ["id", "light"],
  ["en", "dark"],
])("the pane at 320 px in %s, %s", (lang, scheme) => {
  const t = stringsFor(lang);

  test("connect, browse the datasets, preview Realisasi: count and total are the core's", async () => {
    const page = await pane(stack.server.url, lang, scheme);
    const lum = await backgroundLuminance(page);
    if (scheme === "dark") expect(lum).toBeLessThan(0.2);
    else expect(lum).toBeGreaterThan(0.8);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe(lang);

    await connect(page, stack.key, t);
    const badge = await page.getByTestId("connected").boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(WIDTH);
    await expectNoOverflow(page);
    await expectAccessible(page, "koneksi");
    await page.screenshot({ path: path.join(ARTIFACTS, `koneksi-${lang}-${scheme}.png`), fullPage: true });

    await page.getByRole("tab", { name: t.tabData }).click();
    const dataset = page.getByLabel(t.datasetLabel);
    await dataset.selectOption("pnbp");
    await page.getByText(t.datasetAbout.pnbp).waitFor();
    await page.getByLabel(t.pnbpDateLabel).waitFor();
    await dataset.selectOption("realisasi");
    await page.getByText(t.datasetAbout.realisasi).waitFor();
    await page.getByLabel(t.akunLabel).fill("5x");
    await page.getByText(/^(Argument|Argumen) akun/).waitFor();
    await expect(page.getByRole("button", { name: t.previewButton }).isDisabled()).resolves.toBe(true);
    await expectNoOverflow(page);
    await expectAccessible(page, "data (invalid filter)");
    await page.getByLabel(t.akunLabel).fill("52");
    await page.getByRole("button", { name: t.previewButton }).click();
    await page.getByTestId("preview").waitFor({ timeout: 60_000 });

    const data = await new Store().get({ baseUrl: stack.proxyBase, key: stack.key }, "realisasi");
    const core = previewTable(data.table, parseTableQuery({ version: 1, dataset: "realisasi", akun: "52", lang }));
    expect(core.rowCount).toBeGreaterThan(0);
    await expect(page.getByTestId("row-count").textContent()).resolves.toBe(formatCount(core.rowCount, lang));
    await expect(page.getByTestId("total").textContent()).resolves.toBe(formatAmount(core.total!, lang));
    await expect(page.getByTestId("insert-needs-excel").textContent()).resolves.toBe(t.insertNeedsExcel);
    await expectNoOverflow(page);
    await expectAccessible(page, "data (preview)");
    await page.screenshot({ path: path.join(ARTIFACTS, `data-${lang}-${scheme}.png`), fullPage: true });

    // Segarkan outside Excel: the workbook's tables need Excel, and the view says so.
    await page.getByRole("tab", { name: t.tabRefresh }).click();
    await page.getByTestId("excel-needed").waitFor();
    await expectNoOverflow(page);
    await expectAccessible(page, "segarkan");
    await page.screenshot({ path: path.join(ARTIFACTS, `segarkan-${lang}-${scheme}.png`), fullPage: true });

    // Laporan: the layout preview works against the server; building needs Excel.
    const w = reportWords(lang);
    await page.getByRole("tab", { name: t.tabReports }).click();
    await page.getByText(/ (baris|rows) × \d+ (kolom|columns)$/).waitFor({ timeout: 60_000 });
    await page.getByText(w.needsExcel).waitFor();
    await expect(page.getByRole("button", { name: w.build }).isDisabled()).resolves.toBe(true);
    await expectNoOverflow(page);
    await expectAccessible(page, "laporan");
    await page.screenshot({ path: path.join(ARTIFACTS, `laporan-${lang}-${scheme}.png`), fullPage: true });
  }, 180_000);
});

/** Whether the focused element shows a focus indicator (outline, Fluent's ::after ring, or a shadow). */
async function focusShown(page: Page): Promise<{ what: string; shown: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: "body", shown: false };
    const own = getComputedStyle(el);
    const after = getComputedStyle(el, "::after");
    const outline = (c: CSSStyleDeclaration) => c.outlineStyle !== "none" && parseFloat(c.outlineWidth) > 0;
    /** A pseudo-element ring or underline, drawn (content) and not scaled away (Fluent animates scaleX 0 → 1). */
    const pseudo = (c: CSSStyleDeclaration) => {
      const m = /^matrix\(([^,]+)/.exec(c.transform);
      const scaled = m ? Math.abs(parseFloat(m[1]!)) > 0.5 : true;
      const drawn = c.content !== "none" && (parseFloat(c.borderTopWidth) > 0 || parseFloat(c.borderBottomWidth) > 0);
      return drawn && scaled;
    };
    const ring = (c: CSSStyleDeclaration) => outline(c) || c.boxShadow !== "none";
    // Fluent draws an input's focus on its wrapper (the underline of .fui-Input:focus-within::after).
    const wrap = el.parentElement;
    const wrapped = wrap ? pseudo(getComputedStyle(wrap, "::after")) : false;
    return { what: `${el.tagName} ${el.getAttribute("aria-label") ?? el.getAttribute("name") ?? el.textContent?.slice(0, 30) ?? ""}`, shown: ring(own) || pseudo(after) || ring(after) || wrapped };
  });
}

test("every control reached by Tab shows where the focus is", async () => {
  const page = await pane(stack.server.url, "en", "dark");
  const seen: string[] = [];
  let reached = 0;
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    // Fluent animates an input's underline in: poll briefly until it is drawn (or give up and report).
    let f = await focusShown(page);
    for (let n = 0; !f.shown && f.what !== "body" && n < 20; n++) {
      await new Promise((r) => setTimeout(r, 100));
      f = await focusShown(page);
    }
    if (f.what === "body") break;
    reached++;
    if (!f.shown) seen.push(f.what);
  }
  expect(reached).toBeGreaterThanOrEqual(4); // language, tabs, proxy address, key at least
  expect(seen).toEqual([]);
}, 60_000);

test("the language is switchable in the pane", async () => {
  const page = await pane(stack.server.url, "en", "light");
  await page.getByLabel("Language").selectOption("id");
  await page.getByRole("heading", { level: 1, name: stringsFor("id").title }).waitFor();
  await expect(page.locator("html").getAttribute("lang")).resolves.toBe("id");
  await page.getByRole("tab", { name: "Koneksi" }).waitFor();
}, 60_000);

test("a slow pull cancelled from the pane: stopped, said so, and the pane works again", async () => {
  const t = stringsFor("en");
  const page = await pane(slow.origin, "en", "light");
  await connect(page, stack.key, t);
  await page.getByRole("tab", { name: t.tabData }).click();
  await page.getByRole("button", { name: t.previewButton }).click();
  await page.getByTestId("pull-progress").waitFor();
  // Pages and rows so far, from the store's progress, before the pull is done.
  await page.getByText(/^\d+ pages · [\d,]+ rows so far$/).waitFor({ timeout: 30_000 });
  await expectNoOverflow(page);
  await page.screenshot({ path: path.join(ARTIFACTS, "data-pulling-en-light.png"), fullPage: true });
  await page.getByRole("button", { name: t.cancel }).click();
  await page.getByTestId("pull-cancelled").waitFor();
  await expect(page.getByTestId("pull-progress").count()).resolves.toBe(0);
  await expect(page.getByRole("button", { name: t.previewButton }).isEnabled()).resolves.toBe(true);
  // Usable again: another dataset previews to the end.
  await page.getByLabel(t.datasetLabel).selectOption("dipa");
  await page.getByRole("button", { name: t.previewButton }).click();
  await page.getByTestId("preview").waitFor({ timeout: 60_000 });
  await expect(page.getByTestId("pull-cancelled").count()).resolves.toBe(0);
}, 120_000);
