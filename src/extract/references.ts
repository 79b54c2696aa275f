/**
 * Cited documents: "Kế hoạch số 125/KH-UBND ngày 28/10/2021 của UBND tỉnh về …",
 * "Nghị định 91/2017/NĐ-CP", "Chỉ thị số 05-CT/TU", and laws cited by date ("Luật Thi đua,
 * khen thưởng ngày 26/11/2003"). Documents with neither a number nor a date are not
 * references (fixtures README). A document cited several times is one entry.
 */
import type { OutlineNode } from '../schema/document.js';
import { dateAt } from './dates.js';
import { sectionAt } from '../segment/outline.js';
import { canonicalNumber, numberKey, NUMBER_AFTER_TYPE } from './symbols.js';
import { flat, fold } from './text.js';
import { localityText, type Locality } from './issuer.js';

export interface Reference {
  type: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  text: string;
  confidence: number;
  provenance: { section: string | null; start: number; end: number };
}

const TYPES: [string, string][] = [
  ['thong tu lien tich', 'Thông tư liên tịch'], ['ke hoach', 'Kế hoạch'], ['quyet dinh', 'Quyết định'],
  ['nghi dinh', 'Nghị định'], ['chi thi', 'Chỉ thị'], ['thong tu', 'Thông tư'], ['nghi quyet', 'Nghị quyết'],
  ['luat', 'Luật'], ['to trinh', 'Tờ trình'], ['cong van', 'Công văn'], ['thong bao', 'Thông báo'],
  ['huong dan', 'Hướng dẫn'], ['phap lenh', 'Pháp lệnh'], ['van ban', 'Văn bản'], ['bao cao', 'Báo cáo'],
  ['chuong trinh', 'Chương trình'], ['de an', 'Đề án'], ['cong dien', 'Công điện'],
  // Party documents: "Kết luận số 01-KL/TW", "Quy định số 08-QĐi/TW" (a bare "quy định" has no number and is skipped).
  ['ket luan', 'Kết luận'], ['quy dinh', 'Quy định'],
];
const TYPE_RE = new RegExp(`(?<![a-z0-9])(${TYPES.map(([f]) => f.replace(/ /g, '\\s+')).join('|')})(?![a-z])`, 'g');
const DEFAULT_ISSUER: Record<string, string> = { 'Luật': 'Quốc hội', 'Pháp lệnh': 'Ủy ban Thường vụ Quốc hội', 'Nghị định': 'Chính phủ' };
/** Where an issuer phrase stops: the subject or the sentence goes on. */
const ISSUER_STOP = /\s(?:ve|quy dinh|sua doi|ban hanh|huong dan|tai|trong|theo|phat dong|trien khai|phe duyet)(?![a-z])|\s(?:va|,)\s+(?=(?:ke hoach|quyet dinh|nghi dinh|chi thi|thong tu|nghi quyet|luat|cong van|thong bao|huong dan|ket luan)\s)|[,;.()\n“"]/;
/** A comma, then a body that goes on to act: the sentence's main clause, not the cited subject. */
const ORG_CLAUSE = /,\s+(?=(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Sở|Phòng|Bộ|Ban|Hội đồng|Văn phòng|Đảng ủy|Chi bộ)\s[^,;.]{0,80}?(?:ban hành|xây dựng|có ý kiến|hướng dẫn|thông báo|đề nghị|yêu cầu|triển khai|báo cáo)(?![\p{L}]))/u;
const SUBJECT_END = /;|\.(?=\s|$)|\n\s*\n|\(g[a-z]i kem/;
/** Confidence of a cited document: with both its number and its date it is identified, with one of them only partly. */
const CONFIDENCE = { numberAndDate: 0.95, partial: 0.8 } as const;

export interface ReferenceContext {
  outline: OutlineNode[];
  /** The document's own number, never a reference to itself. */
  ownNumber: string | null;
  /** Locality chain of the issuing body, to complete "UBND huyện" → "UBND huyện Vụ Bản". */
  localities: Locality[];
}

export function extractReferences(text: string, folded: string, ctx: ReferenceContext): Reference[] {
  const found: Reference[] = [];
  const claimed: [number, number][] = [];
  for (const m of folded.matchAll(TYPE_RE)) {
    const start = m.index;
    if (claimed.some(([a, b]) => start >= a && start < b)) continue;
    const typeName = TYPES.find(([f]) => f === m[1]!.replace(/\s+/g, ' '))![1];
    let pos = start + m[0].length;
    let number: string | null = null;
    const num = NUMBER_AFTER_TYPE.exec(folded.slice(pos, pos + 60));
    if (num) {
      const numStart = pos + num[0].length - num[1]!.length;
      number = canonicalNumber(text.slice(numStart, pos + num[0].length).replace(/-\n/g, '-'));
      pos += num[0].length;
    }
    let date: string | null = null;
    let dateEnd = pos;
    const ngay = /^\s*,?\s*(?:ban hanh\s+)?(?=ng[a-z]?y\s)/.exec(folded.slice(pos, pos + 20));
    if (ngay) {
      const d = dateAt(folded, pos + ngay[0].length, 6);
      if (d?.iso && d.precision === 'day') {
        date = d.iso;
        dateEnd = d.end;
      }
    }
    if (!number && !date) {
      // "Luật Thi đua, khen thưởng ngày 26/11/2003": a named law (capital L) cited by date.
      if (typeName !== 'Luật' || text[start] !== 'L') continue;
      const window = folded.slice(pos, pos + 160);
      const stop = window.search(/[;\n]|(?<![a-z])(luat|nghi dinh|quyet dinh|ke hoach)\s+s[o0-9e]{1,2}\s/);
      const dm = /\sng[a-z]?y\s+(?=\d)/.exec(stop >= 0 ? window.slice(0, stop) : window);
      // "…, ngày" is a place/date line ("Hà Nội, ngày 23 tháng 5 năm 2019"), not the law's date.
      if (!dm || /,\s*$/.test(window.slice(0, dm.index + 1))) continue;
      const d = dateAt(folded, pos + dm.index + 1, 6);
      if (!d?.iso || d.precision !== 'day') continue;
      date = d.iso;
      dateEnd = d.end;
    }
    pos = Math.max(pos, dateEnd);
    let issuer: string | null = null;
    const cua = /^\s*,?\s*c[a-z]{1,2}a\s+/.exec(folded.slice(pos, pos + 12));
    if (cua && /^\s*,?\s*(cua|ciia|cia|caa|cta|ctia)\s/.test(folded.slice(pos, pos + 12))) {
      const from = pos + cua[0].length;
      const stop = folded.slice(from, from + 120).search(ISSUER_STOP);
      const end = from + (stop >= 0 ? stop : Math.min(120, folded.length - from));
      issuer = completeIssuer(flat(text.slice(from, end)), ctx.localities);
      pos = end;
    }
    let subject: string | null = null;
    let end = pos;
    const rest = folded.slice(pos, pos + 400);
    const lead = /^\s*(?:(ve)\s+|(?=(?:quy dinh|sua doi|ban hanh|huong dan|phat dong|trien khai)\s))/.exec(rest);
    if (lead) {
      const from = pos + lead[0].length;
      const tail = folded.slice(from, from + 400);
      let stop = tail.search(SUBJECT_END);
      // "… tỉnh Nam Định và Quyết định số 22/2020/…": the next citation ends this subject.
      const nextRef = /\sva\s+(?:ke hoach|quyet dinh|nghi dinh|chi thi|thong tu|nghi quyet|luat)\s/.exec(tail);
      if (nextRef && (stop < 0 || nextRef.index < stop)) stop = nextRef.index;
      // "… về việc áp dụng quy định, Bộ Kế hoạch và Đầu tư có ý kiến như sau": the citing body's own clause.
      const own = ORG_CLAUSE.exec(text.slice(from, from + 400));
      if (own && (stop < 0 || own.index < stop)) stop = own.index;
      const sEnd = from + (stop >= 0 ? stop : tail.length);
      subject = flat(text.slice(from, sEnd)).replace(/[,\s]+$/, '') || null;
      end = sEnd;
    }
    if (typeName === 'Luật' && !number) subject ??= flat(text.slice(start + m[0].length, dateEnd).replace(/\s*ng\S*y\s+\S+$/u, '')) || null;
    issuer ??= DEFAULT_ISSUER[typeName] ?? null;
    if (number && ctx.ownNumber && numberKey(number) === numberKey(ctx.ownNumber)) continue;
    const span = trimSpanEnd(text, start, end);
    claimed.push([start, span]);
    found.push({
      type: typeName,
      number,
      date,
      issuer,
      subject,
      text: flat(text.slice(start, span)),
      confidence: number && date ? CONFIDENCE.numberAndDate : CONFIDENCE.partial,
      provenance: { section: sectionAt(ctx.outline, start), start, end: span },
    });
  }
  return dedupe(found);
}

function trimSpanEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,;.)]/.test(text[end - 1]!)) end--;
  // Keep a closing quote that belongs to a quoted title.
  return end;
}

/** "UBND huyện" → "UBND huyện Vụ Bản" when the issuing body's locality chain has one huyện. */
function completeIssuer(issuer: string, chain: Locality[]): string {
  const m = /^(.*?\b)?(tỉnh|huyện|xã|thị trấn|thành phố|quận|phường|thị xã)$/u.exec(issuer);
  if (!m) return issuer;
  const loc = chain.find((l) => l.type === m[2]);
  return loc ? `${issuer.slice(0, issuer.length - m[2]!.length)}${localityText(loc)}` : issuer;
}

function dedupe(refs: Reference[]): Reference[] {
  const out: Reference[] = [];
  for (const r of refs) {
    const same = out.find((o) =>
      r.number && o.number ? numberKey(r.number) === numberKey(o.number) : !r.number && !o.number && r.date === o.date && r.type === o.type,
    );
    if (!same) out.push(r);
    else if (!same.date && r.date) same.date = r.date;
  }
  return out;
}
