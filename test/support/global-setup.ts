/**
 * jest globalSetup: finds the browser once, before any worker starts, when the run includes browser tests.
 * Workers inherit OMSPAN_TEST_BROWSER (the found browser as JSON). With no browser at all the run stops
 * here with one line on how to provide one, rather than a stack trace per browser test.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Config } from "@jest/types";
import { findBrowser, NoBrowserError } from "./find-browser";

const BROWSER_TESTS = path.resolve(__dirname, "..", "browser");

function runIncludesBrowserTests(config: Config.GlobalConfig): boolean {
  if (!config.testPathPatterns.isSet()) return true;
  const matcher = config.testPathPatterns.toExecutor({ rootDir: config.rootDir });
  return readdirSync(BROWSER_TESTS)
    .filter((f) => f.endsWith(".test.ts"))
    .some((f) => matcher.isMatch(path.join(BROWSER_TESTS, f)));
}

export default function globalSetup(config: Config.GlobalConfig): void {
  if (!runIncludesBrowserTests(config)) return;
  try {
    const browser = findBrowser();
    process.env.OMSPAN_TEST_BROWSER = JSON.stringify(browser);
    process.stdout.write(`Browser tests use ${browser.executablePath} (${browser.source}).\n`);
  } catch (err) {
    if (!(err instanceof NoBrowserError)) throw err;
    const oneLine = new NoBrowserError(err.message);
    oneLine.stack = `${err.name}: ${err.message}`;
    throw oneLine;
  }
}
