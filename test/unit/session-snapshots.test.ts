/**
 * The session and this key's snapshots: Forget key and Disconnect remove them (another key's stay);
 * connecting while OMSPAN cannot be reached works offline only for a key that has snapshots here, and a
 * connection that works again clears the offline mark.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirSnapshotStore } from "../../src/node/snapshot-dir";
import { Session, type KeyVault } from "../../src/omspan/store/session";
import { Snapshots } from "../../src/omspan/snapshots";
import type { Connection } from "../../src/omspan/store/store";
import { mintTestKey } from "../support/keys";
import { startScriptedServer, type Answer, type ScriptedServer } from "../support/scripted-server";
import { DIPA_SAMPLE, REALISASI_SAMPLE } from "../support/spec-samples";

let server: ScriptedServer;
let answer: () => Answer;
beforeAll(async () => (server = await startScriptedServer((url) => (url.includes("RealisasiKL") ? { body: REALISASI_SAMPLE } : answer()))));
afterAll(() => server.close());
beforeEach(() => (answer = () => ({ body: DIPA_SAMPLE })));

const vault = (): KeyVault => {
  let kept: Connection | null = null;
  return { load: async () => kept, save: async (c) => void (kept = c), clear: async () => void (kept = null) };
};

function sessionOver(snapshots: Snapshots) {
  return new Session({ vault: vault(), snapshots });
}

test("Forget key and Disconnect remove that key's snapshots, and only those", async () => {
  const snapshots = new Snapshots(new DirSnapshotStore(mkdtempSync(path.join(tmpdir(), "omspan-session-"))));
  const [mine, theirs] = [sessionOver(snapshots), sessionOver(snapshots)];
  await mine.connect({ baseUrl: server.baseUrl, key: await mintTestKey(), remember: true });
  await theirs.connect({ baseUrl: server.baseUrl, key: await mintTestKey() });
  for (const s of [mine, theirs]) {
    await s.store.get(s.connection(), "dipa");
    await s.store.settled();
  }
  expect((await mine.snapshotUsage()).count).toBe(1);
  await mine.forgetKey();
  expect(await mine.snapshotUsage()).toEqual({ count: 0, bytes: 0 });
  expect(mine.getSnapshot().status).toBe("connected");
  await mine.store.get(mine.connection(), "dipa"); // held in memory still
  expect((await theirs.snapshotUsage()).count).toBe(1);
  await theirs.disconnect();
  expect(await snapshots.list()).toEqual([]);
});

test("offline connect only with snapshots of that key; a working connect clears the mark", async () => {
  const snapshots = new Snapshots(new DirSnapshotStore(mkdtempSync(path.join(tmpdir(), "omspan-session-"))));
  const key = await mintTestKey();
  const first = sessionOver(snapshots);
  await first.connect({ baseUrl: server.baseUrl, key });
  await first.store.get(first.connection(), "dipa");
  await first.store.settled();
  const down = "http://127.0.0.1:9/omspan/";
  const stranger = sessionOver(snapshots);
  await expect(stranger.connect({ baseUrl: down, key: await mintTestKey() })).rejects.toMatchObject({ code: "unreachable" });
  expect(stranger.getSnapshot().status).toBe("error");
  const later = sessionOver(snapshots);
  await later.connect({ baseUrl: down, key });
  expect(later.getSnapshot()).toMatchObject({ status: "connected", offline: { code: "unreachable" } });
  const d = await later.store.get(later.connection(), "dipa");
  expect(d.asOf).toMatchObject({ source: "snapshot", stale: { reason: "unreachable" } });
  await later.connect({ baseUrl: server.baseUrl, key });
  expect(later.getSnapshot().offline).toBeUndefined();
  expect(later.store.status().offline).toBeUndefined();
});
