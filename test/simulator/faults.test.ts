/** Faults on demand: each kind, deterministic under a seed, off by default; the server survives them all. */
import { request } from "node:http";
import type { RunningSimulator } from "../../src/simulator";
import { get, start } from "./helpers";

const NO_DATA = '{"body":{"value":"Tidak Ada Data (no data found)"}}';

async function withSim<T>(faults: Parameters<typeof start>[0], fn: (sim: RunningSimulator, key: string) => Promise<T>): Promise<T> {
  const sim = await start(faults);
  try {
    return await fn(sim, await sim.mintKey({ year: 2025 }));
  } finally {
    await sim.close();
  }
}

/** Raw GET that reports how the body ended: complete, or the connection died. */
function rawGet(url: string, key: string): Promise<{ status: number; body: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${key}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, aborted: false }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body, aborted: true }));
      res.on("aborted", () => resolve({ status: res.statusCode ?? 0, body, aborted: true }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("off by default: 30 requests, all answered properly", () =>
  withSim({}, async (sim, key) => {
    for (let i = 0; i < 30; i++) {
      const got = await get(sim, "RealisasiKL/1/50", key);
      expect(got.status).toBe(200);
      expect(JSON.parse(got.text)).toHaveLength(50);
    }
  }));

test("errorRate 1: 500/502/503 with an HTML body; the key is never reached", () =>
  withSim({ faults: { errorRate: 1, seed: 3 } }, async (sim) => {
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const got = await get(sim, "DataFA", null);
      statuses.add(got.status);
      expect(got.type).toMatch(/^text\/html/);
    }
    expect([...statuses].sort()).toEqual([500, 502, 503]);
  }));

test("htmlRate 1: an HTML page with status 200", () =>
  withSim({ faults: { htmlRate: 1 } }, async (sim, key) => {
    const got = await get(sim, "DipaBelanjaKL/BELANJA", key);
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^text\/html/);
    expect(got.text.startsWith("<!DOCTYPE html>")).toBe(true);
  }));

test("dropRate 1: the connection dies mid-body, after some bytes", () =>
  withSim({ faults: { dropRate: 1 } }, async (sim, key) => {
    const got = await rawGet(`${sim.baseUrl}RealisasiKL/1/1000`, key);
    expect(got.status).toBe(200);
    expect(got.aborted).toBe(true);
    expect(got.body.length).toBeGreaterThan(0);
    expect(got.body.startsWith('[{"ROWNUM":"1"')).toBe(true);
    await expect(get(sim, "DataFA", key).then((g) => JSON.parse(g.text) as unknown)).rejects.toThrow();
  }));

test("truncateRate 1: a normal-looking 200 whose JSON is cut short, even for the no-data body", () =>
  withSim({ faults: { truncateRate: 1 } }, async (sim, key) => {
    const page = await rawGet(`${sim.baseUrl}RealisasiKL/1/1000`, key);
    expect([page.status, page.aborted]).toEqual([200, false]);
    expect(() => JSON.parse(page.body) as unknown).toThrow();
    const none = await rawGet(`${sim.baseUrl}RealisasiKL/999999/1000000`, key);
    expect(none.aborted).toBe(false);
    expect(NO_DATA.startsWith(none.body) && none.body.length < NO_DATA.length).toBe(true);
  }));

test("latency delays every answer", () =>
  withSim({ faults: { latencyMs: 150 } }, async (sim, key) => {
    const t0 = performance.now();
    await get(sim, "CapaianIKKLRe", key);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  }));

test("deterministic under a seed: same seed, same sequence; another seed, another", async () => {
  const run = (seed: number) =>
    withSim({ faults: { errorRate: 0.3, htmlRate: 0.2, seed } }, async (sim, key) => {
      const seq: string[] = [];
      for (let i = 0; i < 40; i++) {
        const got = await get(sim, "CapaianIKKLRe", key);
        seq.push(`${got.status}${got.type?.startsWith("text/html") ? "h" : "j"}`);
      }
      return seq.join(" ");
    });
  const a = await run(11);
  expect(await run(11)).toBe(a);
  expect(await run(12)).not.toBe(a);
  expect(a).toMatch(/200j/);
  expect(a).toMatch(/50[023]h/);
});

test("a client that disconnects mid-page: the server stops writing and keeps serving", async () => {
  const lines: string[] = [];
  await withSim({ log: (l) => lines.push(l) }, async (sim, key) => {
    const ac = new AbortController();
    const res = await fetch(`${sim.baseUrl}RealisasiKL/1/50000`, { headers: { Authorization: `Bearer ${key}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    await reader.read().catch(() => undefined);
    const got = await get(sim, "RealisasiKL/1/2", key);
    expect(JSON.parse(got.text)).toHaveLength(2);
    for (let i = 0; i < 40 && !lines.some((l) => l.includes("RealisasiKL/1/50000")); i++) await new Promise((r) => setTimeout(r, 50));
    const big = lines.find((l) => l.includes("RealisasiKL/1/50000"));
    // A whole 50,000-row page is ~16 MB; the abandoned one stopped far short of it.
    expect(Number(/ (\d+)B /.exec(big ?? "")?.[1])).toBeLessThan(8_000_000);
    expect(lines.join("\n")).not.toContain(key);
  });
});
