/**
 * The layout skeleton of a Vietnamese administrative document (Decree 30/2020/NĐ-CP,
 * Appendix I): quốc hiệu + tiêu ngữ (right column) beside the issuing body (left column),
 * số/ký hiệu beside địa danh + ngày tháng năm, tên loại, trích yếu, căn cứ clauses, body,
 * "Trên đây là …" closing, Nơi nhận and the signature block. A scan often gives the two
 * header columns interleaved on one line; they are split here.
 */
import { dateAt, type DateMatch } from './dates.js';
import { fold, lines, stripMarkdown, type Line } from './text.js';
import { matchDocumentType } from './doctype.js';

export interface Span { start: number; end: number }
export interface TextSpan extends Span { text: string }

export interface DocumentSkeleton {
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "Độc lập - Tự do - Hạnh phúc". */
  nationalTitle: Span | null;
  motto: Span | null;
  /** Left-column header lines (cơ quan chủ quản, then cơ quan ban hành), top to bottom. */
  issuerLines: TextSpan[];
  /** The "Số: …" field: the raw number part, the symbol ("KH-UBND") and the full number. */
  numberField: (Span & { number: string | null; symbol: string | null; raw: string }) | null;
  place: TextSpan | null;
  date: DateMatch | null;
  /** Tên loại: "KẾ HOẠCH", normalized "Kế hoạch". */
  documentType: (TextSpan & { value: string; score: number }) | null;
  /** Trích yếu. */
  title: TextSpan | null;
  /** Where the body (căn cứ clauses and the outline) starts and ends. */
  body: Span;
  /** "Trên đây là …" paragraph. */
  closing: Span | null;
  /** "Nơi nhận:" label line and the block below it. */
  recipients: Span | null;
  /** From the closing (or Nơi nhận) to the end: signature, recipients. */
  tail: Span;
}

