/**
 * `npm start` as a user runs it (with the add-in already built by the browser suite's build step):
 * the simulator and the server come up on https://localhost with the development certificate,
 * the pane, functions.json, the manifest and the health route answer, the printed demo key works, and
 * `npm stop` ends it all. The same code path as on port 3000, but on a free port (OMSPAN_PORT=0) and with
 * its own PID file, so `npm test` passes while a developer's `npm start` holds port 3000.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureDist } from "../browser/build";
import { devHttpsOptions } from "../../src/server/dev-certs";
import { decodeClaims } from "../../src/omspan/claims";

const ROOT = path.resolve(__dirname, "..", "..");
let child: ChildProcess | undefined;
let output = "";
const stateDir = mkdtempSync(path.join(tmpdir(), "omspan-start-"));
const env = { ...process.env, OMSPAN_PORT: "0", OMSPAN_PID_FILE: path.join(stateDir, "start.pid") };

function get(url: string, ca: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
      })
      .on("error", reject);
  });
}

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

test("npm start serves the add-in stack over https on localhost; npm stop ends it", async () => {
  await ensureDist();
  child = spawn(process.execPath, ["bin/start.js", "--no-build"], { cwd: ROOT, env });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const started = Date.now();
  while (!output.includes("Press Ctrl+C") && child.exitCode === null && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const origin = /OMSPAN for Excel is running at (https:\/\/localhost:\d+)/.exec(output)?.[1];
  expect(origin).toMatch(/^https:\/\/localhost:\d+$/);
  expect(existsSync(env.OMSPAN_PID_FILE)).toBe(true);
  expect(output).toContain("dist/manifest.xml");
  expect(output).toMatch(/Upload my add-in/);

  const { ca } = await devHttpsOptions();
  const caPem = String(ca);
  const pane = await get(`${origin}/taskpane.html`, caPem);
  expect([pane.status, pane.type]).toEqual([200, expect.stringContaining("text/html")]);
  const functions = await get(`${origin}/functions.json`, caPem);
  const meta = JSON.parse(functions.body) as { functions: { name: string; parameters: { name: string }[] }[] };
  const realisasi = meta.functions.find((f) => f.name === "REALISASI");
  expect(realisasi?.parameters.map((p) => p.name)).toEqual(["satker", "akun", "dari", "sampai", "filter"]);
  const manifest = await get(`${origin}/manifest.xml`, caPem);
  expect(manifest.body).toContain("<Namespace");
  const health = await get(`${origin}/health`, caPem);
  expect(JSON.parse(health.body)).toMatchObject({ status: "ok" });

  // The printed demo key is accepted through the proxy.
  const key = /demo API key[^\n]*\n\s+(\S+)/.exec(output)?.[1];
  expect(decodeClaims(key!).kdt).toBe(String(new Date().getFullYear()));
  const page = await get(`${origin}/omspan/RealisasiKL/1/2`, caPem, { Authorization: `Bearer ${key}` });
  expect(page.status).toBe(200);
  expect(JSON.parse(page.body)).toHaveLength(2);

  const stop = spawnSync(process.execPath, ["bin/stop.js"], { cwd: ROOT, env, encoding: "utf8" });
  expect(stop.stdout).toContain("stopping");
  const code = await new Promise<number | null>((r) => (child!.exitCode !== null ? r(child!.exitCode) : child!.once("exit", r)));
  expect(code).toBe(0);
  expect(existsSync(env.OMSPAN_PID_FILE)).toBe(false);
}, 180_000);
