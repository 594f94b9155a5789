/**
 * The built task pane in headless Chromium, outside Office: it must render, say it is in preview mode and
 * offer a usable connection form, whether office.js cannot load (offline) or loads from the local package.
 * The build comes from ensureDist() (built once per change of the sources; see build.ts).
 */
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { decodeClaims } from "../../src/omspan/claims";
import { localizeError } from "../../src/omspan/messages";
import {
  browserTestsEnabled,
  CHROMIUM,
  ensureDist,
  launchBrowser,
  openPane,
  serveDir,
  unexpectedErrors,
  type StaticServer,
} from "./support";

const SCREENSHOTS = path.join(os.tmpdir(), "omspan-browser-tests");
const FORMULA_ID = '=OMSPAN.REALISASI("<satker>"; "<akun>")';
const FORMULA_EN = '=OMSPAN.REALISASI("<satker>", "<akun>")';

/** What the pane must say for a key that is not a JWT: the core's own message, not a copy of it. */
function invalidKeyMessage(key: string, lang: "id" | "en"): string {
  try {
    decodeClaims(key);
  } catch (err) {
    return localizeError(err, lang);
  }
  throw new Error(`decodeClaims accepted ${key}`);
}

const suite = browserTestsEnabled() ? describe : describe.skip;
if (!browserTestsEnabled()) {
  console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium). In CI they run.`);
}

suite("task pane in Chromium (outside Office)", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const dist = await ensureDist();
    server = await serveDir(dist);
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("offline (office.js unreachable): renders in preview mode with a usable form", async () => {
    const { context, page, pageErrors } = await openPane(browser, server.origin, { officeJs: "offline" });
    try {
      await expect(page.getByTestId("preview-mode").textContent()).resolves.toContain("Preview mode");
      const proxy = page.getByLabel("Proxy address");
      await expect(proxy.inputValue()).resolves.toBe(`${server.origin}/omspan/`);

      const key = page.getByLabel("API key");
      await expect(key.getAttribute("type")).resolves.toBe("password");
      const connect = page.getByRole("button", { name: "Connect & test" });
      await expect(connect.isDisabled()).resolves.toBe(true); // nothing to test without a key

      const remember = page.getByRole("checkbox", { name: "Remember on this computer" });
      await expect(remember.isChecked()).resolves.toBe(false);
      await remember.check();
      await expect(remember.isChecked()).resolves.toBe(true);
      await remember.uncheck();

      await expect(page.getByTestId("help").textContent()).resolves.toEqual(
        expect.stringContaining(FORMULA_ID),
      );
      await expect(page.getByTestId("help").textContent()).resolves.toEqual(
        expect.stringContaining(FORMULA_EN),
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-offline-en.png"), fullPage: true });

      // A key that is not a JWT is refused before any request, with the core's message.
      await key.fill("not-a-key");
      await connect.click();
      const error = page.getByTestId("connection-error");
      await error.waitFor();
      await expect(error.textContent()).resolves.toContain(invalidKeyMessage("not-a-key", "en"));
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-error-en.png"), fullPage: true });

      expect(unexpectedErrors(pageErrors)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Indonesian browser: the pane speaks Indonesian", async () => {
    const { context, page, pageErrors } = await openPane(browser, server.origin, {
      officeJs: "offline",
      locale: "id-ID",
    });
    try {
      await expect(page.getByTestId("preview-mode").textContent()).resolves.toContain("Mode pratinjau");
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe("id");
      const key = page.getByLabel("Kunci API");
      await key.fill("a.b");
      await page.getByRole("button", { name: "Hubungkan & uji" }).click();
      const error = page.getByTestId("connection-error");
      await error.waitFor();
      await expect(error.textContent()).resolves.toContain(invalidKeyMessage("a.b", "id"));
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-error-id.png"), fullPage: true });
      expect(unexpectedErrors(pageErrors)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("office.js served locally: Office.onReady outside Office still ends in preview mode", async () => {
    const { context, page, pageErrors } = await openPane(browser, server.origin, { officeJs: "local" });
    try {
      await expect(page.evaluate(() => typeof (window as { Office?: unknown }).Office)).resolves.toBe("object");
      await expect(page.getByTestId("preview-mode").textContent()).resolves.toContain("Preview mode");
      await expect(page.getByLabel("Proxy address").inputValue()).resolves.toBe(`${server.origin}/omspan/`);
      await page.getByLabel("API key").fill("x.y.z");
      await expect(page.getByRole("button", { name: "Connect & test" }).isEnabled()).resolves.toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-officejs-en.png"), fullPage: true });
      // With office.js present, CustomFunctions exists too: no error at all is expected.
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
