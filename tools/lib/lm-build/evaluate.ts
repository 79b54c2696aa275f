/** Held-out evaluation and mixture-weight tuning (EM on per-token component probabilities). */
import type { NgramComponent } from '../../../src/lm/model.js';

export type IdOf = (unit: string) => number;

/** Per-token probabilities of each component on clauses scored as <s> … </s>. */
export function componentTokenProbs(components: NgramComponent[], clauses: string[][], idOf: IdOf, backward: boolean): Float64Array[] {
  const seqs = clauses.map((c) => [1, ...(backward ? [...c].reverse() : c).map(idOf), 2]);
  const n = seqs.reduce((s, q) => s + q.length - 1, 0);
  return components.map((comp) => {
    const out = new Float64Array(n);
    let k = 0;
    for (const q of seqs) {
      for (let i = 1; i < q.length; i++) out[k++] = comp.prob(q, i, q[i]);
    }
    return out;
  });
}

export function perplexity(probs: Float64Array[], weights: number[]): number {
  const n = probs[0]?.length ?? 0;
  let logSum = 0;
  for (let t = 0; t < n; t++) {
    let p = 0;
    for (let i = 0; i < probs.length; i++) p += weights[i] * probs[i][t];
    logSum += Math.log10(p);
  }
  return 10 ** (-logSum / Math.max(1, n));
}

/**
 * EM for linear interpolation weights maximising the likelihood of several dev sets, each
 * set weighted equally whatever its size (so a small in-domain set is not drowned out).
 */
export function tuneWeights(devSets: Float64Array[][], iterations = 60): number[] {
  const k = devSets[0].length;
  let w = new Array<number>(k).fill(1 / k);
  for (let it = 0; it < iterations; it++) {
    const acc = new Array<number>(k).fill(0);
    for (const probs of devSets) {
      const n = probs[0].length;
      for (let t = 0; t < n; t++) {
        let z = 0;
        for (let i = 0; i < k; i++) z += w[i] * probs[i][t];
        for (let i = 0; i < k; i++) acc[i] += (w[i] * probs[i][t]) / z / n;
      }
    }
    const total = acc.reduce((a, b) => a + b, 0);
    w = acc.map((a) => a / total);
  }
  return w;
}
