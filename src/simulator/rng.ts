/**
 * Stable hashing and seeded randomness. Every generated value is drawn from a stream seeded by a hash of
 * the entity it belongs to — (year, satker, line, month …) — never from a shared sequential stream, so a
 * satker's data is the same in the demo and the full profile and adding a satker shifts nothing else.
 */

/** 32-bit FNV-1a over the UTF-16 code units of the joined parts. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  const s = parts.join("|");
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix) so near-identical keys give unrelated streams.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small deterministic random stream (mulberry32). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Seeds a stream from a stable hash of the parts. */
  static of(...parts: ReadonlyArray<string | number>): Rng {
    return new Rng(hash32(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller; one draw per call keeps streams simple to reason about). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Log-normal value whose central 95% falls roughly within [lo, hi], clamped to it.
   * Used for pagu sizes, where the domain page gives ranges per kind of office.
   */
  logNormalIn(lo: number, hi: number): number {
    const mu = (Math.log(lo) + Math.log(hi)) / 2;
    const sigma = (Math.log(hi) - Math.log(lo)) / 4;
    return Math.min(hi, Math.max(lo, Math.exp(mu + sigma * this.normal())));
  }
}
