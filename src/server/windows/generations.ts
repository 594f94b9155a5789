/**
 * Generations: which upstream pull a request reads. A generation is one pull of a dataset for one key;
 * its windows are fetched as clients first ask for them and then served to everyone. The rules, the
 * same here (the per-process cache, and any process while Redis is away) and in generations-lua.ts
 * (Redis, atomically across processes):
 *
 *  - The current generation answers a request until it is older than the fresh time (OMSPAN_CACHE_TTL_MS)
 *    — or, for a request marked as a refresh, older than OMSPAN_REFRESH_MIN_INTERVAL_MS. Then the
 *    request starts a new one: 300 refreshes within the interval cost one pull.
 *  - A client paging through Realisasi never mixes two generations. The core client (paged-pull.ts)
 *    asks windows `from = 1 + k·step` in increasing order with a few in flight, the first round at once
 *    and in any order on the wire. So a *paging* is tied to the client's address (a tag of it) and the
 *    dataset, and the generation is chosen when the paging starts; a later window of it reads the same
 *    generation. Which paging a window belongs to, among those of one address: one that has not asked for
 *    this window yet and whose highest window so far is the closest below it (a paging asks its next
 *    windows; on a tie, the one that asked last); else one that began within BURST_MS (the first round, out of order); else a new paging.
 *    Two clients behind one address stay apart unless they stand at the same window at the moment a
 *    generation changes. A window asked again (the core's retry after a failure) starts a paging of its
 *    own on the current generation: the same one, unless the generation changed in between.
 *  - A request that names its generation (`OMSPAN-Generation`, which the core client sends from its
 *    first answer on) reads exactly that one while it is the current or the previous generation of the
 *    key and dataset — no address rule, no paging note, whatever the address (clients behind one NAT
 *    address, retries). A generation older than that, or unknown (another process's without Redis), is
 *    not honoured: the request goes by the address rule as if it named none, and its answer names the
 *    generation it was given. A named request never falls back to another generation when OMSPAN
 *    fails. While a generation is answering stale (a refresh fell back to it, or the breaker is open),
 *    a refresh-marked request naming it is answered stale too, until a newer generation stores a
 *    window: the rest of a stale pull says so, like its first round.
 *  - A new generation becomes the last good one only once a window of it was stored. When OMSPAN fails
 *    (or the breaker knows it is down) a paging that has not been served a fresh window yet moves, whole,
 *    to the last good generation and is answered stale; one that has been served fresh windows gets the
 *    error (the core then fails the pull and keeps its own snapshot), never a window of another pull.
 */

/** Timing rules of generations and pagings. */
export interface GenerationRules {
  /** A generation answers unmarked requests this long. */
  freshMs: number;
  /** A refresh-marked request starts a new generation only when the current one is at least this old. */
  minIntervalMs: number;
  /** The last good generation answers stale up to this age. */
  staleMaxAgeMs: number;
  /** A paging with no request for this long is over. */
  pagingIdleMs: number;
}

/** The first round of a paging reaches the server within this. */
export const BURST_MS = 2_000;
/** Pagings kept per (key, dataset, client address); the least recently active one goes first. */
export const MAX_PAGINGS = 32;

/** What a request asks the coordinator. */
export interface ChooseInput {
  tag: string;
  dataset: string;
  client: string;
  /** The window's first row; 0 for a dataset that is not paged. */
  from: number;
  marked: boolean;
  breakerOpen: boolean;
  /** The generation the request names (`OMSPAN-Generation`), if any. */
  gen?: string;
}

/** The generation a request reads. */
export interface Choice {
  gen: string;
  /** When that generation started (ms). */
  genAt: number;
  /** Answered as stale (OMSPAN failing): never fetched into, only read. */
  stale: boolean;
  /** The paging the request belongs to (paged datasets only). */
  paging?: string;
  /** The request named this generation and it is honoured (no fallback to another one). */
  named?: boolean;
}

/** The coordinator of generations: local (this file) or Redis (redis-coordinator.ts). */
export interface Coordinator {
  choose(i: ChooseInput): Promise<Choice>;
  /** A fresh window of `c.gen` is about to be served: commits the paging to it; returns what to serve from. */
  commit(i: ChooseInput, c: Choice): Promise<Choice>;
  /** OMSPAN failed for `c`: the generation to answer stale from, or undefined when there is none (or the paging is committed). */
  fallback(i: ChooseInput, c: Choice): Promise<Choice | undefined>;
  /** The key was refused: forget its generations of this dataset (and this client's pagings). */
  forget(tag: string, dataset: string, client: string): Promise<void>;
}

