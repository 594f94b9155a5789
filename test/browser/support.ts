/**
 * Reusable pieces for browser tests: serve a directory on loopback, launch the browser that jest's global
 * setup found (test/support/find-browser.ts: OMSPAN_BROWSER, a system Chromium/Chrome/Edge, or the one npm ci
 * brought) through playwright-core, and open the task pane with office.js either offline (CDN aborted) or served from the
 * local @microsoft/office-js package. Every other off-machine request is aborted, so tests stay hermetic.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { findBrowser, type FoundBrowser } from "../support/find-browser";
import { ROOT } from "./build";

export { ensureDist } from "./build";

export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_LOCAL = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

/** The browser global setup found (it stops the run when there is none, so this always has one). */
function testBrowser(): FoundBrowser {
  const found = process.env.OMSPAN_TEST_BROWSER;
  // Run outside jest's global setup (e.g. a single file with a custom config): look for one here.
  return found ? (JSON.parse(found) as FoundBrowser) : findBrowser();
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` read-only on 127.0.0.1 and an ephemeral port. Paths cannot climb out of `dir`. */
export async function serveDir(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.resolve(root, "." + (pathname === "/" ? "/taskpane.html" : pathname));
    if (!file.startsWith(root + path.sep) || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      () => res.writeHead(404, { "content-type": "text/plain" }).end("not found"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export function launchBrowser(): Promise<Browser> {
  const browser = testBrowser();
  return chromium.launch({
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env } as Record<string, string>,
    // Our own flags for every browser: never the serverless package's --single-process or --disable-web-security.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

export interface PaneOptions {
  /** "offline": the CDN request fails, as on a machine without internet; "local": served from node_modules. */
  officeJs: "offline" | "local";
  /** The browser's language (navigator.language), e.g. "id-ID". Default en-US. */
  locale?: string;
  /** Origins the page may reach besides the pane's own (e.g. a proxy on another loopback port). */
  allowOrigins?: string[];
  viewport?: { width: number; height: number };
  /** The system's light/dark preference the page sees (prefers-color-scheme). Default light. */
  colorScheme?: "light" | "dark";
}

export interface OpenPane {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page, in order. Outside Office too there must be none. */
  pageErrors: Error[];
  /** console.error lines. */
  consoleErrors: string[];
}

/** Opens `${origin}/taskpane.html` in a fresh context and waits until the pane has rendered. */
export async function openPane(browser: Browser, origin: string, options: PaneOptions): Promise<OpenPane> {
  const context = await browser.newContext({
    locale: options.locale ?? "en-US",
    viewport: options.viewport ?? { width: 360, height: 900 }, // a task pane's width
    colorScheme: options.colorScheme ?? "light",
  });
  const allowed = new Set([origin, ...(options.allowOrigins ?? [])]);
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_JS_CDN) && options.officeJs === "local") {
      const file = path.join(OFFICE_JS_LOCAL, url.slice(OFFICE_JS_CDN.length).split(/[?#]/)[0] ?? "");
      if (!file.startsWith(OFFICE_JS_LOCAL + path.sep) || !existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ path: file, contentType: TYPES[path.extname(file)] ?? "text/javascript" });
    }
    if (allowed.has(new URL(url).origin)) return route.continue();
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  const consoleErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(err));
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 15_000 });
  return { context, page, pageErrors, consoleErrors };
}

/**
 * console.error lines other than Chromium's own "Failed to load resource" reports, which every refused
 * request (office.js offline, a 401 from OMSPAN) produces and which the page itself did not log.
 */
export function appConsoleErrors(lines: string[]): string[] {
  return lines.filter((l) => !/^Failed to load resource\b/.test(l));
}
