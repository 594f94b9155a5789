/**
 * `omspan-simulator` — serve the simulator, or mint a key. Run through bin/omspan-simulator.js (tsx).
 * Prints the base URL and a demo key for the current fiscal year at start; Ctrl+C / SIGTERM close cleanly.
 */
import { USAGE, parseCli } from "./cli-options";
import { simulatorToday } from "./calendar";
import { DEV_SECRET, mintKey } from "./keys";
import { generateMinistry } from "./ministry";
import { startSimulator } from "./server";

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`omspan-simulator: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  if (cli.command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (cli.command === "key") {
    process.stdout.write(`${await mintKey(cli.secret ?? DEV_SECRET, { year: cli.year })}\n`);
    return 0;
  }
  const opts = cli.options;
  const sim = await startSimulator({ ...opts, log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) });
  const year = Number((opts.today ?? simulatorToday()).slice(0, 4));
  const profile = opts.profile ?? "demo";
  const faults = Object.entries(opts.faults ?? {}).map(([k, v]) => `${k}=${v}`).join(" ") || "off";
  process.stdout.write(
    `OMSPAN simulator (${profile} profile) listening on ${sim.origin}\n` +
      `  base URL : ${sim.baseUrl}\n  faults   : ${faults}\n` +
      `  demo key for fiscal year ${year} (Authorization: Bearer <key>):\n${await sim.mintKey({ year })}\n`,
  );
  // Generate the current year now, not on the first request.
  const t0 = performance.now();
  const m = generateMinistry(profile, year, { today: opts.today });
  process.stdout.write(`  data     : ${m.satker.length} satker, ${m.lines.length} DIPA lines, ${m.realisasi.length} realisasi rows, MAXDATE ${m.maxdate || "-"} (${Math.round(performance.now() - t0)} ms)\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await sim.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`omspan-simulator: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
