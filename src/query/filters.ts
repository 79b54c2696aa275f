/** Structured filters over the index's document summaries. */
import Fuse from 'fuse.js';
import type { DocMeta } from './doc-meta.js';
import { foldName, foldText } from './fold.js';
import { placeAliases } from './place-aliases.js';

export interface QueryFilters {
  /** Document type, accent-insensitive, e.g. "ke hoach" or "Quyết định". */
  type?: string;
  /** Issuing body, fuzzy and accent-insensitive; abbreviations (UBND, HĐND…) expanded. */
  issuer?: string;
  /**
   * Place on the place/date line, accent-insensitive substring; also the units linked to it by
   * the 2025 reorganisation (src/query/place-aliases.ts), matched as whole words.
   */
  place?: string;
  /** Issue date range (ISO dates, inclusive); either end may be open. */
  issuedFrom?: string;
  issuedTo?: string;
  /** Documents whose period [from, to] overlaps this range. */
  periodFrom?: string;
  periodTo?: string;
  /** Documents with a deadline inside this range. */
  deadlineFrom?: string;
  deadlineTo?: string;
  /** Quota unit, accent-insensitive ("tap the", "cá nhân"); "%" for percentage targets. */
  quotaUnit?: string;
}

/** Field values repeat across an archive (types, places, issuers): fold each distinct one once. */
const foldCache = new Map<string, string>();
function folded(s: string | null): string {
  if (!s) return '';
  let f = foldCache.get(s);
  if (f === undefined) {
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(s, (f = foldText(s).replace(/\s+/g, ' ').trim()));
  }
  return f;
}

function inRange(date: string | null, from?: string, to?: string): boolean {
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

/** Issuer names matching `query` under Fuse's token-wise fuzzy AND (extended search). */
export function matchingIssuers(names: string[], query: string): Set<string> {
  const items = names.map((name) => ({ name, key: foldName(name) }));
  const fuse = new Fuse(items, { keys: ['key'], threshold: 0.3, ignoreLocation: true, useExtendedSearch: true, includeScore: true });
  // Each folded word becomes one fuzzy term; whitespace is AND in Fuse's extended syntax.
  const pattern = foldName(query)
    .split(' ')
    .filter(Boolean)
    .join(' ');
  if (!pattern) return new Set(names);
  return new Set(fuse.search(pattern).map((r) => r.item.name));
}

/** A predicate per filter given; all must hold. */
export function compileFilters(docs: DocMeta[], f: QueryFilters): Array<(d: DocMeta) => boolean> {
  const preds: Array<(d: DocMeta) => boolean> = [];
  if (f.type) {
    const want = folded(f.type);
    preds.push((d) => folded(d.documentType).startsWith(want));
  }
  if (f.issuer) {
    const names = [...new Set(docs.map((d) => d.issuer).filter((n): n is string => !!n))];
    const ok = matchingIssuers(names, f.issuer);
    preds.push((d) => !!d.issuer && ok.has(d.issuer));
  }
  if (f.place) {
    const [want, ...linked] = placeAliases(f.place);
    const words = linked.map((a) => ` ${a} `);
    preds.push((d) => {
      const place = folded(d.place);
      return place.includes(want!) || words.some((w) => ` ${place} `.includes(w));
    });
  }
  if (f.issuedFrom || f.issuedTo) preds.push((d) => inRange(d.issueDate, f.issuedFrom, f.issuedTo));
  if (f.periodFrom || f.periodTo) {
    // A missing start is taken as the issue date; a period with neither end is unknown.
    preds.push((d) => {
      const from = d.periodFrom ?? d.issueDate;
      const to = d.periodTo;
      if (!from && !to) return false;
      return (!f.periodTo || !from || from <= f.periodTo) && (!f.periodFrom || !to || to >= f.periodFrom);
    });
  }
  if (f.deadlineFrom || f.deadlineTo) preds.push((d) => d.deadlines.some((x) => inRange(x, f.deadlineFrom, f.deadlineTo)));
  if (f.quotaUnit) {
    const want = f.quotaUnit.trim() === '%' ? '%' : folded(f.quotaUnit);
    preds.push((d) => d.quotaUnits.some((u) => (want === '%' ? u === '%' : u.includes(want))));
  }
  return preds;
}
