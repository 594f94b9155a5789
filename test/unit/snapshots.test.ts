/**
 * Snapshots over both real stores — a directory on Node and IndexedDB (fake-indexeddb in jest): a table
 * comes back exactly as it was kept, every column encoding included; what cannot be read as written
 * (damaged, cut short, an older layout, sections stitched from another key's snapshot) is discarded with
 * a warning and never served; the size bound evicts the least recently used; a key's snapshots go
 * together; a pin survives rows of text.
 */
import "fake-indexeddb/auto";
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirSnapshotStore } from "../../src/node/snapshot-dir";
import {
  IndexedDbSnapshotStore,
  Snapshots,
  encodeSnapshot,
  newSnapshotId,
  parsePinRows,
  pinRows,
  type Pin,
  type SnapshotStore,
} from "../../src/omspan/snapshots";
import { hashText } from "../../src/omspan/snapshots/hash";
import { keyTag } from "../../src/omspan/store/store";
import type { Table } from "../../src/omspan/columnar/table";

const TAG = keyTag("key-one");
const OTHER = keyTag("key-two");

/** A table exercising every encoding: constant, 1/2/4-byte ids, a run, small and large ints, floats, NaN. */
function table(rows: number, seed = 1): Table {
  const many = Array.from({ length: Math.max(1, Math.min(rows, 70_000)) }, (_, i) => `N${i}`);
  const amounts = new Float64Array(rows).map((_, i) => (i % 7 === 0 ? 3_000_000_000 + i : (i * 7919 * seed) % 100_000));
  const dates = new Float64Array(rows).map((_, i) => (i % 11 === 0 ? Number.NaN : 20_000 + (i % 300)));
  const floats = new Float64Array(rows).map((_, i) => (i % 5) / 3);
  return {
    rowCount: rows,
    columnNames: ["BA", "KDSATKER", "LOKASI", "NTPN", "ROWNUM", "TANGGAL", "AMOUNT", "MAXDATE", "IK", "SMALL"],
    kinds: { BA: "code", KDSATKER: "code", LOKASI: "code", NTPN: "name", ROWNUM: "number", TANGGAL: "date", AMOUNT: "amount", MAXDATE: "date", IK: "percent", SMALL: "number" },
    columns: {
      BA: { kind: "text", dict: ["056"], ids: new Uint16Array(rows) },
      KDSATKER: { kind: "text", dict: ["600001", "600002", "600003"], ids: new Uint16Array(rows).map((_, i) => i % 3) },
      LOKASI: { kind: "text", dict: Array.from({ length: 600 }, (_, i) => String(i).padStart(4, "0")), ids: new Uint16Array(rows).map((_, i) => i % 600) },
      NTPN: { kind: "text", dict: many, ids: new (many.length > 0xffff ? Uint32Array : Uint16Array)(rows).map((_, i) => i % many.length) },
      ROWNUM: { kind: "number", values: new Float64Array(rows).map((_, i) => i + 1) },
      TANGGAL: { kind: "number", values: dates },
      AMOUNT: { kind: "number", values: amounts },
      MAXDATE: { kind: "number", values: new Float64Array(rows).fill(20_419) },
      IK: { kind: "number", values: floats },
      SMALL: { kind: "number", values: new Float64Array(rows).map((_, i) => (i % 4) - 2) },
    },
  };
}

/** Every dictionary entry used, as a real table's are (TextColumnBuilder renumbers by first appearance). */
const ROWS = 70_000;

function expectSameTable(a: Table, b: Table): void {
  expect(a.rowCount).toBe(b.rowCount);
  expect(a.columnNames).toEqual(b.columnNames);
  expect(a.kinds).toEqual(b.kinds);
  for (const name of a.columnNames) {
    const x = a.columns[name]!;
    const y = b.columns[name]!;
    expect(x.kind).toBe(y.kind);
    if (x.kind === "text" && y.kind === "text") {
      expect(x.dict).toEqual(y.dict);
      expect(x.ids.constructor).toBe(y.ids.constructor);
      expect(Buffer.from(x.ids.buffer, x.ids.byteOffset, x.ids.byteLength).equals(Buffer.from(y.ids.buffer, y.ids.byteOffset, y.ids.byteLength))).toBe(true);
    } else if (x.kind === "number" && y.kind === "number") {
      const same = x.values.length === y.values.length && x.values.every((v, i) => Object.is(v, y.values[i]));
      expect([name, same]).toEqual([name, true]);
    }
  }
}

