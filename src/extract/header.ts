/**
 * Header fields: document type, number, issuing body (and its superior), place, issue date
 * and title. The header is read from the skeleton; what a cropped scan lost is inferred
 * from the body ("UBND xã Dương Quỳ ban hành Kế hoạch …", "Trên đây là Kế hoạch … của Ủy
 * ban nhân dân thị trấn Cổ Lễ"), the document symbol ("KH-BCĐ") and the gazetteer.
 */
import { ADMIN_ABBREVIATIONS } from '../data/abbreviations.js';
import { typeFromSymbol } from './doctype.js';
import { localityMentions, parseLocality, superiorLocality, localityText, type Locality } from './issuer.js';
import type { DocumentSkeleton, Span, TextSpan } from './layout.js';
import { flat, fold, sentenceCase, titleCase } from './text.js';

export interface Found { value: string; start: number; end: number; confidence: number }
export interface Body { head: string; locality: Locality | null; found: Found }

const UBND = 'Ủy ban nhân dân';

/**
 * Confidence of each header reading, by how direct its evidence is: a printed line the parser
 * understood scores high, a value inferred from the body or the symbol lower, so that review
 * starts with the inferred ones.
 */
const CONFIDENCE = {
  /** A header body with a known head ("ỦY BAN NHÂN DÂN …"). */
  headedBody: 0.9,
  /** The upper of two stacked complete bodies, read as the superior. */
  stackedParent: 0.85,
  /** A body without its own locality, placed under the header's locality. */
  bodyUnderHeaderLocality: 0.8,
  /** An organ of a locality ("PHÒNG GD&ĐT HUYỆN …") read as the superior. */
  organParent: 0.75,
  /** A header body whose head was inferred (from the symbol or the body text). */
  inferredHead: 0.7,
  /** A header name the body never repeats, taken as printed. */
  unrepeatedHeader: 0.6,
  /** The body named from the symbol and the place line, the header lost. */
  fromSymbolAndPlace: 0.5,
  /** The body named in running text: base plus a step per point of its cue score, up to a cap. */
  fromBodyBase: 0.4,
  fromBodyPerScore: 0.1,
  fromBodyMax: 0.85,
  /** The UBND of the same locality as superior of one of its organs. */
  ubndOfOrgan: 0.7,
  /** Factor on a superior locality's confidence when the text never names it. */
  unnamedSuperiorFactor: 0.8,
  /** Document type: the printed type line. */
  typeLine: 0.95,
  /** Document type: a "V/v" title (Công văn). */
  typeFromVv: 0.75,
  /** Document type: the symbol's type part. */
  typeFromSymbol: 0.8,
  /** Document type: "Trên đây là Kế hoạch …" in the body. */
  typeFromBody: 0.7,
} as const;
/** Party committees named by their place alone ("Huyện ủy Thiệu Hóa"). */
const COMMITTEES_NAMED_BY_PLACE = new Set(['Huyện ủy', 'Tỉnh ủy', 'Thành ủy', 'Quận ủy', 'Thị ủy']);
/** Body heads, folded → how they are written. */
const HEADS: [RegExp, string][] = [
  [/^(?:uy ban nhan dan|ubnd)(?![a-z])/, UBND],
  [/^(?:hoi dong nhan dan|hdnd)(?![a-z])/, 'Hội đồng nhân dân'],
  [/^(?:ban chi dao|bcd)(?![a-z])/, 'Ban Chỉ đạo'],
  [/^hoi dong thi dua(?:\s*[-–,]?\s*khen thuong)?(?![a-z])/, 'Hội đồng Thi đua - Khen thưởng'],
  // Party committees (Đảng bộ huyện …, Đảng ủy xã …), whose documents follow the same layout.
  [/^dang bo(?![a-z])/, 'Đảng bộ'],
  [/^dang uy(?![a-z])/, 'Đảng ủy'],
  [/^chi bo(?![a-z])/, 'Chi bộ'],
  [/^huyen uy(?![a-z])/, 'Huyện ủy'],
  [/^tinh uy(?![a-z])/, 'Tỉnh ủy'],
  [/^thanh uy(?![a-z])/, 'Thành ủy'],
  [/^quan uy(?![a-z])/, 'Quận ủy'],
  [/^thi uy(?![a-z])/, 'Thị ủy'],
  [/^(?:doan tncs|doan thanh nien cong san) ho chi minh(?![a-z])/, 'Đoàn TNCS Hồ Chí Minh'],
  // Youth union committees ("BCH ĐOÀN HUYỆN TÂN KỲ") and standing committees.
  [/^(?:ban chap hanh|bch)\s+doan(?![a-z])/, 'Ban Chấp hành Đoàn'],
  [/^(?:ban thuong vu|btv)\s+(?=huyen uy|tinh uy|thanh uy|dang uy|huyen doan|tinh doan)/, 'Ban Thường vụ'],
  [/^uy ban mat tran to quoc viet nam(?![a-z])/, 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  // Trade unions: "LIÊN ĐOÀN LAO ĐỘNG TỈNH …" over "LIÊN ĐOÀN LAO ĐỘNG HUYỆN …".
  [/^(?:lien doan lao dong|ldld)(?![a-z])/, 'Liên đoàn Lao động'],
];
const SYMBOL_HEADS: Record<string, string> = { ubnd: UBND, hdnd: 'Hội đồng nhân dân', bcd: 'Ban Chỉ đạo' };
/** An organisation phrase in running text: head … locality type + capitalised name. */
const ORG_IN_TEXT =
  /(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Ban [Cc]hỉ đạo(?:[\p{L}\s]{0,40}?)|Phòng [\p{Lu}][\p{L}\s]{0,30}?|Sở [\p{Lu}][\p{L}\s]{0,30}?)\s(thành phố|thị trấn|thị xã|tỉnh|huyện|quận|xã|phường)\s((?:[\p{Lu}][\p{Ll}]*)(?:\s[\p{Lu}][\p{Ll}]*){0,3})/gu;

/** "ỦY BAN NHÂN DÂN XÃ ĐẠI THẮNG" / "HUYỆN CHÂU THÀNH" → head + locality. */
export function parseBody(s: string, foldedText?: string): { head: string | null; locality: Locality | null; rest: string } {
  const f = fold(s).replace(/\s+/g, ' ').trim();
  const words = s.replace(/\s+/g, ' ').trim();
  for (const [re, head] of HEADS) {
    const m = re.exec(f);
    if (m) {
      const rest = words.slice(m[0].length).trim();
      return { head, locality: parseLocality(rest, foldedText), rest };
    }
  }
  const loc = parseLocality(words, foldedText);
  if (loc) return { head: null, locality: loc, rest: words };
  return { head: null, locality: null, rest: words };
}

export function bodyName(head: string, locality: Locality | null, rest = ''): string {
  if (locality) return `${head} ${localityText(locality)}`;
  return rest ? `${head} ${rest}` : head;
}

/** Issuing body and parent from the header lines, or from the body text. */
export function findIssuingBody(text: string, folded: string, sk: DocumentSkeleton): { name: Found | null; parent: Found | null; locality: Locality | null } {
  const symbolHead = sk.numberField?.symbol ? SYMBOL_HEADS[fold(sk.numberField.symbol.split('-').slice(1).join('-'))] ?? null : null;
  const headerLines = sk.issuerLines;
  let headerParent: Found | null = null;
  let headerLocality: Locality | null = null;
  if (headerLines.length) {
    // "ỦY BAN NHÂN DÂN" + "TỈNH NAM ĐỊNH" printed on two lines are one body.
    const merged: TextSpan[] = [];
    for (const l of headerLines) {
      const prev = merged[merged.length - 1];
      const pp = prev ? parseBody(prev.text, folded) : null;
      const lp = parseBody(l.text, folded);
      if (prev && pp?.head && !pp.locality && !pp.rest && !lp.head && lp.locality) {
        merged[merged.length - 1] = { start: prev.start, end: l.end, text: `${prev.text} ${l.text}` };
      } else merged.push(l);
    }
    const parsed = merged.map((l) => ({ l, p: parseBody(l.text, folded) }));
    // Two complete bodies stacked: the first is the cơ quan chủ quản.
    let parentFound: Found | null = null;
    let nameLines = parsed;
    if (parsed.length >= 2 && parsed[0]!.p.head && parsed[0]!.p.locality && (parsed[1]!.p.head || !parsed[1]!.p.locality)) {
      parentFound = { value: bodyName(parsed[0]!.p.head!, parsed[0]!.p.locality), start: parsed[0]!.l.start, end: parsed[0]!.l.end, confidence: CONFIDENCE.stackedParent };
      nameLines = parsed.slice(1);
      headerParent = parentFound;
      headerLocality = parsed[0]!.p.locality;
    } else if (parsed.length >= 2 && !parsed[0]!.p.head) {
      // "PHÒNG GD&ĐT HUYỆN TAM ĐẢO" over "TRƯỜNG THCS HỢP CHÂU": an organ of a locality as the cơ quan chủ quản.
      const organ = organOfLocality(parsed[0]!.l.text, folded);
      if (organ) {
        parentFound = { value: `${orgCase(organ.organ)} ${localityText(organ.locality)}`, start: parsed[0]!.l.start, end: parsed[0]!.l.end, confidence: CONFIDENCE.organParent };
        nameLines = parsed.slice(1);
        headerParent = parentFound;
      }
    }
    const joined = nameLines.map((x) => x.l.text).join(' ');
    const p = parseBody(joined, folded);
    const span: Span = { start: nameLines[0]!.l.start, end: nameLines[nameLines.length - 1]!.l.end };
    const head = p.head ?? symbolHead ?? (p.locality ? inferHead(text, p.locality) : null);
    if (p.head && COMMITTEES_NAMED_BY_PLACE.has(p.head) && p.rest && !p.locality) {
      // "HUYỆN ỦY THIỆU HÓA": the rest is the district's name, printed without its type word.
      return { name: { value: `${p.head} ${titleCase(p.rest)}`, ...span, confidence: CONFIDENCE.bodyUnderHeaderLocality }, parent: parentFound, locality: headerLocality };
    }
    if (p.head && p.rest && !p.locality && /^(?:truong|cong ty|benh vien|co quan|trung tam|hoc vien|chi doan|lien doi)(?![a-z])/.test(fold(p.rest))) {
      // "BCH ĐOÀN TRƯỜNG THPT HÙNG VƯƠNG": the committee of an organisation, named by it, not by the locality above.
      return { name: { value: `${p.head} ${commonNounCase(p.rest)}`, ...span, confidence: CONFIDENCE.bodyUnderHeaderLocality }, parent: parentFound, locality: headerLocality };
    }
    if (p.head && !p.locality && headerLocality) {
      // "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH" under "ỦY BAN NHÂN DÂN THỊ TRẤN HOÀN LÃO": that locality's body.
      const value = `${[p.head, commonNounCase(p.rest)].filter(Boolean).join(' ')} ${localityText(headerLocality)}`;
      return { name: { value, ...span, confidence: CONFIDENCE.bodyUnderHeaderLocality }, parent: parentFound, locality: headerLocality };
    }
    if (head || p.locality) {
      const value = head ? bodyName(head, p.locality, p.locality ? '' : titleCase(p.rest)) : titleCase(joined);
      const name: Found = { value, ...span, confidence: p.head ? CONFIDENCE.headedBody : CONFIDENCE.inferredHead };
      return { name, parent: parentFound ?? inferParent(text, folded, head, p.locality), locality: p.locality };
    }
  }
  const fromBody = issuerFromBody(text, folded, symbolHead);
  if (!fromBody.name && !headerLines.length) return issuerFromSymbolAndPlace(text, folded, symbolHead, sk) ?? fromBody;
  if (fromBody.name || !headerLines.length) return fromBody;
  // A header name the body never repeats ("SỞ NỘI VỤ"): as printed, in sentence case.
  const last = headerLines[headerLines.length - 1]!;
  // "UBND TỈNH THÁI BÌNH" over "SỞ NỘI VỤ": the organ of that locality, named with it.
  const organ = orgCase(last.text);
  const value = headerLocality && !fold(organ).includes(fold(localityText(headerLocality))) ? `${organ} ${localityText(headerLocality)}` : organ;
  return { name: { value, start: last.start, end: last.end, confidence: CONFIDENCE.unrepeatedHeader }, parent: headerParent, locality: headerLocality };
}

const ORGANS = /^(?:so|phong|ban|truong|trung tam|chi cuc|cuc|van phong|cong an|doan|hoi)\s/;

/** "PHÒNG GD&ĐT HUYỆN TAM ĐẢO" → organ "PHÒNG GD&ĐT" + huyện Tam Đảo. */
function organOfLocality(line: string, foldedText: string): { organ: string; locality: Locality } | null {
  const f = fold(line);
  if (!ORGANS.test(f)) return null;
  const m = /\s(thanh pho|thi tran|thi xa|tinh|huyen|quan|xa|phuong)\s+\S/.exec(f);
  if (!m) return null;
  const locality = parseLocality(line.slice(m.index + 1), foldedText);
  return locality ? { organ: line.slice(0, m.index).trim(), locality } : null;
}

/** How each body head may be written in running text. */
const HEAD_TEXT: Record<string, string> = {
  [UBND]: 'Ủy ban nhân dân|UBND', 'Hội đồng nhân dân': 'Hội đồng nhân dân|HĐND', 'Ban Chỉ đạo': 'Ban [Cc]hỉ đạo|BCĐ',
};

/**
 * A scan that lost the header: the symbol names the kind of body ("KH-BCĐ" → Ban Chỉ đạo)
 * and the place line its locality ("Long Thành"); the body's full name is the head phrase
 * the text uses before that locality type ("Ban chỉ đạo cải cách hành chính huyện").
 */
function issuerFromSymbolAndPlace(text: string, folded: string, symbolHead: string | null, sk: DocumentSkeleton): { name: Found; parent: Found | null; locality: Locality } | null {
  if (!symbolHead || !sk.place || !HEAD_TEXT[symbolHead]) return null;
  const placeKey = fold(flat(sk.place.text));
  const mention = localityMentions(text).find((m) => fold(m.name) === placeKey);
  if (!mention) return null;
  const loc = parseLocality(`${mention.type} ${mention.name}`, folded) ?? { type: mention.type, name: mention.name };
  const re = new RegExp(`(?<![\\p{L}])(?:${HEAD_TEXT[symbolHead]})((?:\\s+\\p{Ll}+){0,6}?)\\s+${mention.type}(?![\\p{L}])`, 'u');
  const m = re.exec(text);
  const middle = m ? m[1]!.trim() : '';
  const value = [symbolHead, middle, localityText(loc)].filter(Boolean).join(' ');
  const at = m ? { start: m.index, end: m.index + m[0].length } : { start: sk.place.start, end: sk.place.end };
  return { name: { value, ...at, confidence: CONFIDENCE.fromSymbolAndPlace }, parent: inferParent(text, folded, symbolHead, loc), locality: loc };
}

/** "CẢI CÁCH HÀNH CHÍNH CCHC" → "cải cách hành chính CCHC": lower case, known abbreviations kept. */
function commonNounCase(s: string): string {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (ADMIN_ABBREVIATIONS[w] ? w : w.toLocaleLowerCase('vi')))
    .join(' ');
}

