/**
 * The built pane starting inside a slow Office, in headless Chromium: the Office stand-in
 * (test/support/office-standin.ts) runs in the page in place of office.js, and its onReady answers
 * only when the test says so — as on a cold desktop start.
 */
import type { Browser, Page } from "playwright-core";
import { stringsFor } from "../../src/taskpane/strings";
import { officeStandinScript, officeUrl, type OfficeStandinOptions } from "../support/office-standin";
import { ensureDist, launchBrowser, OFFICE_JS_CDN, serveDir, type StaticServer } from "./support";

describe("task pane in a slow-starting Office (Chromium, Office stand-in)", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDir(await ensureDist());
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query: string, options: Omit<OfficeStandinOptions, "url">): Promise<Page> {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 360, height: 900 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(OFFICE_JS_CDN)) return route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
      if (new URL(url).origin === server.origin) return route.continue();
      return route.abort("internetdisconnected");
    });
    await context.addInitScript(officeStandinScript(options));
    const page = await context.newPage();
    await page.goto(`${server.origin}/taskpane.html${query}`);
    return page;
  }

  const ready = (page: Page) => page.evaluate(() => (window as unknown as { officeStandin: { ready(): void } }).officeStandin.ready());

  test("inside Office (_host_Info) it waits for a late onReady, saying so in Office's language, then opens in Office mode", async () => {
    const query = new URL(officeUrl("Win32", "id-ID")).search;
    const page = await open(query, { ready: "manual", displayLanguage: "id-ID" });
    await expect(page.getByTestId("starting").textContent()).resolves.toContain(stringsFor("id").starting);
    await page.waitForTimeout(4000); // longer than the 1.5 s a plain browser gets
    await expect(page.getByTestId("preview-mode").count()).resolves.toBe(0);
    await ready(page);
    await page.getByRole("heading", { level: 1, name: stringsFor("id").title }).waitFor();
    await expect(page.getByTestId("preview-mode").count()).resolves.toBe(0);
    await expect(page.getByRole("checkbox", { name: stringsFor("id").remember }).isEnabled()).resolves.toBe(true);
    await page.context().close();
  });

  test("without _host_Info: preview after 1.5 s, then Office mode when onReady comes after all", async () => {
    const page = await open("", { ready: "manual" });
    await page.getByTestId("preview-mode").waitFor();
    await ready(page);
    await page.getByTestId("preview-mode").waitFor({ state: "detached" });
    await expect(page.getByRole("checkbox", { name: stringsFor("en").remember }).isEnabled()).resolves.toBe(true);
    await page.context().close();
  });

  test("an Excel without a required set is told which one", async () => {
    const page = await open(new URL(officeUrl("Web")).search, { sets: { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.5", ExcelApi: "1.8" } });
    const warning = page.getByTestId("requirements-missing");
    await expect(warning.textContent()).resolves.toContain("ExcelApi 1.13");
    await expect(warning.textContent()).resolves.toContain(stringsFor("en").requirementsTitle);
    await page.context().close();
  });
});