interface GenState {
  cur?: string;
  curAt: number;
  curOk: boolean;
  prev?: string;
  prevAt: number;
  /** The generation answering stale since a refresh could not make a newer one. */
  staleGen?: string;
}

/** What a process learns of a dataset's generations (from Redis, or its own). */
export type LearntState = GenState;

interface Paging {
  id: string;
  gen: string;
  genAt: number;
  stale: boolean;
  committed: boolean;
  began: number;
  last: number;
  max: number;
  froms: Set<number>;
}

/** The rules on one process's memory. */
export class LocalCoordinator implements Coordinator {
  private readonly states = new Map<string, GenState>();
  private readonly pagings = new Map<string, Map<string, Paging>>();
  /** When each dataset's state was last learnt from Redis. */
  private readonly learntAt = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly rules: GenerationRules,
    private readonly prefix = `l${process.pid}-`,
    private readonly now: () => number = Date.now,
  ) {}

  /** This process's idea of a dataset's current generation (what it learnt from Redis, or made itself). */
  current(tag: string, dataset: string): { cur?: string; curAt: number; curOk: boolean } | undefined {
    const s = this.states.get(`${tag}:${dataset}`);
    return s?.cur ? { cur: s.cur, curAt: s.curAt, curOk: s.curOk } : undefined;
  }

  /** Takes over what Redis said of a dataset's generations, so a fallback continues where Redis was. */
  learn(tag: string, dataset: string, s: LearntState): void {
    this.states.set(`${tag}:${dataset}`, { ...s });
    this.learntAt.set(`${tag}:${dataset}`, this.now());
    if (this.learntAt.size > 10_000) this.learntAt.delete(this.learntAt.keys().next().value!);
  }

  /**
   * A named request answered from what was learnt from Redis within `maxAgeMs`, or undefined (ask
   * Redis). The state changes only when a pull starts (at most once per interval) or fails, so a
   * second-old copy names the same current and previous generations, give or take a second's delay.
   */
  namedFromLearnt(i: ChooseInput, maxAgeMs: number): Choice | undefined {
    const k = `${i.tag}:${i.dataset}`;
    const at = this.learntAt.get(k);
    const s = this.states.get(k);
    if (i.gen === undefined || at === undefined || !s || this.now() - at > maxAgeMs) return undefined;
    return this.named(s, i);
  }

  /** What was learnt of a dataset is out of date (this process just changed it on Redis): ask Redis next time. */
  unlearn(tag: string, dataset: string): void {
    this.learntAt.delete(`${tag}:${dataset}`);
  }

  /** The rule for a request naming the current or the previous generation (undefined: not honoured). */
  private named(s: GenState, i: ChooseInput): Choice | undefined {
    if (i.gen === undefined || (i.gen !== s.cur && i.gen !== s.prev)) return undefined;
    const genAt = i.gen === s.cur ? s.curAt : s.prevAt;
    return { gen: i.gen, genAt, stale: i.marked && i.gen === s.staleGen, named: true };
  }

  async choose(i: ChooseInput): Promise<Choice> {
    const now = this.now();
    const state = this.state(i);
    const named = this.named(state, i);
    if (named) return named;
    if (i.from === 0) return this.pick(state, i, now);
    const list = this.pagingsOf(i, now);
    let best: Paging | undefined;
    for (const p of list.values()) {
      if (p.froms.has(i.from) || p.max >= i.from) continue;
      // Equally far: the one that asked last is the one still asking.
      if (!best || p.max > best.max || (p.max === best.max && p.last > best.last)) best = p;
    }
    if (!best) {
      for (const p of list.values()) {
        if (!p.froms.has(i.from) && p.began >= now - BURST_MS && (!best || p.began > best.began)) best = p;
      }
    }
    if (!best) {
      const c = this.pick(state, i, now);
      best = { id: `p${++this.seq}`, gen: c.gen, genAt: c.genAt, stale: c.stale, committed: false, began: now, last: now, max: 0, froms: new Set() };
      list.set(best.id, best);
      if (list.size > MAX_PAGINGS) {
        const oldest = [...list.values()].sort((a, b) => a.last - b.last)[0]!;
        list.delete(oldest.id);
      }
    }
    best.froms.add(i.from);
    best.max = Math.max(best.max, i.from);
    best.last = now;
    return { gen: best.gen, genAt: best.genAt, stale: best.stale, paging: best.id };
  }

  async commit(i: ChooseInput, c: Choice): Promise<Choice> {
    const state = this.state(i);
    if (state.cur === c.gen) state.curOk = true;
    if (state.cur === c.gen && !c.stale && state.staleGen !== c.gen) state.staleGen = undefined;
    const p = c.paging ? this.pagings.get(this.pagingKey(i))?.get(c.paging) : undefined;
    if (!p) return c;
    if (p.gen === c.gen) p.committed = true;
    return { gen: p.gen, genAt: p.genAt, stale: p.stale, paging: p.id };
  }

  async fallback(i: ChooseInput, c: Choice): Promise<Choice | undefined> {
    const now = this.now();
    const s = this.state(i);
    if (s.cur === c.gen && !s.curOk) {
      // The new generation never got a window: it is dropped, the last good one is current again.
      Object.assign(s, { cur: s.prev, curAt: s.prevAt, curOk: s.prev !== undefined, prev: undefined, prevAt: 0 });
    }
    let target: { gen: string; at: number } | undefined;
    if (s.cur && s.cur !== c.gen && s.curOk) target = { gen: s.cur, at: s.curAt };
    else if (s.prev && s.prev !== c.gen) target = { gen: s.prev, at: s.prevAt };
    if (target && now - target.at > this.rules.staleMaxAgeMs) target = undefined;
    const p = c.paging ? this.pagings.get(this.pagingKey(i))?.get(c.paging) : undefined;
    if (p) {
      if (p.gen !== c.gen) return { gen: p.gen, genAt: p.genAt, stale: p.stale, paging: p.id };
      if (p.committed || !target) return undefined;
      Object.assign(p, { gen: target.gen, genAt: target.at, stale: true });
      s.staleGen = target.gen;
      return { gen: p.gen, genAt: p.genAt, stale: true, paging: p.id };
    }
    if (target) s.staleGen = target.gen;
    return target && { gen: target.gen, genAt: target.at, stale: true, paging: c.paging };
  }

  async forget(tag: string, dataset: string, _client?: string): Promise<void> {
    this.states.delete(`${tag}:${dataset}`);
    this.learntAt.delete(`${tag}:${dataset}`);
    for (const k of this.pagings.keys()) if (k.startsWith(`${tag}:${dataset}:`)) this.pagings.delete(k);
  }

  /** The generation a new paging (or an unpaged request) reads. */
  private pick(s: GenState, i: ChooseInput, now: number): Choice {
    const age = s.cur ? now - s.curAt : Number.POSITIVE_INFINITY;
    const wantNew = !s.cur || age >= (i.marked ? this.rules.minIntervalMs : this.rules.freshMs);
    if (!wantNew) return { gen: s.cur!, genAt: s.curAt, stale: false };
    if (i.breakerOpen) {
      const ok = s.curOk && s.cur ? { gen: s.cur, at: s.curAt } : s.prev ? { gen: s.prev, at: s.prevAt } : undefined;
      if (ok && now - ok.at <= this.rules.staleMaxAgeMs) {
        s.staleGen = ok.gen;
        return { gen: ok.gen, genAt: ok.at, stale: true };
      }
    }
    if (s.cur && s.curOk) Object.assign(s, { prev: s.cur, prevAt: s.curAt });
    Object.assign(s, { cur: `${this.prefix}${++this.seq}`, curAt: now, curOk: false });
    return { gen: s.cur!, genAt: now, stale: false };
  }

  private state(i: { tag: string; dataset: string }): GenState {
    const k = `${i.tag}:${i.dataset}`;
    let s = this.states.get(k);
    if (!s) {
      s = { curAt: 0, curOk: false, prevAt: 0 };
      this.states.set(k, s);
      // Bounded: a forgotten key's state is dropped with the oldest (Map keeps insertion order).
      if (this.states.size > 10_000) this.states.delete(this.states.keys().next().value!);
    }
    return s;
  }

  private pagingKey(i: ChooseInput): string {
    return `${i.tag}:${i.dataset}:${i.client}`;
  }

  private pagingsOf(i: ChooseInput, now: number): Map<string, Paging> {
    const k = this.pagingKey(i);
    let list = this.pagings.get(k);
    if (!list) {
      list = new Map();
      this.pagings.set(k, list);
      if (this.pagings.size > 10_000) this.pagings.delete(this.pagings.keys().next().value!);
    }
    for (const [id, p] of list) if (p.last < now - this.rules.pagingIdleMs) list.delete(id);
    return list;
  }
}
