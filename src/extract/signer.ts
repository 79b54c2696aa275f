/**
 * The signature block (Decree 30/2020): authority line "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ
 * TỊCH" / "Q. …" / "TL. …", the signer's position ("CHỦ TỊCH", "PHÓ TRƯỞNG BAN") and name.
 * On scans the block shares lines with "Nơi nhận" (left column), so positions are found
 * anywhere on a line and names at the end of one.
 */
import { gazetteerOrNull } from './issuer.js';
import { looksLikeFamilyName, repairFamilyName, repairPersonName } from './names.js';
import { fold, lines, MOSTLY_UPPER_SHARE, sentenceCase } from './text.js';

export interface SignerPart { value: string; start: number; end: number; /** The value differs from the text at [start, end) (a repaired family name). */ repaired?: boolean }
export interface Signer { name: SignerPart | null; title: SignerPart | null; onBehalfOf: SignerPart | null }

const AUTHORITY = /(?<![a-z])(?:(tm|kt|tl|tuq|q)\s*\.|(t\/m|k\/t|t\/l)\.?)\s*((?:[^\s*]+\s?){1,6})/;
/** Where a one-line signature block ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH …") starts a new part. */
const PART_BREAK = /\s+(?=(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|(?:T\/M|K\/T|T\/L)\.?\s+\p{Lu})/gu;
/** Positions of signers; each deputy ("Phó …") before its head so that the longer one wins. */
const POSITION_LIST: [string, string][] = [
  ['Phó Chủ tịch', 'Chủ tịch'], ['Phó Trưởng ban', 'Trưởng ban'], ['Phó Tổng Giám đốc', 'Tổng Giám đốc'], ['Phó Giám đốc', 'Giám đốc'],
  ['Phó Trưởng phòng', 'Trưởng phòng'], ['Phó Chánh Văn phòng', 'Chánh Văn phòng'], ['Phó Chánh Thanh tra', 'Chánh Thanh tra'],
  ['Phó Bí thư', 'Bí thư'], ['Phó Thủ tướng', 'Thủ tướng'], ['Phó Hiệu trưởng', 'Hiệu trưởng'], ['Phó Viện trưởng', 'Viện trưởng'],
  ['Phó Cục trưởng', 'Cục trưởng'], ['Phó Chi cục trưởng', 'Chi cục trưởng'], ['Phó Chánh án', 'Chánh án'], ['Phó Thủ trưởng', 'Thứ trưởng'],
  ['Bộ trưởng', 'Trưởng đoàn'],
].flat().map((name) => [fold(name), name]);
const POSITIONS = POSITION_LIST.map(([f]) => f);
const POSITION_NAMES: Record<string, string> = Object.fromEntries(POSITION_LIST);
// "CHỦ" is the syllable OCR mangles most in "CHỦ TỊCH" ("CHﬁ", "CHU"): any short form.
const POSITION_RES = POSITIONS.map((p) => [p, new RegExp(`(?<![a-z])${p.replace(/chu tich/, 'ch\\S{0,2}\\s+tich')}(?![a-z])`)] as const);
/** Body names whose usual capitalisation differs from plain sentence case. */
const BODY_CASE: Record<string, string> = { 'ban chi dao': 'Ban Chỉ đạo', 'ban thuong vu': 'Ban Thường vụ', 'hoi dong thi dua khen thuong': 'Hội đồng Thi đua - Khen thưởng' };

export function extractSigner(text: string, tail: { start: number; end: number }, folded = fold(text)): Signer {
  const all = lines(text).filter((l) => l.end > tail.start && l.start < tail.end);
  // Lines cut where a new authority part starts, for blocks printed on one line.
  const parts: { start: number; end: number }[] = [];
  for (const l of all) {
    let from = l.start;
    for (const m of l.text.matchAll(PART_BREAK)) {
      parts.push({ start: from, end: l.start + m.index });
      from = l.start + m.index + m[0].length;
    }
    parts.push({ start: from, end: l.end });
  }
  let onBehalfOf: SignerPart | null = null;
  let title: SignerPart | null = null;
  let name: SignerPart | null = null;
  let kt = false;
  let onBehalfOfInner: { start: number; end: number } | null = null;
  for (const l of parts) {
    const f = folded.slice(l.start, l.end);
    const upperPart = (s: number, e: number) => {
      const t = text.slice(s, e);
      return (t.match(/\p{Lu}/gu)?.length ?? 0) >= (t.match(/\p{L}/gu)?.length ?? 1) * MOSTLY_UPPER_SHARE;
    };
    // A second authority ("TM. ỦY BAN NHÂN DÂN" then "KT. CHỦ TỊCH"): its position is not the signer's.
    const again = onBehalfOf ? AUTHORITY.exec(f) : null;
    if (again && !title) {
      const prefix = (again[1] ?? again[2]!).toUpperCase();
      if (prefix === 'KT' || prefix === 'K/T' || prefix === 'TL' || prefix === 'T/L' || prefix === 'TUQ' || prefix === 'Q') {
        const bodyFolded = again[3]!.trim();
        const lead = POSITIONS.find((p) => bodyFolded === p || bodyFolded.startsWith(`${p} `));
        kt = true;
        onBehalfOfInner = { start: l.start + again.index, end: l.start + again.index + again[0].length - again[3]!.length + (lead ? lead.length : again[3]!.trimEnd().length) };
      }
    }
    if (!onBehalfOf) {
      const a = AUTHORITY.exec(f);
      const bodyGroup = a?.[3];
      if (a && bodyGroup && upperPart(l.start + a.index + a[0].length - bodyGroup.length, l.start + a.index + a[0].length)) {
        const s = l.start + a.index;
        const bodyStart = l.start + a.index + a[0].length - bodyGroup.length;
        // The body ends where a position starts ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH"): the part after it is the signer's title.
        let bodyFolded = bodyGroup.replace(/\*+/g, ' ').trim();
        const lead = POSITIONS.find((p) => bodyFolded === p || bodyFolded.startsWith(`${p} `));
        if (lead) bodyFolded = lead;
        else {
          const at = POSITION_RES.map(([, re]) => re.exec(bodyFolded)?.index ?? -1).filter((i) => i > 0);
          if (at.length) bodyFolded = bodyFolded.slice(0, Math.min(...at)).trim();
        }
        const body = text.slice(bodyStart, bodyStart + bodyFolded.length).replace(/\*+/g, '').trim();
        const prefix = (a[1] ?? a[2]!).toUpperCase();
        kt = prefix === 'KT' || prefix === 'K/T';
        const pos = POSITIONS.find((p) => bodyFolded === p);
        const cased = BODY_CASE[bodyFolded] ?? (pos ? POSITION_NAMES[pos]! : sentenceCase(body));
        const end = bodyStart + bodyFolded.length;
        onBehalfOf = { value: `${prefix}${prefix.includes('/') ? '' : '.'} ${cased}`, start: s, end };
        if (!lead && end >= l.end - 1) continue;
      }
    }
    if (!title) {
      for (const [p, re] of POSITION_RES) {
        const m = re.exec(f);
        if (!m) continue;
        const s = l.start + m.index;
        if (!upperPart(s, s + m[0].length)) continue;
        // Under "KT. CHỦ TỊCH" the signer is the deputy after it, not the head.
        if (kt && onBehalfOf && s < onBehalfOf.end + 1) continue;
        if (onBehalfOf && s >= onBehalfOf.start && s < onBehalfOf.end) continue;
        if (onBehalfOfInner && s >= onBehalfOfInner.start && s < onBehalfOfInner.end) continue;
        title = { value: POSITION_NAMES[p]!, start: s, end: s + m[0].length };
        break;
      }
    }
  }
  // The name: the last capitalised run starting with a family name, not a place name.
  for (const l of all) {
    // A short family name may be in capitals where OCR read it so ("DO Văn Khai": Đỗ); a longer
    // capital word is the title line's end ("THỨ TRƯỞNG Nguyễn …"), and a run all in capitals is a title line.
    const re = /(?<![\p{L}])(\p{Lu}(?:\p{Ll}*|\p{Lu}{1,2})(?:\s+\p{Lu}\p{Ll}*){1,3})\**\s*$/gu;
    const m = re.exec(l.text);
    if (!m) continue;
    const cand = m[1]!;
    if (!/\p{Ll}/u.test(cand)) continue;
    const words = cand.split(/\s+/);
    let first = words.findIndex((w) => looksLikeFamilyName(w));
    // After the position on its line ("PHÓ CHỦ TỊCH Hệ An Phong"), or alone on the block's last
    // line, a run of two to four words is the name even when restoration spoiled the family name.
    const lead = l.text.slice(0, m.index).trim();
    const signatureSpot = (lead ? POSITION_RES.some(([, re]) => re.test(fold(lead))) && /\p{Lu}{2}\s*$/u.test(lead) : l === all[all.length - 1]) && words.length <= 4;
    if (first < 0 && signatureSpot && repairFamilyName(words[0]!)) first = 0;
    if (first < 0 || words.length - first < 2) continue;
    const written = words.slice(first).join(' ');
    if (gazetteerOrNull()?.findByName(written).length) continue;
    const s = l.start + m.index + cand.indexOf(words[first]!);
    // A restorer's wrong marks on the family name ("Nguyên", "Là") are undone against the list of family names.
    const value = repairPersonName(written) ?? written;
    name = { value, start: s, end: s + written.length, repaired: value !== written };
  }
  return { name, title, onBehalfOf };
}

/** Lines a trailing signature block has at most (authority, second authority, position, "(Đã ký)", name). */
const MAX_SIGNATURE_LINES = 7;
/** A signature line that holds no field: "(Đã ký)", "(Ký, ghi rõ họ tên)", "(đã ký và đóng dấu)". */
const SIGNED_NOTE = /^\(?\s*(?:da\s+ky|ky\b)[^)]*\)?\.?$/;

