/**
 * `npm start`: builds the add-in, starts the simulator (demo profile) and the server on
 * https://localhost:3000 in this one process, prints the demo key and how to sideload, and stops
 * everything on Ctrl+C or `npm stop`. `--watch` (npm run dev-server) rebuilds on change instead of once.
 * Settings: OMSPAN_PORT (0 picks a free port), OMSPAN_UPSTREAM (point at the real OMSPAN: then no simulator
 * is started), OMSPAN_PID_FILE (see pid-file.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "../simulator";
import { ConfigError, loadServerConfig, startServer, type RunningServer } from "../server";
import { PID_FILE } from "./pid-file";
import { canSideload, officeAddinDebugging, sideloadInstructions } from "./sideload";

const watch = process.argv.includes("--watch");
/** `--no-build`: serve the existing dist/ (tests build it once for every suite). */
const build = !process.argv.includes("--no-build");
const say = (line: string) => process.stdout.write(`${line}\n`);

function webpack(args: string[]): ChildProcess {
  return spawn(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), ...args], { stdio: "inherit" });
}

function buildOnce(): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(["--mode", "production", "--stats", "errors-warnings"]).on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`the add-in build failed (webpack exit ${code})`)),
    );
  });
}

/** Removes the PID file if it is ours (a second, failed `npm start` must not orphan the first). */
function forgetPid(): void {
  try {
    if (readFileSync(PID_FILE, "utf8").trim() === String(process.pid)) rmSync(PID_FILE, { force: true });
  } catch {
    // no file: nothing to forget
  }
}

async function main(): Promise<void> {
  let sim: RunningSimulator | undefined;
  let server: RunningServer | undefined;
  let watcher: ChildProcess | undefined;
  let sideloaded = false;
  const manifest = path.resolve("dist/manifest.xml");
  const stop = async (signal: string) => {
    say(`\nOMSPAN: ${signal}, stopping…`);
    setTimeout(() => process.exit(1), 10_000).unref();
    watcher?.kill();
    if (sideloaded) await officeAddinDebugging("stop", manifest);
    await server?.close();
    await sim?.close();
    forgetPid();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("Ctrl+C"));
  process.once("SIGTERM", () => void stop("npm stop"));

  if (watch) {
    say("Building the add-in (watching for changes)…");
    watcher = webpack(["--mode", "development", "--watch", "--stats", "errors-warnings"]);
  } else if (build) {
    say("Building the add-in…");
    await buildOnce();
  }

  const realUpstream = process.env.OMSPAN_UPSTREAM;
  if (!realUpstream) {
    sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  }
  const config = loadServerConfig({ ...process.env, OMSPAN_UPSTREAM: realUpstream ?? sim!.baseUrl });
  server = await startServer(config);
  // Only a start that holds the port records itself for `npm stop`.
  mkdirSync(path.dirname(PID_FILE), { recursive: true });
  writeFileSync(PID_FILE, String(process.pid));
  const origin = server.url;

  say("");
  say(`OMSPAN for Excel is running at ${origin}`);
  say(`  task pane:     ${origin}/taskpane.html`);
  say(`  functions:     ${origin}/functions.json`);
  say(`  health:        ${origin}/health`);
  say(`  manifest:      ${manifest}`);
  if (sim) {
    const year = new Date().getFullYear();
    say(`  upstream:      embedded OMSPAN simulator (demo profile), ${sim.baseUrl}`);
    say(`  demo API key (fiscal year ${year}; simulator only — paste it into the OMSPAN pane):`);
    say(`    ${await sim.mintKey({ year })}`);
  } else {
    say(`  upstream:      ${realUpstream}`);
  }
  say("");
  if (canSideload()) {
    say("Sideloading into Excel…");
    sideloaded = (await officeAddinDebugging("start", manifest)) === 0;
    if (!sideloaded) say(sideloadInstructions(origin, manifest));
  } else {
    say(sideloadInstructions(origin, manifest));
  }
  say("\nPress Ctrl+C (or run `npm stop`) to stop.");
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError ? `bad setting ${err.message}` : err instanceof Error ? err.message : String(err);
  const hint = /EADDRINUSE/.test(msg) ? " (is another `npm start` running? `npm stop` ends it)" : "";
  process.stderr.write(`OMSPAN: could not start: ${msg}${hint}\n`);
  forgetPid();
  process.exit(1);
});
