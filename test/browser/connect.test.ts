/**
 * Connecting from the built pane, served by the real proxy server (src/server) in front of the simulator,
 * exactly as `npm start` deploys it: the pane and /omspan/ share one origin. Outside Office (office.js
 * aborted ⇒ preview mode), in headless Chromium. The key is minted by the simulator at run time.
 */
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { decodeClaims, normaliseKey } from "../../src/omspan/claims";
import { localizeError } from "../../src/omspan/messages";
import { mintKey } from "../../src/simulator";
import { startStack, type Stack } from "../support/stack";
import { appConsoleErrors, ensureDist, launchBrowser, openPane, type OpenPane } from "./support";

const SCREENSHOTS = path.join(os.tmpdir(), "omspan-browser-tests");
/** Nothing listens on the discard port (and Chromium will not even try it): an address that cannot answer. */
const UNREACHABLE = "http://127.0.0.1:9/omspan/";

/** What session.connect says for a malformed key: the core's own message, computed the same way. */
function malformedKeyMessage(key: string, lang: "id" | "en"): string {
  try {
    decodeClaims(normaliseKey(key));
  } catch (err) {
    return localizeError(err, lang);
  }
  throw new Error(`the core accepted ${key}`);
}

/** URLs of every request the page makes to an /omspan/ route from now on. */
function omspanRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/omspan/")) seen.push(req.url());
  });
  return seen;
}

/** Fills the form (the address only when given; the default is the pane's own origin) and clicks Connect. */
async function connect(page: Page, key: string, opts: { baseUrl?: string; lang?: "en" | "id" } = {}): Promise<void> {
  const id = opts.lang === "id";
  if (opts.baseUrl !== undefined) await page.getByLabel(id ? "Alamat proxy" : "Proxy address").fill(opts.baseUrl);
  await page.getByLabel(id ? "Kunci API" : "API key").fill(key);
  await page.getByRole("button", { name: id ? "Hubungkan & uji" : "Connect & test" }).click();
}

/** The error bar's text once the attempt has settled. */
async function errorText(page: Page): Promise<string> {
  const bar = page.getByTestId("connection-error");
  await bar.waitFor({ timeout: 30_000 });
  return (await bar.textContent()) ?? "";
}

describe("connecting from the pane through the real proxy (Chromium, preview mode)", () => {
  let stack: Stack;
  let browser: Browser;
  let origin: string;
  const open: OpenPane[] = [];

  beforeAll(async () => {
    const dist = await ensureDist();
    stack = await startStack({ staticDir: dist });
    origin = stack.server.url;
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterEach(async () => {
    for (const pane of open.splice(0)) {
      // Whatever each test did, the page itself must not have thrown or logged an error of its own.
      expect(pane.pageErrors).toEqual([]);
      expect(appConsoleErrors(pane.consoleErrors)).toEqual([]);
      await pane.context.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function pane(locale?: string, allowOrigins?: string[]): Promise<Page> {
    const opened = await openPane(browser, origin, { officeJs: "offline", locale, allowOrigins });
    open.push(opened);
    await opened.page.getByTestId("preview-mode").waitFor();
    return opened.page;
  }

  test("the runtime key: claims shown, connected, key cleared from the form", async () => {
    const page = await pane();
    const requests = omspanRequests(page);
    // The default address is the pane's own origin, where the proxy answers.
    await expect(page.getByLabel("Proxy address").inputValue()).resolves.toBe(stack.proxyBase);

    await connect(page, stack.key);
    const claims = page.getByTestId("claims");
    await claims.waitFor({ timeout: 30_000 });
    await expect(page.getByTestId("connected").textContent()).resolves.toBe("Connected");
    const value = (term: string) => claims.locator(`dt:text-is("${term}") + dd`).textContent();
    await expect(value("User")).resolves.toBe("Webservice ATR/BPN");
    await expect(value("Fiscal year")).resolves.toBe("2026");
    await expect(claims.textContent()).resolves.toContain(stack.proxyBase);

    await expect(page.getByLabel("API key").inputValue()).resolves.toBe(""); // the session holds it now
    await expect(page.getByRole("button", { name: "Disconnect" }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("connection-error").count()).resolves.toBe(0);
    // The connection test is one small request, to this origin's proxy.
    expect(requests).toEqual([`${stack.proxyBase}RealisasiKL/1/1`]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "pane-connected-en.png"), fullPage: true });

    // Disconnecting forgets the key and the claims.
    await page.getByRole("button", { name: "Disconnect" }).click();
    await claims.waitFor({ state: "detached" });
  });

  test("a key the server refuses: the error bar says so (English)", async () => {
    const page = await pane();
    const wrong = await mintKey("another-secret", { year: 2026 });
    await connect(page, wrong);
    const text = await errorText(page);
    expect(text).toContain("Could not connect");
    expect(text).toMatch(/OMSPAN refused the API key \(.+\)\. Check the key and its fiscal year\./);
    await expect(page.getByTestId("claims").count()).resolves.toBe(0);
  });

  test("a key the server refuses: Indonesian browser, Indonesian message", async () => {
    const page = await pane("id-ID");
    const wrong = await mintKey("another-secret", { year: 2026 });
    await connect(page, wrong, { lang: "id" });
    const text = await errorText(page);
    expect(text).toContain("Gagal terhubung");
    expect(text).toMatch(/Kunci API ditolak OMSPAN \(.+\)\. Periksa kunci dan tahun anggarannya\./);
    await page.screenshot({ path: path.join(SCREENSHOTS, "pane-refused-id.png"), fullPage: true });
  });

  test("after a good connection, a refused key is reported too", async () => {
    const page = await pane();
    await connect(page, stack.key);
    await page.getByTestId("claims").waitFor({ timeout: 30_000 });
    await connect(page, await mintKey("another-secret", { year: 2026 }));
    await expect(errorText(page)).resolves.toMatch(/OMSPAN refused the API key/);
  });

  test("a malformed key is refused in the pane, before any request", async () => {
    const page = await pane();
    const requests = omspanRequests(page);
    await connect(page, "abc");
    const text = await errorText(page);
    expect(text).toContain("is not a valid OMSPAN key");
    expect(text).toContain(malformedKeyMessage("abc", "en"));
    expect(requests).toEqual([]);
  });

  test("an unreachable proxy address: the message names it", async () => {
    // Allowed, so the request really goes out and fails, rather than being aborted by the test harness.
    const page = await pane(undefined, [new URL(UNREACHABLE).origin]);
    await connect(page, stack.key, { baseUrl: UNREACHABLE });
    const text = await errorText(page);
    expect(text).toContain(`Cannot reach ${UNREACHABLE}`);
    expect(text).toContain("Check the proxy address and the network.");
    await expect(page.getByTestId("claims").count()).resolves.toBe(0);
  });
});