/**
 * A signature block that ends a text with no "Nơi nhận" (an attached Phụ lục signed on its
 * own): the run of last lines that are authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
 * TỊCH"), positions in capitals, "(Đã ký)" or the name, holding at least one authority or
 * position line. Null when the text does not end so.
 */
export function trailingSignatureBlock(text: string, folded = fold(text)): { start: number; end: number } | null {
  const all = lines(text).filter((l) => l.text.trim());
  let start = -1;
  let anchored = false;
  for (let k = all.length - 1, n = 0; k >= 0 && n < MAX_SIGNATURE_LINES; k--, n++) {
    const l = all[k]!;
    const t = l.text.trim();
    const f = folded.slice(l.start, l.end).trim();
    const upper = (t.match(/\p{Lu}/gu)?.length ?? 0) >= (t.match(/\p{L}/gu)?.length ?? 1) * MOSTLY_UPPER_SHARE;
    const authority = AUTHORITY.exec(f)?.index === 0 && upper;
    const position = upper && POSITION_RES.some(([, re]) => re.exec(f)?.index === 0);
    // A name: two to five capitalised words, the first a family name (or within a letter of one).
    const words = t.split(/\s+/);
    const name = !upper && words.length >= 2 && words.length <= 5 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w)) && repairPersonName(t) !== null;
    if (!(authority || position || name || SIGNED_NOTE.test(f))) break;
    // The name line is the block's last; above the authority line the block ends.
    if (name && k !== all.length - 1) break;
    anchored ||= authority || position;
    start = l.start + (l.text.length - l.text.trimStart().length);
  }
  return anchored && start >= 0 ? { start, end: text.length } : null;
}