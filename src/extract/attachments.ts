/**
 * Attached parts. A Quyết định that issues a plan carries the plan after its own signature
 * and Nơi nhận ("KẾ HOẠCH / Cải cách hành chính năm 2025 / (Ban hành kèm theo Quyết định số
 * 15/QĐ-UBND …)"), a Công văn its "PHỤ LỤC … (Kèm theo Công văn số …)". Each part has its own
 * tên loại, trích yếu and outline (I., II. … again), so the record keeps them apart: the main
 * document ends where the first part begins, and each part runs to the next one.
 *
 * A part starts at its type line, with the header some documents repeat above it (the
 * issuer and quốc hiệu), and is recognised by the caption under the type line ("kèm theo …");
 * a "PHỤ LỤC" line needs no caption.
 */
import { matchDocumentType } from './doctype.js';
import { editDistance, fold, lines, type Line } from './text.js';

export interface Span { start: number; end: number }

export interface AttachmentPart {
  /** From the first line of the part (its repeated header, else its type line) to the next part or the end. */
  start: number;
  end: number;
  /** "Kế hoạch", "Phụ lục", … */
  type: string;
  typeLine: Span;
  /** The "(Ban hành kèm theo …)" line(s); null for a Phụ lục printed without one. */
  caption: Span | null;
  /** Trích yếu of the part: the lines between the type line and the caption, else those after the caption. */
  title: Span | null;
}

