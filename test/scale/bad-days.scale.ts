/**
 * Bad days with three processes on one Redis: OMSPAN stopped mid-morning (every client answered stale,
 * marked, from the morning's pull); the lease holder killed mid-window (another process completes it);
 * Redis killed mid-run and started again (no 5xx, upstream within processes × one pull).
 */
import { balancer, LB, pull, reference, startScaleStack, type ScaleStack } from "./stack";

let s: ScaleStack;
afterEach(() => s?.close());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("OMSPAN stopped mid-morning: every client gets the morning's rows, marked stale with their as-of", async () => {
  s = await startScaleStack({ OMSPAN_REFRESH_MIN_INTERVAL_MS: "300" });
  const ref = await reference(s, s.key);
  const lb = balancer(s);
  const morning = await Promise.all(Array.from({ length: 5 }, () => pull(s.key, "realisasi", lb)));
  const dipaMorning = await pull(s.key, "dipa", lb);
  await sleep(400); // the next refreshes want a new pull
  await s.sim.close(); // OMSPAN stops answering
  const later = await Promise.all(Array.from({ length: 20 }, () => pull(s.key, "realisasi", lb)));
  for (const p of later) {
    expect(p.hash).toBe(ref.hash);
    expect(p.statuses.every((st) => st === 200)).toBe(true);
    expect(p.cacheStatus.every((cs) => cs === "omspan-proxy; hit; detail=stale-if-error")).toBe(true);
    expect(p.gens).toEqual(morning[0]!.gens); // the morning's generation, whole
    // As of when the morning's pull fetched each window (probes past the end the morning never made
    // are answered with its no-data end).
    for (const [route, asOf] of p.asOf) if (morning[0]!.asOf.has(route)) expect(asOf).toBe(morning[0]!.asOf.get(route));
  }
  const dipa = await pull(s.key, "dipa", lb);
  expect([dipa.hash, dipa.cacheStatus]).toEqual([dipaMorning.hash, ["omspan-proxy; hit; detail=stale-if-error"]]);
  const stale = (await Promise.all(s.procs.map((p) => p.metrics()))).reduce((n, m) => n + ((m.cache as { stale: number }).stale), 0);
  expect(stale).toBeGreaterThanOrEqual(20 * 11);
});

test("the lease holder killed mid-window: another process completes the window", async () => {
  s = await startScaleStack({ OMSPAN_REDIS_LEASE_MS: "600" }, { faults: { latencyMs: 1500 } });
  const [a, b, c] = s.procs;
  const get = (base: string) =>
    fetch(`${base}DataFA`, { headers: { authorization: `Bearer ${s.key}` } }).then(async (r) => ({ status: r.status, cs: r.headers.get("cache-status"), body: await r.text() }));
  const first = get(a!.base).catch((e: unknown) => e); // A takes the lease and asks OMSPAN
  await sleep(300);
  const waiting = [get(b!.base), get(c!.base)]; // B and C wait for A's download
  await sleep(200);
  await a!.kill("SIGKILL"); // mid-window: OMSPAN has not answered A yet
  const [rb, rc] = await Promise.all(waiting);
  await first;
  const direct = await (await fetch(`${s.sim.baseUrl}DataFA`, { headers: { authorization: `Bearer ${s.key}` } })).text();
  expect([rb.status, rc.status]).toEqual([200, 200]);
  expect([rb.body, rc.body]).toEqual([direct, direct]);
  // One of them took the lapsed lease over and downloaded; the other waited for it.
  expect([rb.cs, rc.cs].sort()).toEqual(["omspan-proxy; fwd=miss; stored", "omspan-proxy; hit"]);
  expect(s.upstream("DataFA").length).toBe(3); // A's, the successor's, and the direct one above
});

test("Redis killed mid-run, then started again: no 5xx, upstream within processes × one pull", async () => {
  s = await startScaleStack({}, { faults: { latencyMs: 30 } });
  const ref = await reference(s, s.key);
  const lb = balancer(s);
  const all = [];
  all.push(...(await Promise.all(Array.from({ length: 10 }, () => pull(s.key, "realisasi", lb)))));
  const during = Promise.all(Array.from({ length: 10 }, () => pull(s.key, "realisasi", lb)));
  await sleep(50);
  await s.redis.kill();
  all.push(...(await during));
  all.push(...(await Promise.all(Array.from({ length: 10 }, () => pull(s.key, "realisasi", lb)))));
  await s.redis.start();
  const back = Date.now() + 10_000;
  while ((await Promise.all(s.procs.map((p) => p.metrics()))).some((m) => (m.cache as { redis: string }).redis !== "up") && Date.now() < back) {
    await pull(s.key, "realisasi", lb);
    await sleep(100);
  }
  all.push(...(await Promise.all(Array.from({ length: 10 }, () => pull(s.key, "realisasi", lb)))));
  expect(all.flatMap((p) => p.statuses).filter((st) => st >= 500)).toEqual([]);
  expect(all.every((p) => p.hash === ref.hash)).toBe(true);
  expect(s.upstream("RealisasiKL/").length).toBeLessThanOrEqual(s.procs.length * (ref.requests + 3));
  const metrics = await Promise.all(s.procs.map((p) => p.metrics()));
  expect(metrics.every((m) => (m.cache as { redis: string }).redis === "up")).toBe(true);
  // Each process said it once: Redis gone (warn level; "back" is logged at info).
  for (const p of s.procs) expect(p.lines.filter((l) => l.includes("Redis unavailable")).length).toBeLessThanOrEqual(1);
  expect(s.procs.some((p) => p.lines.some((l) => l.includes("Redis unavailable")))).toBe(true);
  void LB;
});
