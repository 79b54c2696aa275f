/**
 * Quotas: counts with units ("05 tập thể, 10 cá nhân", "không quá: 02 tập thể, 03 cá
 * nhân") and percentage targets with what they apply to ("Tối thiểu 65% số hồ sơ TTHC …").
 * A clause with two targets gives two entries.
 */
import type { OutlineNode } from '../schema/document.js';
import { sectionAt } from '../segment/outline.js';
import { editDistance, flat, fold } from './text.js';

export interface Quota {
  text: string;
  items?: { count: number; unit: string }[];
  percent?: number;
  subject?: string | null;
  qualifier?: string | null;
  section: string | null;
  confidence: number;
  provenance: { section: string | null; start: number; end: number };
}

/** Units that awards and targets are counted in. */
const UNITS = [
  'tập thể', 'cá nhân', 'đơn vị', 'cơ quan', 'tổ chức', 'hộ gia đình', 'người', 'lượt', 'sáng kiến', 'mô hình',
  'gương điển hình', 'điển hình', 'suất', 'giải', 'hồ sơ', 'doanh nghiệp', 'công trình', 'đề tài', 'xã', 'thôn',
  'hộ gia đình', 'gia đình', 'hộ', 'đảng viên', 'đoàn viên', 'hội viên', 'học sinh', 'giáo viên', 'chi bộ', 'tổ dân phố',
  'công chức', 'cán bộ',
];
const UNIT_RE = new RegExp(
  String.raw`(?<![\d/.,])(\d{1,4})\s+(${UNITS.map((u) => fold(u).replace(/ /g, '\\s+')).join('|')})(?![a-z])`,
  'g',
);
const UNIT_BY_FOLDED = new Map(UNITS.map((u) => [fold(u), u]));
const QUALIFIERS = ['khong qua', 'toi da', 'toi thieu', 'it nhat', 'tren', 'dat tu', 'dat', 'tu'];
const PERCENT_RE = /(?<![\d,])(\d{1,3}(?:,\d{1,2})?)\s?%/g;
/** Confidence of a quota, by how much of it was read: a whole clause around a percentage or a counted list scores higher than a bare percentage. */
const CONFIDENCE = { list: 0.85, percentInClause: 0.85, percentAlone: 0.5 } as const;

