/**
 * Award forms named in a plan, normalised as the annotations write them: "Giấy khen của
 * Chủ tịch UBND xã", "Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cơ sở",
 * "Cờ thi đua của …", "Lao động tiên tiến", "Tập thể lao động xuất sắc".
 */
import { fold } from './text.js';

export interface Award { value: string; start: number; end: number }

const LEVEL = String.raw`(xa|huyen|thi tran|tinh|thanh pho|phuong|quan|thi xa)`;
const AUTHORITY = String.raw`(ch[a-z]{0,2} t[a-z]{1,2}ch ubnd|ch[a-z]{0,2} t[a-z]{1,2}ch uy ban nhan dan|ubnd|uy ban nhan dan|thu tuong chinh phu|chu tich nuoc|bo truong|giam doc s[a-z0-9]{0,2}(?![a-z])|ban thuong vu (?:huyen uy|tinh uy|thanh uy|quan uy|dang uy))`;
const FORM = String.raw`(giay khen|bang khen|co thi dua)`;
const FORM_NAMES: Record<string, string> = { 'giay khen': 'Giấy khen', 'bang khen': 'Bằng khen', 'co thi dua': 'Cờ thi đua' };
const AUTH_NAMES: Record<string, string> = {
  'chu tich ubnd': 'Chủ tịch UBND', 'chu tich uy ban nhan dan': 'Chủ tịch UBND', ubnd: 'Chủ tịch UBND', 'uy ban nhan dan': 'Chủ tịch UBND', 'thu tuong chinh phu': 'Thủ tướng Chính phủ',
  'chu tich nuoc': 'Chủ tịch nước', 'bo truong': 'Bộ trưởng', 'giam doc so': 'Giám đốc Sở',
  // Party standing committees award their own Giấy khen.
  'ban thuong vu huyen uy': 'Ban Thường vụ Huyện ủy', 'ban thuong vu tinh uy': 'Ban Thường vụ Tỉnh ủy', 'ban thuong vu thanh uy': 'Ban Thường vụ Thành ủy',
  'ban thuong vu quan uy': 'Ban Thường vụ Quận ủy', 'ban thuong vu dang uy': 'Ban Thường vụ Đảng ủy',
};
const LEVEL_NAMES: Record<string, string> = {
  xa: 'xã', huyen: 'huyện', 'thi tran': 'thị trấn', tinh: 'tỉnh', 'thanh pho': 'thành phố', phuong: 'phường', quan: 'quận', 'thi xa': 'thị xã',
};

/** The authority as AUTH_NAMES keys it, from a garbled reading ("chua tich ubnd", "giam doc sg"). */
function canonAuthority(auth: string): string {
  if (/^ch[a-z]{0,2} t[a-z]{1,2}ch ubnd$/.test(auth)) return 'chu tich ubnd';
  if (/^ch[a-z]{0,2} t[a-z]{1,2}ch uy ban nhan dan$/.test(auth)) return 'chu tich uy ban nhan dan';
  if (auth.startsWith('giam doc s')) return 'giam doc so';
  return auth;
}

const PATTERNS: RegExp[] = [
  // "Giấy khen của Chủ tịch UBND xã"
  new RegExp(String.raw`(?<![a-z])${FORM}\s+(?:cua\s+)?${AUTHORITY}(?:\s+(?:cap\s+)?${LEVEL})?(?![a-z])`, 'g'),
  // "Chủ tịch UBND huyện tặng Giấy khen" (any t?ng verb: a restorer may write "từng", "tầng"; OCR garbage "tư@nợ")
  new RegExp(String.raw`(?<![a-z])${AUTHORITY}(?:\s+(?:cap\s+)?${LEVEL})?\s+(?:tang|khen thuong bang|t[a-z]{1,2}ng|t\S{1,5})\s+${FORM}(?![a-z])`, 'g'),
];
/**
 * Any other giver before "tặng Giấy khen" ("Giám đốc Trung tâm tặng Giấy khen", "Ban Thường vụ
 * Liên đoàn Lao động huyện tặng Giấy khen"): the award is named after the giver as written,
 * from its position or body word to the verb (OCR's stray apostrophes between words allowed).
 */
const GIVER = new RegExp(String.raw`(?<![a-z])((?:giam doc|tong giam doc|chu tich|hieu truong|thu truong|truong ban|bi thu|ban thuong vu|ban chap hanh)(?:(?:\s+|\s*['’‘\x60]\s*)[a-z]+){0,6}?)\s+tang\s+${FORM}(?![a-z])`, 'g');
const TITLE_LIST: [RegExp, string][] = [
  [/(?<![a-z])chien s[iy] thi dua co so(?![a-z])/g, 'Chiến sĩ thi đua cơ sở'],
  [/(?<![a-z])chien s[iy] thi dua cap tinh(?![a-z])/g, 'Chiến sĩ thi đua cấp tỉnh'],
  [/(?<![a-z])chien s[iy] thi dua toan quoc(?![a-z])/g, 'Chiến sĩ thi đua toàn quốc'],
  [/(?<![a-z])tap the lao dong xuat sac(?![a-z])/g, 'Tập thể lao động xuất sắc'],
  [/(?<![a-z])tap the lao dong tien tien(?![a-z])/g, 'Tập thể lao động tiên tiến'],
  [/(?<![a-z])(?<!tap the )lao dong tien tien(?![a-z])/g, 'Lao động tiên tiến'],
];

/** Titles may wrap across lines in un-joined text: any whitespace between words. */
// (and OCR's stray apostrophes: "cơ’sở", "cơ’ sở")
const TITLES: [RegExp, string][] = TITLE_LIST.map(([re, name]) => [new RegExp(re.source.replace(/ /g, "[\\s’'‘`]+"), 'g'), name]);

export function extractAwards(text: string, folded: string, bounds: { start: number; end: number }): Award[] {
  const seg = folded.slice(bounds.start, bounds.end);
  const out: Award[] = [];
  const add = (value: string, s: number, e: number) => {
    if (!out.some((a) => fold(a.value) === fold(value))) out.push({ value, start: bounds.start + s, end: bounds.start + e });
  };
  for (const [i, re] of PATTERNS.entries()) {
    for (const m of seg.matchAll(re)) {
      const [form, auth, level] = i === 0 ? [m[1]!, m[2]!, m[3]] : [m[3]!, m[1]!, m[2]];
      const levelName = level ? ` ${LEVEL_NAMES[level]}` : '';
      const authName = AUTH_NAMES[canonAuthority(auth)]!;
      add(`${FORM_NAMES[form]} của ${authName}${authName === 'Chủ tịch UBND' ? levelName : ''}`, m.index, m.index + m[0].length);
    }
  }
  for (const m of seg.matchAll(GIVER)) {
    const s = m.index;
    const e = s + m[0].length;
    // A giver the patterns above named already ("Chủ tịch UBND huyện tặng Giấy khen").
    if (out.some((a) => a.start - bounds.start < e && a.end - bounds.start > s)) continue;
    // OCR's stray apostrophes between words ("Sở'Y tế") are spaces.
    const giver = text.slice(bounds.start + s, bounds.start + s + m[1]!.length).replace(/\s*['’‘`]\s*|\s+/g, ' ');
    add(`${FORM_NAMES[m[2]!]} của ${giver}`, s, e);
  }
  for (const [re, name] of TITLES) for (const m of seg.matchAll(re)) add(name, m.index, m.index + m[0].length);
  out.sort((a, b) => a.start - b.start);
  return out;
}
