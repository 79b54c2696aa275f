/**
 * Multi-word term mining from in-domain text: syllable n-grams (2–4) scored by frequency and
 * by the weakest-split PMI (an n-gram is a term only if no split point separates two parts
 * that merely co-occur by chance). Function words may not begin or end a term.
 */

/**
 * Vietnamese function syllables that cannot start or end an administrative term. This is
 * linguistic knowledge (prepositions, conjunctions, classifiers, copulas), not corpus-fitted.
 */
export const FUNCTION_SYLLABLES = new Set(
  (
    'và của các những là có được cho với trong theo để này đó đã sẽ đang thì mà về từ tại do ' +
    'bị khi nếu hoặc hay cũng như một hai ba không chưa đến ra vào lên trên dưới sau trước ' +
    'nào gì ai nơi việc sự cuộc nhằm bằng qua giữa vì nên rằng tới ở đây kia ấy ngày tháng năm'
  ).split(' '),
);

export interface TermCandidate {
  /** Lowercase key "ủy ban nhân dân". */
  key: string;
  /** Most frequent surface form "Ủy ban nhân dân". */
  surface: string;
  count: number;
  /** Minimum PMI (natural log) over split points. */
  pmi: number;
}

/** Split a line into runs of letter-only syllables; punctuation and digits break runs. */
export function syllableRuns(line: string): string[][] {
  const runs: string[][] = [];
  let cur: string[] = [];
  for (const tok of line.normalize('NFC').split(/\s+/)) {
    const core = tok.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const clean = core.length > 0 && /^\p{L}+$/u.test(core) && core.length <= 7;
    if (clean) cur.push(core);
    if (!clean || core !== tok) {
      // Trailing punctuation ends the run after this syllable; leading punctuation starts a new one.
      if (cur.length > 0) runs.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) runs.push(cur);
  return runs;
}

export class NgramCounter {
  readonly counts = new Map<string, number>();
  readonly surfaces = new Map<string, Map<string, number>>();
  unigramTotal = 0;
  constructor(readonly maxN = 4) {}

  addLine(line: string, weight = 1): void {
    for (const run of syllableRuns(line)) {
      const lower = run.map((s) => s.toLowerCase());
      this.unigramTotal += run.length * weight;
      for (let i = 0; i < run.length; i++) {
        for (let n = 1; n <= this.maxN && i + n <= run.length; n++) {
          const key = lower.slice(i, i + n).join(' ');
          this.counts.set(key, (this.counts.get(key) ?? 0) + weight);
          if (n >= 2) {
            let s = this.surfaces.get(key);
            if (!s) this.surfaces.set(key, (s = new Map()));
            const surface = run.slice(i, i + n).join(' ');
            s.set(surface, (s.get(surface) ?? 0) + weight);
          }
        }
      }
    }
  }

  /** Drop n-grams (n ≥ 2) below `min` to bound memory during long passes. */
  prune(min: number): void {
    for (const [k, c] of this.counts) {
      if (c < min && k.includes(' ')) {
        this.counts.delete(k);
        this.surfaces.delete(k);
      }
    }
  }

  /** `minCount(n)`: frequency floor for an n-syllable term (longer terms are rarer but more specific). */
  candidates(minCount: (syllables: number) => number, minPmi: number): TermCandidate[] {
    const N = this.unigramTotal;
    // Largest count of a one-syllable extension on either side: a term that is nearly always
    // extended ("tình hình thực" → "tình hình thực hiện") is a fragment, not a term.
    const maxExtension = new Map<string, number>();
    for (const [key, count] of this.counts) {
      const parts = key.split(' ');
      if (parts.length < 3) continue;
      for (const inner of [parts.slice(1).join(' '), parts.slice(0, -1).join(' ')]) {
        if ((maxExtension.get(inner) ?? 0) < count) maxExtension.set(inner, count);
      }
    }
    const out: TermCandidate[] = [];
    for (const [key, count] of this.counts) {
      if (!key.includes(' ')) continue;
      const parts = key.split(' ');
      if (count < minCount(parts.length)) continue;
      if ((maxExtension.get(key) ?? 0) >= 0.7 * count) continue;
      if (FUNCTION_SYLLABLES.has(parts[0]) || FUNCTION_SYLLABLES.has(parts[parts.length - 1])) continue;
      let pmi = Infinity;
      for (let k = 1; k < parts.length; k++) {
        const left = this.counts.get(parts.slice(0, k).join(' '));
        const right = this.counts.get(parts.slice(k).join(' '));
        if (!left || !right) {
          pmi = -Infinity;
          break;
        }
        pmi = Math.min(pmi, Math.log((count * N) / (left * right)));
      }
      if (pmi < minPmi) continue;
      const surfaces = [...(this.surfaces.get(key) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
      out.push({ key, surface: surfaces[0]?.[0] ?? key, count, pmi });
    }
    return out;
  }
}

/**
 * Remove sub-terms that almost only occur inside a longer kept term ("ủy ban nhân" inside
 * "ủy ban nhân dân"): a shorter n-gram is dropped when a longer one containing it keeps
 * at least `ratio` of its count.
 */
export function dropSubsumed(terms: TermCandidate[], ratio = 0.8): TermCandidate[] {
  const byKey = new Map(terms.map((t) => [t.key, t]));
  const drop = new Set<string>();
  for (const t of terms) {
    const parts = t.key.split(' ');
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 2; j <= parts.length; j++) {
        if (j - i === parts.length) continue;
        const sub = byKey.get(parts.slice(i, j).join(' '));
        if (sub && t.count >= ratio * sub.count) drop.add(sub.key);
      }
    }
  }
  return terms.filter((t) => !drop.has(t.key));
}