/** The caption under an attached part's type line, on the folded line ("(Ban hành kèm theo Quyết định số …"). */
export const ATTACHMENT_CAPTION = /^[\s(*_[]*(?:duoc\s+)?(?:ban\s+hanh\s+)?k[e]m\s+th[e]o\s+(?:quyet\s+dinh|cong\s+van|ke\s+hoach|thong\s+bao|nghi\s+quyet|chi\s+thi|van\s+ban|huong\s+dan|to\s+trinh|chuong\s+trinh|thong\s+tu|nghi\s+dinh)\s+(?:s[o0]|ngay|cua|\d)(?![a-z])/;
const CAPTION_TYPES = '(?:quyet\\s+dinh|cong\\s+van|ke\\s+hoach|thong\\s+bao|nghi\\s+quyet|chi\\s+thi|van\\s+ban|huong\\s+dan|to\\s+trinh|chuong\\s+trinh|thong\\s+tu|nghi\\s+dinh)\\s+(?:s[o0]|ngay|cua|\\d)(?![a-z])';
/** The caption inside a line: the normalizer joins it onto the title line ("… ngành y tế (Ban hành kèm theo …)"). */
const INLINE_CAPTION = new RegExp(`(?:[([{]\\s*(?:duoc\\s+)?(?:ban\\s+hanh\\s+)?|(?<![a-z])(?:duoc\\s+)?ban\\s+hanh\\s+)kem\\s+theo\\s+${CAPTION_TYPES}`);

/** Offset of a caption in a folded line, or -1. */
function captionIn(foldedLine: string): number {
  if (ATTACHMENT_CAPTION.test(foldedLine)) return foldedLine.length - foldedLine.trimStart().length;
  return INLINE_CAPTION.exec(foldedLine)?.index ?? -1;
}

/** "PHỤ LỤC", "PHỤ LỤC I", "PHỤ LỤC SỐ 02" alone on a line (folded). */
const APPENDIX_LINE = /^[\s*#_]*phu\s+luc(?:\s+(?:so\s+)?[0-9ivxlc]{1,5})?[\s.:*_]*$/;
/** The main document comes first: no part starts in its first characters (its own type line, title). */
const MIN_MAIN_CHARS = 300;
/** How far below the type line the caption may sit (a trích yếu of up to three lines between). */
const CAPTION_LOOKAHEAD_LINES = 5;
/** How far above the type line a repeated header may start. */
const HEADER_LOOKBACK_LINES = 8;
/** Lines of a part's trích yếu at most. */
const MAX_TITLE_LINES = 4;
/** Characters of a type line at most (matchDocumentType reads no longer line). */
const MAX_TYPE_LINE_CHARS = 30;
/** Share of capitals on a type line. */
const UPPER_SHARE = 0.8;

const NATIONAL_OR_MOTTO = /cong\s*hoa\s+xa\s+hoi|doc\s+lap\s*[-—–]+\s*tu\s+do|dang cong san viet nam|doan tncs ho chi minh/;
const OUTLINE_START = /^\s*(?:(?:[ivxl|]{1,5}|\d{1,2}|[a-z])\s*[.)]\s|dieu\s+\d)/;
const PREAMBLE = /^\s*(?:can cu|thuc hien|nham|xet de nghi)/;

function upperShare(s: string): number {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 3) return 0;
  return letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length / letters.length;
}

/** Types a part attached to a decision or a Công văn is printed as (folded key → name). */
const ATTACHABLE = new Map(['Kế hoạch', 'Quy chế', 'Quy định', 'Chương trình', 'Đề án', 'Phương án', 'Hướng dẫn', 'Điều lệ'].map((n) => [fold(n), n]));
/** Letters of difference a damaged type line may have ("KÉ HOACH"). */
const TYPE_LINE_EDITS = 2;

/** The type a line names when it can head an attached part, or null. */
function partType(line: string, folded: string): string | null {
  if (upperShare(line) < UPPER_SHARE) return null;
  if (APPENDIX_LINE.test(folded)) return 'Phụ lục';
  // A cheap screen before the fuzzy type matcher: the line must be within a letter or two of an attachable type.
  const key = folded.replace(/[^a-z\s]/g, '').replace(/\s+/g, ' ').trim();
  if (![...ATTACHABLE.keys()].some((k) => Math.abs(k.length - key.length) <= TYPE_LINE_EDITS && editDistance(k, key) <= TYPE_LINE_EDITS)) return null;
  const t = matchDocumentType(line.replace(/^[\s*#_]+|[\s*_]+$/g, ''));
  return t?.exact && ATTACHABLE.has(fold(t.value)) ? t.value : null;
}

/** The attached parts of a document, in order (empty for a document without any). */
export function findAttachments(text: string, folded = fold(text)): AttachmentPart[] {
  const all = lines(text);
  const f = (l: Line) => folded.slice(l.start, l.end);
  const parts: AttachmentPart[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    // Type lines are short ("KẾ HOẠCH", "PHỤ LỤC II"): longer lines are not looked up.
    const len = line.text.trim().length;
    if (line.start < MIN_MAIN_CHARS || len < 3 || len > MAX_TYPE_LINE_CHARS) continue;
    const type = partType(line.text, f(line));
    if (!type) continue;
    let captionIdx = -1;
    let captionAt = -1;
    for (let k = i + 1; k < all.length && k <= i + CAPTION_LOOKAHEAD_LINES; k++) {
      const fk = f(all[k]!);
      const at = captionIn(fk);
      if (at >= 0) {
        captionIdx = k;
        captionAt = all[k]!.start + at;
        break;
      }
      if (OUTLINE_START.test(fk) || PREAMBLE.test(fk)) break;
    }
    if (captionIdx < 0 && type !== 'Phụ lục') continue;
    const caption = captionIdx >= 0 ? captionSpan(all, captionIdx, captionAt, folded) : null;
    const title = titleSpan(all, i, captionIdx, caption, folded);
    parts.push({ start: headerStart(all, i, folded), end: text.length, type, typeLine: { start: line.start, end: line.end }, caption, title });
    // Skip the caption and title lines of this part.
    while (i + 1 < all.length && all[i + 1]!.start < Math.max(caption?.end ?? 0, title?.end ?? 0)) i++;
  }
  for (let p = 0; p + 1 < parts.length; p++) parts[p]!.end = parts[p + 1]!.start;
  return parts;
}

/** A caption may wrap: it runs to its closing parenthesis (within three lines) or ends on its first line. */
function captionSpan(all: Line[], idx: number, from: number, folded: string): Span {
  const first = all[idx]!;
  const opens = /^[([{]/.test(folded.slice(from, first.end));
  let end = first.end;
  for (let k = idx; opens && k < all.length && k < idx + 3; k++) {
    const l = all[k]!;
    const close = folded.slice(k === idx ? from : l.start, l.end).indexOf(')');
    end = l.end;
    if (close >= 0) {
      end = (k === idx ? from : l.start) + close + 1;
      break;
    }
  }
  return { start: from, end };
}

function titleSpan(all: Line[], typeIdx: number, captionIdx: number, caption: Span | null, folded: string): Span | null {
  const f = (l: Line) => folded.slice(l.start, l.end);
  const collect = (from: number, stopAt: number, cut = Infinity): Span | null => {
    let s = -1;
    let e = -1;
    for (let k = from; k < all.length && k < from + MAX_TITLE_LINES && k < stopAt; k++) {
      const l = { ...all[k]! };
      if (l.end > cut) l.end = cut;
      if (l.end <= l.start) break;
      l.text = l.text.slice(0, l.end - l.start);
      if (!l.text.trim()) {
        if (s >= 0) break;
        continue;
      }
      if (!l.text.trim()) break;
      if (ATTACHMENT_CAPTION.test(f(l)) || OUTLINE_START.test(f(l)) || PREAMBLE.test(f(l)) || /^\s*\(/.test(l.text)) break;
      if (s < 0) s = l.start + (l.text.length - l.text.trimStart().length);
      e = l.end;
    }
    if (s < 0) return null;
    while (e > s && /[\s*_]/.test(folded[e - 1]!)) e--;
    return { start: s, end: e };
  };
  if (caption && caption.start > all[captionIdx]!.start + (all[captionIdx]!.text.length - all[captionIdx]!.text.trimStart().length)) {
    // The caption was joined onto the title's last line.
    return collect(typeIdx + 1, captionIdx + 1, caption.start);
  }
  if (captionIdx > typeIdx + 1) return collect(typeIdx + 1, captionIdx);
  if (!caption) return collect(typeIdx + 1, all.length);
  const after = all.findIndex((l) => l.start >= caption.end);
  return after >= 0 ? collect(after, all.length) : null;
}

/**
 * Where a part begins: its type line, or the header repeated above it (issuer beside quốc
 * hiệu, tiêu ngữ, rules) when there is one; the main document's signer above it stays out.
 */
function headerStart(all: Line[], typeIdx: number, folded: string): number {
  let start = all[typeIdx]!.start;
  let sawNational = false;
  let block: number[] = [];
  for (let k = typeIdx - 1; k >= 0 && k >= typeIdx - HEADER_LOOKBACK_LINES; k--) {
    const l = all[k]!;
    const fk = folded.slice(l.start, l.end);
    if (!l.text.trim()) {
      // A blank line ends the header block once its quốc hiệu has been seen.
      if (sawNational) break;
      continue;
    }
    if (NATIONAL_OR_MOTTO.test(fk)) {
      sawNational = true;
      block.push(k);
      continue;
    }
    if (upperShare(l.text) >= UPPER_SHARE || /^[\s\-–—_=*]+$/.test(l.text)) {
      block.push(k);
      continue;
    }
    break;
  }
  if (!sawNational) return start;
  // Upper-case lines above the quốc hiệu belong to the header only without a blank line between.
  block = block.sort((a, b) => a - b);
  const top = block[0]!;
  start = all[top]!.start;
  return start;
}
