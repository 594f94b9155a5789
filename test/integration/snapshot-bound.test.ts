/**
 * The size bound on real pulls through the proxy: with room for about two datasets' snapshots, a third
 * pull evicts the least recently used one — the one not read since — and keeps the one a reopened
 * workbook read a moment ago. IndexedDB (fake-indexeddb), as in the add-in.
 */
import "fake-indexeddb/auto";
import { OmspanClient } from "../../src/omspan/wire/client";
import { IndexedDbSnapshotStore, Snapshots } from "../../src/omspan/snapshots";
import { Store } from "../../src/omspan/store/store";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
beforeAll(async () => (stack = await startStack()));
afterAll(() => stack?.close());

test("the least recently used snapshot goes first when the bound is reached", async () => {
  const conn = { baseUrl: stack.proxyBase, key: stack.key };
  // Sizes first, in a store of its own.
  const probe = new Snapshots(new IndexedDbSnapshotStore(indexedDB, "omspan-bound-probe"));
  const probing = new Store((c) => new OmspanClient(c), { snapshots: probe, openFrom: "pull" });
  for (const d of ["dipa", "dana", "ikpa-satker"] as const) await probing.get(conn, d);
  await probing.settled();
  const size = Object.fromEntries((await probe.list()).map((s) => [s.dataset, s.bytes]));

  let clock = 1_000_000;
  const snapshots = new Snapshots(new IndexedDbSnapshotStore(indexedDB, "omspan-bound"), {
    maxBytes: size.dipa! + size.dana! + Math.floor(size["ikpa-satker"]! / 2),
    now: () => (clock += 1_000),
  });
  const workbook = new Store((c) => new OmspanClient(c), { snapshots, openFrom: "pull" });
  await workbook.get(conn, "dipa");
  await workbook.settled();
  await workbook.get(conn, "dana");
  await workbook.settled();
  // A workbook opening reads DIPA's snapshot: now DataFA's is the least recently used.
  const opened = new Store((c) => new OmspanClient(c), { snapshots });
  expect((await opened.get(conn, "dipa")).asOf.source).toBe("snapshot");
  expect(opened.pulls).toBe(0);
  await workbook.get(conn, "ikpa-satker");
  await workbook.settled();
  expect((await snapshots.list()).map((s) => s.dataset).sort()).toEqual(["dipa", "ikpa-satker"]);
  const total = (await snapshots.list()).reduce((n, s) => n + s.bytes, 0);
  expect(total).toBeLessThanOrEqual(snapshots.maxBytes);
});
