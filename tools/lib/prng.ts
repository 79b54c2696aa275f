/**
 * Mulberry32: a tiny seeded PRNG shared by fixture generators, benches and test archives, so a
 * seed always gives the same bytes (fixtures stay byte-stable, bench samples repeatable).
 * Math.random cannot be seeded; this is the whole algorithm, not worth a dependency.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for building synthetic documents: floats, inclusive integer ranges, picks, coin flips. */
export function rng(seed: number) {
  const next = prng(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;
