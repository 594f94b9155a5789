/**
 * The rules of generations.ts on Redis (the scripts of generations-lua.ts); what Redis says is also
 * learnt locally. Time is Redis' clock; a test may give its own (`clock`) to run the same scenarios
 * on both coordinators.
 */
import { BURST_MS, MAX_PAGINGS, type Choice, type ChooseInput, type Coordinator, type GenerationRules, type LocalCoordinator } from "./generations";
import { CHOOSE_LUA, COMMIT_LUA, FALLBACK_LUA } from "./generations-lua";

/**
 * A named request is answered from the generations learnt from Redis this recently, without asking
 * Redis: 300 clients paging at 08:55 would otherwise send Redis one script per window each (24,000),
 * hundreds at a time per process, and a busy process then writes them out slower than the Redis
 * timeout (node-redis waits for the socket to drain between batches), calling a healthy Redis down.
 */
export const LEARNT_FRESH_MS = 1_000;
import type { RedisLink } from "./redis-link";

function toChoice(r: unknown): Choice | undefined {
  const a = r as string[];
  if (!Array.isArray(a) || !a[0]) return undefined;
  return { gen: String(a[0]), genAt: Number(a[1]), stale: a[2] === "1", paging: a[3] ? String(a[3]) : undefined };
}

function hint(h: { cur?: string; curAt: number; curOk: boolean } | undefined): string[] {
  return h?.cur ? [h.cur, String(h.curAt), h.curOk ? "1" : "0"] : ["", "0", "0"];
}

export class RedisCoordinator implements Coordinator {
  constructor(
    private readonly link: RedisLink,
    private readonly prefix: string,
    private readonly rules: GenerationRules,
    private readonly local: LocalCoordinator,
    private readonly clock?: () => number,
  ) {}

  private get now(): string {
    return this.clock ? String(this.clock()) : "";
  }

  private keys(i: { tag: string; dataset: string; client?: string }): string[] {
    return [`${this.prefix}g:${i.tag}:${i.dataset}`, `${this.prefix}p:${i.tag}:${i.dataset}:${i.client ?? ""}`, `${this.prefix}seq`];
  }

  /** Generation state and windows live as long as stale answers may be given. */
  private get stateTtl(): string {
    return String(Math.max(this.rules.staleMaxAgeMs, this.rules.freshMs, 60_000));
  }

  async choose(i: ChooseInput): Promise<Choice> {
    const known = this.local.namedFromLearnt(i, LEARNT_FRESH_MS);
    if (known) return known;
    const r = (await this.link.script(CHOOSE_LUA, this.keys(i), [
      String(i.from), i.marked ? "1" : "0", i.breakerOpen ? "1" : "0", String(this.rules.freshMs),
      String(this.rules.minIntervalMs), String(this.rules.staleMaxAgeMs), String(this.rules.pagingIdleMs),
      String(BURST_MS), String(MAX_PAGINGS), this.stateTtl, "g",
      ...hint(this.local.current(i.tag, i.dataset)), i.gen ?? "", this.now,
    ])) as string[];
    const [cur, curAt, curOk, prev, prevAt, named, staleGen] = r.slice(4);
    this.local.learn(i.tag, i.dataset, {
      cur: cur || undefined, curAt: Number(curAt), curOk: curOk === "1", prev: prev || undefined, prevAt: Number(prevAt),
      staleGen: staleGen || undefined,
    });
    const choice = toChoice(r)!;
    return named === "1" ? { ...choice, named: true } : choice;
  }

  async commit(i: ChooseInput, c: Choice): Promise<Choice> {
    this.local.unlearn(i.tag, i.dataset);
    const r = await this.link.script(COMMIT_LUA, this.keys(i), [c.gen, c.paging ?? "", this.stateTtl, c.stale ? "1" : "0"]);
    return toChoice(r) ?? c;
  }

  async fallback(i: ChooseInput, c: Choice): Promise<Choice | undefined> {
    this.local.unlearn(i.tag, i.dataset);
    const r = await this.link.script(FALLBACK_LUA, this.keys(i), [c.gen, c.paging ?? "", String(this.rules.staleMaxAgeMs), this.stateTtl, this.now]);
    return toChoice(r);
  }

  async forget(tag: string, dataset: string, client: string): Promise<void> {
    await this.local.forget(tag, dataset);
    const [state, pagings] = this.keys({ tag, dataset, client });
    await this.link.run((c) => c.del([state!, pagings!]));
  }
}
