/**
 * One measurement of the files bench in a process of its own, so the build before it never counts in
 * its peak RSS. Prints one JSON line on stdout.
 *   refresh FILE URL KEYFILE  — `omspan refresh FILE` as the CLI runs it (runRefresh, the function
 *                               bin/omspan.js calls), timed from the call to its return;
 *   floor FILE URL KEYFILE    — the floor of that refresh: each dataset the file needs (its registry's
 *                               tables and its OMSPAN formulas, as refreshFiles reads them) pulled once
 *                               through the CLI's store, then a plain fflate unzip + zip of the same file.
 */
import { readFile } from "node:fs/promises";
import { unzipSync, zipSync } from "fflate";
import { runRefresh } from "../src/cli/refresh-command";
import { cliStore } from "../src/cli/snapshot-flags";
import type { DatasetId } from "../src/omspan/routes";
import { omspanDatasets } from "../src/omspan/sheet-calc";
import { XlsxBook } from "../src/xlsx/book";
import { readRegistry } from "../src/xlsx/workbook/owned-sheets";

async function main(): Promise<void> {
  const [mode, file, baseUrl, keyFile] = process.argv.slice(2) as [string, string, string, string];
  const startRss = process.memoryUsage.rss();
  if (mode === "refresh") {
    const t0 = performance.now();
    const code = await runRefresh([file, "--upstream", baseUrl, "--key-file", keyFile], { ...process.env, LANG: "en" });
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, code, startRss, maxRss: process.resourceUsage().maxRSS * 1024 }) + "\n");
    return;
  }
  if (mode === "floor") {
    const bytes = new Uint8Array(await readFile(file));
    const book = XlsxBook.open(bytes);
    const needs = new Set<DatasetId>(readRegistry(book).entries.map((e) => e.query.dataset));
    for (const d of omspanDatasets(book.calcBook())) needs.add(d);
    const key = (await readFile(keyFile, "utf8")).trim();
    const store = cliStore({}, {});
    const t0 = performance.now();
    await Promise.all([...needs].map((d) => store.get({ baseUrl, key }, d)));
    const pullMs = performance.now() - t0;
    const t1 = performance.now();
    zipSync(unzipSync(bytes), { level: 6 });
    const zipMs = performance.now() - t1;
    process.stdout.write(JSON.stringify({ pullMs, zipMs, datasets: [...needs] }) + "\n");
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
