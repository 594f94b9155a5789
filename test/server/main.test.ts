/** The server process as `npm start` runs it: prints its URL, closes on SIGTERM, refuses a bad setting. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const LAUNCH = 'require("./bin/register-ts"); require("./src/server/main.ts")';

function run(env: Record<string, string>) {
  return spawn(process.execPath, ["-e", LAUNCH], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
}

test("prints its URL, answers, and exits 0 on SIGTERM", async () => {
  const child = run({ OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true", OMSPAN_LOG_LEVEL: "warn", OMSPAN_STATIC_DIR: "/nonexistent-omspan-static" });
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
