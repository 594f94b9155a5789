/**
 * The browser tests' browser is found without any install step beyond `npm ci`: an explicit
 * OMSPAN_BROWSER wins (and a wrong one is an error, not a silent fallback); otherwise a system browser
 * or the Chromium that npm ci brought, which must be runnable on this machine.
 */
import { accessSync, constants } from "node:fs";
import { findBrowser, NoBrowserError } from "../support/find-browser";

const saved = process.env.OMSPAN_BROWSER;
afterEach(() => {
  if (saved === undefined) delete process.env.OMSPAN_BROWSER;
  else process.env.OMSPAN_BROWSER = saved;
});

test("OMSPAN_BROWSER names the executable and wins over every other browser", () => {
  process.env.OMSPAN_BROWSER = process.execPath;
  expect(findBrowser()).toEqual({ executablePath: process.execPath, source: "OMSPAN_BROWSER" });
});

test("a missing OMSPAN_BROWSER is one clear line, not a fallback", () => {
  process.env.OMSPAN_BROWSER = "/nowhere/chromium";
  expect(() => findBrowser()).toThrow(NoBrowserError);
  expect(() => findBrowser()).toThrow(/^OMSPAN_BROWSER=\/nowhere\/chromium does not exist: point it at a Chromium, Chrome or Edge executable\.$/);
});

test("without OMSPAN_BROWSER this machine has a runnable browser (system, or the one npm ci brought)", () => {
  delete process.env.OMSPAN_BROWSER;
  const found = findBrowser();
  expect(() => accessSync(found.executablePath, constants.X_OK)).not.toThrow();
  if (found.source !== "system") expect(found.source).toMatch(/^@sparticuz\/chromium \d+\.\d+\.\d+ \(from npm ci\)$/);
  // Found again, it is the same unpacked copy (no second unpack).
  expect(findBrowser()).toEqual(found);
});
