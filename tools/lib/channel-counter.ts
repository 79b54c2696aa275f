/**
 * Counting aligned (source, observed) material into channel tables (the on-disk format of
 * dictionaries/channel/ocr-<model>.json is src/data/channel-table.ts).
 */
import type { ChannelTable, Counts } from '../../src/data/channel-table.js';
import { alignChars, alignLines, alignTokens } from './align.js';

export type { ChannelTable, Counts };

const PUNCT = /^[.,;:!?"'()“”‘’\-–…]$/u;

/**
 * Trim punctuation at token edges so pairs are about syllables: first the edge characters both
 * sides share ("đích," / "dich,"), then source punctuation OCR lost, then observed punctuation
 * that is plain punctuation (but not '|', '&', '¢'…, which are often garbled letters).
 */
export function trimTokenPair(source: string, observed: string): { source: string; observed: string } {
  let s = [...source];
  let o = [...observed];
  while (s.length > 1 && o.length > 1 && s[s.length - 1] === o[o.length - 1] && !/[\p{L}\p{N}]/u.test(s[s.length - 1])) {
    s.pop();
    o.pop();
  }
  while (s.length > 1 && o.length > 1 && s[0] === o[0] && !/[\p{L}\p{N}]/u.test(s[0])) {
    s.shift();
    o.shift();
  }
  const isEdge = (c: string) => PUNCT.test(c);
  while (s.length > 1 && isEdge(s[s.length - 1])) s.pop();
  while (s.length > 1 && isEdge(s[0])) s.shift();
  while (o.length > 1 && isEdge(o[o.length - 1])) o.pop();
  while (o.length > 1 && isEdge(o[0])) o.shift();
  return { source: s.join(''), observed: o.join('') };
}

function bump(table: Map<string, Map<string, number>>, outer: string, inner: string, by = 1): void {
  let m = table.get(outer);
  if (!m) table.set(outer, (m = new Map()));
  m.set(inner, (m.get(inner) ?? 0) + by);
}

export class ChannelCounter {
  pages = 0;
  lines = 0;
  tokens = 0;
  deletedTokens = 0;
  private tokenPairs = new Map<string, Map<string, number>>();
  private sourceCounts = new Map<string, number>();
  private chars = new Map<string, Map<string, number>>();
  private charsFolded = new Map<string, Map<string, number>>();
  private merges = new Map<string, Map<string, number>>();
  private splits = new Map<string, Map<string, number>>();
  private inserted = new Map<string, number>();

  /** Add one OCR'd page: the lines drawn and the lines OCR returned. */
  addPage(sourceLines: string[], observedLines: string[]): void {
    this.pages++;
    for (const pair of alignLines(sourceLines, observedLines)) this.addLine(pair.source, pair.observed);
  }

  addLine(sourceLine: string, observedLine: string): void {
    this.lines++;
    for (const tp of alignTokens(sourceLine, observedLine)) {
      if (tp.kind === 'ins') {
        this.inserted.set(tp.observed, (this.inserted.get(tp.observed) ?? 0) + 1);
        continue;
      }
      this.tokens += tp.kind === 'merge' ? 2 : 1;
      if (tp.kind === 'del') {
        this.deletedTokens++;
        continue;
      }
      if (tp.kind === 'merge') {
        bump(this.merges, tp.observed, tp.source);
        continue;
      }
      if (tp.kind === 'split') {
        bump(this.splits, tp.observed, tp.source);
        continue;
      }
      const { source, observed } = trimTokenPair(tp.source, tp.observed);
      bump(this.tokenPairs, observed, source);
      this.sourceCounts.set(source, (this.sourceCounts.get(source) ?? 0) + 1);
      for (const cp of alignChars(source, observed)) {
        bump(this.chars, cp.source, cp.observed);
        bump(this.charsFolded, cp.source.toLowerCase(), cp.observed.toLowerCase());
      }
    }
  }

  /**
   * Serialise with pruning: token pairs seen once are dropped when observed == source (they
   * carry no confusion information and dominate the size); everything else is kept until
   * `maxTokenKeys` observed tokens, most frequent first.
   */
  toTable(model: string, maxTokenKeys = 60000): ChannelTable {
    const tokenEntries: Array<[string, Record<string, number>, number]> = [];
    for (const [obs, inner] of this.tokenPairs) {
      const kept: Record<string, number> = {};
      let total = 0;
      for (const [src, n] of inner) {
        if (n < 2 && src === obs) continue;
        kept[src] = n;
        total += n;
      }
      if (total > 0) tokenEntries.push([obs, kept, total]);
    }
    tokenEntries.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    const tokenPairs: Counts = {};
    for (const [obs, kept] of tokenEntries.slice(0, maxTokenKeys)) tokenPairs[obs] = kept;
    const sourceCounts: Record<string, number> = {};
    for (const [src, n] of [...this.sourceCounts].sort((a, b) => b[1] - a[1])) sourceCounts[src] = n;
    return {
      model,
      builtAt: new Date().toISOString(),
      pages: this.pages,
      lines: this.lines,
      tokens: this.tokens,
      tokenPairs,
      sourceCounts,
      charConfusions: toCounts(this.chars),
      charConfusionsFolded: toCounts(this.charsFolded),
      splitsMerges: { merge: toCounts(this.merges), split: toCounts(this.splits) },
      deletedTokens: this.deletedTokens,
      insertedTokens: Object.fromEntries([...this.inserted].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])),
      pruning: `tokenPairs: identity pairs seen once dropped; at most ${maxTokenKeys} observed tokens. insertedTokens: count >= 2.`,
    };
  }
}

function toCounts(table: Map<string, Map<string, number>>): Counts {
  const out: Counts = {};
  for (const key of [...table.keys()].sort()) {
    const inner = [...table.get(key)!].sort((a, b) => b[1] - a[1]);
    out[key] = Object.fromEntries(inner);
  }
  return out;
}

/** The most frequent non-identity character confusions, with P(observed | source). */
export function topConfusions(counts: Counts, limit: number): Array<{ source: string; observed: string; count: number; p: number }> {
  const rows: Array<{ source: string; observed: string; count: number; p: number }> = [];
  for (const [src, inner] of Object.entries(counts)) {
    const total = Object.values(inner).reduce((a, b) => a + b, 0);
    for (const [obs, n] of Object.entries(inner)) {
      if (obs !== src) rows.push({ source: src, observed: obs, count: n, p: n / total });
    }
  }
  return rows.sort((a, b) => b.count - a.count).slice(0, limit);
}
