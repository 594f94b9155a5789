/**
 * The rules of generations (src/server/windows/generations.ts) as scenarios over any coordinator, with
 * a clock of the test's own: when a new pull starts, how a paging keeps its generation, how a request
 * that names its generation reads exactly it, how OMSPAN's failure moves a paging to the last good
 * generation (or cannot, once it was served fresh windows). test/server/generations.test.ts runs them on
 * the per-process coordinator; test/scale/generation-rules.scale.ts runs the same ones on the Redis
 * scripts (a real redis-server), so the two implementations of the rules cannot drift apart.
 */
import type { ChooseInput, Coordinator, GenerationRules } from "../../src/server/windows/generations";

export const RULES: GenerationRules = { freshMs: 60_000, minIntervalMs: 10_000, staleMaxAgeMs: 3_600_000, pagingIdleMs: 180_000 };

/** What a scenario is given: a fresh coordinator (its own key tag, so scenarios never meet) and the clock. */
export interface Harness {
  make(): Promise<Coordinator>;
  advance(ms: number): void;
}

type Req = (from: number, over?: Partial<ChooseInput>) => ChooseInput;
const W = (k: number) => 1 + k * 5000;

export interface Scenario {
  name: string;
  run(g: Coordinator, req: Req, advance: (ms: number) => void): Promise<void>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: "refresh-marked requests start a new generation at most once per interval; unmarked ones follow the fresh time",
    async run(g, req, advance) {
      const dipa = (over: Partial<ChooseInput> = {}) => req(0, { dataset: "dipa", ...over });
      const first = await g.choose(dipa());
      await g.commit(dipa(), first);
      advance(5_000);
      expect((await g.choose(dipa())).gen).toBe(first.gen); // within the interval
      advance(5_000);
      const second = await g.choose(dipa());
      expect(second.gen).not.toBe(first.gen); // the interval has passed
      await g.commit(dipa(), second);
      advance(30_000);
      expect((await g.choose(dipa({ marked: false }))).gen).toBe(second.gen); // fresh for unmarked
      advance(31_000);
      expect((await g.choose(dipa({ marked: false }))).gen).not.toBe(second.gen);
    },
  },
  {
    name: "a paging keeps its generation while another one starts a new pull from the same address",
    async run(g, req, advance) {
      const a = [await g.choose(req(W(0))), await g.choose(req(W(1)))];
      await g.commit(req(W(0)), a[0]!);
      advance(12_000); // past the interval: the next paging pulls anew
      const b0 = await g.choose(req(W(0)));
      expect(b0.gen).not.toBe(a[0]!.gen);
      // Interleaved: A goes on from window 2, B from window 1; each stays with its own.
      for (let k = 2; k < 6; k++) {
        expect((await g.choose(req(W(k)))).gen).toBe(a[0]!.gen);
        expect((await g.choose(req(W(k - 1)))).gen).toBe(b0.gen);
      }
    },
  },
  {
    name: "the first round arrives in any order and is one paging",
    async run(g, req) {
      const picks = [await g.choose(req(W(2))), await g.choose(req(W(0))), await g.choose(req(W(3))), await g.choose(req(W(1)))];
      expect(new Set(picks.map((p) => p.paging)).size).toBe(1);
    },
  },
  {
    name: "OMSPAN failing: an uncommitted paging moves whole to the last good generation; a committed one cannot",
    async run(g, req, advance) {
      const morning = await g.choose(req(W(0)));
      await g.commit(req(W(0)), morning);
      advance(20_000);
      const fresh = await g.choose(req(W(0)));
      expect(fresh.gen).not.toBe(morning.gen);
      const moved = await g.fallback(req(W(0)), fresh);
      expect(moved).toMatchObject({ gen: morning.gen, stale: true });
      expect(await g.choose(req(W(1)))).toMatchObject({ gen: morning.gen, stale: true }); // the rest of the paging follows
      // The failed new generation was dropped: the next paging does not start on it.
      advance(5_000);
      const next = await g.choose(req(W(0), { client: "other" }));
      expect(next.gen).not.toBe(fresh.gen);
      // A paging that was served a fresh window gets the failure, never another pull's window.
      const committed = await g.commit(req(W(0), { client: "other" }), next);
      expect(committed.gen).toBe(next.gen);
      expect(await g.fallback(req(W(1), { client: "other" }), { ...next })).toBeUndefined();
    },
  },
  {
    name: "with the breaker open a new paging reads the last good generation, stale, without a new pull",
    async run(g, req, advance) {
      const dana = (over: Partial<ChooseInput> = {}) => req(0, { dataset: "dana", ...over });
      const morning = await g.choose(dana());
      await g.commit(dana(), morning);
      advance(20_000);
      expect(await g.choose(dana({ breakerOpen: true }))).toMatchObject({ gen: morning.gen, stale: true });
      advance(RULES.staleMaxAgeMs);
      expect((await g.choose(dana({ breakerOpen: true }))).stale).toBe(false); // too old to answer stale
    },
  },
  {
    name: "a named generation is read exactly, from any address and at any window, while it is the current or the previous one",
    async run(g, req, advance) {
      const a0 = await g.choose(req(W(0)));
      await g.commit(req(W(0)), a0);
      advance(12_000);
      // B refreshes from the same address and stands at the same windows as A: the address rule alone
      // could not tell them apart; the names can.
      const b0 = await g.choose(req(W(0), { client: "b" }));
      await g.commit(req(W(0), { client: "b" }), b0);
      expect(b0.gen).not.toBe(a0.gen);
      for (let k = 1; k < 4; k++) {
        expect(await g.choose(req(W(k), { gen: a0.gen, client: "nat" }))).toMatchObject({ gen: a0.gen, named: true, stale: false });
        expect(await g.choose(req(W(k), { gen: b0.gen, client: "nat" }))).toMatchObject({ gen: b0.gen, named: true });
        // A window asked again (a retry) reads the same generation, however marked.
        expect((await g.choose(req(W(k), { gen: a0.gen, client: "nat", marked: true }))).gen).toBe(a0.gen);
      }
      // A third pull: the first one is neither current nor previous, and is not honoured.
      advance(12_000);
      const c0 = await g.choose(req(W(0), { client: "c" }));
      await g.commit(req(W(0), { client: "c" }), c0);
      const old = await g.choose(req(W(5), { gen: a0.gen, client: "late" }));
      expect(old.named).toBeFalsy();
      expect(old.gen).not.toBe(a0.gen);
      // An unknown name (another process's, without Redis) goes by the address rule.
      expect((await g.choose(req(W(3), { gen: "l999-1", client: "d" }))).named).toBeFalsy();
    },
  },
  {
    name: "a stale pull's later windows, named, are answered stale too, until a newer generation stores a window",
    async run(g, req, advance) {
      const morning = await g.choose(req(W(0)));
      await g.commit(req(W(0)), morning);
      advance(20_000);
      // 08:55, OMSPAN down: the refresh falls back to the morning, marked stale.
      const tried = await g.choose(req(W(0), { client: "x" }));
      const moved = await g.fallback(req(W(0), { client: "x" }), tried);
      expect(moved).toMatchObject({ gen: morning.gen, stale: true });
      // Its later windows name the morning: stale as well (a refresh that got the morning's numbers).
      expect(await g.choose(req(W(4), { gen: morning.gen, client: "elsewhere" }))).toMatchObject({ gen: morning.gen, named: true, stale: true });
      // A pull that is not a refresh reads the morning as the fresh pull it still is.
      expect((await g.choose(req(W(4), { gen: morning.gen, marked: false }))).stale).toBe(false);
      // OMSPAN is back: a new pull stores its first window; the morning is no longer answering stale.
      advance(11_000);
      const back = await g.choose(req(W(0), { client: "y" }));
      expect(back.gen).not.toBe(morning.gen);
      await g.commit(req(W(0), { client: "y" }), back);
      expect(await g.choose(req(W(5), { gen: morning.gen, client: "elsewhere" }))).toMatchObject({ gen: morning.gen, named: true, stale: false });
    },
  },
  {
    name: "a refused key forgets its generations: a name from before is no longer honoured",
    async run(g, req) {
      const a0 = await g.choose(req(W(0)));
      await g.commit(req(W(0)), a0);
      expect((await g.choose(req(W(1), { gen: a0.gen }))).named).toBe(true);
      await g.forget("t", "realisasi", "c");
      const after = await g.choose(req(W(1), { gen: a0.gen }));
      expect(after.named).toBeFalsy();
      expect(after.gen).not.toBe(a0.gen);
    },
  },
];

/** Runs every scenario as a jest test on coordinators from `harness`. */
export function runScenarios(harness: () => Harness): void {
  for (const s of SCENARIOS) {
    test(s.name, async () => {
      const h = harness();
      const g = await h.make();
      const req: Req = (from, over = {}) => ({ tag: "t", dataset: "realisasi", client: "c", from, marked: true, breakerOpen: false, ...over });
      await s.run(g, req, h.advance);
    });
  }
}
