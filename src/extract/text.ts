/**
 * Text helpers shared by the segmenter and the extractors. All matching is done on a
 * "folded" copy of the text of the SAME length (lowercase, tone and vowel marks removed,
 * đ→d), so one regex serves restored text ("Kế hoạch số"), unrestored OCR ("Ke hoach so")
 * and anything in between, while offsets stay valid in the original text.
 */
import { fold as foldLetters, type FoldOptions } from '../lang/fold.js';
import type { Provenance } from '../schema/document.js';

const FOLD_OPTIONS: FoldOptions = { lowercase: true, keepLength: true };

let lastFolded: { text: string; folded: string } | null = null;

/** Same-length folded copy of `text` for diacritic- and case-insensitive matching. */
export function fold(text: string): string {
  // The segment and extract stages fold the same document text several times: keep the last long one.
  if (text.length > 1000) {
    if (lastFolded?.text === text) return lastFolded.folded;
    const folded = foldLetters(text, FOLD_OPTIONS);
    lastFolded = { text, folded };
    return folded;
  }
  return foldLetters(text, FOLD_OPTIONS);
}

/** Collapses whitespace (line breaks included) to single spaces, as the annotations are written. */
export function flat(text: string): string {
  return text
    .replace(/([^\s-])-[ \t]*\n\s*(?=[\p{L}\p{N}])/gu, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Web exports of legal texts (thư viện pháp luật style) prefix each part with the document's
 * name: "Kế hoạch 58/KH-UBND năm 2024. II. CHỈ TIÊU", "Quyết định 435/QĐ-UBND năm 2020.
 * CHƯƠNG TRÌNH HÀNH ĐỘNG. II. …". The length of that prefix at the start of a line (0 if none).
 */
const EXPORT_PREFIX = /^\s*(?:Kế hoạch|Quyết định|Nghị định|Nghị quyết|Thông tư|Chỉ thị|Công văn|Thông báo|Hướng dẫn|Chương trình|Báo cáo|Luật|Văn bản hợp nhất)\s+\d[\p{L}\d/.-]*(?:\s+năm\s+\d{4})?\.\s+(?:[\p{Lu}][\p{Lu}\s,–-]{5,}?\.\s+)*/u;
export function exportPrefixLength(line: string): number {
  return EXPORT_PREFIX.exec(line)?.[0].length ?? 0;
}

/** Strips Markdown emphasis/heading marks that some text exports carry. */
export function stripMarkdown(text: string): string {
  return text.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|__/g, '').trim();
}

export interface Line {
  /** Offset of the first character of the line in the text. */
  start: number;
  end: number;
  text: string;
}

/** The lines of a text with their offsets. */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end, text: text.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** Narrows [start, end) so that it excludes surrounding whitespace and Markdown marks. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s*#]/.test(text[start]!)) start++;
  while (end > start && /[\s*#]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** An extracted scalar in the output shape. */
export interface Scalar<T> {
  value: T | null;
  confidence: number;
  provenance: Provenance | null;
}

export function none<T>(): Scalar<T> {
  return { value: null, confidence: 0, provenance: null };
}

export function scalar<T>(value: T | null, confidence: number, provenance: Provenance | null): Scalar<T> {
  return { value, confidence: Math.max(0, Math.min(1, confidence)), provenance };
}

/** Sentence case with Vietnamese-aware lowercasing: "BAN CHỈ ĐẠO" → "Ban chỉ đạo". */
export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** Title case of a proper name: "ĐẠI THẮNG" → "Đại Thắng". */
export function titleCase(s: string): string {
  return s
    .toLocaleLowerCase('vi')
    .split(/(\s+)/)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join('');
}

/**
 * Share of upper-case letters from which a line counts as printed in capitals although OCR
 * lowered some of its letters ("MUC PiCH"): lower accepts more damaged headings, higher
 * fewer sentence-case lines taken for headings.
 */
export const MOSTLY_UPPER_SHARE = 0.7;

/** True when every letter of `s` is uppercase (and there are some). */
export function isUpper(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  return letters.every((c) => c === c.toLocaleUpperCase('vi') && c !== c.toLocaleLowerCase('vi'));
}

/**
 * Edit distance (insert/delete/substitute, cost 1). Written here rather than taken from
 * `natural`, whose import prints dotenv banners to stdout and would corrupt JSON output.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
