/**
 * Many clients, one key, three processes, one Redis: the pull is shared. Every client pulls Realisasi
 * with the core client through a balancer that sends each request to a random process; OMSPAN (the
 * simulator) sees one pull's windows (plus the probes past the end), each window once, and every client
 * gets exactly the rows of a direct pull, all from one generation. A refresh after the minimum interval
 * starts one new generation; a client paging meanwhile keeps its own.
 */
import { balancer, pull, reference, startScaleStack, type ScaleStack } from "./stack";

let s: ScaleStack;
afterEach(() => s?.close());

test("40 concurrent clients through random processes cost one pull's windows upstream, each once; all rows identical, one generation", async () => {
  s = await startScaleStack({}, { faults: { latencyMs: 20 } });
  const ref = await reference(s, s.key);
  const lb = balancer(s);
  const pulls = await Promise.all(Array.from({ length: 40 }, () => pull(s.key, "realisasi", lb)));

  const windows = s.upstream("RealisasiKL/");
  expect(new Set(windows).size).toBe(windows.length); // no window fetched twice
  // One pull's windows; probes past the end depend on what was in flight when the short window came back.
  expect(windows.length).toBeGreaterThanOrEqual(ref.requests - 1);
  expect(windows.length).toBeLessThanOrEqual(ref.requests + 3);
  expect(pulls.every((p) => p.hash === ref.hash)).toBe(true);
  const gens = new Set(pulls.flatMap((p) => [...p.gens]));
  expect(gens.size).toBe(1);
  expect(pulls.every((p) => p.statuses.every((st) => st === 200))).toBe(true);
  // Every process took part, and what they say they asked OMSPAN adds up to what OMSPAN saw.
  const metrics = await Promise.all(s.procs.map((p) => p.metrics()));
  const cache = metrics.map((m) => m.cache as Record<string, number | string>);
  expect(cache.every((c) => c.redis === "up" && (c.hits as number) > 0)).toBe(true);
  expect(cache.reduce((n, c) => n + (c.upstreamRequests as number), 0)).toBe(windows.length);
});

test.each([
  ["naming its generation (the core client)", true],
  ["by its address alone (a client that names none)", false],
])("a refresh past the minimum interval starts one new generation; a client paging meanwhile keeps its own, %s", async (_how, nameGeneration) => {
  s = await startScaleStack({ OMSPAN_REFRESH_MIN_INTERVAL_MS: "1000" }, { faults: { latencyMs: 250 } });
  const ref = await reference(s, s.key);
  const lb = balancer(s);
  // A pages (two windows at a time, every window a download); B refreshes while A is midway, at the
  // same pace, and C right after B. By its address alone a client is only told apart from another one
  // behind the same address while they never stand at the same window, so there C keeps B's pace too
  // (at four in flight it catches up with A, and the address rule cannot tell them apart); naming its
  // generation, C pages at four in flight, catches up, and never mixes.
  const a = pull(s.key, "realisasi", lb, undefined, 2, { nameGeneration });
  await new Promise((r) => setTimeout(r, 1300));
  const b = pull(s.key, "realisasi", lb, undefined, 2, { nameGeneration });
  await new Promise((r) => setTimeout(r, 200));
  const c = pull(s.key, "realisasi", lb, undefined, nameGeneration ? 4 : 2, { nameGeneration });
  const [pa, pb, pc] = await Promise.all([a, b, c]);
  const show = (p: typeof pa) => [...p.genOf].map(([r, g]) => `${r.replace("RealisasiKL/", "")}=${g}`).join(" ");
  for (const p of [pa, pb, pc]) if (p.gens.size !== 1) console.log(`A: ${show(pa)}\nB: ${show(pb)}\nC: ${show(pc)}`);
  for (const p of [pa, pb, pc]) {
    expect(p.hash).toBe(ref.hash);
    expect(p.gens.size).toBe(1); // never two generations in one paging
  }
  const [ga] = [...pa.gens];
  const [gb] = [...pb.gens];
  expect(gb).not.toBe(ga); // B's refresh came after the interval: a new pull
  expect([...pc.gens]).toEqual([gb]); // C's came within it: the same one
  // Two pulls in all: A's generation and B's (which C shared).
  const windows = s.upstream("RealisasiKL/");
  expect(windows.length).toBeLessThanOrEqual(2 * (ref.requests + 3));
});
