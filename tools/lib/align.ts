import { foldKey } from '../../src/lang/fold.js';
/**
 * Alignment of OCR output with the text that was rendered: lines, then whitespace tokens,
 * then characters inside each aligned token pair. All three levels use one weighted
 * edit-distance DP with a backtrace; the costs differ per level.
 *
 * Costs compare folded keys (src/lang/fold.ts: lowercase, marks stripped, đ→d) as well as raw
 * strings, because the English model keeps the base letters of Vietnamese text far more often
 * than its marks: "nhiém" must align with "nhiệm" much more cheaply than with "nhiều".
 */

/** Plain Levenshtein distance over code points (for costs, not for backtraces). */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** Normalised dissimilarity in [0,1] of two strings: mostly skeleton distance, some raw distance. */
export function dissimilarity(source: string, observed: string): number {
  const len = Math.max([...source].length, [...observed].length, 1);
  const skel = levenshtein(foldKey(source), foldKey(observed)) / len;
  const raw = levenshtein(source, observed) / len;
  return Math.min(1, 0.75 * skel + 0.25 * raw);
}

/** One step of an alignment: `source` items i..i+sourceLen map to `observed` items j..j+observedLen. */
export interface AlignStep {
  sourceStart: number;
  sourceLen: number;
  observedStart: number;
  observedLen: number;
}

export interface AlignCosts<T> {
  /** Cost of aligning source[i..i+n) with observed[j..j+m) for each allowed (n,m) with n,m ≥ 1. */
  pair(source: T[], observed: T[]): number;
  /** Allowed block shapes [n,m] besides 1:1 (e.g. [2,1] for a merge, [1,2] for a split). */
  blocks?: Array<[number, number]>;
  deleteCost(item: T): number;
  insertCost(item: T): number;
}

/** Weighted sequence alignment with 1:1, n:m blocks, deletions and insertions; returns steps in order. */
export function alignSequences<T>(source: T[], observed: T[], costs: AlignCosts<T>): AlignStep[] {
  const n = source.length;
  const m = observed.length;
  const shapes: Array<[number, number]> = [[1, 1], ...(costs.blocks ?? [])];
  const width = m + 1;
  const dist = new Float64Array((n + 1) * width).fill(Infinity);
  const back = new Int32Array((n + 1) * width * 2);
  dist[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = i * width + j;
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bi = 0;
      let bj = 0;
      if (i > 0) {
        const c = dist[(i - 1) * width + j] + costs.deleteCost(source[i - 1]);
        if (c < best) [best, bi, bj] = [c, 1, 0];
      }
      if (j > 0) {
        const c = dist[i * width + j - 1] + costs.insertCost(observed[j - 1]);
        if (c < best) [best, bi, bj] = [c, 0, 1];
      }
      for (const [sn, om] of shapes) {
        if (i < sn || j < om) continue;
        const c = dist[(i - sn) * width + (j - om)] + costs.pair(source.slice(i - sn, i), observed.slice(j - om, j));
        if (c < best) [best, bi, bj] = [c, sn, om];
      }
      dist[here] = best;
      back[here * 2] = bi;
      back[here * 2 + 1] = bj;
    }
  }
  const steps: AlignStep[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = i * width + j;
    const sn = back[here * 2];
    const om = back[here * 2 + 1];
    steps.push({ sourceStart: i - sn, sourceLen: sn, observedStart: j - om, observedLen: om });
    i -= sn;
    j -= om;
  }
  return steps.reverse();
}

/** A source line index with the OCR line index aligned to it (−1 where OCR lost the line). */
export interface LinePair {
  source: string;
  observed: string;
}

/**
 * Align rendered source lines with OCR output lines. OCR may drop lines, emit noise lines
 * (speckles read as "."), or join two lines; a 2:1 block handles the join.
 */
