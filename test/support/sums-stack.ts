/**
 * The stack each random sums suite starts for itself: one simulator (demo profile, port 0) serving two
 * fiscal years — the current one, 2026, and a closed one, 2025 — chosen by the key; one `Store` whose
 * `OmspanClient`s pull straight from the simulator's base URL; and, independently of the core, the same
 * rows downloaded with plain fetch + JSON.parse for the reference.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { Store, type Connection } from "../../src/omspan/store/store";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { refTable, type Raw, type RefTable } from "./sums-reference";
import { rawRealisasi } from "./stack";

export const YEARS = [2026, 2025] as const;
/** Random cases per year: Realisasi (each checked through sumDataset and the REALISASI formula), DIPA, DataFA. */
export const CASES = { realisasi: 260, dipa: 80, dana: 80 } as const;

export interface YearData {
  readonly year: number;
  readonly conn: Connection;
  readonly raw: { realisasi: Raw[]; dipa: Raw[]; dana: Raw[] };
  readonly ref: { realisasi: RefTable; dipa: RefTable; dana: RefTable };
}

export interface SumsStack {
  readonly sim: RunningSimulator;
  /** The simulator's log lines: one per request it answered. */
  readonly upstream: readonly string[];
  /** Every client the store made, to count the requests they sent. */
  readonly clients: readonly OmspanClient[];
  readonly store: Store;
  /** One entry per YEARS, in that order. */
  readonly years: readonly YearData[];
  close(): Promise<void>;
}

async function rawGet(baseUrl: string, key: string, route: string): Promise<Raw[]> {
  const res = await fetch(`${baseUrl}${route}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = JSON.parse(await res.text()) as unknown;
  if (!Array.isArray(body)) throw new Error(`${route}: no rows (${res.status})`);
  return body as Raw[];
}

async function loadYear(sim: RunningSimulator, year: number): Promise<YearData> {
  const key = await sim.mintKey({ year });
  const realisasi = await rawRealisasi(sim.baseUrl, key);
  const dipa = await rawGet(sim.baseUrl, key, "DipaBelanjaKL/BELANJA");
  const dana = await rawGet(sim.baseUrl, key, "DataFA");
  return {
    year,
    conn: { baseUrl: sim.baseUrl, key },
    raw: { realisasi, dipa, dana },
    ref: {
      realisasi: refTable(realisasi, "KDSATKER", ["AMOUNT"], "TANGGAL"),
      dipa: refTable(dipa, "KDSATKER", ["AMOUNT"]),
      dana: refTable(dana, "SATKER", ["BALANCING_AMT", "DIPA"]),
    },
  };
}

/** Starts the simulator and loads every year's raw rows; closes the simulator again if loading fails. */
export async function startSumsStack(): Promise<SumsStack> {
  const upstream: string[] = [];
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", log: (l) => upstream.push(l) });
  try {
    const years: YearData[] = [];
    for (const year of YEARS) years.push(await loadYear(sim, year));
    const clients: OmspanClient[] = [];
    const store = new Store((c) => {
      const client = new OmspanClient(c);
      clients.push(client);
      return client;
    });
    return { sim, upstream, clients, store, years, close: () => sim.close() };
  } catch (e) {
    await sim.close();
    throw e;
  }
}

/** Registers one stack for the calling test file (started before its tests, closed after); returns a getter. */
export function useSumsStack(): () => SumsStack {
  let stack: SumsStack | undefined;
  beforeAll(async () => {
    stack = await startSumsStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  return () => stack!;
}
