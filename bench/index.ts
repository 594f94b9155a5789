/**
 * `npm run bench`: every figure the issues name, measured side by side in one run (machines here are
 * shared and noisy, so ratios matter more than absolute times). Prints figures; never fails on time.
 * Sections: core | formulas | server | simulator | tables | reports | files | snapshots | scale | reconcile | siap-rapat (`npm run bench -- core` runs one).
 */
import { runCoreBench } from "./core-bench";
import { runFormulaBench } from "./formula-bench";
import { runServerBench } from "./server-bench";
import { runSimulatorBench } from "./simulator-bench";
import { runTablesBench } from "./tables-bench";
import { runReportsBench } from "./reports-bench";
import { runFilesBench } from "./files-bench";
import { runSnapshotsBench } from "./snapshots-bench";
import { runScaleBench } from "./scale-bench";
import { runReconcileBench } from "./reconcile-bench";
import { runSiapRapatBench } from "./siap-rapat-bench";

const SECTIONS: Record<string, (log: (line: string) => void) => Promise<void>> = {
  core: runCoreBench,
  formulas: runFormulaBench,
  server: runServerBench,
  simulator: runSimulatorBench,
  tables: runTablesBench,
  reports: runReportsBench,
  files: runFilesBench,
  snapshots: runSnapshotsBench,
  scale: runScaleBench,
  reconcile: runReconcileBench,
  "siap-rapat": runSiapRapatBench,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => a in SECTIONS);
  const names = asked.length ? asked : Object.keys(SECTIONS);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  for (const name of names) {
    log(`\n== ${name} ==`);
    const t0 = performance.now();
    await SECTIONS[name]!(log);
    log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
