/**
 * The layout skeleton of a Vietnamese administrative document (Decree 30/2020/NĐ-CP,
 * Appendix I): quốc hiệu + tiêu ngữ (right column) beside the issuing body (left column),
 * số/ký hiệu beside địa danh + ngày tháng năm, tên loại, trích yếu, căn cứ clauses, body,
 * "Trên đây là …" closing, Nơi nhận and the signature block. A scan often gives the two
 * header columns interleaved on one line; they are split here.
 */
import { tokenize } from '../lang/tokenize.js';
import { dateAt, type DateMatch } from './dates.js';
import { exportPrefixLength, fold, lines, MOSTLY_UPPER_SHARE, stripMarkdown, type Line } from './text.js';
import { matchDocumentType } from './doctype.js';
import { canonicalNumber } from './symbols.js';
import { ATTACHMENT_CAPTION, findAttachments, type AttachmentPart } from './attachments.js';

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
  /** From the closing (or Nơi nhận) to the end of the main document: signature, recipients. */
  tail: Span;
  /** Parts attached after the main document (a plan issued by a decision, a Phụ lục); the fields above end before the first. */
  attachments: AttachmentPart[];
}

/** "NAM" may wrap onto the next line of a scan's narrow column. */
const NATIONAL = /c[o0]ng\s*h[o0q]a\s+x[a-z0-9&]{1,2}\s+h[a-z0-9]{1,2}i\s+ch[a-z]{1,2}\s+ngh[a-z]{1,2}a\s+vi[a-z]{1,2}t(?:\s+nam)?/;
const MOTTO = /(?:[a-z]{1,4}\s+)?l[a-z]{1,2}p\s*[-—–]+\s*t[a-z]{0,2}\s+do\s*[-—–]+\s*h[a-z]{1,2}nh(?:\s+p\S{0,5})?/;
/** "Số:" — or "Số 27-KH/ĐU" without the colon, as party documents write it. */
const NUMBER_LABEL = /(?:^\s*|\s)[s$][o0-9eg]{1,2}\s*:\s*|^\s*s[o0-9e]{1,2}\s+(?=\d{1,5}-[a-z])/;
/** The right-column title of party and youth-union documents, in place of the quốc hiệu. */
const PARTY_TITLE = /dang cong san viet nam|doan tncs ho ch\S{0,2} minh|doan thanh nien cong san ho ch\S{0,2} minh/;
/** The start of a quốc hiệu whose rest wrapped onto the next line ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM"). */
const NATIONAL_START = /c[o0]ng\s*h[o0q]a\s+x[a-z0-9&]{1,2}\s+h[a-z0-9]{1,2}i(?![a-z])/;
/** The wrapped rest of a quốc hiệu, alone on its line. */
const NATIONAL_REST = /^(?:(?:ch[a-z]{1,2}\s+)?ngh[a-z]{1,2}a\s+)?(?:vi[a-z]{1,2}t\s+)?nam$/;
const PLACE_DATE = /,\s*ng[a-z]{0,1}y\b/;
const PREAMBLE = /^(?:can c|thuc hien|nham|xet de nghi)/;
const CLOSING = /(?:^|\n)[ \t#*]*tren day la\b/;
const RECIPIENTS = /(?:^|\n)[ \t#*]*n[o0]i nh[a-z]n\s*:?/;
/** A preamble run on after the title by a line-joiner ("Thu hiện", "Thuc hién": the same words through English-model OCR and restoration). */
const RUN_ON = /\s(?=(?:Căn cứ|Th\S{0,3} hi\S{1,3}n|Nhằm|Xét đề nghị|Theo đề nghị)\s)/u;
/** How far above "Nơi nhận" a signature block printed before it is looked for. */
const SIGNATURE_BEFORE_RECIPIENTS_CHARS = 300;
/** A title line under the type line longer than this is running text (a preamble), not a trích yếu. */
const MAX_TITLE_LINE_CHARS = 160;

let lastSkeleton: { text: string; skeleton: DocumentSkeleton } | null = null;

/** The skeleton of a text (the segment and extract stages both need it: the last one is kept). */
export function buildSkeleton(text: string): DocumentSkeleton {
  if (lastSkeleton?.text === text) return lastSkeleton.skeleton;
  const skeleton = readSkeleton(text);
  lastSkeleton = { text, skeleton };
  return skeleton;
}

function readSkeleton(text: string): DocumentSkeleton {
  const attachments = findAttachments(text);
  // The main document is the text before its first attached part: a prefix, so its offsets hold.
  if (attachments.length) return { ...readSkeleton(text.slice(0, attachments[0]!.start)), attachments };
  return readMainSkeleton(text);
}

function readMainSkeleton(text: string): DocumentSkeleton {
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
  let inlineTitle: TextSpan | null = null;
  let nonBlank = 0;

  for (let i = 0; i < head.length; i++) {
    const line = head[i]!;
    const f = folded.slice(line.start, line.end);
    if (!f.trim()) continue;
    nonBlank++;
    // Left-column text of this line = the line minus the right-column parts.
    let left: Span = { start: line.start, end: line.end };
    // A youth-union header names the union on both sides ("ĐOÀN TNCS HỒ CHÍ MINH TỈNH PHÚ THỌ …
    // ĐOÀN TNCS HỒ CHÍ MINH"): the title is the right-hand one, not one that heads a name.
    const partyTitles = [...f.matchAll(new RegExp(PARTY_TITLE.source, 'g'))].filter((m) => !(m.index < 5 && /^\s+(?:tinh|huyen|thanh pho|quan|thi xa|xa|phuong)\s/.test(f.slice(m.index + m[0].length))));
    const nat = NATIONAL.exec(f) ?? partyTitles[partyTitles.length - 1] ?? NATIONAL_START.exec(f) ?? null;
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
        // Web exports put tên loại and trích yếu on the same line: "… ngày 08 tháng 3 năm 2024 KẾ HOẠCH PHÁT ĐỘNG …".
        const inline = !documentType ? inlineTypeAndTitle(text, folded, parsed.date.end, line.end) : null;
        if (inline) {
          documentType = inline.type;
          inlineTitle = inline.title;
          typeLineIdx = i;
          break;
        }
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
      // Without Markdown emphasis ("**ỦY BAN NHÂN DÂN …**") and the rules some exports draw under names ("-------").
      const rawLeft = text.slice(left.start + exportPrefixLength(text.slice(left.start, left.end)), left.end);
      const leftText = rawLeft.replace(/^[\s*#_]+/, '').replace(/[\s*_]+$/, '').replace(/\s*[-–—_]{3,}$/, '');
      // "NAM", "CHỦ NGHĨA VIỆT NAM" alone: the end of the quốc hiệu wrapped onto the next line.
      if (leftText && !NATIONAL_REST.test(fold(leftText).trim()) && !PREAMBLE.test(fold(leftText)) && isHeaderish(leftText)) {
        const s = left.end - rawLeft.length + rawLeft.indexOf(leftText);
        issuerLines.push({ start: s, end: s + leftText.length, text: leftText });
      }
    }
    if (PREAMBLE.test(f.trim())) break;
  }

  const title = inlineTitle ?? findTitle(text, folded, all, typeLineIdx, issuerLines, !!(numberField || date || documentType));
  const closingM = CLOSING.exec(folded);
  const closing = closingM ? paragraphAt(text, closingM.index + (closingM[0].startsWith('\n') ? 1 : 0)) : null;
  // The last "Nơi nhận" line after the closing (or anywhere, for a document without one).
  const from = closing?.start ?? 0;
  const recMs = [...folded.slice(from).matchAll(new RegExp(RECIPIENTS.source, 'g'))];
  const recM = recMs[recMs.length - 1];
  const recStart = recM ? from + recM.index + (recM[0].startsWith('\n') ? 1 : 0) : -1;
  const recipients = recStart >= 0 ? { start: recStart, end: text.length } : null;
  const bodyStart = title ? title.end : documentType ? documentType.end : Math.max(0, ...issuerLines.map((l) => l.end), numberField?.end ?? 0);
  let bodyEnd = closing?.start ?? (recipients ? recipients.start : text.length);
  // A signature block printed before "Nơi nhận" (TM. … / KT. … / name, then the list) ends the body there.
  if (!closing && recipients) {
    const zone = folded.slice(Math.max(bodyStart, bodyEnd - SIGNATURE_BEFORE_RECIPIENTS_CHARS), bodyEnd);
    const auth = [...zone.matchAll(/(?:^|\n)[ \t#*]*(?:tm|kt|tl|tuq|t\/m|k\/t|t\/l)\s*[./]\s*\S/g)].filter((m) => isHeaderish(lineAt(text, bodyEnd - zone.length + m.index + (m[0].startsWith('\n') ? 1 : 0))));
    if (auth.length) bodyEnd = bodyEnd - zone.length + auth[0]!.index + (auth[0]![0].startsWith('\n') ? 1 : 0);
  }
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
    attachments: [],
  };
}

/** The skeleton of an attached part (its text alone): type line and title as the part finder read them. */
export function attachmentSkeleton(partText: string, part: AttachmentPart): DocumentSkeleton {
  const sk = readMainSkeleton(partText);
  const at = (s: { start: number; end: number }) => ({ start: s.start - part.start, end: s.end - part.start });
  const typeLine = at(part.typeLine);
  const title = part.title ? at(part.title) : null;
  const bodyStart = Math.max(typeLine.end, title?.end ?? 0, part.caption ? at(part.caption).end : 0);
  return {
    ...sk,
    documentType: { ...typeLine, text: partText.slice(typeLine.start, typeLine.end), value: part.type, score: 1 },
    title: title ? { ...title, text: partText.slice(title.start, title.end) } : null,
    body: { start: bodyStart, end: Math.max(bodyStart, sk.body.end) },
  };
}

/**
 * A document type written in capitals right after the date on the same line, and the
 * title after it on that line (cut before a repeated issuing authority, which web exports
 * append: "… TRONG TÌNH HÌNH MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM").
 */
function inlineTypeAndTitle(text: string, folded: string, from: number, lineEnd: number): { type: NonNullable<DocumentSkeleton['documentType']>; title: TextSpan | null } | null {
  const rest = folded.slice(from, lineEnd);
  const lead = rest.length - rest.trimStart().length;
  const m = INLINE_TYPE.exec(rest.trimStart());
  if (!m) return null;
  const tStart = from + lead;
  const tEnd = tStart + m[0].length;
  const written = text.slice(tStart, tEnd);
  if (!isHeaderish(written)) return null;
  const value = matchDocumentType(written)?.value;
  if (!value) return null;
  let s = tEnd;
  while (s < lineEnd && /[\s:]/.test(text[s]!)) s++;
  let e = lineEnd;
  // A title in capitals ends where running text starts (normalize may have joined the next paragraph on).
  const words = tokenize(text.slice(s, e));
  if (words.length && isHeaderish(words[0]!.text)) {
    const firstLower = words.findIndex((w) => /\p{Ll}/u.test(w.text) && !/^v\/v$/i.test(w.text));
    if (firstLower > 0) e = s + words[firstLower]!.start;
  }
  const authority = /[”"»]?\s+(?:(?:chu tich|bo truong|giam doc)\s+)?(?:uy ban nhan dan|hoi dong nhan dan|ban chap hanh|ban thuong vu)\s[^”"]*$/.exec(folded.slice(s, e));
  if (authority && authority.index > 20) e = s + authority.index + (/^[”"»]/.test(authority[0]) ? 1 : 0);
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  const title = e - s >= 8 ? { start: s, end: e, text: text.slice(s, e) } : null;
  return { type: { start: tStart, end: tEnd, text: written, value, score: 1 }, title };
}
const INLINE_TYPE = new RegExp(`^(?:${['ke hoach', 'quyet dinh', 'thong bao', 'bao cao', 'chi thi', 'nghi quyet', 'huong dan', 'chuong trinh', 'to trinh', 'cong van', 'quy che', 'quy dinh', 'de an', 'phuong an'].join('|')})(?![a-z])`);

/** The line of `text` that starts at `start`. */
function lineAt(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/** Upper-case names such as "ỦY BAN NHÂN DÂN", "XÃ ĐẠI THẮNG" (OCR may lower a letter). */
function isHeaderish(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 3 || s.length > 80) return false;
  const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length;
  return upper / letters.length >= MOSTLY_UPPER_SHARE;
}

function parseNumber(text: string, from: number, lineEnd: number): NonNullable<DocumentSkeleton['numberField']> {
  const rest = text.slice(from, lineEnd);
  // Party numbering: "27-KH/ĐU" (number-type/issuer).
  const party = /^\s*(\d{1,5})-([\p{Lu}]{1,6}\/[\p{Lu}\d]{1,8}(?:-[\p{Lu}\d]{1,8})?)(?![\p{L}\d])/u.exec(rest);
  if (party) {
    const lead = party[0].length - party[0].trimStart().length;
    return { start: from + lead, end: from + party[0].length, number: canonicalNumber(`${party[1]}-${party[2]}`), symbol: party[2]!, raw: party[0].trim() };
  }
  const m = /^\s*([^\s/]*)\s*\/\s*([\p{L}\d]+(?:[-/][\p{L}\d]+)*-?)/u.exec(rest);
  if (!m) return { start: from, end: from, number: null, symbol: null, raw: '' };
  const numPart = m[1]!;
  let symbol = m[2]!;
  let number: string | null = null;
  // In standard spelling: a scan or unaccented text writes "KH-HDTDKT" for "KH-HĐTĐKT".
  if (/^\d{1,5}$/.test(numPart)) number = canonicalNumber(`${numPart}/${symbol}`);
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
  const words = tokenize(before);
  let k = words.length;
  while (k > 0 && k > words.length - 5) {
    const w = words[k - 1]!.text;
    if (!/^[\p{Lu}][\p{L}.'-]*$/u.test(w) || /[/:]/.test(w)) break;
    k--;
  }
  if (k === words.length) return { place: null, date };
  const s = line.start + words[k]!.start;
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
      let end = nl < 0 ? text.length : nl;
      // The trích yếu wraps onto lines that continue it in lower case ("… thi đua" / "và xét khen thưởng …").
      for (let k = 0; k < 2 && end < text.length; k++) {
        const next = text.indexOf('\n', end + 1);
        const line = text.slice(end + 1, next < 0 ? text.length : next);
        if (!/^\s*\p{Ll}/u.test(line) || /^\s*k\S{1,2}nh g\S{1,2}i/iu.test(line)) break;
        end = next < 0 ? text.length : next;
      }
      // Web exports run the place/date and "Kính gửi" on after the V/v: "V/v … Hà Nội, ngày 23 … Kính gửi: …".
      const stop = /\s(?:K\S{1,2}nh g\S{1,2}i\b|(?:\p{Lu}\p{Ll}*\s){0,3}\p{Lu}\p{Ll}*,\s*ng\S{0,2}y\s+(?:\d|[.…_\s]+th))/u.exec(text.slice(start, end));
      if (stop) end = start + stop.index;
      return { start, end, text: text.slice(start, end).trim() };
    } else i = 0;
  }
  while (i < all.length && !all[i]!.text.trim()) i++;
  const first = all[i];
  if (!first) return null;
  let end = first.end;
  const f = (l: Line) => folded.slice(l.start, l.end).replace(/^[\s#*]+/, '');
  // Under a type line, a title may itself begin "Thực hiện …" ("Thực hiện phong trào thi đua …"):
  // a preamble sentence there cites a dated document or ends in ":".
  // Judged on the line up to a run-on preamble ("Thực hiện phong trào … Thu hiện Kế hoạch số …").
  const firstRunOn = RUN_ON.exec(first.text);
  const firstHead = fold(firstRunOn && firstRunOn.index > 8 ? first.text.slice(0, firstRunOn.index) : first.text);
  const preambleFirst = PREAMBLE.test(firstHead) && (typeIdx < 0 || /\sngay\s+\d|\d{1,2}\/\d{1,2}\/\d{4}|:\s*$/.test(firstHead) || firstHead.length > MAX_TITLE_LINE_CHARS);
  if (preambleFirst || /^(i|[|l1]|\d{1,2})\s*[.)]\s/.test(f(first))) return null;
  for (let k = i + 1; k < all.length && k < i + 6; k++) {
    const l = all[k]!;
    // Text without blank lines (a scan's OCR): the title also ends before an outline item or the "… như sau:" sentence.
    if (!l.text.trim() || PREAMBLE.test(f(l)) || ATTACHMENT_CAPTION.test(f(l)) || /^[-+]/.test(l.text.trim()) || /^(?:[ivxl|]{1,4}|\d{1,2})\s*[.)]\s/.test(f(l)) || /nhu sau\s*:?\s*$/.test(f(l))) break;
    // A title in sentence case ends before a line in capitals: the authority of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …").
    if (isHeaderish(stripMarkdown(l.text)) && !isHeaderish(stripMarkdown(first.text))) break;
    end = l.end;
  }
  let start = first.start;
  // A line-joiner may have run the first căn cứ clause on: "… năm 2024 Thực hiện Kế hoạch số …".
  // ("Thu hiện", "Thuc hién": the same words through English-model OCR and restoration).
  const runOn = RUN_ON.exec(text.slice(first.start, end));
  if (runOn && runOn.index > 8) end = first.start + runOn.index;
  while (start < end && /[\s#*]/.test(text[start]!)) start++;
  while (end > start && /[\s#*]/.test(text[end - 1]!)) end--;
  const t = text.slice(start, end);
  if (t.length < 8 || t.length > 400 || !/^[\p{Lu}“"]/u.test(t.replace(/^(V\/v|Về việc)\s*/u, 'V'))) return null;
  return { start, end, text: t };
}
