/**
 * Fuzzy candidates for garbled tokens the look-alike rules cannot reach ("chtc" = chức,
 * "gtri" = gửi, "hi¢u" = hiệu, "nudec" = nước): syllable skeletons within a small edit
 * distance are found with a symmetric-deletion index (SymSpell), then every accented variant
 * is scored by a weighted alignment under the learned character channel
 * (dictionaries/channel ocr-eng.json: P(observed substring | source char)), so the cost is
 * −ln P(observed | syllable) with fixed penalties for edits the tables never saw.
 */
import { charSkeleton } from './text.js';
import { foldKey } from '../lang/fold.js';

/** Penalties (nats) for edits outside the learned tables. */
const SUBSTITUTE = 6;
const DELETE = 6;
const INSERT = 5;
/** A source letter read as its bare base letter when the table has no entry (mark lost). */
const MARK_LOST = 1;
const MAX_DELETES = 2;
const MAX_SUBSTRING = 3;
/** Digits and symbols Latin OCR writes for letters: a second lookup key with them mapped back. */
const GLYPH_LETTERS: Record<string, string> = { '1': 'l', '6': 'o', '0': 'o', '&': 'e', '€': 'e', '¢': 'e', '4': 'a', '3': 'a', '2': 'a', '9': 'g', '5': 's', '8': 'e', '§': '', '¥': 'y', '@': 'a' };

export class FuzzyIndex {
  private readonly deletes = new Map<string, string[]>();
  /** cost()'s scratch: the last observed token, its substrings and step costs per source char; two DP rows. */
  private observed = '';
  private observedLength = 0;
  private substrings: readonly string[] = [''];
  private readonly steps = new Map<string, Float64Array>();
  private rowA = new Float64Array(8);
  private rowB = new Float64Array(8);
  private readonly sourceChars = new Map<string, readonly string[]>();

  /** Every learned probability is at most 1, so no alignment step has a negative cost (cost's early stop relies on it). */
  private readonly stepsNonNegative: boolean;

  /** skeletons: the syllable skeletons that have offerable variants. */
  constructor(skeletons: Iterable<string>, private readonly charProbs: Map<string, Map<string, number>>) {
    this.stepsNonNegative = [...charProbs.values()].every((row) => [...row.values()].every((p) => !(p > 1)));
    for (const sk of skeletons) for (const d of deletions(sk)) {
      const list = this.deletes.get(d);
      if (list) { if (list[list.length - 1] !== sk) list.push(sk); } else this.deletes.set(d, [sk]);
    }
  }

  /** Skeletons near the observed token (lowercase), by shared deletions. */
  neighbours(observed: string): Set<string> {
    const raw = foldKey(observed);
    const mapped = [...raw].map((c) => GLYPH_LETTERS[c] ?? c).join('');
    const found = new Set<string>();
    for (const key of new Set([raw, mapped])) {
      if (!key) continue;
      for (const d of deletions(key)) for (const sk of this.deletes.get(d) ?? []) found.add(sk);
    }
    return found;
  }

  /**
   * −ln P(observed | source) by the best char alignment (each source char → 0..3 observed
   * chars). With `bound`, a cost above it may come back as any value above it: the search
   * stops once a whole DP row exceeds the bound (every step costs ≥ 0, so no row gets cheaper).
   */
  cost(source: string, observed: string, bound = Infinity): number {
    this.prepare(observed);
    const len = this.observedLength;
    const width = MAX_SUBSTRING + 1;
    let prev = this.rowA;
    let cur = this.rowB;
    prev.fill(Infinity, 0, len + 1);
    prev[0] = 0;
    for (let j = 1; j <= len; j++) prev[j] = prev[j - 1] + INSERT;
    for (const s of this.charsOf(source)) {
      cur.fill(Infinity, 0, len + 1);
      const steps = this.stepsFor(s);
      for (let j = 0; j <= len; j++) {
        const from = prev[j];
        if (from === Infinity) continue;
        for (let l = 0; l <= MAX_SUBSTRING && j + l <= len; l++) {
          const step = steps[j * width + l];
          if (step !== step) continue; // NaN: no such step
          if (from + step < cur[j + l]) cur[j + l] = from + step;
        }
      }
      // Observed characters no source character produced (stray marks, glued punctuation).
      for (let j = 1; j <= len; j++) if (cur[j - 1] + INSERT < cur[j]) cur[j] = cur[j - 1] + INSERT;
      if (bound < Infinity && this.stepsNonNegative) {
        let rowMin = cur[0];
        for (let j = 1; j <= len; j++) if (cur[j] < rowMin) rowMin = cur[j];
        if (rowMin > bound) return rowMin;
      }
      const done = prev;
      prev = cur;
      cur = done;
    }
    return prev[len];
  }

  /**
   * The candidate search scores many syllables against one observed token, and the same
   * source characters recur: per observed token, its substrings are cut once and each source
   * character's step costs (to 0..MAX_SUBSTRING observed chars at each position) computed once.
   */
  private prepare(observed: string): void {
    if (observed === this.observed) return;
    const chars = [...observed];
    const width = MAX_SUBSTRING + 1;
    const substrings = new Array<string>((chars.length + 1) * width);
    for (let j = 0; j <= chars.length; j++) {
      let sub = '';
      substrings[j * width] = sub;
      for (let l = 1; l <= MAX_SUBSTRING; l++) {
        if (j + l <= chars.length) sub += chars[j + l - 1];
        substrings[j * width + l] = sub;
      }
    }
    this.observed = observed;
    this.observedLength = chars.length;
    this.substrings = substrings;
    this.steps.clear();
    if (this.rowA.length < chars.length + 1) { this.rowA = new Float64Array(chars.length + 1); this.rowB = new Float64Array(chars.length + 1); }
  }

  /** Step costs of source char `s` against the prepared observed token: [j * (MAX_SUBSTRING + 1) + l], NaN where no step. */
  private stepsFor(s: string): Float64Array {
    let steps = this.steps.get(s);
    if (steps !== undefined) return steps;
    const len = this.observedLength;
    const width = MAX_SUBSTRING + 1;
    steps = new Float64Array((len + 1) * width).fill(NaN);
    const probs = this.charProbs.get(s);
    const base = charSkeleton(s);
    for (let j = 0; j <= len; j++) {
      for (let l = 0; l <= MAX_SUBSTRING && j + l <= len; l++) {
        const sub = this.substrings[j * width + l];
        const p = probs?.get(sub);
        if (p !== undefined && p > 0) steps[j * width + l] = -Math.log(p);
        else if (l === 0) steps[j * width + l] = DELETE;
        else if (l === 1) steps[j * width + l] = sub === s ? 0 : sub === base ? MARK_LOST : SUBSTITUTE;
      }
    }
    this.steps.set(s, steps);
    return steps;
  }

  /** A source word's code points (source words recur across observed tokens; bounded memo). */
  private charsOf(source: string): readonly string[] {
    let chars = this.sourceChars.get(source);
    if (chars === undefined) {
      chars = [...source];
      if (this.sourceChars.size >= 50_000) this.sourceChars.clear();
      this.sourceChars.set(source, chars);
    }
    return chars;
  }
}

function deletions(word: string): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < MAX_DELETES; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const x = w.slice(0, i) + w.slice(i + 1);
        if (x && !out.has(x)) { out.add(x); next.push(x); }
      }
    }
    frontier = next;
  }
  return out;
}
