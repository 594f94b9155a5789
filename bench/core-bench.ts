/**
 * Core benchmark on the simulator's full profile (figures, never pass/fail):
 *  (a) 10,000 REALISASI lookups over random (satker, akun prefix) pairs, from nothing: time and upstream
 *      requests, against the floor — the same pages downloaded raw, same window and concurrency, plus
 *      JSON.parse — as a ratio (9 back-to-back pairs, alternating which goes first: the median of the
 *      pairs' ratios, the ratio of the medians, and the ratio of the client's CPU time). The client reads OMSPAN's compact pages
 *      straight into columns (src/omspan/wire/page-reader.ts) instead of JSON.parse plus conversion;
 *  (b) heap held by the stored Realisasi (table + indexes), after GC;
 *  (c) lookups per second once loaded: through the formula (answer memo included) and straight from
 *      the index with every answer computed afresh.
 * Run alone: `node --expose-gc bin/register-ts.js`-style via `npm run bench`.
 */
import { OmspanClient } from "../src/omspan/wire/client";
import { Store } from "../src/omspan/store/store";
import { FORMULAS, dataSource, evaluateFormula } from "../src/omspan/formulas";
import { SumIndex } from "../src/omspan/query/sum-index";
import { AKUN_RULE, SATKER_RULE, parseCodeFilter } from "../src/omspan/query/code-filter";
import type { Table } from "../src/omspan/columnar/table";
import { median, mb, startSimulatorChild } from "./support";
import { Rng } from "../src/simulator/rng";

const LOOKUPS = 10_000;
const RUNS = 9;
const PAGE = 5000;
const CONCURRENCY = 4;
const gcFn = (globalThis as { gc?: () => void }).gc;
/** A full collection, twice, with a turn of the event loop between so freed ArrayBuffers are released. */
async function collect(): Promise<void> {
  if (!gcFn) return;
  gcFn();
  await new Promise((r) => setTimeout(r, 50));
  gcFn();
}

interface Timing {
  readonly wall: number;
  /** This process's CPU time (user + system): the client's work, whatever else the machine runs. */
  readonly cpu: number;
}

function startTiming(): { stop(): Timing } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return {
    stop() {
      const c = process.cpuUsage(c0);
      return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
    },
  };
}