type Kind = "dir" | "indexeddb";
let dbCount = 0;
function makeStore(kind: Kind): { store: SnapshotStore; dir?: string } {
  if (kind === "dir") {
    const dir = mkdtempSync(path.join(tmpdir(), "omspan-snap-"));
    return { store: new DirSnapshotStore(dir), dir };
  }
  return { store: new IndexedDbSnapshotStore(indexedDB, `omspan-snapshots-test-${++dbCount}`) };
}

const input = (t: Table, over: Partial<{ id: string; keyTag: string; fetchedAt: Date; dataset: "realisasi" | "dipa" }> = {}) => ({
  id: over.id ?? newSnapshotId(),
  keyTag: over.keyTag ?? TAG,
  dataset: over.dataset ?? ("realisasi" as const),
  params: {},
  table: t,
  fetchedAt: over.fetchedAt ?? new Date("2026-12-02T09:04:00Z"),
  maxDate: 20_419,
});

describe.each<Kind>(["dir", "indexeddb"])("snapshots in %s", (kind) => {
  test("a table comes back exactly, with its as-of; another key sees nothing", async () => {
    const warnings: string[] = [];
    const snaps = new Snapshots(makeStore(kind).store, { warn: (m) => warnings.push(m) });
    const t = table(ROWS);
    const saved = await snaps.save(input(t));
    expect(saved?.bytes).toBeLessThan(ROWS * 40);
    const back = await snaps.newest(TAG, "realisasi", {});
    expect(back?.info).toMatchObject({ id: saved!.id, fetchedAt: new Date("2026-12-02T09:04:00Z"), maxDate: 20_419, rowCount: ROWS });
    expectSameTable(back!.table, t);
    expect(await snaps.newest(OTHER, "realisasi", {})).toBeUndefined();
    expect(await snaps.load(saved!.id, OTHER)).toBeUndefined();
    expect(await snaps.newest(TAG, "dipa", {})).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test("the newest of several is chosen; an empty table round-trips", async () => {
    const snaps = new Snapshots(makeStore(kind).store);
    await snaps.save(input(table(100, 1), { fetchedAt: new Date("2026-12-01T00:00:00Z") }));
    const newer = await snaps.save(input(table(100, 2), { fetchedAt: new Date("2026-12-02T00:00:00Z") }));
    expect((await snaps.newest(TAG, "realisasi", {}))?.info.id).toBe(newer!.id);
    const empty = await snaps.save(input(table(0), { dataset: "dipa" }));
    expect((await snaps.load(empty!.id, TAG))?.table.rowCount).toBe(0);
  });

  test("the size bound evicts the least recently used", async () => {
    const t = table(5_000);
    const size = encodeSnapshot(input(t)).header.bytes;
    let clock = 1_000;
    const snaps = new Snapshots(makeStore(kind).store, { maxBytes: Math.floor(size * 3.5), now: () => clock });
    const a = await snaps.save(input(t, { fetchedAt: new Date("2026-01-01T00:00:00Z") }));
    await snaps.store.touch(a!.id, (clock += 10));
    const b = await snaps.save(input(t, { fetchedAt: new Date("2026-01-02T00:00:00Z") }));
    await snaps.store.touch(b!.id, (clock += 10));
    const c = await snaps.save(input(t, { fetchedAt: new Date("2026-01-03T00:00:00Z") }));
    await snaps.store.touch(c!.id, (clock += 10));
    // a is read again: now b is the least recently used.
    clock += 10;
    expect(await snaps.load(a!.id, TAG)).toBeDefined();
    const d = await snaps.save(input(t, { fetchedAt: new Date("2026-01-04T00:00:00Z") }));
    const left = (await snaps.list()).map((s) => s.id).sort();
    expect(left).toEqual([a!.id, c!.id, d!.id].sort());
    // One larger than the whole bound is not kept at all.
    const tiny = new Snapshots(makeStore(kind).store, { maxBytes: 100, warn: () => undefined });
    expect(await tiny.save(input(t))).toBeUndefined();
    expect(await tiny.list()).toEqual([]);
  });

  test("removeKey takes that key's snapshots only", async () => {
    const snaps = new Snapshots(makeStore(kind).store);
    await snaps.save(input(table(10)));
    await snaps.save(input(table(10), { dataset: "dipa" }));
    const other = await snaps.save(input(table(10), { keyTag: OTHER }));
    expect(await snaps.removeKey(TAG)).toBe(2);
    expect((await snaps.list()).map((s) => s.id)).toEqual([other!.id]);
    expect(await snaps.usage(TAG)).toEqual({ count: 0, bytes: 0 });
  });
});

describe("an unreadable snapshot is discarded with a warning and the next one is used", () => {
  const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".omspan-snapshot"));
  async function twoKept() {
    const { store, dir } = makeStore("dir");
    const warnings: string[] = [];
    const snaps = new Snapshots(store, { warn: (m) => warnings.push(m) });
    const older = await snaps.save(input(table(2_000, 1), { fetchedAt: new Date("2026-12-01T00:00:00Z") }));
    const newer = await snaps.save(input(table(2_000, 2), { fetchedAt: new Date("2026-12-02T00:00:00Z") }));
    return { snaps, dir: dir!, warnings, older: older!, newer: newer!, file: path.join(dir!, `${newer!.id}.omspan-snapshot`) };
  }

  test("a damaged byte in a section", async () => {
    const k = await twoKept();
    const bytes = readFileSync(k.file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(k.file, bytes);
    expect((await k.snaps.newest(TAG, "realisasi", {}))?.info.id).toBe(k.older.id);
    expect(k.warnings.join("\n")).toMatch(/checksum/);
    expect(files(k.dir)).toEqual([`${k.older.id}.omspan-snapshot`]);
  });

  test("a file cut short, in its sections or in its header", async () => {
    const k = await twoKept();
    truncateSync(k.file, readFileSync(k.file).length - 5_000);
    expect((await k.snaps.newest(TAG, "realisasi", {}))?.info.id).toBe(k.older.id);
    expect(k.warnings.join("\n")).toMatch(/missing or short/);
    truncateSync(path.join(k.dir, `${k.older.id}.omspan-snapshot`), 40);
    expect(await k.snaps.newest(TAG, "realisasi", {})).toBeUndefined();
    expect(files(k.dir)).toEqual([]);
  });

  test("an older layout", async () => {
    const k = await twoKept();
    const bytes = readFileSync(k.file);
    const text = bytes.toString("latin1").replace('"schema":1,', '"schema":0,');
    writeFileSync(k.file, Buffer.from(text, "latin1"));
    expect((await k.snaps.newest(TAG, "realisasi", {}))?.info.id).toBe(k.older.id);
    expect(k.warnings.join("\n")).toMatch(/older snapshot layout/);
  });

  test("another key's sections under this key's header", async () => {
    const { store, dir } = makeStore("dir");
    const warnings: string[] = [];
    const snaps = new Snapshots(store, { warn: (m) => warnings.push(m) });
    const theirs = await snaps.save(input(table(500), { keyTag: OTHER }));
    // Someone rewrote the header (with a valid checksum) to claim it for this key.
    const file = path.join(dir!, `${theirs!.id}.omspan-snapshot`);
    const bytes = readFileSync(file);
    const headerLength = bytes.readUInt32LE(12);
    const header = bytes.subarray(24, 24 + headerLength).toString("utf8").replace(OTHER, TAG);
    bytes.writeUInt32LE(hashText(header), 16);
    bytes.write(header, 24, "utf8");
    writeFileSync(file, bytes);
    expect(await snaps.newest(TAG, "realisasi", {})).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/checksum/);
    expect(files(dir!)).toEqual([]);
  });
});