/** "SỞ NỘI VỤ" → "Sở Nội vụ": sentence case with the word after the organ type capitalised. */
function orgCase(s: string): string {
  const written = s.replace(/\s+/g, ' ').trim().split(' ');
  const words = sentenceCase(written.join(' ')).split(' ');
  // Acronyms keep their capitals: "GD&ĐT", "THCS" (no vowel), "UBND".
  for (const [i, w] of written.entries()) {
    if (i > 0 && (w.includes('&') || ADMIN_ABBREVIATIONS[w] || !/[aeiouyăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu.test(w))) words[i] = w;
  }
  const cap = (i: number) => { if (words[i]) words[i] = words[i]!.charAt(0).toLocaleUpperCase('vi') + words[i]!.slice(1); };
  const organ = /^(Sở|Phòng|Ban|Bộ|Cục|Vụ|Viện|Trung tâm|Văn phòng|Tổng cục|Chi cục)$/u.test(words[0]!) ? 1 : /^(Trung|Văn|Tổng|Chi)$/u.test(words[0]!) ? 2 : 0;
  if (organ && words.length > organ) {
    // Decree 30/2020 Appendix II: each field the organ covers starts with a capital
    // ("Bộ Kế hoạch và Đầu tư", "Sở Văn hóa, Thể thao và Du lịch", "Lao động - Thương binh và Xã hội").
    cap(organ);
    for (let i = organ + 1; i < words.length; i++) {
      if (/^(và|-|–)$/u.test(words[i - 1]!) || words[i - 1]!.endsWith(',')) cap(i);
    }
  }
  return words.join(' ');
}

/** Who issues the plan according to the body ("UBND xã X ban hành Kế hoạch", "Trên đây là … của …"). */
function issuerFromBody(text: string, folded: string, symbolHead: string | null): { name: Found | null; parent: Found | null; locality: Locality | null } {
  const cands: { head: string; loc: Locality; start: number; end: number; score: number }[] = [];
  for (const m of text.matchAll(ORG_IN_TEXT)) {
    const head = canonicalHead(m[1]!);
    const loc = parseLocality(`${m[2]} ${m[3]}`, folded);
    if (!loc) continue;
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const before = folded.slice(Math.max(0, m.index - 200), m.index);
    let score = 0;
    if (/^\s*(?:ban hanh|xay dung|phat dong|trien khai)\s+(?:ke hoach|quyet dinh|chuong trinh|huong dan|phong trao)/.test(after)) score += 3;
    if (/tren day la\s[^\n]*cua\s*$/.test(before)) score += 4;
    if (/^\s*[./]/.test(after) && /tren day la/.test(before)) score += 1;
    if (symbolHead && head === symbolHead) score += 2;
    if (score > 0) cands.push({ head, loc, start: m.index, end: m.index + m[0].length, score });
  }
  cands.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = cands[0];
  if (!best) return { name: null, parent: null, locality: null };
  const name: Found = { value: bodyName(best.head, best.loc), start: best.start, end: best.end, confidence: Math.min(CONFIDENCE.fromBodyMax, CONFIDENCE.fromBodyBase + best.score * CONFIDENCE.fromBodyPerScore) };
  return { name, parent: inferParent(text, folded, best.head, best.loc), locality: best.loc };
}

function canonicalHead(raw: string): string {
  const f = fold(raw).trim();
  for (const [re, head] of HEADS) {
    const m = re.exec(f);
    if (m) return head === 'Ban Chỉ đạo' ? `Ban Chỉ đạo${raw.trim().slice(m[0].length)}` : head;
  }
  return flat(raw);
}

/**
 * A locality printed without its head ("HUYỆN CHÂU THÀNH", the first header line lost): the
 * body the text names with that locality, else the UBND, whose header this layout is.
 */
function inferHead(text: string, loc: Locality): string | null {
  const re = new RegExp(`(UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)\\s+${loc.type}\\s+${loc.name}`, 'iu');
  const m = re.exec(text);
  return m ? canonicalHead(m[1]!) : UBND;
}

/** The superior body: the UBND one level up for a UBND; the UBND of the same locality for its organs. */
function inferParent(text: string, folded: string, head: string | null, loc: Locality | null): Found | null {
  if (!loc) return null;
  if (head && head !== UBND && head !== 'Hội đồng nhân dân') {
    return { value: `${UBND} ${localityText(loc)}`, start: 0, end: 0, confidence: CONFIDENCE.ubndOfOrgan };
  }
  const sup = superiorLocality(loc, text, folded);
  if (!sup) return null;
  const needle = fold(localityText(sup.locality));
  const at = folded.indexOf(needle);
  return {
    value: `${UBND} ${localityText(sup.locality)}`,
    start: at >= 0 ? at : 0,
    end: at >= 0 ? at + needle.length : 0,
    confidence: sup.confidence * (at >= 0 ? 1 : CONFIDENCE.unnamedSuperiorFactor),
  };
}

/** The document type: the type line, else the symbol, else "Trên đây là Kế hoạch …". */
export function findDocumentType(text: string, folded: string, sk: DocumentSkeleton): Found | null {
  if (sk.documentType) return { value: sk.documentType.value, start: sk.documentType.start, end: sk.documentType.end, confidence: CONFIDENCE.typeLine };
  if (sk.title && /^(?:v\/v|ve viec)\b/.test(fold(sk.title.text))) return { value: 'Công văn', start: sk.title.start, end: sk.title.end, confidence: CONFIDENCE.typeFromVv };
  const fromSymbol = typeFromSymbol(sk.numberField?.symbol ?? null);
  if (fromSymbol && sk.numberField) return { value: fromSymbol, start: sk.numberField.start, end: sk.numberField.end, confidence: CONFIDENCE.typeFromSymbol };
  const m = /(?:tren day la|ban hanh|xay dung)\s+(ke hoach|quyet dinh|thong bao|bao cao|chuong trinh|huong dan|cong van)(?![a-z])/.exec(folded);
  if (m) {
    const names: Record<string, string> = { 'ke hoach': 'Kế hoạch', 'quyet dinh': 'Quyết định', 'thong bao': 'Thông báo', 'bao cao': 'Báo cáo', 'chuong trinh': 'Chương trình', 'huong dan': 'Hướng dẫn', 'cong van': 'Công văn' };
    const s = m.index + m[0].length - m[1]!.length;
    return { value: names[m[1]!]!, start: s, end: s + m[1]!.length, confidence: CONFIDENCE.typeFromBody };
  }
  return null;
}