async function floorPull(baseUrl: string, key: string): Promise<{ ms: number; rows: number; requests: number }> {
  const t0 = performance.now();
  let next = 0;
  let end = Infinity;
  let rows = 0;
  let requests = 0;
  const worker = async () => {
    while (next < end) {
      const i = next++;
      requests++;
      const res = await fetch(`${baseUrl}RealisasiKL/${i * PAGE + 1}/${(i + 1) * PAGE}`, { headers: { Authorization: `Bearer ${key}` } });
      const body = JSON.parse(await res.text()) as unknown;
      const n = Array.isArray(body) ? body.length : 0;
      if (n < PAGE) end = Math.min(end, n === 0 ? i : i + 1);
      if (i < end) rows += n;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ms: performance.now() - t0, rows, requests };
}

function tableBytes(t: Table): number {
  let n = 0;
  for (const c of Object.values(t.columns)) {
    n += c.kind === "text" ? c.ids.byteLength + c.dict.reduce((s, x) => s + 2 * x.length + 16, 0) : c.values.byteLength;
  }
  return n;
}

export async function runCoreBench(log: (line: string) => void): Promise<void> {
  const year = new Date().getFullYear();
  const sim = await startSimulatorChild("full", year);
  try {
    await floorPull(sim.baseUrl, sim.key); // warm the simulator's caches and the sockets
    // (b) heap held by the stored Realisasi.
    await collect();
    const heap0 = process.memoryUsage().heapUsed;
    const ab0 = process.memoryUsage().arrayBuffers;
    const heldStore = new Store((c) => new OmspanClient({ ...c, pageSize: PAGE, concurrency: CONCURRENCY }));
    let data = await heldStore.get({ baseUrl: sim.baseUrl, key: sim.key }, "realisasi");
    evaluateFormula(FORMULAS.REALISASI!, ["", "5"], data);
    await collect();
    // JS objects held (dictionaries, column records) are tiny; the columns live in typed arrays.
    const heap = Math.max(0, process.memoryUsage().heapUsed - heap0);
    const ab = process.memoryUsage().arrayBuffers - ab0;
    log(`core (b) stored Realisasi: JS heap ${mb(heap)} + typed arrays ${mb(ab)} = ${mb(heap + ab)} (goal ≤ 64 MB; table alone ≈ ${mb(tableBytes(data.table))})${gcFn ? "" : " [no --expose-gc: figures include garbage]"}`);


    const floors: Timing[] = [];
    const ours: Timing[] = [];
    const pullsOnly: number[] = [];
    let floorRequests = 0;
    let ourRequests = 0;
    let rows = 0;
    let questions: [string, string][] = [];
    const floorRun = async () => {
      await collect();
      const t = startTiming();
      const f = await floorPull(sim.baseUrl, sim.key);
      floors.push(t.stop());
      floorRequests = f.requests;
      rows = f.rows;
    };
    const ourRun = async () => {
      await collect();
      const store = new Store((c) => new OmspanClient({ ...c, pageSize: PAGE, concurrency: CONCURRENCY }));
      const conn = { baseUrl: sim.baseUrl, key: sim.key };
      const before = sim.requests();
      const t = startTiming();
      const first = await store.get(conn, "realisasi");
      pullsOnly.push(t.stop().wall);
      if (questions.length === 0) {
        const satkers = (first.table.columns.KDSATKER as { dict: readonly string[] }).dict;
        const rng = new Rng(42); // the simulator's deterministic stream: every run asks the same questions
        const rnd = () => rng.next();
        const prefixes = ["5", "51", "52", "53", "511", "521", "522", "524", "5211", "5241", "521211", "524111", "532111"];
        questions = Array.from({ length: LOOKUPS }, () => [satkers[Math.floor(rnd() * satkers.length)]!, prefixes[Math.floor(rnd() * prefixes.length)]!]);
      }
      let check = 0;
      for (const [satker, akun] of questions) {
        const data = await store.get(conn, "realisasi");
        check += evaluateFormula(FORMULAS.REALISASI!, [satker, akun], data) as number;
      }
      ours.push(t.stop());
      ourRequests = sim.requests() - before;
      if (!(check > 0)) throw new Error("lookups summed to nothing");
    };
    for (let run = 0; run < RUNS; run++) {
      // Back to back, alternating which goes first, so neither always inherits the other's garbage.
      if (run % 2 === 0) await floorRun();
      await ourRun();
      if (run % 2 === 1) await floorRun();
    }
    const wall = (ts: Timing[]) => median(ts.map((t) => t.wall));
    const cpu = (ts: Timing[]) => median(ts.map((t) => t.cpu));
    // Each pair ran back to back under the same load, so the median of the pairs' ratios cancels most of
    // a shared machine's drift; the ratio of the medians and of the client's CPU time are printed too.
    const ratios = ours.map((o, i) => o.wall / floors[i]!.wall);
    log(`core (a) full profile ${year}: ${rows.toLocaleString("en")} Realisasi rows, pages of ${PAGE}, ${CONCURRENCY} in flight, ${RUNS} runs each`);
    log(`  floor (raw download + JSON.parse): ${wall(floors).toFixed(0)} ms median (client CPU ${cpu(floors).toFixed(0)} ms), ${floorRequests} requests`);
    log(
      `  ${LOOKUPS.toLocaleString("en")} REALISASI lookups from nothing: ${wall(ours).toFixed(0)} ms median (client CPU ${cpu(ours).toFixed(0)} ms; ` +
        `the pull and conversion alone ${median(pullsOnly).toFixed(0)} ms), ${ourRequests} upstream requests (pages ${Math.ceil(rows / PAGE)} + end probes)`,
    );
    log(
      `  ratio to floor: ${median(ratios).toFixed(3)} (median of the back-to-back pairs, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); ` +
        `ratio of the medians ${(wall(ours) / wall(floors)).toFixed(3)}; client CPU ${(cpu(ours) / cpu(floors)).toFixed(3)}  (goal ≤ 1.2)`,
    );

    // (c) lookups per second once loaded.
    data = await heldStore.get({ baseUrl: sim.baseUrl, key: sim.key }, "realisasi");
    const N = 1_000_000;
    const source = dataSource(data);
    let t0 = performance.now();
    let sink = 0;
    for (let i = 0; i < N; i++) {
      const [s, a] = questions[i % LOOKUPS]!;
      sink += FORMULAS.REALISASI!.prepare([s, a]).run(source) as number;
    }
    const formulaRate = N / ((performance.now() - t0) / 1000);
    const index = data.memo("sum-index:AMOUNT", () => new SumIndex(data.table, "KDSATKER", "AKUN", "AMOUNT", "TANGGAL"));
    const queries = questions.map(([s, a]) => ({ satker: parseCodeFilter(s, SATKER_RULE), akun: parseCodeFilter(a, AKUN_RULE) }));
    t0 = performance.now();
    for (let i = 0; i < N; i++) sink += index.sum(queries[i % LOOKUPS]!);
    const indexRate = N / ((performance.now() - t0) / 1000);
    log(`core (c) once loaded: ${Math.round(formulaRate).toLocaleString("en")} REALISASI lookups/s through the formula; ${Math.round(indexRate).toLocaleString("en")}/s computed afresh from the index (goal ≥ 1,000,000)${sink ? "" : " "}`);
  } finally {
    await sim.close();
  }
}

if (require.main === module) {
  runCoreBench((l) => console.log(l)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
