/**
 * Simulator benchmark (figures only, never pass/fail on time): generation time per profile, the full
 * profile's whole Realisasi pulled in 50,000-row pages, the other datasets' sizes, and process RSS.
 * Run alone: `npx tsx bench/simulator-bench.ts`.
 */
import { generateMinistry, startSimulator } from "../src/simulator";

const TODAY = "2026-11-28";
const YEAR = 2025;

async function pull(url: string, key: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
  return res.text();
}

async function run(profile: "demo" | "full", log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const m = generateMinistry(profile, YEAR, { today: TODAY });
  const gen = performance.now() - t0;
  const sim = await startSimulator({ profile, today: TODAY });
  try {
    const key = await sim.mintKey({ year: YEAR });
    const t1 = performance.now();
    let rows = 0;
    let bytes = 0;
    for (let from = 1; ; from += 50_000) {
      const page = await pull(`${sim.baseUrl}RealisasiKL/${from}/${from + 49_999}`, key);
      if (page.startsWith('{"body"')) break;
      bytes += page.length;
      rows += (JSON.parse(page) as unknown[]).length;
      if (rows % 50_000 !== 0) break;
    }
    const serve = performance.now() - t1;
    log(`${profile} ${YEAR}: generated in ${Math.round(gen)} ms — ${m.satker.length} satker, ${m.lines.length} DIPA lines`);
    log(`  Realisasi: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${Math.round(serve)} ms (50,000-row pages, parse included)`);
    for (const route of ["DipaBelanjaKL/BELANJA", "DataFA", "CapaianIKSatkerRe", "CapaianIKEselon1Re", "CapaianIKKLRe", "DetailPNBPAllRev/GL"]) {
      const t2 = performance.now();
      const text = await pull(sim.baseUrl + route, key);
      const n = (JSON.parse(text) as unknown[]).length;
      log(`  ${route}: ${n} rows, ${(text.length / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - t2)} ms`);
    }
  } finally {
    await sim.close();
  }
}

/** Simulator figures for `npm run bench`. */
export async function runSimulatorBench(log: (line: string) => void): Promise<void> {
  await run("demo", log);
  await run("full", log);
  log(`RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}

if (require.main === module) {
  runSimulatorBench((l) => console.log(l)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
