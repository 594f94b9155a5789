/**
 * The Rumus view in the built pane, in headless Chromium at a task pane's narrowest width (320 px), served
 * by the real proxy in front of the simulator, outside Office (preview mode): connect with the simulator's
 * key, build a formula, see the value it will return — the core catalogue's own value for the same
 * arguments — in the browser locale's separator; insertion says Excel is needed; nothing scrolls
 * sideways; no serious or critical axe finding. Screenshots go to test-artifacts/pane/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { evaluateFormula, formulaSpec } from "../../src/omspan/formulas";
import { Store } from "../../src/omspan/store/store";
import { formatCellValue } from "../../src/taskpane/formulas/format-value";
import { startStack, type Stack } from "../support/stack";
import { ROOT } from "./build";
import { expectAccessible, expectNoOverflow } from "./page-checks";
import { appConsoleErrors, ensureDist, launchBrowser, openPane } from "./support";

const ARTIFACTS = path.join(ROOT, "test-artifacts", "pane");

let stack: Stack;
let browser: Browser;
let expected: number;

beforeAll(async () => {
  const dist = await ensureDist();
  stack = await startStack({ staticDir: dist });
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
  // The catalogue's value, computed here from the same server, independently of the page.
  const held = await new Store().get({ baseUrl: stack.proxyBase, key: stack.key }, "realisasi");
  expected = evaluateFormula(formulaSpec("REALISASI"), ["600001", "52"], held) as number;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const CASES = [
  { lang: "id", scheme: "dark", locale: "id-ID", sep: ";", tab: "Rumus", fn: "Fungsi", akun: "akun (opsional)", connect: ["Kunci API", "Hubungkan & uji", "Putuskan"], show: "Tampilkan nilai", insert: "Sisipkan di sel aktif" },
  { lang: "en", scheme: "light", locale: "en-US", sep: ",", tab: "Formulas", fn: "Function", akun: "akun (optional)", connect: ["API key", "Connect & test", "Disconnect"], show: "Show value", insert: "Insert into active cell" },
] as const;

test.each(CASES)("$locale, $scheme: build REALISASI at 320 px, its value is the catalogue's, no overflow, no serious axe finding", async (c) => {
  const pane = await openPane(browser, stack.server.url, { officeJs: "offline", locale: c.locale, colorScheme: c.scheme, viewport: { width: 320, height: 1200 } });
  const { page } = pane;
  try {
    await page.getByLabel(c.connect[0]).fill(stack.key);
    await page.getByRole("button", { name: c.connect[1] }).click();
    // Connected: the pane offers to disconnect.
    await page.getByRole("button", { name: c.connect[2] }).waitFor({ timeout: 30_000 });
    await page.getByRole("tab", { name: c.tab }).click();
    await page.getByLabel(c.fn, { exact: true }).selectOption("REALISASI");
    await page.getByLabel("satker", { exact: true }).fill("600001");
    await page.getByLabel(c.akun, { exact: true }).fill("52");
    expect(await page.getByTestId("built-formula").textContent()).toBe(`=OMSPAN.REALISASI("600001"${c.sep} "52")`);
    await page.getByRole("button", { name: c.show }).click();
    const value = page.getByTestId("formula-value");
    await value.waitFor({ timeout: 30_000 });
    expect(await value.textContent()).toBe(formatCellValue(expected, c.lang));
    expect(await page.getByRole("button", { name: c.insert }).isDisabled()).toBe(true);
    await page.getByTestId("excel-needed").waitFor();

    await expectNoOverflow(page);
    await expectAccessible(page, "rumus");
    await page.screenshot({ path: path.join(ARTIFACTS, `formulas-${c.lang}-${c.scheme}.png`), fullPage: true });
    expect(pane.pageErrors).toEqual([]);
    expect(appConsoleErrors(pane.consoleErrors)).toEqual([]);
  } finally {
    await pane.context.close();
  }
}, 120_000);
