/**
 * Fuzzy candidates for garbled tokens the look-alike rules cannot reach ("chtc" = chức,
 * "gtri" = gửi, "hi¢u" = hiệu, "nudec" = nước): syllable skeletons within a small edit
 * distance are found with a symmetric-deletion index (SymSpell), then every accented variant
 * is scored by a weighted alignment under the learned character channel
 * (dictionaries/channel ocr-eng.json: P(observed substring | source char)), so the cost is
 * −ln P(observed | syllable) with fixed penalties for edits the tables never saw.
 */
import { skeletonKey } from './text.js';

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

  /** skeletons: the syllable skeletons that have offerable variants. */
  constructor(skeletons: Iterable<string>, private readonly charProbs: Map<string, Map<string, number>>) {
    for (const sk of skeletons) for (const d of deletions(sk)) {
      const list = this.deletes.get(d);
      if (list) { if (list[list.length - 1] !== sk) list.push(sk); } else this.deletes.set(d, [sk]);
    }
  }

  /** Skeletons near the observed token (lowercase), by shared deletions. */
  neighbours(observed: string): Set<string> {
    const raw = skeletonKey(observed);
    const mapped = [...raw].map((c) => GLYPH_LETTERS[c] ?? c).join('');
    const found = new Set<string>();
    for (const key of new Set([raw, mapped])) {
      if (!key) continue;
      for (const d of deletions(key)) for (const sk of this.deletes.get(d) ?? []) found.add(sk);
    }
    return found;
  }

  /** −ln P(observed | source) by the best char alignment (each source char → 0..3 observed chars). */
  cost(source: string, observed: string): number {
    const src = [...source];
    const obs = [...observed];
    const m = src.length;
    const len = obs.length;
    let prev = new Float64Array(len + 1).fill(Infinity);
    prev[0] = 0;
    for (let j = 1; j <= len; j++) prev[j] = prev[j - 1] + INSERT;
    for (let i = 0; i < m; i++) {
      const cur = new Float64Array(len + 1).fill(Infinity);
      const s = src[i];
      const probs = this.charProbs.get(s);
      const base = skeletonKey(s);
      for (let j = 0; j <= len; j++) {
        const from = prev[j];
        if (from === Infinity) continue;
        let sub = '';
        for (let l = 0; l <= MAX_SUBSTRING && j + l <= len; l++) {
          if (l > 0) sub += obs[j + l - 1];
          const p = probs?.get(sub);
          let step: number;
          if (p !== undefined && p > 0) step = -Math.log(p);
          else if (l === 0) step = DELETE;
          else if (l === 1) step = sub === s ? 0 : sub === base ? MARK_LOST : SUBSTITUTE;
          else continue;
          if (from + step < cur[j + l]) cur[j + l] = from + step;
        }
      }
      // Observed characters no source character produced (stray marks, glued punctuation).
      for (let j = 1; j <= len; j++) if (cur[j - 1] + INSERT < cur[j]) cur[j] = cur[j - 1] + INSERT;
      prev = cur;
    }
    return prev[len];
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
