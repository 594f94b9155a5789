/**
 * Keys on the shared cache: a key OMSPAN refuses caches nothing (no window, no generation in Redis,
 * and the next request asks OMSPAN again); two keys never share an answer, even for the same route.
 */
import { Tagger } from "../../src/server/windows/window-key";
import { balancer, pull, reference, startScaleStack, type ScaleStack } from "./stack";
import { CACHE_SECRET } from "./support";

let s: ScaleStack;
afterEach(() => s?.close());

test("a refused key caches nothing: no window, no generation; every try goes to OMSPAN", async () => {
  s = await startScaleStack();
  const refused = await s.sim.mintKey({ year: 2026, secret: "not-the-simulator-secret-at-all" });
  const lb = balancer(s);
  for (const dataset of ["realisasi", "dipa"] as const) {
    await expect(pull(refused, dataset, lb)).rejects.toMatchObject({ name: "KeyRefusedError" });
    await expect(pull(refused, dataset, lb)).rejects.toMatchObject({ name: "KeyRefusedError" });
  }
  expect(s.upstream("RealisasiKL/").length).toBeGreaterThanOrEqual(2);
  expect(s.upstream("DipaBelanjaKL/").length).toBe(2);
  const tag = new Tagger(CACHE_SECRET).key(`Bearer ${refused}`);
  const keys = await s.redis.query((c) => c.keys(`*${tag}*`));
  expect(keys.filter((k) => !k.includes(":p:"))).toEqual([]); // at most this client's (empty) paging note
  const pagings = await s.redis.query((c) => Promise.all(keys.map((k) => c.hLen(k))));
  expect(pagings.every((n) => n === 0)).toBe(true);
  // A good key afterwards is served as ever.
  const good = await pull(s.key, "dipa", lb);
  expect(good.statuses).toEqual([200]);
});

test("two keys never share an answer: each gets its own year's rows, each costs its own pull", async () => {
  s = await startScaleStack();
  const key2025 = await s.sim.mintKey({ year: 2025 });
  const ref2026 = await reference(s, s.key);
  const ref2025 = await reference(s, key2025);
  expect(ref2025.hash).not.toBe(ref2026.hash);
  const lb = balancer(s);
  const pulls = await Promise.all(Array.from({ length: 16 }, (_, n) => pull(n % 2 ? key2025 : s.key, "realisasi", lb)));
  pulls.forEach((p, n) => expect(p.hash).toBe(n % 2 ? ref2025.hash : ref2026.hash));
  const gens2026 = new Set(pulls.filter((_, n) => n % 2 === 0).flatMap((p) => [...p.gens]));
  const gens2025 = new Set(pulls.filter((_, n) => n % 2 === 1).flatMap((p) => [...p.gens]));
  expect([...gens2026].some((g) => gens2025.has(g))).toBe(false);
  const windows = s.upstream("RealisasiKL/");
  expect(windows.length).toBeGreaterThanOrEqual(ref2025.requests + ref2026.requests - 2);
  expect(windows.length).toBeLessThanOrEqual(ref2025.requests + ref2026.requests + 6);
  // Redis holds tags, never a key.
  const all = await s.redis.query((c) => c.keys("*"));
  expect(all.some((k) => k.includes(s.key) || k.includes(key2025))).toBe(false);
});