/** Clause around an offset: from after the previous ";"/". "/line start to before the next. */
function clauseAt(text: string, at: number, end: number): { start: number; end: number } {
  let s = at;
  while (s > 0) {
    const c = text[s - 1]!;
    if (c === ';' || c === '\n' || (c === ' ' && /[.:]/.test(text[s - 2] ?? '') && !/\d/.test(text[s - 3] ?? ''))) break;
    s--;
  }
  let e = end;
  while (e < text.length) {
    const c = text[e]!;
    if (c === ';' || c === '\n' || (c === '.' && /\s|$/.test(text[e + 1] ?? ''))) break;
    e++;
  }
  // Drop a leading outline marker ("5." in "5.100% TTHC") and spaces.
  const lead = /^\s*(?:[-+•]\s*|\d{1,2}\s?\.(?!\d{1,2}\s?%)\s*|\d{1,2}\.(?=\d{1,3}\s?%))?/.exec(text.slice(s, e));
  if (lead) s += lead[0].length;
  while (e > s && /[\s,.]/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

export function extractQuotas(text: string, folded: string, outline: OutlineNode[], bounds: { start: number; end: number }): Quota[] {
  const out: Quota[] = [];
  const body = folded.slice(bounds.start, bounds.end);
  // Count quotas: runs of "NN unit" joined by commas/"và".
  const counts = [...body.matchAll(UNIT_RE)].map((m) => ({ start: bounds.start + m.index, end: bounds.start + m.index + m[0].length, count: Number(m[1]), unitFolded: m[2]!.replace(/\s+/g, ' ') }));
  for (let i = 0; i < counts.length; ) {
    const run = [counts[i]!];
    while (i + run.length < counts.length) {
      const prev = run[run.length - 1]!;
      const next = counts[i + run.length]!;
      if (!/^\s*(,|va|và|;)?\s*$/.test(folded.slice(prev.end, next.start))) break;
      run.push(next);
    }
    i += run.length;
    // "02 tập thể, 03 a nhân": a further count whose unit OCR clipped by a letter.
    for (;;) {
      const last = run[run.length - 1]!;
      const m = /^\s*,\s*(\d{1,4})\s+(\S+(?:\s+\S+)?)/.exec(folded.slice(last.end, last.end + 30));
      if (!m || (i < counts.length && counts[i]!.start < last.end + m[0].length)) break;
      const words = m[2]!.split(/\s+/);
      const unit = UNITS.find((u) => {
        const fu = fold(u);
        const cand = words.slice(0, fu.split(' ').length).join(' ');
        // Only units long enough that one lost letter leaves them recognisable (not "xã").
        return fu.length >= 5 && editDistance(cand, fu) === 1 && cand.length >= fu.length - 1;
      });
      if (!unit) break;
      const start = last.end + m[0].length - m[2]!.length;
      const unitLen = words.slice(0, fold(unit).split(' ').length).join(' ').length;
      run.push({ start: last.end + m.index + m[0].indexOf(m[1]!), end: start + unitLen, count: Number(m[1]), unitFolded: fold(unit) });
    }
    // A count is a quota when the sentence speaks of choosing/awarding/proposing a number.
    const first = run[0]!;
    const before = folded.slice(Math.max(bounds.start, first.start - 120), first.start);
    const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf(';'));
    const context = before.slice(sentenceStart + 1);
    if (!/(de xuat|de nghi|khen thuong|xet|chon|binh|tang|toi da|khong qua|toi thieu|it nhat|so luong|chi tieu|phan dau|cu\s)/.test(context) && run.length < 2) continue;
    // A count of what was done ("Hội đồng đã xét 46 sáng kiến") reports a result, not a quota.
    // (On the text itself: folded "đã" is "da" as in "tối đa".)
    if (/(?<![\p{L}])(?:đã|da)\s+(?:\p{L}+\s+){0,2}$/u.test(text.slice(first.start - context.length, first.start)) && !/(?<![\p{L}])(?:tối|toi)\s+(?:đa|da)\s+$/u.test(text.slice(first.start - context.length, first.start)) && run.length < 2) continue;
    const last = run[run.length - 1]!;
    // Trailing qualifier of the last unit ("cá nhân tiêu biểu").
    const tail = /^\s+(tieu bieu|xuat sac|tieu bieu xuat sac)(?![a-z])/.exec(folded.slice(last.end, last.end + 30));
    const end = last.end + (tail ? tail[0].length : 0);
    const qual = QUALIFIERS.find((q) => context.trimEnd().replace(/[:\s]+$/, '').endsWith(q)) ?? null;
    const section = sectionAt(outline, first.start);
    out.push({
      text: flat(text.slice(first.start, end)),
      // The unit as the list spells it: robust to a restoration that got a mark wrong.
      items: run.map((r) => ({ count: r.count, unit: UNIT_BY_FOLDED.get(r.unitFolded) ?? flat(text.slice(r.end - r.unitFolded.length, r.end)) })),
      qualifier: qual ? flat(text.slice(first.start - (context.length - context.trimEnd().replace(/[:\s]+$/, '').length) - qual.length, first.start).replace(/[:\s]+$/, '')) : null,
      section,
      confidence: CONFIDENCE.list,
      provenance: { section, start: first.start, end },
    });
  }
  for (const m of body.matchAll(PERCENT_RE)) {
    const at = bounds.start + m.index;
    // "chiếm tỷ lệ 67,4%": a share of a result, not a target.
    if (/(?<![a-z])chiem(?:\s+(?:ty le|khoang|gan|hon))?\s*$/.test(folded.slice(Math.max(0, at - 25), at))) continue;
    const pctEnd = at + m[0].length;
    const clause = clauseAt(text, at, pctEnd);
    const clauseFolded = folded.slice(clause.start, clause.end);
    const qual = /(toi thieu|toi da|it nhat|khong qua|tren|dat tu|dat)\s*(?:la\s*)?$/.exec(folded.slice(clause.start, at));
    const after = text.slice(pctEnd, clause.end).trim();
    const section = sectionAt(outline, at);
    out.push({
      text: flat(text.slice(clause.start, clause.end)),
      percent: Number(m[1]!.replace(',', '.')),
      subject: after ? flat(after).split(/\s(?:được|đạt|duoc|dat)\s/u)[0]!.replace(/[,\s]+$/, '') || null : null,
      qualifier: qual ? flat(text.slice(clause.start + qual.index, clause.start + qual.index + qual[1]!.length)) : null,
      section,
      confidence: clauseFolded.length > 0 ? CONFIDENCE.percentInClause : CONFIDENCE.percentAlone,
      provenance: { section, start: clause.start, end: clause.end },
    });
  }
  return out.sort((a, b) => a.provenance.start - b.provenance.start);
}
