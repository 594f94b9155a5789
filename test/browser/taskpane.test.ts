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
import { stringsFor } from "../../src/taskpane/strings";
import {
  ensureDist,
  launchBrowser,
  openPane,
  serveDir,
  appConsoleErrors,
  type StaticServer,
} from "./support";

const SCREENSHOTS = path.join(os.tmpdir(), "omspan-browser-tests");
const FORMULA_ID = '=OMSPAN.REALISASI("<satker>"; "<akun>")';
const FORMULA_EN = '=OMSPAN.REALISASI("<satker>", "<akun>")';
const REMEMBER_UNAVAILABLE_EN = stringsFor("en").rememberUnavailable;

/** What the pane must say for a key that is not a JWT: the core's own message, not a copy of it. */
function invalidKeyMessage(key: string, lang: "id" | "en"): string {
  try {
    decodeClaims(key);
  } catch (err) {
    return localizeError(err, lang);
  }
  throw new Error(`decodeClaims accepted ${key}`);
}

describe("task pane in Chromium (outside Office)", () => {
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
    const { context, page, pageErrors, consoleErrors } = await openPane(browser, server.origin, { officeJs: "offline" });
    try {
      await expect(page.getByTestId("preview-mode").textContent()).resolves.toContain("Preview mode");
      const proxy = page.getByLabel("Proxy address");
      await expect(proxy.inputValue()).resolves.toBe(`${server.origin}/omspan/`);

      const key = page.getByLabel("API key");
      await expect(key.getAttribute("type")).resolves.toBe("password");
      const connect = page.getByRole("button", { name: "Connect & test" });
      await expect(connect.isDisabled()).resolves.toBe(true); // nothing to test without a key

      // Nothing can be remembered without OfficeRuntime.storage: the checkbox is off, disabled, and says why.
      const remember = page.getByRole("checkbox", { name: "Remember on this computer" });
      await expect(remember.isChecked()).resolves.toBe(false);
      await expect(remember.isDisabled()).resolves.toBe(true);
      await expect(page.getByText(REMEMBER_UNAVAILABLE_EN).isVisible()).resolves.toBe(true);
      await expect(remember.getAttribute("aria-describedby")).resolves.toBeTruthy();
      const hintId = (await remember.getAttribute("aria-describedby"))!.split(" ")[0]!;
      await expect(page.locator(`[id="${hintId}"]`).textContent()).resolves.toBe(REMEMBER_UNAVAILABLE_EN);
      // …and as the hover tooltip of the field (a disabled input itself gets no pointer events).
      await expect(page.locator(`[title="${REMEMBER_UNAVAILABLE_EN}"]`).count()).resolves.toBe(1);

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

      // Not even the generated CustomFunctions.associate calls may throw without office.js.
      expect(pageErrors).toEqual([]);
      expect(appConsoleErrors(consoleErrors)).toEqual([]);
      await expect(page.evaluate(() => typeof (window as { Office?: unknown }).Office)).resolves.toBe("undefined");
    } finally {
      await context.close();
    }
  });

  test("Indonesian browser: the pane speaks Indonesian", async () => {
    const { context, page, pageErrors, consoleErrors } = await openPane(browser, server.origin, {
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
      const remember = page.getByRole("checkbox", { name: "Ingat di komputer ini" });
      await expect(remember.isDisabled()).resolves.toBe(true);
      await expect(page.getByText(stringsFor("id").rememberUnavailable).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-error-id.png"), fullPage: true });
      expect(pageErrors).toEqual([]);
      expect(appConsoleErrors(consoleErrors)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("office.js served locally: Office.onReady outside Office still ends in preview mode", async () => {
    const { context, page, pageErrors, consoleErrors } = await openPane(browser, server.origin, { officeJs: "local" });
    try {
      await expect(page.evaluate(() => typeof (window as { Office?: unknown }).Office)).resolves.toBe("object");
      await expect(page.getByTestId("preview-mode").textContent()).resolves.toContain("Preview mode");
      await expect(page.getByLabel("Proxy address").inputValue()).resolves.toBe(`${server.origin}/omspan/`);
      await page.getByLabel("API key").fill("x.y.z");
      await expect(page.getByRole("button", { name: "Connect & test" }).isEnabled()).resolves.toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, "pane-officejs-en.png"), fullPage: true });
      // office.js defines CustomFunctions itself: the preview guard left it alone, so the generated
      // associate call reached office.js's own registry (what Excel reads the functions from).
      const registered = await page.evaluate(() => {
        type Cf = { _association?: { mappings?: Record<string, unknown> } };
        return Object.keys((window as unknown as { CustomFunctions: Cf }).CustomFunctions._association?.mappings ?? {});
      });
      expect(registered).toContain("REALISASI");
      // office.js in a plain browser defines no OfficeRuntime.storage: nothing to remember there either.
      await expect(page.getByRole("checkbox", { name: "Remember on this computer" }).isDisabled()).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
      expect(appConsoleErrors(consoleErrors)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
