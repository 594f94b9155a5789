/** The omspan-simulator command: flags and environment validated, `key` mints, `serve` starts and stops cleanly. */
import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { jwtVerify } from "jose";
import { DEV_SECRET } from "../../src/simulator";
import { parseCli } from "../../src/simulator/cli-options";

const BIN = join(__dirname, "..", "..", "bin", "omspan-simulator.js");

describe("parseCli", () => {
  test("defaults to serve with nothing set", () => {
    expect(parseCli([], {})).toEqual({ command: "serve", options: {} });
  });
  test("flags, and flags over environment", () => {
    const cli = parseCli(["serve", "--port", "8123", "--profile", "full", "--latency", "200", "--error-rate", "0.1", "--seed", "7"],
      { OMSPAN_SIM_PORT: "9000", OMSPAN_SIM_HOST: "0.0.0.0", OMSPAN_SIM_DROP_RATE: "0.05" });
    expect(cli).toEqual({ command: "serve", options: { port: 8123, host: "0.0.0.0", profile: "full",
      faults: { latencyMs: 200, errorRate: 0.1, dropRate: 0.05, seed: 7 } } });
  });
  test("OMSPAN_SIM_FAULTS sets several faults at once; single variables win over it", () => {
    const cli = parseCli([], { OMSPAN_SIM_FAULTS: "latency=50, truncate-rate=0.2,html-rate=0.1", OMSPAN_SIM_HTML_RATE: "0.3" });
    expect(cli).toEqual({ command: "serve", options: { faults: { latencyMs: 50, truncateRate: 0.2, htmlRate: 0.3 } } });
  });
  test.each([
    [["--port", "abc"], {}, /--port must be a number/],
    [["--port", "70000"], {}, /--port: port must be 0–65535/],
    [["--profile", "huge"], {}, /--profile: profile must be "demo" or "full"/],
    [["--error-rate", "1.5"], {}, /--error-rate: errorRate must be ≤ 1/],
    [["--error-rate", "0.6", "--drop-rate", "0.6"], {}, /must not exceed 1/],
    [[], { OMSPAN_SIM_PROFILE: "big" }, /OMSPAN_SIM_PROFILE: profile must be/],
    [[], { OMSPAN_SIM_LATENCY: "soon" }, /OMSPAN_SIM_LATENCY must be a number/],
    [[], { OMSPAN_SIM_FAULTS: "chaos=1" }, /OMSPAN_SIM_FAULTS: "chaos=1"/],
    [["--today", "28-11-2026"], {}, /--today: today must be yyyy-mm-dd/],
    [["key", "--year", "26"], {}, /--year must be a four-digit year/],
    [["start"], {}, /unknown command/],
  ])("%j %j is refused, naming the value", (argv, env, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });
  test("key command", () => {
    expect(parseCli(["key", "--year", "2026", "--secret", "s"], {})).toEqual({ command: "key", year: 2026, secret: "s" });
    expect(parseCli(["key"], { OMSPAN_SIM_SECRET: "e" })).toEqual({ command: "key", year: undefined, secret: "e" });
  });
});

describe("the command", () => {
  // The dev secret and a pinned today, whatever the developer's shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, OMSPAN_SIM_TODAY: "2026-11-28" };
  delete env.OMSPAN_SIM_SECRET;

  test("key --year 2026 prints a key signed with the dev secret", async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [BIN, "key", "--year", "2026"], { env }, (err, out) => (err ? reject(err) : resolve(out))));
    const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode(DEV_SECRET));
    expect(payload.kdt).toBe("2026");
  });

  test("a bad flag stops the start with exit code 2 and a message naming it", async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, "--error-rate", "2"], { env }, (_e, _o, stderr) => resolve({ code: child.exitCode, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--error-rate: errorRate must be ≤ 1/);
  });

  test("serve prints its URL and a demo key, answers, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "--port", "0"], { env });
    let out = "";
    const printed = new Promise<string>((resolve) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (/data {5}:/.test(out)) resolve(out);
      });
    });
    const text = await printed;
    const base = /base URL : (\S+)/.exec(text)![1]!;
    const key = text.split("\n").find((l) => l.split(".").length === 3 && !l.includes(" "))!;
    const res = await fetch(`${base}CapaianIKKLRe`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect((JSON.parse(await res.text()) as unknown[]).length).toBe(11);
    const code = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    child.kill("SIGTERM");
    expect(await code).toBe(0);
  });
});
