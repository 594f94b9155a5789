/** Bench helpers: a simulator in its own process (so serving never shares this event loop), medians. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { DEV_SECRET, mintKey } from "../src/simulator";

export interface SimChild {
  baseUrl: string;
  key: string;
  /** Requests the simulator logged (one line per request). */
  requests(): number;
  close(): Promise<void>;
}

/** `today` (yyyy-mm-dd, default 28 November of `year`) sets the simulator's cut-off: move it to change the data. */
export async function startSimulatorChild(profile: "demo" | "full", year: number, today = `${year}-11-28`): Promise<SimChild> {
  const bin = path.resolve(__dirname, "..", "bin", "omspan-simulator.js");
  const child: ChildProcess = spawn(process.execPath, [bin, "--port", "0", "--profile", profile, "--today", today], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  let requests = 0;
  child.stdout!.on("data", (c: Buffer) => {
    const s = c.toString();
    out += s.length < 10_000 ? s : "";
    requests += (s.match(/\/spanint\/data\//g) ?? []).length;
  });
  const started = Date.now();
  while (!/data\s+:/.test(out)) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`simulator did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const baseUrl = /base URL : (\S+)/.exec(out)![1]!;
  return {
    baseUrl,
    key: await mintKey(DEV_SECRET, { year }),
    requests: () => requests,
    close: () =>
      new Promise<void>((r) => {
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
