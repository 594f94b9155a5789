/** Determinism: two separate starts (this process and a child process) serve byte-identical datasets. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { datasetHashes } from "./dataset-hashes";
import { TODAY } from "./helpers";

const ROOT = join(__dirname, "..", "..");

function childHashes(profile: string, year: number): Promise<Record<string, string>> {
  const code = `require(${JSON.stringify(join(ROOT, "bin", "register-ts"))}); require(${JSON.stringify(join(__dirname, "dataset-hashes.ts"))}).main();`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", code, profile, String(year), TODAY], { cwd: ROOT, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, string>)));
  });
}

test.each([
  ["demo", 2025],
  ["demo", 2026],
  ["full", 2025],
])("%s %i: identical sha256 per dataset across two starts", async (profile, year) => {
  const [child, here] = await Promise.all([childHashes(profile as string, year as number), datasetHashes(profile as "demo" | "full", year as number, TODAY)]);
  expect(Object.keys(here)).toHaveLength(8);
  expect(child).toEqual(here);
});
