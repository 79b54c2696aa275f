/**
 * Restoration errors of the garbled seeds located on output words, for the review page's
 * measure "share of restoration errors shown as low-confidence". Seeds and gold are
 * line-aligned (../shared/fixtures/README.md); within a line, output words and gold words are
 * aligned by token edit distance under the scorer's token rule (textmetrics.mjs `tokens`). An
 * output word is an error when it is substituted or inserted; its confidence is the lowest of
 * the restored tokens it overlaps. Gold words the output dropped have no output word to mark
 * and are counted apart (`dropped`).
 */
import type { RestoreResult } from '../../src/restore/index.js';
import type { TextMetrics } from './dev-docs.js';

/** `first`…`last`: the restored tokens the word overlaps (indices into result.tokens; last < first when none). */
export interface SeedWord { start: number; end: number; confidence: number; error: boolean; first: number; last: number }

export function labelSeedWords(metrics: Pick<TextMetrics, 'tokens'>, gold: string, result: Pick<RestoreResult, 'text' | 'tokens'>): { words: SeedWord[]; dropped: number } {
  const words: SeedWord[] = [];
  let dropped = 0;
  const goldLines = gold.split('\n');
  let lineStart = 0;
  let k = 0; // restored-token cursor
  result.text.split('\n').forEach((line, li) => {
    const out: SeedWord[] = [];
    const outKeys: string[] = [];
    for (const m of line.matchAll(/\S+/g)) {
      const key = metrics.tokens(m[0]).join(' ');
      if (!key) continue;
      const start = lineStart + m.index!;
      const end = start + m[0].length;
      while (k < result.tokens.length && result.tokens[k].end <= start) k++;
      let confidence = 1;
      let j = k;
      for (; j < result.tokens.length && result.tokens[j].start < end; j++) confidence = Math.min(confidence, result.tokens[j].confidence);
      out.push({ start, end, confidence, error: false, first: k, last: j - 1 });
      outKeys.push(key);
    }
    const goldKeys = metrics.tokens(goldLines[li] ?? '');
    // Edit-distance alignment (substitution, insertion, deletion cost 1), then a backtrace.
    const n = outKeys.length;
    const g = goldKeys.length;
    const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: g + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= n; i++) {
      for (let j = 1; j <= g; j++) d[i][j] = Math.min(d[i - 1][j - 1] + (outKeys[i - 1] === goldKeys[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1);
    }
    let i = n;
    let j = g;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (outKeys[i - 1] === goldKeys[j - 1] ? 0 : 1)) {
        if (outKeys[i - 1] !== goldKeys[j - 1]) out[i - 1].error = true;
        i--; j--;
      } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
        out[i - 1].error = true;
        i--;
      } else {
        dropped++;
        j--;
      }
    }
    words.push(...out);
    lineStart += line.length + 1;
  });
  return { words, dropped };
}
