/**
 * Interpolated modified Kneser-Ney estimation of any order (≤ 6) on a Uint16 id stream
 * [BOS w… EOS]*, written in backoff form (ARPA-style): stored probabilities are already
 * interpolated; pruned n-grams' mass goes to exactly renormalised backoff weights.
 * N-grams are sorted BigUint64Array keys (16 bits per id, oldest id in the high bits).
 */

const BOS_ID = 1;

/** Modified KN discounts D1, D2, D3+ from counts-of-counts (Chen & Goodman). */
export function discounts(counts: ArrayLike<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) if (counts[i] >= 1 && counts[i] <= 4) n[counts[i]]++;
  const y = n[1] / (n[1] + 2 * n[2]);
  const d = [1 - 2 * y * (n[2] / n[1]), 2 - 3 * y * (n[3] / n[2]), 3 - 4 * y * (n[4] / n[3])];
  const fallback = [0.5, 1, 1.5];
  return d.map((x, i) => (Number.isFinite(x) && x > 0 ? Math.min(x, i + 1) : fallback[i])) as [number, number, number];
}

export interface BackoffLevel {
  /** Children range of each entry of the level below (length = entries below + 1). */
  start: Uint32Array;
  word: Uint16Array;
  logProb: Float64Array;
  /** Backoff of each entry as a context (absent at the top level). */
  logBow?: Float64Array;
}

export interface BackoffNgram {
  order: number;
  vocabSize: number;
  uniLogProb: Float32Array;
  uniLogBow: Float32Array;
  /** levels[0] = bigrams … levels[order-2] = top order. */
  levels: BackoffLevel[];
  stats: Record<string, unknown>;
}

const disc = (c: number, d: [number, number, number]) => (c >= 3 ? d[2] : c === 2 ? d[1] : c === 1 ? d[0] : 0);
const shift = (n: number) => BigInt(16 * n);

function keyAt(seq: Uint16Array, i: number, n: number): bigint {
  let hi = 0;
  for (let k = i - n + 1; k <= i - 3; k++) hi = hi * 65536 + seq[k];
  let lo = 0;
  for (let k = Math.max(i - n + 1, i - 2); k <= i; k++) lo = lo * 65536 + seq[k];
  return n > 3 ? (BigInt(hi) << 48n) | BigInt(lo) : BigInt(lo);
}

function runLength(sorted: BigUint64Array): { keys: BigUint64Array; counts: Uint32Array } {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  const keys = new BigUint64Array(n);
  const counts = new Uint32Array(n);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) keys[++k] = sorted[i];
    counts[k]++;
  }
  return { keys, counts };
}

function indexOf(keys: BigUint64Array, key: bigint): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === key ? lo : -1;
}

/** Raw counts of all n-grams of order n lying inside one <s> … </s> clause. */
function countOrder(seq: Uint16Array, n: number): { keys: BigUint64Array; counts: Uint32Array } {
  const keys = new BigUint64Array(seq.length);
  let m = 0;
  let start = 0;
  for (let i = 0; i < seq.length; i++) {
    if (seq[i] === BOS_ID) { start = i; continue; }
    if (i - n + 1 >= start) keys[m++] = keyAt(seq, i, n);
  }
  return runLength(keys.subarray(0, m).sort());
}

