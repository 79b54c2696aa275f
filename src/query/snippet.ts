/**
 * Highlighted snippets: the window of the text (about `width` characters) holding the most
 * distinct query terms, cut at word boundaries, with each matching word marked.
 */
import { tokenize } from './fold.js';

export type HighlightStyle = 'ansi' | 'guillemets' | 'markdown' | 'none';

const MARKS: Record<HighlightStyle, [string, string]> = {
  ansi: ['\u001b[1m', '\u001b[22m'],
  guillemets: ['«', '»'],
  markdown: ['**', '**'],
  none: ['', ''],
};

export interface Snippet {
  text: string;
  /** Offsets [start, end) of the snippet in the document text. */
  start: number;
  end: number;
  /** Offsets of the highlighted words in the document text. */
  highlights: Array<{ start: number; end: number }>;
}

export function makeSnippet(text: string, queryTerms: string[], style: HighlightStyle, width = 200): Snippet {
  const wanted = new Set(queryTerms);
  const tokens = tokenize(text);
  const hits = tokens.filter((t) => wanted.has(t.term));
  let bestFrom = 0;
  let bestCount = 0;
  // Slide a window over the hits: the one covering most distinct terms, earliest on ties.
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<string>();
    for (let j = i; j < hits.length && hits[j].end - hits[i].start <= width; j++) seen.add(hits[j].term);
    if (seen.size > bestCount) [bestCount, bestFrom] = [seen.size, i];
  }
  const anchor = hits.length ? hits[bestFrom].start : 0;
  let start = Math.max(0, anchor - Math.floor(width / 4));
  let end = Math.min(text.length, start + width);
  while (start > 0 && /\S/.test(text[start - 1])) start--;
  while (end < text.length && /\S/.test(text[end])) end++;
  const inside = hits.filter((h) => h.start >= start && h.end <= end);
  const [open, close] = MARKS[style];
  let out = '';
  let at = start;
  for (const h of inside) {
    out += text.slice(at, h.start) + open + text.slice(h.start, h.end) + close;
    at = h.end;
  }
  out += text.slice(at, end);
  const flat = out.replace(/\s+/g, ' ').trim();
  return {
    text: `${start > 0 ? '…' : ''}${flat}${end < text.length ? '…' : ''}`,
    start,
    end,
    highlights: inside.map((h) => ({ start: h.start, end: h.end })),
  };
}
