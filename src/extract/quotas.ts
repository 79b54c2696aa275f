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
/** A count as written: "05", "500", or with thousands points "3.000", "12.500". */
const COUNT = String.raw`(\d{1,3}(?:\.\d{3})+|\d{1,4})`;
const countValue = (written: string) => Number(written.replace(/\./g, ''));
const UNIT_RE = new RegExp(
  String.raw`(?<![\d/.,])${COUNT}\s+(${UNITS.map((u) => fold(u).replace(/ /g, '\\s+')).join('|')})(?![a-z])`,
  'g',
);
const UNIT_BY_FOLDED = new Map(UNITS.map((u) => [fold(u), u]));
/**
 * A count before a noun the list above lacks ("02 buổi sinh hoạt", "05 chi đoàn xuất sắc",
 * "01 tủ sách"): a quota when its sentence sets a target per person or unit ("Mỗi …", "ít
 * nhất", "tối thiểu") or counts a reward ("khen thưởng", "biểu dương", "tặng Giấy khen cho").
 */
const OPEN_COUNT_RE = new RegExp(String.raw`(?<![\d/.,:-])${COUNT}\s+([a-z]+(?:\s+[a-z]+){0,4})`, 'g');
/** Headings of target sections ("Chỉ tiêu cụ thể", "II. CHỈ TIÊU"): a count under one is a quota without a cue word. */
const TARGET_HEADING = /(?<![a-z])chi tieu(?![a-z])/;
/** Verbs of a development target before a count ("Phát triển mới 500 đoàn viên", "kết nạp 30 đảng viên"). */
const GROWTH_CUE = /(?:phat trien(?: moi)?|ket nap|thanh lap moi)\s+$/;
/** Words that end the unit noun phrase after a count. */
const UNIT_STOP = new Set(['va', 'voi', 'trong', 've', 'co', 'duoc', 'dat', 'tham', 'cho', 'cua', 'de', 'tai', 'tren', 'do', 'tu', 'den', 'theo', 'nhu', 'la', 'khi', 'da', 'se', 'moi', 'o', 'vao', 'hoac', 'hay', 'tro', 'len', 'nay', 'kem', 'thuoc', 'doc', 'dang', 'sau', 'truoc', 'gom', 'nhat', 'it', 'nhieu', 'khong']);
/** Function words that cannot head a unit even folded. */
const FIRST_WORD_STOP = new Set(['va', 'voi', 'la', 'cua', 'trong', 'nay', 'khong', 'den', 'hoac', 'hay', 'nhu', 'theo', 'duoc', 'dat', 'da', 'se', 'cho', 'tai', 'tren', 'do', 've', 'vao']);
/** Counts of time, age or measure are not quotas ("6 tháng", "đủ 18 tuổi"). */
const NOT_A_UNIT = /^(?:ngay|thang|nam|gio|phut|tuan|quy|tuoi|km|m|kg|ha|trieu|ty|nghin|ngan|dong|lan thu|dieu|khoan|diem|muc|chuong|phan|so)$/;
/** Cue of a per-person/unit target or a reward count before the count, in its sentence. */
const OPEN_CUE = /(?:(?<![a-z])moi\s|it nhat|toi thieu|khong qua|toi da|khen thuong|bieu duong|tuyen duong|tang\s+(?:giay khen|bang khen)|ket nap|phan dau|chi tieu)/;
/** A quantity word right before an open count ("ít nhất 50 đầu sách", "khen thưởng 10 …"). */
const NEAR_CUE = /(?:it nhat|toi thieu|khong qua|toi da|khen thuong|bieu duong|tuyen duong|ket nap|cho)\s*:?\s*$/;
const NEAR_CUE_CHARS = 30;
/** Words of a unit at most. */
const MAX_UNIT_WORDS = 5;
const QUALIFIERS = ['khong qua', 'toi da', 'toi thieu', 'it nhat', 'tren', 'dat tu', 'dat', 'tu'];
const PERCENT_RE = /(?<![\d,])(\d{1,3}(?:,\d{1,2})?)\s?%/g;
/** Confidence of a quota, by how much of it was read: a whole clause around a percentage or a counted list scores higher than a bare percentage. */
const CONFIDENCE = { list: 0.85, percentInClause: 0.85, percentAlone: 0.5 } as const;

