/**
 * Command line and environment of `omspan-simulator`, validated with zod. Flags win over environment
 * variables (prefix OMSPAN_SIM_); a bad value stops the start with a message naming the flag or variable.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { simulatorOptionsSchema, type SimulatorOptions } from "./options";

/** What the command line asks for. */
export type CliCommand =
  | { command: "serve"; options: SimulatorOptions }
  | { command: "key"; year?: number; secret?: string }
  | { command: "help" };

/** Usage text. */
export const USAGE = `omspan-simulator [serve] [--port N] [--host H] [--profile demo|full] [--secret S] [--today yyyy-mm-dd]
                 [--latency ms] [--error-rate x] [--drop-rate x] [--truncate-rate x] [--html-rate x] [--seed n]
omspan-simulator key [--year 2026] [--secret S]

Environment: OMSPAN_SIM_PORT, OMSPAN_SIM_HOST, OMSPAN_SIM_PROFILE, OMSPAN_SIM_SECRET, OMSPAN_SIM_TODAY,
OMSPAN_SIM_LATENCY, OMSPAN_SIM_ERROR_RATE, OMSPAN_SIM_DROP_RATE, OMSPAN_SIM_TRUNCATE_RATE, OMSPAN_SIM_HTML_RATE,
OMSPAN_SIM_FAULT_SEED, or all faults at once: OMSPAN_SIM_FAULTS="latency=200,error-rate=0.1,seed=7".
Rates are shares of requests (0..1); faults are off by default.`;

// flag name → [environment variable, option path]
const NUMERIC: Readonly<Record<string, readonly [string, string]>> = {
  port: ["OMSPAN_SIM_PORT", "port"],
  latency: ["OMSPAN_SIM_LATENCY", "faults.latencyMs"],
  "error-rate": ["OMSPAN_SIM_ERROR_RATE", "faults.errorRate"],
  "drop-rate": ["OMSPAN_SIM_DROP_RATE", "faults.dropRate"],
  "truncate-rate": ["OMSPAN_SIM_TRUNCATE_RATE", "faults.truncateRate"],
  "html-rate": ["OMSPAN_SIM_HTML_RATE", "faults.htmlRate"],
  seed: ["OMSPAN_SIM_FAULT_SEED", "faults.seed"],
};
const TEXT: Readonly<Record<string, readonly [string, string]>> = {
  host: ["OMSPAN_SIM_HOST", "host"],
  profile: ["OMSPAN_SIM_PROFILE", "profile"],
  secret: ["OMSPAN_SIM_SECRET", "secret"],
  today: ["OMSPAN_SIM_TODAY", "today"],
};

const numberText = z.string().trim().regex(/^-?\d+(\.\d+)?$/);

/** Splits OMSPAN_SIM_FAULTS ("latency=200,error-rate=0.1") into flag values. */
function faultsVariable(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, v] = part.split("=", 2).map((s) => s.trim());
    if (!name || v === undefined || !(name in NUMERIC) || name === "port") {
      throw new RangeError(`OMSPAN_SIM_FAULTS: "${part}" is not one of latency, error-rate, drop-rate, truncate-rate, html-rate, seed (name=value)`);
    }
    out[name] = v;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split(".", 2) as [string, string | undefined];
  if (tail === undefined) target[head] = value;
  else setPath((target[head] ??= {}) as Record<string, unknown>, tail, value);
}

/** Parses argv (without node and script) and the environment. Throws RangeError naming the bad value. */
export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  const names = [...Object.keys(NUMERIC), ...Object.keys(TEXT), "year"];
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { ...Object.fromEntries(names.map((n) => [n, { type: "string" as const }])), help: { type: "boolean", short: "h" } },
  });
  const command = positionals[0] ?? "serve";
  if (values.help || command === "help") return { command: "help" };
  if (positionals.length > 1 || (command !== "serve" && command !== "key")) {
    throw new RangeError(`unknown command "${positionals.join(" ")}"; expected "serve" or "key"`);
  }
  const flag = (n: string) => values[n as keyof typeof values] as string | undefined;
  if (command === "key") {
    const year = flag("year");
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new RangeError(`--year must be a four-digit year, got "${year}"`);
    return { command: "key", year: year === undefined ? undefined : Number(year), secret: flag("secret") ?? env.OMSPAN_SIM_SECRET };
  }
  const fromFaults = faultsVariable(env.OMSPAN_SIM_FAULTS);
  const raw: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  for (const [name, [variable, path]] of Object.entries(NUMERIC)) {
    const [source, value] = flag(name) !== undefined ? [`--${name}`, flag(name)] : env[variable] !== undefined
      ? [variable, env[variable]] : [`OMSPAN_SIM_FAULTS ${name}`, fromFaults[name]];
    if (value === undefined) continue;
    if (!numberText.safeParse(value).success) throw new RangeError(`${source} must be a number, got "${value}"`);
    setPath(raw, path, Number(value));
    origin.set(path, source);
  }
  for (const [name, [variable, path]] of Object.entries(TEXT)) {
    const value = flag(name) ?? env[variable];
    if (value === undefined) continue;
    setPath(raw, path, value);
    origin.set(path, flag(name) !== undefined ? `--${name}` : variable);
  }
  const parsed = simulatorOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".");
    const source = origin.get(path) ?? (path.startsWith("faults") ? "fault rates (--error-rate + --drop-rate + --truncate-rate + --html-rate)" : path);
    throw new RangeError(`${source}: ${issue.message}`);
  }
  return { command: "serve", options: parsed.data };
}
