/**
 * The seeded PRNG (mulberry32) behind the random sums suites (`test/integration/sums-*.test.ts`).
 *
 * Set SUMS_SEED to replay another sequence. The generator is module state: each test reseeds it with
 * `seedRandom` before drawing, so a test's cases do not depend on which tests ran before it (jest gives
 * every test file its own copy of this module).
 */

export const SEED = Number(process.env.SUMS_SEED ?? 20260527);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let generator = mulberry32(SEED);

/** Restarts the sequence from `seed`. */
export function seedRandom(seed: number): void {
  generator = mulberry32(seed);
}

/** The next number in [0, 1). */
export const rnd = (): number => generator();
/** A whole number in lo..hi, both inclusive. */
export const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
export const chance = (p: number) => rnd() < p;