/** Whether `at` lies under an outline heading of targets ("2. Chỉ tiêu cụ thể"), at any depth. */
function underTargetHeading(outline: OutlineNode[], folded: string, at: number): boolean {
  for (let nodes = outline; nodes.length; ) {
    const node = nodes.find((n) => n.span.start <= at && at < n.span.end);
    if (!node) return false;
    if (TARGET_HEADING.test(folded.slice(node.titleSpan.start, node.titleSpan.end)) && node.titleSpan.end <= at) return true;
    nodes = node.children;
  }
  return false;
}

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
  const counts: { start: number; end: number; count: number; unitFolded: string; written?: string }[] = [...body.matchAll(UNIT_RE)].map((m) => ({ start: bounds.start + m.index, end: bounds.start + m.index + m[0].length, count: countValue(m[1]!), unitFolded: m[2]!.replace(/\s+/g, ' ') }));
  for (const m of body.matchAll(OPEN_COUNT_RE)) {
    const start = bounds.start + m.index;
    // A year ("năm 2024 được đánh giá …") is not a count.
    if (counts.some((c) => c.start === start) || /^(?:19|20)\d{2}$/.test(m[1]!)) continue;
    const words = m[2]!.split(/\s+/);
    // The first word is the unit's head noun unless it is plainly a function word: folded, a
    // stop word may be a noun ("tu" is "từ" and "tủ").
    let n = FIRST_WORD_STOP.has(words[0]!) ? 0 : 1;
    while (n > 0 && n < words.length && n < MAX_UNIT_WORDS && !UNIT_STOP.has(words[n]!)) n++;
    // A one-letter first word is a unit OCR clipped ("03 a nhân"): the repair below reads those.
    if (n === 0 || words[0]!.length < 2 || NOT_A_UNIT.test(words[0]!) || NOT_A_UNIT.test(words.slice(0, 2).join(' '))) continue;
    const before = folded.slice(Math.max(bounds.start, start - 120), start);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf(';')) + 1);
    if (!OPEN_CUE.test(sentence)) continue;
    // Written as quotas are ("01", "05") or right after a quantity word: a stray OCR number
    // ("trọng tâm 14 cải cách", 14 read for "là") is neither.
    if (!/^0\d$/.test(m[1]!) && !NEAR_CUE.test(folded.slice(Math.max(bounds.start, start - NEAR_CUE_CHARS), start))) continue;
    // A number inside quotation marks belongs to a slogan or a name ("5 không, 3 sạch").
    if (((sentence.match(/["“”]/g) ?? []).length & 1) === 1) continue;
    const unitStart = start + m[0].indexOf(m[2]!);
    const unitLen = words.slice(0, n).join(' ').length;
    // The unit as written: its words in the text, one space apart.
    const written = text.slice(unitStart, unitStart + unitLen).replace(/\s+/g, ' ');
    counts.push({ start, end: unitStart + unitLen, count: countValue(m[1]!), unitFolded: fold(written), written });
  }
  counts.sort((a, b) => a.start - b.start);
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
    const targeted = GROWTH_CUE.test(context) || underTargetHeading(outline, folded, first.start);
    if (!first.written && !targeted && !/(de xuat|de nghi|khen thuong|xet|chon|binh|tang|toi da|khong qua|toi thieu|it nhat|so luong|chi tieu|phan dau|cu\s)/.test(context) && run.length < 2) continue;
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
      items: run.map((r) => ({ count: r.count, unit: r.written ?? UNIT_BY_FOLDED.get(r.unitFolded) ?? flat(text.slice(r.end - r.unitFolded.length, r.end)) })),
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
