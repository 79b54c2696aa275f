/**
 * Seeded randomness for tests, so a failing case comes back on every run: one generator
 * (Mulberry32, scripts/lib/prng.ts, shared with the fixture makers and benches) behind the
 * shapes the tests want.
 */
import { prng } from '../../scripts/lib/prng.js';

/** Integers in [0, n) from `seed`. */
export function seededInts(seed: number): (n: number) => number {
  const next = prng(seed);
  return (n) => Math.floor(next() * n);
}

/** `length` bytes from `seed` (binary junk with NULs and high bytes). */
export function seededBytes(seed: number, length: number): Uint8Array {
  const int = seededInts(seed);
  return Uint8Array.from({ length }, () => int(256));
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