const NATIONAL = /c[o0]ng\s*h[o0q]a\s+x[a-z0-9&]{1,2}\s+h[a-z0-9]{1,2}i\s+ch[a-z]{1,2}\s+ngh[a-z]{1,2}a\s+vi[a-z]{1,2}t\s+nam/;
const MOTTO = /(?:[a-z]{1,4}\s+)?l[a-z]{1,2}p\s*[-—–]+\s*t[a-z]{0,2}\s+do\s*[-—–]+\s*h[a-z]{1,2}nh(?:\s+p\S{0,5})?/;
const NUMBER_LABEL = /(?:^|\s)s[o0-9e]{1,2}\s*:\s*/;
const PLACE_DATE = /,\s*ng[a-z]{0,1}y\b/;
const PREAMBLE = /^(?:can c|thuc hien|nham|xet de nghi)/;
const CLOSING = /(?:^|\n)[ \t#*]*tren day la\b/;
const RECIPIENTS = /(?:^|\n)[ \t#*]*n[o0]i nh[a-z]n\s*:?/;

export function buildSkeleton(text: string): DocumentSkeleton {
  const folded = fold(text);
  const all = lines(text);
  const head = all.slice(0, 40);
  let nationalTitle: Span | null = null;
  let motto: Span | null = null;
  let numberField: DocumentSkeleton['numberField'] = null;
  let place: TextSpan | null = null;
  let date: DateMatch | null = null;
  let documentType: DocumentSkeleton['documentType'] = null;
  const issuerLines: TextSpan[] = [];
  let headerDone = false;
  let typeLineIdx = -1;
  let nonBlank = 0;

  for (let i = 0; i < head.length; i++) {
    const line = head[i]!;
    const f = folded.slice(line.start, line.end);
    if (!f.trim()) continue;
    nonBlank++;
    // Left-column text of this line = the line minus the right-column parts.
    let left: Span = { start: line.start, end: line.end };
    const nat = NATIONAL.exec(f);
    if (nat) {
      nationalTitle = { start: line.start + nat.index, end: line.start + nat.index + nat[0].length };
      left = { start: line.start, end: line.start + nat.index };
    }
    const mot = MOTTO.exec(f);
    if (mot) {
      motto = { start: line.start + mot.index, end: line.start + mot.index + mot[0].length };
      left = { start: line.start, end: Math.min(left.end, line.start + mot.index) };
    }
    const num = !numberField ? NUMBER_LABEL.exec(f) : null;
    if (num && num.index < 30) {
      numberField = parseNumber(text, line.start + num.index + num[0].length, line.end);
      left = { start: line.start, end: line.start + num.index };
      headerDone = true;
    }
    const pd = !date ? PLACE_DATE.exec(f) : null;
    if (pd) {
      const parsed = parsePlaceDate(text, folded, line, line.start + pd.index);
      if (parsed.date) {
        place = parsed.place;
        date = parsed.date;
        headerDone = true;
        continue;
      }
    }
    if (num) continue;
    const type = !documentType ? matchDocumentType(stripMarkdown(text.slice(line.start, line.end))) : null;
    if (type && type.exact) {
      documentType = { start: line.start, end: line.end, text: line.text, value: type.value, score: type.score };
      typeLineIdx = i;
      break;
    }
    if (!headerDone && (nat || mot || nonBlank <= 4)) {
      const leftText = text.slice(left.start, left.end).trim();
      if (leftText && !PREAMBLE.test(fold(leftText)) && isHeaderish(leftText)) {
        const s = left.start + text.slice(left.start, left.end).indexOf(leftText);
        issuerLines.push({ start: s, end: s + leftText.length, text: leftText });
      }
    }
    if (PREAMBLE.test(f.trim())) break;
  }

  const title = findTitle(text, folded, all, typeLineIdx, issuerLines, !!(numberField || date || documentType));
  const closingM = CLOSING.exec(folded);
  const closing = closingM ? paragraphAt(text, closingM.index + (closingM[0].startsWith('\n') ? 1 : 0)) : null;
  // The last "Nơi nhận" line after the closing (or anywhere, for a document without one).
  const from = closing?.start ?? 0;
  const recMs = [...folded.slice(from).matchAll(new RegExp(RECIPIENTS.source, 'g'))];
  const recM = recMs[recMs.length - 1];
  const recStart = recM ? from + recM.index + (recM[0].startsWith('\n') ? 1 : 0) : -1;
  const recipients = recStart >= 0 ? { start: recStart, end: text.length } : null;
  const bodyStart = title ? title.end : documentType ? documentType.end : Math.max(0, ...issuerLines.map((l) => l.end), numberField?.end ?? 0);
  const bodyEnd = closing?.start ?? (recipients ? recipients.start : text.length);
  return {
    nationalTitle,
    motto,
    issuerLines,
    numberField,
    place,
    date,
    documentType,
    title,
    body: { start: bodyStart, end: Math.max(bodyStart, bodyEnd) },
    closing,
    recipients,
    tail: { start: Math.min(bodyEnd, text.length), end: text.length },
  };
}

/** Upper-case names such as "ỦY BAN NHÂN DÂN", "XÃ ĐẠI THẮNG" (OCR may lower a letter). */
function isHeaderish(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 3 || s.length > 80) return false;
  const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length;
  return upper / letters.length >= 0.7;
}

function parseNumber(text: string, from: number, lineEnd: number): NonNullable<DocumentSkeleton['numberField']> {
  const rest = text.slice(from, lineEnd);
  const m = /^\s*([^\s/]*)\s*\/\s*([\p{L}\d]+(?:[-/][\p{L}\d]+)*-?)/u.exec(rest);
  if (!m) return { start: from, end: from, number: null, symbol: null, raw: '' };
  const numPart = m[1]!;
  let symbol = m[2]!;
  let number: string | null = null;
  if (/^\d{1,5}$/.test(numPart)) number = `${numPart}/${symbol}`;
  // "05/2019/QĐ-UBND": the year belongs to the number, the letters to the symbol.
  const withYear = /^(\d{4})\/(.+)$/.exec(symbol);
  if (withYear) symbol = withYear[2]!;
  return { start: from + m.index + (m[0].length - m[0].trimStart().length), end: from + m[0].length, number, symbol, raw: m[0].trim() };
}

function parsePlaceDate(text: string, folded: string, line: Line, comma: number): { place: TextSpan | null; date: DateMatch | null } {
  const date = dateAt(folded, comma + 1, 8);
  if (!date) return { place: null, date: null };
  // The place: capitalised words right before the comma (the number field may precede them).
  const before = text.slice(line.start, comma);
  const words = [...before.matchAll(/\S+/g)];
  let k = words.length;
  while (k > 0 && k > words.length - 5) {
    const w = words[k - 1]![0];
    if (!/^[\p{Lu}][\p{L}.'-]*$/u.test(w) || /[/:]/.test(w)) break;
    k--;
  }
  if (k === words.length) return { place: null, date };
  const s = line.start + words[k]!.index!;
  return { place: { start: s, end: comma, text: text.slice(s, comma) }, date };
}

/** The paragraph (up to a blank line) starting at `start`. */
function paragraphAt(text: string, start: number): Span {
  const blank = /\n\s*\n/g;
  blank.lastIndex = start;
  const m = blank.exec(text);
  return { start, end: m ? m.index : text.length };
}

/**
 * Trích yếu: the lines after the type line up to a blank line or a căn cứ clause. When
 * the scan lost the header (the text starts with the title), the first paragraph.
 */
function findTitle(text: string, folded: string, all: Line[], typeIdx: number, issuer: TextSpan[], hasHeader: boolean): TextSpan | null {
  let i = typeIdx >= 0 ? typeIdx + 1 : -1;
  if (i < 0) {
    // A Công văn has no type line: its trích yếu is the "V/v …" line under the number.
    const vv = all.slice(0, 15).findIndex((l) => /^\s*(?:v\/v|ve viec)\b/.test(folded.slice(l.start, l.end)));
    if (vv >= 0) i = vv;
    else if (hasHeader || issuer.length) {
      // Joined onto the number/date line by a line-joiner: "… năm 2024 V/v hướng dẫn …".
      const m = /\sv\/v\s/.exec(folded.slice(0, 800));
      if (!m) return null;
      const start = m.index + 1;
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      return { start, end, text: text.slice(start, end).trim() };
    } else i = 0;
  }
  while (i < all.length && !all[i]!.text.trim()) i++;
  const first = all[i];
  if (!first) return null;
  let end = first.end;
  const f = (l: Line) => folded.slice(l.start, l.end).replace(/^[\s#*]+/, '');
  if (PREAMBLE.test(f(first)) || /^(i|[|l1]|\d{1,2})\s*[.)]\s/.test(f(first))) return null;
  for (let k = i + 1; k < all.length && k < i + 6; k++) {
    const l = all[k]!;
    if (!l.text.trim() || PREAMBLE.test(f(l)) || /^[-+]/.test(l.text.trim())) break;
    end = l.end;
  }
  let start = first.start;
  while (start < end && /[\s#*]/.test(text[start]!)) start++;
  while (end > start && /[\s#*]/.test(text[end - 1]!)) end--;
  const t = text.slice(start, end);
  if (t.length < 8 || t.length > 400 || !/^[\p{Lu}“"]/u.test(t.replace(/^(V\/v|Về việc)\s*/u, 'V'))) return null;
  return { start, end, text: t };
}