/** minCounts[n-2] = minimum (adjusted) count to keep an n-gram of order n ≥ 2. */
export function estimateNgram(seq: Uint16Array, vocabSize: number, order: number, minCounts: number[]): BackoffNgram {
  const V = vocabSize;
  const N = order;
  // ng[n] for n = 2..N: sorted keys, adjusted counts (raw at top order and for <s>-initial n-grams)
  const ng: { keys: BigUint64Array; adj: Uint32Array; p: Float64Array; keep: Uint8Array; bow: Float64Array }[] = [];
  for (let n = N; n >= 2; n--) {
    const raw = countOrder(seq, n);
    const adj = raw.counts;
    if (n < N) {
      const upper = ng[n + 1].keys;
      const mask = (1n << shift(n)) - 1n;
      const suffix = new BigUint64Array(upper.length);
      for (let j = 0; j < upper.length; j++) suffix[j] = upper[j] & mask;
      const cont = runLength(suffix.sort());
      for (let j = 0, s = 0; j < raw.keys.length; j++) {
        if (Number(raw.keys[j] >> shift(n - 1)) === BOS_ID) continue;
        while (s < cont.keys.length && cont.keys[s] < raw.keys[j]) s++;
        if (s < cont.keys.length && cont.keys[s] === raw.keys[j]) adj[j] = cont.counts[s];
      }
    }
    const len = raw.keys.length;
    ng[n] = { keys: raw.keys, adj, p: new Float64Array(len), keep: new Uint8Array(len), bow: new Float64Array(len) };
  }
  // unigrams: continuation counts over bigram types, interpolated with uniform
  const uniAdj = new Uint32Array(V);
  for (const k of ng[2].keys) uniAdj[Number(k & 0xffffn)]++;
  const d1 = discounts(uniAdj);
  let s1 = 0;
  let g1 = 0;
  for (let w = 0; w < V; w++) { s1 += uniAdj[w]; g1 += disc(uniAdj[w], d1); }
  const p1 = new Float64Array(V);
  for (let w = 0; w < V; w++) p1[w] = w === BOS_ID ? 0 : Math.max(uniAdj[w] - disc(uniAdj[w], d1), 0) / s1 + g1 / s1 / (V - 1);
  // interpolated probabilities, bottom-up
  const stats: Record<string, unknown> = { tokens: seq.length, order: N, d1 };
  for (let n = 2; n <= N; n++) {
    const { keys, adj, p } = ng[n];
    const d = discounts(adj);
    stats[`d${n}`] = d;
    const mask = (1n << shift(n - 1)) - 1n;
    for (let j = 0; j < keys.length;) {
      const ctx = keys[j] >> 16n;
      let end = j;
      let sum = 0;
      let gamma = 0;
      while (end < keys.length && keys[end] >> 16n === ctx) { sum += adj[end]; gamma += disc(adj[end], d); end++; }
      for (let k = j; k < end; k++) {
        const lower = n === 2 ? p1[Number(keys[k] & 0xffffn)] : ng[n - 1].p[indexOf(ng[n - 1].keys, keys[k] & mask)];
        p[k] = (adj[k] - disc(adj[k], d)) / sum + (gamma / sum) * lower;
      }
      j = end;
    }
  }
  // pruning, top-down: keep by count; keep the context and the suffix of every kept n-gram
  for (let n = N; n >= 2; n--) {
    const { keys, adj, keep } = ng[n];
    for (let j = 0; j < keys.length; j++) {
      if (adj[j] >= minCounts[n - 2]) keep[j] = 1;
      if (!keep[j] || n === 2) continue;
      ng[n - 1].keep[indexOf(ng[n - 1].keys, keys[j] >> 16n)] = 1;
      ng[n - 1].keep[indexOf(ng[n - 1].keys, keys[j] & ((1n << shift(n - 1)) - 1n))] = 1;
    }
  }
  // backoff weights: bow(h) = (1 − Σ kept p(w|h)) / (1 − Σ kept p(w|h'))
  const uniLogBow = new Float32Array(V);
  const numer1 = new Float64Array(V);
  const denom1 = new Float64Array(V);
  for (let j = 0; j < ng[2].keys.length; j++) {
    if (!ng[2].keep[j]) continue;
    const v = Number(ng[2].keys[j] >> 16n);
    numer1[v] += ng[2].p[j];
    denom1[v] += p1[Number(ng[2].keys[j] & 0xffffn)];
  }
  for (let v = 0; v < V; v++) if (numer1[v] > 0) uniLogBow[v] = Math.log10(Math.max(1 - numer1[v], 1e-12) / Math.max(1 - denom1[v], 1e-12));
  for (let n = 3; n <= N; n++) {
    const { keys, keep, p } = ng[n];
    const mask = (1n << shift(n - 1)) - 1n;
    for (let j = 0; j < keys.length;) {
      const ctx = keys[j] >> 16n;
      let end = j;
      let numer = 0;
      let denom = 0;
      while (end < keys.length && keys[end] >> 16n === ctx) {
        if (keep[end]) { numer += p[end]; denom += ng[n - 1].p[indexOf(ng[n - 1].keys, keys[end] & mask)]; }
        end++;
      }
      if (numer > 0) ng[n - 1].bow[indexOf(ng[n - 1].keys, ctx)] = Math.log10(Math.max(1 - numer, 1e-12) / Math.max(1 - denom, 1e-12));
      j = end;
    }
  }
  // trie levels of kept entries; the parent of an n-gram is its context among kept (n−1)-grams
  const levels: BackoffLevel[] = [];
  let parentCount = V;
  let parentIndex: (ctx: bigint) => number = (ctx) => Number(ctx);
  for (let n = 2; n <= N; n++) {
    const { keys, keep, p, bow } = ng[n];
    let m = 0;
    for (let j = 0; j < keys.length; j++) if (keep[j]) m++;
    const start = new Uint32Array(parentCount + 1);
    const word = new Uint16Array(m);
    const logProb = new Float64Array(m);
    const logBow = new Float64Array(m);
    const keptKeys = new BigUint64Array(m);
    let k = 0;
    for (let j = 0; j < keys.length; j++) {
      if (!keep[j]) continue;
      start[parentIndex(keys[j] >> 16n) + 1]++;
      word[k] = Number(keys[j] & 0xffffn);
      logProb[k] = Math.log10(p[j]);
      logBow[k] = bow[j];
      keptKeys[k++] = keys[j];
    }
    for (let i = 0; i < parentCount; i++) start[i + 1] += start[i];
    levels.push({ start, word, logProb, logBow: n < N ? logBow : undefined });
    stats[`${n}gramTypes`] = keys.length;
    stats[`${n}gramsKept`] = m;
    parentCount = m;
    parentIndex = (ctx) => indexOf(keptKeys, ctx);
  }
  const uniLogProb = new Float32Array(V);
  for (let w = 0; w < V; w++) uniLogProb[w] = w === BOS_ID ? -99 : Math.log10(p1[w]);
  return { order: N, vocabSize: V, uniLogProb, uniLogBow, levels, stats };
}
