/**
 * Syllable accuracy by the judges' scorer (textmetrics.mjs --lines), called line by line and
 * summed: the same syllable errors, without its whole-text CER, which is quadratic in the
 * text's length (seconds per seed).
 */
import { score } from './textmetrics.mjs';

export interface SyllableScore { syllables: number; errors: number; accuracy: number }

/** Line i of `hyp` against line i of `gold`, summed over one or more documents. */
export function syllableAccuracy(...pairs: [gold: string, hyp: string][]): SyllableScore {
  let syllables = 0;
  let errors = 0;
  for (const [gold, hyp] of pairs) {
    const g = gold.split(/\r?\n/);
    const h = hyp.split(/\r?\n/);
    for (let i = 0; i < Math.max(g.length, h.length); i++) {
      const r = score(g[i] ?? '', h[i] ?? '', true);
      syllables += r.syllables;
      errors += r.errors;
    }
  }
  return { syllables, errors, accuracy: 1 - errors / Math.max(1, syllables) };
}