export function alignLines(sourceLines: string[], observedLines: string[]): LinePair[] {
  const src = sourceLines.map((s) => s.trim());
  const obs = observedLines.map((s) => s.trim()).filter((s) => s.length > 0);
  const steps = alignSequences(src, obs, {
    pair: (a, b) => dissimilarity(a.join(' '), b.join(' ')) * 2 + (a.length + b.length - 2) * 0.4,
    blocks: [
      [2, 1],
      [1, 2],
    ],
    deleteCost: () => 1,
    // Speckle lines ("." or "'") are common OCR noise: cheap to skip, so they never glue onto a line.
    insertCost: (line) => (line.replace(/[^\p{L}\p{N}]/gu, '').length <= 1 ? 0.2 : 1),
  });
  const pairs: LinePair[] = [];
  for (const st of steps) {
    if (st.sourceLen === 0 || st.observedLen === 0) continue;
    const source = src.slice(st.sourceStart, st.sourceStart + st.sourceLen).join(' ');
    const observed = obs.slice(st.observedStart, st.observedStart + st.observedLen).join(' ');
    // A pair this dissimilar is not the same line read badly but a misalignment: skip it.
    if (dissimilarity(source, observed) > 0.6) continue;
    pairs.push({ source, observed });
  }
  return pairs;
}

/** Aligned tokens: `source` and `observed` are whitespace tokens joined by one space ('' if absent). */
export interface TokenPair {
  source: string;
  observed: string;
  /** 'sub' 1:1, 'merge' 2 source tokens → 1 observed, 'split' 1 → 2, 'del' source lost, 'ins' noise. */
  kind: 'sub' | 'merge' | 'split' | 'del' | 'ins';
}

export function tokenize(line: string): string[] {
  return line.split(/\s+/).filter((t) => t.length > 0);
}

export function alignTokens(sourceLine: string, observedLine: string): TokenPair[] {
  const src = tokenize(sourceLine.normalize('NFC'));
  const obs = tokenize(observedLine.normalize('NFC'));
  const steps = alignSequences(src, obs, {
    pair: (a, b) => dissimilarity(a.join(''), b.join('')) * 1.6 + (a.length + b.length - 2) * 0.8,
    blocks: [
      [2, 1],
      [1, 2],
    ],
    deleteCost: () => 1,
    insertCost: () => 1,
  });
  return steps.map((st) => {
    const source = src.slice(st.sourceStart, st.sourceStart + st.sourceLen).join(' ');
    const observed = obs.slice(st.observedStart, st.observedStart + st.observedLen).join(' ');
    const kind: TokenPair['kind'] =
      st.sourceLen === 0 ? 'ins' : st.observedLen === 0 ? 'del' : st.sourceLen === 2 ? 'merge' : st.observedLen === 2 ? 'split' : 'sub';
    return { source, observed, kind };
  });
}

/** One source character (or '' for an unattachable insertion) and what OCR made of it. */
export interface CharPair {
  source: string;
  observed: string;
}

function charSubCost(a: string, b: string): number {
  if (a === b) return 0;
  if (foldKey(a) === foldKey(b)) return 0.4; // same letter, different mark or case
  return 1;
}

/**
 * Align characters of one token pair. Each source character gets the observed substring it
 * became ('' = deleted). Inserted observed characters join the neighbouring non-identity
 * pair if there is one (ế → "¢é"), else the preceding source character, so the result
 * always covers the observed string exactly.
 */
export function alignChars(source: string, observed: string): CharPair[] {
  const src = [...source.normalize('NFC')];
  const obs = [...observed.normalize('NFC')];
  const steps = alignSequences(src, obs, {
    pair: (a, b) => charSubCost(a[0], b[0]),
    deleteCost: () => 1,
    insertCost: () => 1,
  });
  const pairs: CharPair[] = [];
  const pendingInserts: string[] = [];
  for (const st of steps) {
    const o = obs.slice(st.observedStart, st.observedStart + st.observedLen).join('');
    if (st.sourceLen === 0) {
      const last = pairs[pairs.length - 1];
      // Attach to a preceding garbled pair; otherwise hold it for the next source char.
      if (last && last.source !== last.observed) last.observed += o;
      else pendingInserts.push(o);
      continue;
    }
    const s = src[st.sourceStart];
    if (pendingInserts.length > 0) {
      const pre = pendingInserts.splice(0).join('');
      const last = pairs[pairs.length - 1];
      if (s !== o || !last) pairs.push({ source: s, observed: pre + o });
      else {
        last.observed += pre;
        pairs.push({ source: s, observed: o });
      }
      continue;
    }
    pairs.push({ source: s, observed: o });
  }
  if (pendingInserts.length > 0) {
    const rest = pendingInserts.join('');
    const last = pairs[pairs.length - 1];
    if (last) last.observed += rest;
    else pairs.push({ source: '', observed: rest });
  }
  return pairs;
}
