/**
 * Seeded randomness for tests, so a failing case comes back on every run: one generator
 * (Mulberry32, tools/lib/prng.ts, shared with the fixture makers and benches) behind the
 * shapes the tests want.
 */
import { prng } from '../../tools/lib/prng.js';

export { rng, type Rng } from '../../tools/lib/prng.js';

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
