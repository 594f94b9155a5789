/**
 * Snapshot benchmark on the simulator's full profile (figures, never pass/fail), for Realisasi:
 *  (a) the table in memory against its snapshot: size, encode time, and — for the record of the choice —
 *      what gzip would save and cost on top (CompressionStream, the Web standard both runtimes have);
 *  (b) write and read times through the directory store (the CLI's) and fake-indexeddb (jest's stand-in
 *      for the browser's: its times say little about Chromium's);
 *  (c) the heap while reading: the peak of JS heap + ArrayBuffers above the level before, sampled after
 *      every section read, against the table's own size (goal ≤ table + 20 %);
 *  (d) 10,000 formula cells on a cold open — a new store, nothing in memory — answered from the snapshot,
 *      against the same cells pulling over loopback: back-to-back pairs, the median ratio (goal ≤ 0.1).
 */
import "fake-indexeddb/auto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirSnapshotStore } from "../src/node/snapshot-dir";
import { OmspanClient } from "../src/omspan/wire/client";
import { FORMULAS, dataSource } from "../src/omspan/formulas";
import { IndexedDbSnapshotStore, Snapshots, encodeSnapshot, newSnapshotId, type SnapshotStore } from "../src/omspan/snapshots";
import { Store, keyTag } from "../src/omspan/store/store";
import type { Table } from "../src/omspan/columnar/table";
import { Rng } from "../src/simulator/rng";
import { mb, median, startSimulatorChild } from "./support";

const PAIRS = 3;
const RUNS = 5;
const CELLS = 10_000;
const gcFn = (globalThis as { gc?: () => void }).gc;
async function collect(): Promise<void> {
  if (!gcFn) return;
  gcFn();
  await new Promise((r) => setTimeout(r, 50));
  gcFn();
}
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** The table's own bytes: typed arrays, and the dictionaries' strings (2 bytes a character + a header). */
function tableBytes(t: Table): number {
  let n = 0;
  for (const c of Object.values(t.columns)) n += c.kind === "text" ? c.ids.byteLength + c.dict.reduce((s, x) => s + 2 * x.length + 16, 0) : c.values.byteLength;
  return n;
}

