/**
 * `omspan pull|calc … --snapshot-dir DIR [--allow-stale]` against a real simulator that is then stopped:
 * each pull is kept; with --allow-stale an unreachable OMSPAN is answered from the newest snapshot (exit
 * 0, the same rows, one stderr line naming the as-of); without it exit 6; a refused key is exit 3 either
 * way, never answered from a snapshot.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "../../src/simulator";

const BIN = path.resolve(__dirname, "..", "..", "bin", "omspan.js");
let sim: RunningSimulator;
let upstream: string;
let keyFile: string;
let dir: string;

function omspan(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: "en_US.UTF-8", OMSPAN_SNAPSHOT_DIR: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  upstream = sim.baseUrl;
  const work = mkdtempSync(path.join(tmpdir(), "omspan-cli-snap-"));
  keyFile = path.join(work, "key.txt");
  writeFileSync(keyFile, `${await sim.mintKey({ year: 2026 })}\n`);
  dir = path.join(work, "snapshots");
});
let simClosed = false;
afterAll(async () => {
  if (!simClosed) await sim?.close();
});

const up = () => ["--upstream", upstream, "--key-file", keyFile];

test("kept while OMSPAN answers; answered from the snapshot once it is gone (only with --allow-stale)", async () => {
  const fresh = await omspan(["pull", "dipa", "--snapshot-dir", dir, ...up()]);
  expect([fresh.code, fresh.stderr]).toEqual([0, ""]);
  const sum = await omspan(["calc", 'PAGU("";"52")', ...up()], { OMSPAN_SNAPSHOT_DIR: dir });
  expect(sum.code).toBe(0);
  expect(readdirSync(dir).filter((f) => f.endsWith(".omspan-snapshot"))).toHaveLength(2); // dipa twice
  await sim.close();
  simClosed = true;

  const down = await omspan(["pull", "dipa", "--snapshot-dir", dir, ...up()]);
  expect(down.code).toBe(6);
  expect(down.stdout).toBe("");

  const stale = await omspan(["pull", "dipa", "--snapshot-dir", dir, "--allow-stale", ...up()]);
  expect(stale.code).toBe(0);
  expect(stale.stdout).toBe(fresh.stdout);
  const lines = stale.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^omspan: OMSPAN cannot be reached — answered dipa from the snapshot pulled \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(stale\)$/);

  const calc = await omspan(["calc", 'PAGU("";"52")', "--allow-stale", ...up()], { OMSPAN_SNAPSHOT_DIR: dir, LANG: "id_ID.UTF-8" });
  expect([calc.code, calc.stdout]).toEqual([0, sum.stdout]);
  expect(calc.stderr).toMatch(/^omspan: OMSPAN tidak dapat dihubungi — menjawab dipa dari snapshot yang ditarik .* \(data lama\)\n$/);
});

test("a refused key is exit 3 with or without --allow-stale; --allow-stale needs a directory", async () => {
  const server = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  try {
    const own = path.join(path.dirname(keyFile), "own.txt");
    writeFileSync(own, await server.mintKey({ year: 2026 }));
    const upAt = ["--upstream", server.baseUrl, "--key-file", own];
    expect((await omspan(["pull", "dipa", "--snapshot-dir", dir, ...upAt])).code).toBe(0);
    // The same key, now refused (another simulator signs with another secret): never the snapshot.
    const other = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", secret: "another-secret-entirely-for-this-test" });
    try {
      const refused = ["--upstream", other.baseUrl, "--key-file", own, "--snapshot-dir", dir];
      const a = await omspan(["pull", "dipa", ...refused]);
      const b = await omspan(["pull", "dipa", "--allow-stale", ...refused]);
      expect([a.code, b.code, a.stdout, b.stdout]).toEqual([3, 3, "", ""]);
      expect(b.stderr).toMatch(/refused the API key/);
    } finally {
      await other.close();
    }
    const usage = await omspan(["pull", "dipa", "--allow-stale", ...upAt]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--allow-stale/);
  } finally {
    await server.close();
  }
});
