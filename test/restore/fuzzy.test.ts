/**
 * FuzzyIndex.cost keeps the observed token's substrings and its DP rows between calls (the
 * candidate search scores many syllables against one token); it must give exactly the costs
 * of the plain alignment DP below, whatever the order of calls.
 */
import { describe, expect, it } from 'vitest';
import { FuzzyIndex } from '../../src/restore/fuzzy.js';
import { seededInts } from '../support/prng.js';
import { foldKey } from '../../src/lang/fold.js';

/** The alignment as first written: −ln P(observed | source), each source char → 0..3 observed chars. */
function referenceCost(source: string, observed: string, charProbs: Map<string, Map<string, number>>): number {
  const src = [...source];
  const obs = [...observed];
  const len = obs.length;
  let prev = new Float64Array(len + 1).fill(Infinity);
  prev[0] = 0;
  for (let j = 1; j <= len; j++) prev[j] = prev[j - 1] + 5;
  for (const s of src) {
    const cur = new Float64Array(len + 1).fill(Infinity);
    const probs = charProbs.get(s);
    const base = foldKey(s);
    for (let j = 0; j <= len; j++) {
      if (prev[j] === Infinity) continue;
      let sub = '';
      for (let l = 0; l <= 3 && j + l <= len; l++) {
        if (l > 0) sub += obs[j + l - 1];
        const p = probs?.get(sub);
        let step: number;
        if (p !== undefined && p > 0) step = -Math.log(p);
        else if (l === 0) step = 6;
        else if (l === 1) step = sub === s ? 0 : sub === base ? 1 : 6;
        else continue;
        if (prev[j] + step < cur[j + l]) cur[j + l] = prev[j] + step;
      }
    }
    for (let j = 1; j <= len; j++) if (cur[j - 1] + 5 < cur[j]) cur[j] = cur[j - 1] + 5;
    prev = cur;
  }
  return prev[len];
}

describe('FuzzyIndex.cost', () => {
  it('equals the plain alignment DP for random tokens and channels, in any call order and under a bound', () => {
    const random = seededInts(99);
    const letters = ['a', 'ă', 'â', 'e', 'ê', 'é', 'o', 'ô', 'ơ', 'ó', 'u', 'ư', 'i', 'n', 'h', 'c', 't', 'đ', 'd', '6', '&', '¢', '1', 'ậ', 'ữ', '𝐀'];
    const word = (max: number): string => Array.from({ length: random(max + 1) }, () => letters[random(letters.length)]).join('');
    const charProbs = new Map<string, Map<string, number>>();
    for (const c of letters) {
      const row = new Map<string, number>();
      for (let k = 0; k < 4; k++) row.set(word(3), (1 + random(100)) / 101);
      if (random(3) === 0) row.set('', 0.05);
      charProbs.set(c, row);
    }
    const index = new FuzzyIndex([], charProbs);
    const observed = Array.from({ length: 40 }, () => word(6));
    for (let k = 0; k < 3000; k++) {
      // Runs of the same observed token (the search's pattern) and switches between tokens.
      const obs = observed[random(4) === 0 ? random(observed.length) : k % observed.length];
      const source = word(6);
      const expected = referenceCost(source, obs, charProbs);
      expect(index.cost(source, obs)).toBe(expected);
      // Bounded: exact up to the bound, above it whenever the cost is.
      const bound = random(12);
      const bounded = index.cost(source, obs, bound);
      if (expected <= bound) expect(bounded).toBe(expected);
      else expect(bounded).toBeGreaterThan(bound);
    }
  });
});
