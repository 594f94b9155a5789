/** The `omspan` command in a child process (asynchronously: the simulators answer from this process), in English, with no key or upstream from the environment. */
import { spawn } from "node:child_process";
import path from "node:path";

const CLI = path.resolve(__dirname, "..", "..", "bin", "omspan.js");

export function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: "en_US.UTF-8", OMSPAN_KEY: "", OMSPAN_UPSTREAM: "", OMSPAN_SNAPSHOT_DIR: "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

