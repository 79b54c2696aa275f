/**
 * Free-text search over the restored text: BM25 (k1 = 1.2, b = 0.75) on folded terms, so
 * "cai cach hanh chinh" and "cải cách hành chính" are the same query. Documents that contain
 * every query term rank above those that contain only some (coordination factor), since a
 * Vietnamese word is several syllables and a partial match is usually a different word.
 */
import type { DocMeta } from './doc-meta.js';
import { terms } from './fold.js';
import type { TermTable } from './index-store.js';

const K1 = 1.2;
const B = 0.75;

export interface TextHit {
  ordinal: number;
  score: number;
}

function findTerm(table: TermTable, term: string): number {
  let lo = 0;
  let hi = table.terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = table.terms[mid];
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function queryTerms(query: string): string[] {
  return [...new Set(terms(query))];
}

/**
 * Ranked documents for `query`, restricted to `allowed` ordinals when given; with `allTerms`
 * only documents containing every query term.
 */
export function searchText(table: TermTable, docs: DocMeta[], query: string, allowed?: Uint8Array, allTerms = false): TextHit[] {
  const qTerms = queryTerms(query);
  if (!qTerms.length) return [];
  const n = docs.length;
  let totalLength = 0;
  for (const d of docs) totalLength += d.length;
  const avgLength = totalLength / Math.max(1, n);
  const scores = new Float64Array(n);
  const matched = new Uint8Array(n);
  for (const term of qTerms) {
    const i = findTerm(table, term);
    if (i < 0) continue;
    const from = table.starts[i] * 2;
    const to = table.starts[i + 1] * 2;
    const df = (to - from) / 2;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let p = from; p < to; p += 2) {
      const ord = table.pairs[p];
      if (allowed && !allowed[ord]) continue;
      const tf = table.pairs[p + 1];
      const norm = tf + K1 * (1 - B + (B * docs[ord].length) / avgLength);
      scores[ord] += (idf * tf * (K1 + 1)) / norm;
      matched[ord]++;
    }
  }
  const hits: TextHit[] = [];
  for (let ord = 0; ord < n; ord++) {
    if (matched[ord] && (!allTerms || matched[ord] === qTerms.length)) hits.push({ ordinal: ord, score: scores[ord] * (matched[ord] / qTerms.length) ** 2 });
  }
  return hits.sort((a, b) => b.score - a.score || a.ordinal - b.ordinal);
}
