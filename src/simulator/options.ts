/**
 * The simulator's options and their validation. The interfaces are the public contract other parts of the
 * project code against; the zod schemas check values coming from flags, environment or callers, so a bad
 * value stops the start with a message naming it.
 */
import { z } from "zod";

/** Faults on demand, all off by default. Rates are shares of requests (0..1) and must sum to at most 1. */
export interface FaultOptions {
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Share of requests answered 500, 502 or 503. */
  errorRate?: number;
  /** Share of requests whose connection is destroyed mid-body. */
  dropRate?: number;
  /** Share of requests whose body is cut short but the response ends normally (unparseable JSON). */
  truncateRate?: number;
  /** Share of requests answered with an HTML error page and status 200. */
  htmlRate?: number;
  /** Seed of the fault sequence: the n-th request of a run always gets the same fault. */
  seed?: number;
}

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default "demo". */
  profile?: "demo" | "full";
  /** HS256 secret; default `OMSPAN_SIM_SECRET`, else a fixed development string (not a JWT). */
  secret?: string;
  faults?: FaultOptions;
  /** Optional access log, one line per request; the Authorization header is never logged. */
  log?: (line: string) => void;
  /** Pins the simulator's "today" (yyyy-mm-dd), which sets the current year's cut-off. */
  today?: string;
}

const rate = (name: string) => z.number({ error: `${name} must be a number` }).min(0, `${name} must be ≥ 0`).max(1, `${name} must be ≤ 1`);

/** Validates {@link FaultOptions}. */
export const faultOptionsSchema = z
  .object({
    latencyMs: z.number().int("latencyMs must be a whole number").min(0).max(600_000).optional(),
    errorRate: rate("errorRate").optional(),
    dropRate: rate("dropRate").optional(),
    truncateRate: rate("truncateRate").optional(),
    htmlRate: rate("htmlRate").optional(),
    seed: z.number().int("seed must be a whole number").optional(),
  })
  .strict()
  .refine((f) => (f.errorRate ?? 0) + (f.dropRate ?? 0) + (f.truncateRate ?? 0) + (f.htmlRate ?? 0) <= 1, {
    message: "errorRate + dropRate + truncateRate + htmlRate must not exceed 1",
  });

/** Validates {@link SimulatorOptions} (the log callback is checked separately: it is not data). */
export const simulatorOptionsSchema = z.object({
  port: z.number().int("port must be a whole number").min(0, "port must be 0–65535").max(65535, "port must be 0–65535").optional(),
  host: z.string().min(1, "host must not be empty").optional(),
  profile: z.enum(["demo", "full"], { error: 'profile must be "demo" or "full"' }).optional(),
  secret: z.string().min(1, "secret must not be empty").optional(),
  faults: faultOptionsSchema.optional(),
  today: z.iso.date("today must be yyyy-mm-dd").optional(),
});

/** Options with defaults applied. */
export interface ResolvedOptions {
  port: number;
  host: string;
  profile: "demo" | "full";
  secret: string;
  faults: FaultOptions;
  log?: (line: string) => void;
  today?: string;
}

/** One readable line per problem: "faults.errorRate: errorRate must be ≤ 1". */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
}

/** Validates options and applies defaults; throws a RangeError naming the bad value. */
export function resolveOptions(opts: SimulatorOptions, defaultSecret: string): ResolvedOptions {
  const { log, ...data } = opts;
  if (log !== undefined && typeof log !== "function") throw new RangeError("Invalid simulator options: log must be a function");
  const parsed = simulatorOptionsSchema.safeParse(data);
  if (!parsed.success) throw new RangeError(`Invalid simulator options: ${formatIssues(parsed.error)}`);
  const o = parsed.data;
  return {
    port: o.port ?? 0,
    host: o.host ?? "127.0.0.1",
    profile: o.profile ?? "demo",
    secret: o.secret ?? process.env.OMSPAN_SIM_SECRET ?? defaultSecret,
    faults: o.faults ?? {},
    log,
    today: o.today,
  };
}
