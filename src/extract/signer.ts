/**
 * The signature block (Decree 30/2020): authority line "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ
 * TỊCH" / "Q. …" / "TL. …", the signer's position ("CHỦ TỊCH", "PHÓ TRƯỞNG BAN") and name.
 * On scans the block shares lines with "Nơi nhận" (left column), so positions are found
 * anywhere on a line and names at the end of one.
 */
import { gazetteerOrNull } from './issuer.js';
import { fold, lines, sentenceCase } from './text.js';

export interface SignerPart { value: string; start: number; end: number }
export interface Signer { name: SignerPart | null; title: SignerPart | null; onBehalfOf: SignerPart | null }

const AUTHORITY = /(?<![a-z])(tm|kt|tl|tuq|q)\s*\.\s*((?:[^\s*]+\s?){1,6})/;
const POSITIONS = [
  'pho chu tich', 'chu tich', 'pho truong ban', 'truong ban', 'pho giam doc', 'giam doc', 'pho truong phong', 'truong phong',
  'pho chanh van phong', 'chanh van phong', 'pho bi thu', 'bi thu', 'bo truong', 'thu truong', 'pho thu truong', 'thu tuong', 'pho thu tuong',
];
const POSITION_NAMES: Record<string, string> = {
  'pho chu tich': 'Phó Chủ tịch', 'chu tich': 'Chủ tịch', 'pho truong ban': 'Phó Trưởng ban', 'truong ban': 'Trưởng ban',
  'pho giam doc': 'Phó Giám đốc', 'giam doc': 'Giám đốc', 'pho truong phong': 'Phó Trưởng phòng', 'truong phong': 'Trưởng phòng',
  'pho chanh van phong': 'Phó Chánh Văn phòng', 'chanh van phong': 'Chánh Văn phòng', 'pho bi thu': 'Phó Bí thư', 'bi thu': 'Bí thư',
  'bo truong': 'Bộ trưởng', 'thu truong': 'Thứ trưởng', 'pho thu truong': 'Phó Thủ trưởng', 'thu tuong': 'Thủ tướng', 'pho thu tuong': 'Phó Thủ tướng',
};
// "CHỦ" is the syllable OCR mangles most in "CHỦ TỊCH" ("CHﬁ", "CHU"): any short form.
const POSITION_RES = POSITIONS.map((p) => [p, new RegExp(`(?<![a-z])${p.replace(/chu tich/, 'ch\\S{0,2}\\s+tich')}(?![a-z])`)] as const);
/** Body names whose usual capitalisation differs from plain sentence case. */
const BODY_CASE: Record<string, string> = { 'ban chi dao': 'Ban Chỉ đạo', 'ban thuong vu': 'Ban Thường vụ', 'hoi dong thi dua khen thuong': 'Hội đồng Thi đua - Khen thưởng' };

/** Common Vietnamese family names: a capitalised run starting with one is a person's name. */
const SURNAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong trinh truong lam phung mai to ha ta cao luong luu dinh quach chau thai kieu chu tang trieu luc nong hua giap khong la lu au mac than diep dam bach ninh doan kim nghiem ton thach van lo lai'.split(' '),
);

export function extractSigner(text: string, tail: { start: number; end: number }, folded = fold(text)): Signer {
  const all = lines(text).filter((l) => l.end > tail.start && l.start < tail.end);
  let onBehalfOf: SignerPart | null = null;
  let title: SignerPart | null = null;
  let name: SignerPart | null = null;
  let kt = false;
  for (const l of all) {
    const f = folded.slice(l.start, l.end);
    const upperPart = (s: number, e: number) => {
      const t = text.slice(s, e);
      return (t.match(/\p{Lu}/gu)?.length ?? 0) >= (t.match(/\p{L}/gu)?.length ?? 1) * 0.7;
    };
    if (!onBehalfOf) {
      const a = AUTHORITY.exec(f);
      if (a && upperPart(l.start + a.index + a[0].length - a[2]!.length, l.start + a.index + a[0].length)) {
        const s = l.start + a.index;
        const bodyFolded = a[2]!.trim().replace(/\*+$/, '');
        const body = text.slice(l.start + a.index + a[0].length - a[2]!.length, l.start + a.index + a[0].length).replace(/\*+/g, '').trim();
        const prefix = a[1]!.toUpperCase();
        kt = prefix === 'KT';
        const pos = POSITIONS.find((p) => bodyFolded === p);
        const cased = BODY_CASE[bodyFolded] ?? (pos ? POSITION_NAMES[pos]! : sentenceCase(body));
        onBehalfOf = { value: `${prefix}. ${cased}`, start: s, end: s + a[0].trimEnd().length };
        continue;
      }
    }
    if (!title) {
      for (const [p, re] of POSITION_RES) {
        const m = re.exec(f);
        if (!m) continue;
        const s = l.start + m.index;
        if (!upperPart(s, s + m[0].length)) continue;
        // Under "KT. CHỦ TỊCH" the signer is the deputy on the next line, not the head.
        if (kt && onBehalfOf && s < onBehalfOf.end + 2) continue;
        title = { value: POSITION_NAMES[p]!, start: s, end: s + m[0].length };
        break;
      }
    }
  }
  // The name: the last capitalised run starting with a family name, not a place name.
  for (const l of all) {
    const re = /(?<![\p{L}])(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})\**\s*$/gu;
    const m = re.exec(l.text);
    if (!m) continue;
    const cand = m[1]!;
    const words = cand.split(/\s+/);
    const first = words.findIndex((w) => SURNAMES.has(fold(w)));
    if (first < 0 || words.length - first < 2) continue;
    const value = words.slice(first).join(' ');
    if (gazetteerOrNull()?.findByName(value).length) continue;
    const s = l.start + m.index + cand.indexOf(words[first]!);
    name = { value, start: s, end: s + value.length };
  }
  return { name, title, onBehalfOf };
}