async function gzipBytes(parts: readonly Uint8Array[]): Promise<number> {
  const stream = new Blob([...parts] as BlobPart[]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** A store whose reads sample memory after every section (the peak while a snapshot is read). */
function sampling(inner: SnapshotStore, sample: () => void): SnapshotStore {
  return {
    list: () => inner.list(),
    put: (s, at) => inner.put(s, at),
    touch: (id, at) => inner.touch(id, at),
    remove: (ids) => inner.remove(ids),
    open: async (id, lengths) => {
      const r = await inner.open(id, lengths);
      return r && { section: async (i, n, into) => { const b = await r.section(i, n, into); sample(); return b; }, close: () => r.close() };
    },
  };
}

type Cell = readonly [string, readonly unknown[]];
function cells(satkers: readonly string[]): Cell[] {
  const rng = new Rng(11);
  const prefixes = ["5", "51", "52", "53", "521", "524", "5211", "521211", "524111"];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  return Array.from({ length: CELLS }, (_, i) => (i % 2 ? ["REALISASI", [pick(satkers), pick(prefixes)]] : ["REALISASI.BULAN", [pick(satkers), pick(prefixes), 1 + (i % 12), true]]));
}

export async function runSnapshotsBench(log: (line: string) => void): Promise<void> {
  const year = new Date().getFullYear();
  const sim = await startSimulatorChild("full", year);
  const dir = mkdtempSync(path.join(tmpdir(), "omspan-bench-snap-"));
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const tag = keyTag(sim.key);
    const pulled = await new Store((c) => new OmspanClient(c)).get(conn, "realisasi");
    const table = pulled.table;
    const size = tableBytes(table);

    // (a) size and encoding.
    const enc: number[] = [];
    let encoded = encodeSnapshot({ id: newSnapshotId(), keyTag: tag, dataset: "realisasi", params: {}, table, fetchedAt: pulled.asOf.fetchedAt, maxDate: pulled.asOf.maxDate });
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      encoded = encodeSnapshot({ id: newSnapshotId(), keyTag: tag, dataset: "realisasi", params: {}, table, fetchedAt: pulled.asOf.fetchedAt, maxDate: pulled.asOf.maxDate });
      enc.push(performance.now() - t0);
    }
    const snapBytes = encoded.header.bytes + encoded.headerText.length;
    const g0 = performance.now();
    const gz = await gzipBytes(encoded.sections);
    const gzMs = performance.now() - g0;
    const encodings = encoded.header.columns.map((c) => `${c.name}:${c.enc}${"width" in c ? c.width : ""}`).join(" ");
    log(`snapshots (a) full profile ${year}: ${table.rowCount.toLocaleString("en")} Realisasi rows; table in memory ${mb(size)}; snapshot ${mb(snapBytes)} (${(snapBytes / size).toFixed(2)} of the table), encoded in ${median(enc).toFixed(0)} ms median`);
    log(`  columns: ${encodings}`);
    log(`  gzip on top would give ${mb(gz)} (${(gz / snapBytes).toFixed(2)}) for ${gzMs.toFixed(0)} ms more to write, and a whole inflated copy to read — not taken: reading must stay near the table's own size`);

    // (b) write and read times.
    for (const [name, store] of [["directory", new DirSnapshotStore(dir)], ["fake-indexeddb", new IndexedDbSnapshotStore(indexedDB, "omspan-bench")]] as const) {
      const shelf = new Snapshots(store);
      const writes: number[] = [];
      const reads: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        await shelf.save({ id: newSnapshotId(), keyTag: tag, dataset: "realisasi", params: {}, table, fetchedAt: new Date(Date.now() + r), maxDate: pulled.asOf.maxDate });
        writes.push(performance.now() - t0);
        await collect();
        const t1 = performance.now();
        const back = await shelf.newest(tag, "realisasi", {});
        reads.push(performance.now() - t1);
        if (back?.table.rowCount !== table.rowCount) throw new Error("the snapshot read back differs");
      }
      log(`snapshots (b) ${name}: write ${median(writes).toFixed(0)} ms, read ${median(reads).toFixed(0)} ms (medians of ${RUNS}; read = list, checksums, decode)`);
      await shelf.removeKey(tag);
    }

    // (c) the heap while reading, from the directory store.
    let peak = 0;
    const shelf = new Snapshots(sampling(new DirSnapshotStore(dir), () => void (peak = Math.max(peak, used()))));
    await shelf.save({ id: newSnapshotId(), keyTag: tag, dataset: "realisasi", params: {}, table, fetchedAt: pulled.asOf.fetchedAt, maxDate: pulled.asOf.maxDate });
    await collect();
    const base = used();
    peak = base;
    const read = await shelf.newest(tag, "realisasi", {});
    peak = Math.max(peak, used());
    await collect();
    const held = used() - base;
    log(
      `snapshots (c) heap while reading: peak ${mb(peak - base)} above before = ${((peak - base) / size).toFixed(2)} × the table (${mb(size)}); held after ${mb(held)}  (goal ≤ 1.20 ×)${gcFn ? "" : " [no --expose-gc]"}${read ? "" : " [read failed]"}`,
    );

    // (d) 10,000 cells on a cold open: from the snapshot vs pulling over loopback.
    const list = cells((table.columns.KDSATKER as { dict: readonly string[] }).dict);
    const evaluate = async (store: Store) => {
      const t0 = performance.now();
      const source = dataSource(await store.get(conn, "realisasi"));
      answered.push(performance.now() - t0);
      let sink = 0;
      for (const [name, args] of list) sink += FORMULAS[name]!.prepare(args).run(source) as number;
      if (!(sink > 0)) throw new Error("the cells summed to nothing");
      return performance.now() - t0;
    };
    const answered: number[] = [];
    const fromSnapshot: number[] = [];
    const fromPull: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const snap = async () => {
        await collect();
        const store = new Store((c) => new OmspanClient(c), { snapshots: new Snapshots(new DirSnapshotStore(dir)) });
        fromSnapshot.push(await evaluate(store));
        if (store.pulls !== 0) throw new Error("the cold open pulled");
      };
      const pull = async () => {
        await collect();
        fromPull.push(await evaluate(new Store((c) => new OmspanClient(c))));
      };
      if (p % 2) await pull().then(snap);
      else await snap().then(pull);
    }
    // answered[] alternates per pair as the runs did: the snapshot's own reads are every run of `snap`.
    const snapReads = answered.filter((_, i) => (Math.floor(i / 2) % 2 ? i % 2 === 1 : i % 2 === 0));
    const ratios = fromSnapshot.map((s, i) => s / fromPull[i]!);
    log(
      `snapshots (d) ${CELLS.toLocaleString("en")} cells on a cold open: from the snapshot ${median(fromSnapshot).toFixed(0)} ms (its read ${median(snapReads).toFixed(0)} ms; the rest is the index and the cells, as after a pull), pulling over loopback ${median(fromPull).toFixed(0)} ms (medians of ${PAIRS}); ` +
        `ratio ${median(ratios).toFixed(3)} (median of the back-to-back pairs, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})  (goal ≤ 0.1)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}

if (require.main === module) {
  runSnapshotsBench((l) => console.log(l)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
