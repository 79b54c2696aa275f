/**
 * Query side of the n-gram models: one backoff n-gram component per training corpus
 * (sorted-array trie, 8-bit quantised log10 values), mixed linearly with weights tuned on dev.
 */
import { readArrays } from './format.js';

/** Longest run of sorted children scanned linearly (cheaper than mispredicted halvings). */
const SCAN = 8;

/** Index of w in the sorted words[lo..hi), or -1: binary search down to a short run, then a scan. */
export function find(words: Uint16Array, lo: number, hi: number, w: number): number {
  while (hi - lo > SCAN) {
    const mid = (lo + hi) >>> 1;
    const x = words[mid];
    if (x === w) return mid;
    if (x < w) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < hi; lo++) {
    const x = words[lo];
    if (x >= w) return x === w ? lo : -1;
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
  /** Scratch for prob(): the resolved context nodes (one per context length). */
  private readonly contextNodes: Int32Array;

  constructor(path: string) {
    const { meta, arrays: a } = readArrays(path);
    this.meta = meta;
    this.order = Number(meta.order);
    this.contextNodes = new Int32Array(Math.max(1, this.order - 1));
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
    this.resolve(hist, end, this.contextNodes, 0);
    return this.probResolved(this.contextNodes, 0, end, w);
  }

  logProb(hist: ArrayLike<number>, end: number, w: number): number {
    return Math.log10(this.prob(hist, end, w));
  }

  /**
   * Walks the trie for the contexts of hist[..end) once: nodes[off + k − 1] = the node of the
   * k-word context (a unigram id for k = 1, an entry of levels[k − 2] above), -1 when not
   * stored. probResolved then scores any w with one child search per backoff step — the
   * decoder asks many words after the same context.
   */
  resolve(hist: ArrayLike<number>, end: number, nodes: Int32Array, off: number): void {
    const top = this.order - 1;
    for (let k = 1; k <= top; k++) nodes[off + k - 1] = -1;
    for (let k = Math.min(end, top); k >= 1; k--) {
      let node = hist[end - k];
      if (node < 0) continue;
      for (let j = 1; j < k && node >= 0; j++) {
        const lv = this.levels[j - 1];
        const h = hist[end - k + j];
        node = h < 0 ? -1 : find(lv.word, lv.start[node], lv.start[node + 1], h);
      }
      nodes[off + k - 1] = node;
    }
  }

  /** prob() for contexts resolved by resolve(): the same arithmetic in the same order. */
  probResolved(nodes: Int32Array, off: number, end: number, w: number): number {
    let acc = 1;
    for (let k = Math.min(end, this.order - 1); k >= 1; k--) {
      const node = nodes[off + k - 1];
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

  /** Context nodes of every component for hist[..end), (order − 1) slots per component. */
  resolve(hist: ArrayLike<number>, end: number, nodes: Int32Array, base = 0): void {
    const c = this.components;
    for (let i = 0; i < c.length; i++) c[i].resolve(hist, end, nodes, base + i * (this.order - 1));
  }

  /** logProb(hist, end, w) for a context resolved by resolve(hist, end, nodes): identical value. */
  logProbResolved(nodes: Int32Array, base: number, end: number, w: number): number {
    const c = this.components;
    let p = 0;
    for (let i = 0; i < c.length; i++) p += this.weights[i] * c[i].probResolved(nodes, base + i * (this.order - 1), end, w);
    return Math.log10(p);
  }
}
