/**
 * The rules of generations (src/server/windows/generations.ts) on the per-process coordinator, with a
 * clock of the test's own: when a new pull starts, how a paging keeps its generation, how OMSPAN's
 * failure moves a paging to the last good generation (or cannot, once it was served fresh windows).
 * The same rules run as Redis scripts; the scale suite (npm run test:scale) checks them there.
 */
import { LocalCoordinator, type ChooseInput } from "../../src/server/windows/generations";

let now = 1_000_000;
const rules = { freshMs: 60_000, minIntervalMs: 10_000, staleMaxAgeMs: 3_600_000, pagingIdleMs: 180_000 };
const make = () => new LocalCoordinator(rules, "g", () => now);
const req = (from: number, over: Partial<ChooseInput> = {}): ChooseInput => ({
  tag: "t", dataset: "realisasi", client: "c", from, marked: true, breakerOpen: false, ...over,
});
const W = (k: number) => 1 + k * 5000;

test("refresh-marked requests start a new generation at most once per interval; unmarked ones follow the fresh time", async () => {
  const g = make();
  const first = await g.choose(req(0, { dataset: "dipa" }));
  await g.commit(req(0, { dataset: "dipa" }), first);
  now += 5_000;
  expect((await g.choose(req(0, { dataset: "dipa" }))).gen).toBe(first.gen); // within the interval
  now += 5_000;
  const second = await g.choose(req(0, { dataset: "dipa" }));
  expect(second.gen).not.toBe(first.gen); // the interval has passed
  await g.commit(req(0, { dataset: "dipa" }), second);
  now += 30_000;
  expect((await g.choose(req(0, { dataset: "dipa", marked: false }))).gen).toBe(second.gen); // fresh for unmarked
  now += 31_000;
  expect((await g.choose(req(0, { dataset: "dipa", marked: false }))).gen).not.toBe(second.gen);
});

test("a paging keeps its generation while another one starts a new pull from the same address", async () => {
  const g = make();
  const a = [await g.choose(req(W(0))), await g.choose(req(W(1)))];
  await g.commit(req(W(0)), a[0]!);
  now += 12_000; // past the interval: the next paging pulls anew
  const b0 = await g.choose(req(W(0)));
  expect(b0.gen).not.toBe(a[0]!.gen);
  // Interleaved: A goes on from window 2, B from window 1; each stays with its own.
  for (let k = 2; k < 6; k++) {
    expect((await g.choose(req(W(k)))).gen).toBe(a[0]!.gen);
    expect((await g.choose(req(W(k - 1)))).gen).toBe(b0.gen);
  }
});

test("the first round arrives in any order and is one paging", async () => {
  const g = make();
  const picks = [await g.choose(req(W(2))), await g.choose(req(W(0))), await g.choose(req(W(3))), await g.choose(req(W(1)))];
  expect(new Set(picks.map((p) => p.paging)).size).toBe(1);
});

test("OMSPAN failing: an uncommitted paging moves whole to the last good generation; a committed one cannot", async () => {
  const g = make();
  const morning = await g.choose(req(W(0)));
  await g.commit(req(W(0)), morning);
  now += 20_000;
  const fresh = await g.choose(req(W(0)));
  expect(fresh.gen).not.toBe(morning.gen);
  const moved = await g.fallback(req(W(0)), fresh);
  expect(moved).toMatchObject({ gen: morning.gen, stale: true });
  expect(await g.choose(req(W(1)))).toMatchObject({ gen: morning.gen, stale: true }); // the rest of the paging follows
  // The failed new generation was dropped: the next paging does not start on it.
  now += 5_000;
  const next = await g.choose(req(W(0), { client: "other" }));
  expect(next.gen).not.toBe(fresh.gen);
  // A paging that was served a fresh window gets the failure, never another pull's window.
  const committed = await g.commit(req(W(0), { client: "other" }), next);
  expect(committed.gen).toBe(next.gen);
  expect(await g.fallback(req(W(1), { client: "other" }), { ...next })).toBeUndefined();
});

test("with the breaker open a new paging reads the last good generation, stale, without a new pull", async () => {
  const g = make();
  const morning = await g.choose(req(0, { dataset: "dana" }));
  await g.commit(req(0, { dataset: "dana" }), morning);
  now += 20_000;
  expect(await g.choose(req(0, { dataset: "dana", breakerOpen: true }))).toMatchObject({ gen: morning.gen, stale: true });
  now += rules.staleMaxAgeMs;
  expect((await g.choose(req(0, { dataset: "dana", breakerOpen: true }))).stale).toBe(false); // too old to answer stale
});
