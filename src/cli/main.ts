/**
 * `omspan` — the core from a terminal: pull a dataset, evaluate a formula, read a key's claims.
 * Data goes to stdout, messages and progress to stderr, and the exit code tells what went wrong.
 */
import { DATASET_IDS, type DatasetId } from "../omspan/routes";
import { decodeClaims } from "../omspan/claims";
import { InvalidArgumentError, NoDataError } from "../omspan/errors";
import { checkArity, dataSource, formulaSpec } from "../omspan/formulas";
import type { PullProgress } from "../omspan/wire/client";
import { parseCalcExpression } from "./calc-expression";
import { openConnection, type ConnectFlags } from "./connect";
import { EXIT, cliMessage, exitCodeOf } from "./exit-codes";
import { formatAnswer, writeTable } from "./output";
import { CONNECTION_FLAGS, SNAPSHOT_FLAGS, parseFlags } from "./parse-flags";
import { REPORT_USAGE, runReport } from "./report-command";
import { REFRESH_USAGE, runRefresh } from "./refresh-command";
import { RECONCILE_USAGE, runReconcile } from "./reconcile-command";
import { CHECK_USAGE, runCheck } from "./check-command";
import { cliStore, staleLine } from "./snapshot-flags";

const USAGE = `Usage:
  omspan pull <dataset> [--date yyyymmdd] [--format json|csv]
  omspan calc '<FUNCTION(args)>'          e.g. omspan calc 'REALISASI("527560";"52")'
                                           any OMSPAN function; a grid prints as tab-separated rows
  omspan claims                            the key's claims (who, fiscal year)
${REPORT_USAGE}
${REFRESH_USAGE}
${RECONCILE_USAGE}
${CHECK_USAGE}
Datasets: ${DATASET_IDS.join(", ")}
Connection: --upstream URL --key-file FILE | --key KEY (or OMSPAN_UPSTREAM, OMSPAN_KEY).
Without an upstream, an embedded simulator answers (--profile demo|full, --year YYYY).
Snapshots: --snapshot-dir DIR (or OMSPAN_SNAPSHOT_DIR) keeps each pull; --allow-stale answers from the
newest one when OMSPAN cannot be reached (exit 0, one stderr line naming its as-of).
Exit codes: 0 ok, 2 usage, 3 key refused, 4 no data, 5 wrong parameter, 6 unreachable, 7 bad answer,
8 found (check: something at stop; reconcile: differences remain), 9 workbook frozen (unfreeze it in
Excel), 10 workbook file (open in Excel, unreadable, a table in the way).`;

function progress(enabled: boolean) {
  if (!enabled) return undefined;
  return (p: PullProgress) => process.stderr.write(`\r${p.dataset}: ${p.pages} page(s), ${p.rows.toLocaleString("en")} rows`);
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === "report") return runReport(argv.slice(1));
  if (argv[0] === "refresh") return runRefresh(argv.slice(1));
  if (argv[0] === "reconcile") return runReconcile(argv.slice(1));
  if (argv[0] === "check") return runCheck(argv.slice(1));
  const { values, positionals } = parseFlags(argv, {
      ...CONNECTION_FLAGS,
      date: { type: "string" },
      format: { type: "string", default: "json" },
      ...SNAPSHOT_FLAGS,
      help: { type: "boolean", short: "h" },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + "\n");
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const flags: ConnectFlags = { upstream: values.upstream, key: values.key, keyFile: values["key-file"], profile: values.profile, year: values.year };
  const usage = (en: string, id: string) => new InvalidArgumentError(command, { en, id });
  if (command === "pull") {
    if (!arg || !(DATASET_IDS as readonly string[]).includes(arg)) throw usage(`dataset must be one of ${DATASET_IDS.join(", ")}`, `dataset harus salah satu dari ${DATASET_IDS.join(", ")}`);
    if (values.format !== "json" && values.format !== "csv") throw usage("--format must be json or csv", "--format harus json atau csv");
    if (values.date !== undefined && (arg !== "pnbp" || !/^\d{8}$/.test(values.date))) throw usage("--date yyyymmdd applies to pnbp only", "--date yyyymmdd hanya untuk pnbp");
  } else if (command === "calc") {
    if (!arg) throw usage("calc needs a formula", "calc memerlukan formula");
  } else if (command !== "claims") {
    throw usage(`unknown command "${command}"`, `perintah "${command}" tidak dikenal`);
  }
  const store = cliStore({ snapshotDir: values["snapshot-dir"], allowStale: values["allow-stale"] });
  const c = await openConnection(flags);
  try {
    if (command === "claims") {
      process.stdout.write(JSON.stringify(decodeClaims(c.conn.key), null, 2) + "\n");
      return EXIT.ok;
    }
    const onProgress = progress(Boolean(process.stderr.isTTY));
    if (command === "pull") {
      const data = await store.get(c.conn, arg as DatasetId, { params: values.date ? { date: values.date } : {}, onProgress });
      if (onProgress) process.stderr.write("\n");
      if (data.table.rowCount === 0) throw new NoDataError({ dataset: arg });
      const stale = staleLine([data]);
      if (stale) process.stderr.write(stale + "\n");
      await writeTable(data.table, values.format as "json" | "csv", process.stdout);
      return EXIT.ok;
    }
    const call = parseCalcExpression(arg!);
    const spec = formulaSpec(call.name);
    checkArity(call.name, spec, call.args);
    const prepared = spec.prepare(call.args);
    const pulled = await Promise.all(prepared.datasets.map((d) => store.get(c.conn, d, { onProgress })));
    if (onProgress) process.stderr.write("\n");
    const stale = staleLine(pulled);
    if (stale) process.stderr.write(stale + "\n");
    process.stdout.write(formatAnswer(prepared.run(dataSource(...pulled))));
    return EXIT.ok;
  } finally {
    await store.settled(); // the snapshots being written
    await c.close();
  }
}

// `omspan pull … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(cliMessage(err) + "\n");
    if (exitCodeOf(err) === EXIT.usage) process.stderr.write(USAGE + "\n");
    process.exitCode = exitCodeOf(err);
  },
);
