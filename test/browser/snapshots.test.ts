/**
 * A bad day in real Chromium with its real IndexedDB: the pane (served from its own loopback origin, so
 * it outlives the proxy) connects to the proxy in front of the simulator, previews Realisasi (kept as a
 * snapshot), then the proxy and the simulator stop, the page reloads, the key is entered again: the pane
 * connects offline, shows the stale banner in the user's language naming when the data was pulled, and
 * previews the snapshot's figures — the same row count and total, with no request reaching anything.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { formatAsOfTime } from "../../src/omspan/store/as-of";
import type { Lang } from "../../src/omspan/i18n";
import { parseServerConfig, startServer, type RunningServer } from "../../src/server";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { formatAmount, formatCount } from "../../src/taskpane/data/format";
import { snapshotStrings } from "../../src/taskpane/snapshots/strings";
import { stringsFor } from "../../src/taskpane/strings";
import { Store } from "../../src/omspan/store/store";
import { parseTableQuery, previewTable } from "../../src/omspan/tables";
import { ROOT } from "./build";
import { expectAccessible, expectNoOverflow } from "./page-checks";
import { appConsoleErrors, ensureDist, launchBrowser, openPane, serveDir, type OpenPane, type StaticServer } from "./support";

const ARTIFACTS = path.join(ROOT, "test-artifacts", "pane");
let browser: Browser;
let dist: string;
let pane: StaticServer;
let sim: RunningSimulator | undefined;
let server: RunningServer | undefined;
let key: string;
const opened: OpenPane[] = [];

beforeAll(async () => {
  dist = await ensureDist();
  pane = await serveDir(dist);
  browser = await launchBrowser();
}, 300_000);

/** A proxy (allowing the pane's origin) in front of a simulator, both on loopback, for one test. */
async function startUpstream(): Promise<string> {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  server = await startServer(
    parseServerConfig({ upstream: sim.baseUrl, port: 0, host: "127.0.0.1", plainHttp: "true", staticDir: dist, logLevel: "silent", rateLimit: 0, allowedOrigins: pane.origin }),
  );
  key = await sim.mintKey({ year: 2026 });
  return server.url;
}

afterEach(async () => {
  for (const p of opened.splice(0)) await p.context.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await sim?.close().catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await pane?.close();
});

async function connect(page: Page, lang: Lang, proxy: string): Promise<void> {
  const t = stringsFor(lang);
  await page.getByLabel(t.proxyLabel).fill(proxy);
  await page.getByLabel(t.keyLabel).fill(key);
  await page.getByRole("button", { name: t.connect }).click();
  await page.getByTestId("claims").waitFor({ timeout: 60_000 });
}

async function preview(page: Page, lang: Lang): Promise<{ rows: string; total: string }> {
  const t = stringsFor(lang);
  await page.getByRole("tab", { name: t.tabData }).click();
  await page.getByLabel(t.datasetLabel).selectOption("realisasi");
  await page.getByLabel(t.akunLabel).fill("52");
  await page.getByRole("button", { name: t.previewButton }).click();
  await page.getByTestId("preview").waitFor({ timeout: 60_000 });
  return { rows: (await page.getByTestId("row-count").textContent())!, total: (await page.getByTestId("total").textContent())! };
}

test.each<Lang>(["id", "en"])("pull, the server stops, reload: the stale banner and the snapshot's figures (%s)", async (lang) => {
  const origin = await startUpstream();
  const proxy = `${origin}/omspan/`;
  const o = await openPane(browser, pane.origin, { officeJs: "offline", locale: lang === "id" ? "id-ID" : "en-US", allowOrigins: [origin], viewport: { width: 320, height: 900 } });
  opened.push(o);
  const { page } = o;
  await page.getByTestId("preview-mode").waitFor();
  await connect(page, lang, proxy);
  const before = await preview(page, lang);
  const data = await new Store().get({ baseUrl: proxy, key }, "realisasi");
  const core = previewTable(data.table, parseTableQuery({ version: 1, dataset: "realisasi", akun: "52", lang }));
  expect(before).toEqual({ rows: formatCount(core.rowCount, lang), total: formatAmount(core.total!, lang) });
  expect(await page.getByTestId("stale-banner").count()).toBe(0);
  // The snapshot is written just after the answer: wait until IndexedDB holds it.
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open("omspan-snapshots", 1);
        req.onsuccess = () => {
          const all = req.result.transaction("snapshots", "readonly").objectStore("snapshots").getAll();
          all.onsuccess = () => {
            resolve(all.result.some((r: { headerText: string }) => r.headerText.includes('"dataset":"realisasi"')));
            req.result.close();
          };
        };
        req.onerror = () => resolve(false);
      }),
    undefined,
    { timeout: 30_000 },
  );
  const pulledAt = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open("omspan-snapshots", 1);
        req.onsuccess = () => {
          const all = req.result.transaction("snapshots", "readonly").objectStore("snapshots").getAll();
          all.onsuccess = () => {
            const headers = all.result.map((r: { headerText: string }) => JSON.parse(r.headerText) as { dataset: string; fetchedAt: string });
            resolve(headers.filter((h) => h.dataset === "realisasi").map((h) => h.fetchedAt).sort().pop()!);
            req.result.close();
          };
        };
      }),
  );

  // OMSPAN and the proxy are gone; the page reloads (a workbook opened at the meeting).
  await server!.close();
  await sim!.close();
  server = sim = undefined;
  const requests: string[] = [];
  page.on("request", (r) => void (r.url().startsWith(origin) && r.method() === "GET" && requests.push(r.url())));
  await page.reload();
  await page.getByTestId("preview-mode").waitFor();
  await connect(page, lang, proxy);
  const s = snapshotStrings(lang);
  await page.getByTestId("stale-banner").getByText(s.offlineTitle).waitFor();
  const after = await preview(page, lang);
  expect(after).toEqual(before);
  const banner = page.getByTestId("stale-banner");
  // The pane's clock is the browser's: the same local time the test computes here (both use the machine's zone).
  const when = await page.evaluate((iso) => {
    const d = new Date(iso);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  }, pulledAt);
  expect(when).toBe(formatAsOfTime(new Date(pulledAt)));
  await banner.getByText(s.staleTitle(when)).waitFor();
  // Only the connection test tried the network (and failed); the preview came from IndexedDB.
  expect(requests.filter((u) => !u.endsWith("RealisasiKL/1/1"))).toEqual([]);
  await expectNoOverflow(page);
  await expectAccessible(page, `stale banner (${lang})`);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `stale-${lang}.png`), fullPage: true });
  expect(o.pageErrors).toEqual([]);
  expect(appConsoleErrors(o.consoleErrors).filter((l) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::/.test(l))).toEqual([]);
}, 240_000);
