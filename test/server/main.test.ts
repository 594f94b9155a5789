/** The server process as `npm start` runs it: prints its URL, closes on SIGTERM, refuses a bad setting. */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags";

const ROOT = resolve(__dirname, "..", "..");
const LAUNCH = 'require("./bin/register-ts"); require("./src/server/main.ts")';

function run(env: Record<string, string>, nodeFlags: readonly string[] = []) {
  return spawn(process.execPath, [...nodeFlags, "-e", LAUNCH], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
}

// With the recommended memory flags on the command line, as the deployment runs it (main.ts also sets
// --liftoff-only on itself: a Node that refused either would fail here).
test("prints its URL, answers, and exits 0 on SIGTERM", async () => {
  const env = { OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true", OMSPAN_LOG_LEVEL: "warn", OMSPAN_STATIC_DIR: "/nonexistent-omspan-static" };
  const child = run(env, SERVER_NODE_FLAGS);
  let out = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
}, 30_000);

test("a bad setting stops the start with a message naming it (exit 2)", async () => {
  const child = run({ OMSPAN_PORT: "eighty" });
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  expect(code).toBe(2);
  expect(err).toMatch(/OMSPAN_PORT/);
}, 30_000);

test("the recommended flags are also accepted in NODE_OPTIONS", () => {
  const r = spawnSync(process.execPath, ["-e", "0"], { env: { ...process.env, NODE_OPTIONS: SERVER_NODE_FLAGS.join(" ") }, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
