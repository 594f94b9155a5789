/**
 * "Forget key": the remembered copy goes, the live connection stays (formulas keep working until the
 * runtime closes); the session says whether a copy is remembered, so the pane offers the button only then.
 */
import { Session, type KeyVault } from "../../src/omspan/store/session";
import type { Connection } from "../../src/omspan/store/store";
import { mintTestKey } from "../support/keys";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { DIPA_SAMPLE } from "../support/spec-samples";

let server: ScriptedServer;
beforeAll(async () => (server = await startScriptedServer(() => ({ body: DIPA_SAMPLE }))));
afterAll(() => server.close());

function memoryVault(): KeyVault & { kept: Connection | null } {
  const v = {
    kept: null as Connection | null,
    load: async () => v.kept,
    save: async (c: Connection) => void (v.kept = c),
    clear: async () => void (v.kept = null),
  };
  return v;
}

test("connect with remember, then forget: the vault is empty, the session still connected", async () => {
  const vault = memoryVault();
  const session = new Session({ vault });
  const key = await mintTestKey();
  await session.connect({ baseUrl: server.baseUrl, key, remember: true });
  expect(session.getSnapshot()).toMatchObject({ status: "connected", remembered: true });
  expect(vault.kept?.key).toBe(key);
  await session.forgetKey();
  expect(vault.kept).toBeNull();
  expect(session.getSnapshot()).toMatchObject({ status: "connected", remembered: false });
  expect(session.connection().key).toBe(key);
  // The next start finds nothing to restore.
  expect(await new Session({ vault }).restore()).toBe(false);
});

test("without remember nothing is kept and the session says so; a restored connection is remembered", async () => {
  const vault = memoryVault();
  const session = new Session({ vault });
  await session.connect({ baseUrl: server.baseUrl, key: await mintTestKey() });
  expect(session.getSnapshot().remembered).toBe(false);
  vault.kept = { baseUrl: server.baseUrl, key: await mintTestKey() };
  const next = new Session({ vault });
  expect(await next.restore()).toBe(true);
  expect(next.getSnapshot()).toMatchObject({ status: "connected", remembered: true });
});
