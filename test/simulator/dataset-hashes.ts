/**
 * sha256 of every dataset as served over HTTP, for the determinism test. Runs in the test process and, via
 * `main`, in a child process — a truly separate start with its own generation.
 */
import { createHash } from "node:crypto";
import { startSimulator } from "../../src/simulator";

const ROUTES = ["DipaBelanjaKL/BELANJA", "CapaianIKKLRe", "CapaianIKSatkerRe", "CapaianIKEselon1Re", "DetailPNBPAllRev/GL",
  "DetailPNBPAllRev/GL/20251103", "DataFA"];

async function text(url: string, key: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** Starts a simulator, hashes every dataset (Realisasi paged 25,000 at a time), closes it. */
export async function datasetHashes(profile: "demo" | "full", year: number, today: string): Promise<Record<string, string>> {
  const sim = await startSimulator({ profile, today });
  try {
    const key = await sim.mintKey({ year });
    const out: Record<string, string> = {};
    for (const route of ROUTES) out[route] = createHash("sha256").update(await text(sim.baseUrl + route, key)).digest("hex");
    const h = createHash("sha256");
    for (let from = 1; ; from += 25_000) {
      const page = await text(`${sim.baseUrl}RealisasiKL/${from}/${from + 24_999}`, key);
      if (page.startsWith('{"body"')) break;
      h.update(page);
    }
    out.RealisasiKL = h.digest("hex");
    return out;
  } finally {
    await sim.close();
  }
}

/** Child-process entry: argv profile, year, today; prints the hashes as JSON. */
export function main(): void {
  const [profile, year, today] = process.argv.slice(-3) as ["demo" | "full", string, string];
  datasetHashes(profile, Number(year), today).then(
    (h) => process.stdout.write(JSON.stringify(h)),
    (e: unknown) => {
      process.stderr.write(String(e));
      process.exit(1);
    },
  );
}
