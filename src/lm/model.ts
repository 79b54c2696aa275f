/**
 * Query side of the n-gram models: one backoff n-gram component per training corpus
 * (sorted-array trie, 8-bit quantised log10 values), mixed linearly with weights tuned on dev.
 */
import { readArrays } from './format.js';

function find(words: Uint16Array, lo: number, hi: number, w: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = words[mid];
    if (x === w) return mid;
    if (x < w) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

interface Level {
  start: Uint32Array;
  word: Uint16Array;
  prob: Uint8Array;
  bow?: Uint8Array;
  /** Codebooks decoded to linear probabilities / backoff factors once at load (no pow per query). */
  probLin: Float64Array;
  bowLin?: Float64Array;
}

const linear = (logs: ArrayLike<number>) => Float64Array.from(logs as ArrayLike<number>, (x) => 10 ** x);

export class NgramComponent {
  readonly order: number;
  readonly uniProb: Float64Array;
  readonly uniBow: Float64Array;
  /** levels[0] = bigrams … levels[order-2] = top order. */
  readonly levels: Level[] = [];
  readonly meta: Record<string, unknown>;

  constructor(path: string) {
    const { meta, arrays: a } = readArrays(path);
    this.meta = meta;
    this.order = Number(meta.order);
    this.uniProb = linear(a.uniLogProb);
    this.uniBow = linear(a.uniLogBow);
    for (let n = 2; n <= this.order; n++) {
      const bowC = a[`bowC${n}`];
      this.levels.push({
        start: a[`start${n}`] as Uint32Array, word: a[`word${n}`] as Uint16Array,
        prob: a[`prob${n}`] as Uint8Array, probLin: linear(a[`probC${n}`]),
        bow: a[`bow${n}`] as Uint8Array | undefined, bowLin: bowC ? linear(bowC) : undefined,
      });
    }
  }

  /**
   * p(w | hist[end-k..end-1]) (linear) with standard backoff: the longest stored context that
   * has w as a child gives the probability, each longer stored context multiplies its backoff.
   */
  prob(hist: ArrayLike<number>, end: number, w: number): number {
    let acc = 1;
    for (let k = Math.min(end, this.order - 1); k >= 1; k--) {
      let node = hist[end - k];
      if (node < 0) continue;
      let j = 1;
      for (; j < k && node >= 0; j++) {
        const lv = this.levels[j - 1];
        const h = hist[end - k + j];
        node = h < 0 ? -1 : find(lv.word, lv.start[node], lv.start[node + 1], h);
      }
      if (node < 0) continue;
      const lv = this.levels[k - 1];
      const e = find(lv.word, lv.start[node], lv.start[node + 1], w);
      if (e >= 0) return acc * lv.probLin[lv.prob[e]];
      if (k === 1) acc *= this.uniBow[node];
      else {
        const ctx = this.levels[k - 2];
        acc *= ctx.bowLin![ctx.bow![node]];
      }
    }
    return acc * this.uniProb[w];
  }

  logProb(hist: ArrayLike<number>, end: number, w: number): number {
    return Math.log10(this.prob(hist, end, w));
  }
}

/** Linear mixture of components: log10 Σ λᵢ pᵢ. */
export class MixtureModel {
  readonly order: number;
  constructor(readonly components: NgramComponent[], readonly weights: number[]) {
    this.order = Math.max(...components.map((c) => c.order));
  }

  logProb(hist: ArrayLike<number>, end: number, w: number): number {
    const c = this.components;
    let p = 0;
    for (let i = 0; i < c.length; i++) p += this.weights[i] * c[i].prob(hist, end, w);
    return Math.log10(p);
  }
}