test("a pin survives rows of text, as a sheet hands them back", () => {
  const pin: Pin = {
    version: 1,
    frozenAt: "2026-12-02T09:30:00.000Z",
    entries: [
      { dataset: "realisasi", params: {}, snapshotId: newSnapshotId(), fetchedAt: "2026-12-02T09:04:00.000Z", maxDate: 20_419 },
      { dataset: "pnbp", params: { date: "20261101" }, snapshotId: newSnapshotId(), fetchedAt: "2026-12-02T09:05:00.000Z" },
    ],
  };
  const rows = pinRows(pin);
  expect(rows.every((r) => r.length === 6 && r.every((c) => typeof c === "string"))).toBe(true);
  expect(JSON.stringify(rows)).not.toMatch(/key|eyJ/);
  // Excel reads a digits-only cell back as a number unless it is text-formatted: both work.
  const asRead = [["", "", "", "", "", ""], ...rows.map((r) => r.map((c) => (/^\d+$/.test(c) ? Number(c) : c))), ["", "", "", "", "", ""]];
  expect(parsePinRows(asRead)).toEqual({ pin, problems: [] });
  expect(parsePinRows([])).toEqual({ problems: [] });
  const broken = rows.map((r) => [...r]);
  broken[1]![2] = "not-an-id";
  const parsed = parsePinRows(broken);
  expect(parsed.pin).toBeUndefined();
  expect(parsed.problems[0]).toMatchObject({ row: 2, reason: expect.stringMatching(/snapshotId/) });
});
