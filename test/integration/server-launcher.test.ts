/**
 * `npm run server` (bin/omspan-server.js): builds nothing itself, runs the precompiled server
 * (`npm run build:server`) with its memory flags, answers, stops on SIGTERM.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

test("the deployment launcher runs the precompiled server with its Node flags and stops cleanly", async () => {
  const build = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.server.json"], { cwd: ROOT, encoding: "utf8" });
  expect(build.status).toBe(0);
  const bin = path.join(ROOT, "bin", "omspan-server.js");
  const child = spawn(process.execPath, [bin], {
    env: { ...process.env, OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true", OMSPAN_LOG_LEVEL: "warn" },
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const t0 = Date.now();
  while (!/listening on (http:\/\/\S+)/.test(out) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 100));
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  expect(url).toBeDefined();
  const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
  expect(health.status).toBe("ok");
  // The flag reached the server process (a child of the launcher), not just the launcher.
  const cmdlines = childCommandLines(child.pid!);
  expect(cmdlines).toContain("--max-semi-space-size=1");
  expect(cmdlines).toContain(path.join("dist-server", "server", "main.js"));
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  expect(code).toBe(0);
}, 60_000);

/** Command lines of a process's children, from /proc (Linux). */
function childCommandLines(ppid: number): string {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === ppid) out.push(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" "));
    } catch {
      // the process ended while we looked
    }
  }
  return out.join("\n");
}
