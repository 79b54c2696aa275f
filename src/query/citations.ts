/**
 * The citation graph. A reference "Kế hoạch số 25/KH-UBND ngày 20/02/2024 của UBND huyện
 * Trực Ninh" resolves to the archived document whose own number has the same symbol key.
 * Symbols are not unique nationally (every district issues a "25/KH-UBND"), so when several
 * documents share the key the reference's date and issuer choose among them; if that still
 * leaves a tie the reference stays unresolved rather than pointing at the wrong document.
 */
import type { DocMeta, RefMeta } from './doc-meta.js';
import { foldName } from './fold.js';

function issuerOverlap(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  const wa = new Set(foldName(a).split(' '));
  const wb = foldName(b).split(' ');
  return wb.filter((w) => wa.has(w)).length / Math.max(wa.size, wb.length);
}

/** Score of `doc` as the target of `ref`; -Infinity rules it out. */
function matchScore(ref: RefMeta, doc: DocMeta): number {
  let score = 0;
  if (ref.date && doc.issueDate) {
    if (ref.date === doc.issueDate) score += 2;
    else if (ref.date.slice(0, 4) === doc.issueDate.slice(0, 4)) score += 0.5;
    else return -Infinity;
  }
  return score + issuerOverlap(ref.issuer, doc.issuer);
}

export function resolveTarget(ref: RefMeta, byKey: Map<string, DocMeta[]>, citing: DocMeta): string | null {
  if (!ref.key) return null;
  const candidates = (byKey.get(ref.key) ?? []).filter((d) => d.docId !== citing.docId);
  let best: DocMeta | null = null;
  let bestScore = -Infinity;
  let tied = false;
  for (const doc of candidates) {
    const s = matchScore(ref, doc);
    if (s > bestScore) [best, bestScore, tied] = [doc, s, false];
    else if (s === bestScore) tied = true;
  }
  return best && bestScore > -Infinity && !tied ? best.docId : null;
}

export function docsByNumberKey(docs: DocMeta[]): Map<string, DocMeta[]> {
  const byKey = new Map<string, DocMeta[]>();
  for (const d of docs) {
    if (!d.numberKey) continue;
    const list = byKey.get(d.numberKey);
    if (list) list.push(d);
    else byKey.set(d.numberKey, [d]);
  }
  return byKey;
}

/** Set `cited` on every reference of every document (in place). */
export function resolveCitations(docs: DocMeta[]): void {
  const byKey = docsByNumberKey(docs);
  for (const doc of docs) for (const ref of doc.refs) ref.cited = resolveTarget(ref, byKey, doc);
}
