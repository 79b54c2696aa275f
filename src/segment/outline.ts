/**
 * The numbered outline of a plan as a tree: Roman (I, II …), Arabic (1., 2.), decimal
 * (3.1., 5.2) and letter (a), b)) items. OCR mangles the markers ("|.", "Il.", "111.",
 * "1." for I., "V.TO CHỨC", "5.100%"), so a line's marker is read as whatever the
 * sequence so far makes plausible: II follows I, 3.2 follows 3.1 under 3, b follows a.
 * Bullets (-, +) are body text, not outline nodes.
 */
import type { OutlineNode } from '../schema/document.js';
import { numberRomanHeadings, romanValue, toRoman, type RomanCandidate } from './roman.js';
import { ADMIN_ABBREVIATIONS } from '../data/abbreviations.js';
import { isStandardHeading, standardHeading } from '../extract/headings.js';
import { exportPrefixLength, fold, lines, MOSTLY_UPPER_SHARE, stripMarkdown, type Line } from '../extract/text.js';

/**
 * Confidence of an outline node by how its marker was read: an exact marker in sequence is
 * certain, a repaired or guessed one less so, so that review starts with the guessed ones.
 */
const CONFIDENCE = {
  /** A marker that reads exactly as the next number of its sequence. */
  exact: 1,
  /** "Điều N" following article N − 1. */
  article: 0.9,
  /** An Arabic item in sequence whose marker lacks the space after its dot. */
  looseArabic: 0.85,
  /** A Roman marker repaired from a clean or lightly garbled reading. */
  repairedMarker: 0.8,
  /** A marker taken on weak evidence (a garbled Roman marker, an Arabic item after one lost item). */
  guessedMarker: 0.6,
  /** Cap for a heading whose words were corrected to a standard heading's ("Nữ đúng" → "Nội dung"). */
  standardHeadingMax: 0.7,
} as const;

type Kind = OutlineNode['kind'];
const LEVEL: Record<Kind, number> = { roman: 0, arabic: 1, decimal: 2, letter: 3 };

/** Vietnamese list letters in order (no f, j, w, z; đ after d). */
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

export { toRoman } from './roman.js';

// Markers at the start of a (Markdown-stripped) line.
const ROMAN_MARK = /^([IVXl|!1]{1,5})\s*[.):]\s*(?=\S)/u;
const DECIMAL_MARK = /^(\d{1,2})\s?\.\s?(\d{1,2})\s?\.?(?=\s|\p{L})\s*/u;
/** "1." / "1)", and "5," / "2:" where OCR misread the period (before a capital only), after a stray quote. */
const ARABIC_MARK = /^[“"'‘]?(\d{1,2})\s*(?:[.)]|[,:](?=\s*\p{Lu}))\s*(?=\S)/u;
const LETTER_MARK = /^([a-zđ])\s*(?:\)\s*|\.\s+)(?=\S)/u;
/** Articles of a Quyết định / Quy chế: "Điều 1. …" (matched on the folded line). */
const ARTICLE_MARK = /^dieu\s+(\d{1,3})\s*[.:]\s*/;

interface RawNode {
  kind: Kind;
  value: number;
  number: string;
  lineStart: number;
  titleStart: number;
  confidence: number;
  /** Nesting level when it differs from the kind's: articles (Điều) sit above their khoản "1.". */
  level?: number;
}

/** Length of the title part of a heading/numbered paragraph (fixtures README conventions:
 * up to the first ";" or the first "."/":" followed by a space; trailing punctuation dropped). */
export function titleLength(body: string): number {
  const m = /;|[.:](?=\s|$)/u.exec(body);
  let end = m ? m.index : body.length;
  while (end > 0 && /[\s.:;,*_/]/u.test(body[end - 1]!)) end--;
  return end;
}

/** The title of a heading or numbered paragraph, whitespace collapsed. */
export function cutTitle(body: string): string {
  return body.slice(0, titleLength(body)).replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

/** Offset just past the leading Markdown (#, **) of a line. */
function contentStart(text: string, lineStart: number, lineEnd: number): number {
  let i = lineStart + exportPrefixLength(text.slice(lineStart, Math.min(lineEnd, lineStart + 200)));
  const m = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*/.exec(text.slice(i, lineEnd));
  if (m) i += m[0].length;
  return i;
}

export interface OutlineBounds { start: number; end: number }

/**
 * Builds the outline of `text` between bounds.start and bounds.end (the body: after the
 * title/preamble, before the closing and the signature block).
 */
export function buildOutline(text: string, bounds: OutlineBounds = { start: 0, end: text.length }): OutlineNode[] {
  const all = lines(text).filter((l) => l.start >= bounds.start && l.start < bounds.end);
  // Digit-only markers ("1.", "111.") stand for Roman numerals only in a document that
  // does use Roman headings somewhere (a clean "II." or "IV." line).
  // English-model OCR may leave no clean one ("1.", "11.", "[11.", "1v." for I–IV): a garbled
  // multi-stroke marker over an upper-case heading ("11. CHỈ TIÊU", "1v. TỔ CHỨC") shows them too.
  const usesRoman = all.some((l) => {
    const t = stripMarkdown(l.text.slice(exportPrefixLength(l.text)));
    if (/^(II|III|IV|V|VI|VII|VIII|IX|X)\s*[.)]/.test(t)) return true;
    const g = /^([[\]|!lI1vV]{2,4})\s*[.)]\s*(.*)$/u.exec(t);
    return !!g && upperish(cutTitle(g[2]!).slice(0, 40));
  });
  let lastRoman = 0;
  let lastArabic = 0;
  let lastDecimal = 0;
  let lastLetter = 0;
  let lastArticle = 0;
  const raw: RawNode[] = [];
  const candidates = romanCandidates(text, all, usesRoman);
  const romanAt = numberRomanHeadings(candidates);
  for (const [lineIdx, line] of all.entries()) {
    const cs = contentStart(text, line.start, line.end);
    const rest = text.slice(cs, line.end);
    if (!rest.trim()) continue;
    const pick = (kind: Kind, value: number, number: string, markLen: number, confidence: number) => {
      raw.push({ kind, value, number, lineStart: line.start, titleStart: cs + markLen, confidence });
    };
    const art = ARTICLE_MARK.exec(fold(rest.slice(0, 12)));
    if (art && Number(art[1]) === lastArticle + 1) {
      // Điều → khoản ("1.") → điểm ("a)"): an article holds its own numbered items.
      lastArticle = Number(art[1]);
      lastArabic = lastDecimal = lastLetter = 0;
      raw.push({ kind: 'arabic', value: lastArticle, number: String(lastArticle), lineStart: line.start, titleStart: cs + art[0].length, confidence: CONFIDENCE.article, level: 0 });
      continue;
    }
    const dec = DECIMAL_MARK.exec(rest);
    if (dec && Number(dec[1]) === lastArabic && lastArabic > 0 && Number(dec[2]) === lastDecimal + 1) {
      lastDecimal = Number(dec[2]);
      lastLetter = 0;
      pick('decimal', lastDecimal, String(lastDecimal), dec[0].length, CONFIDENCE.exact);
      continue;
    }
    const rom = ROMAN_MARK.exec(rest);
    const heading = romanAt.get(lineIdx);
    if (heading !== undefined) {
      const c = candidates.find((x) => x.index === lineIdx)!;
      lastRoman = heading;
      lastArabic = lastDecimal = lastLetter = 0;
      const exact = c.clean && c.marker === toRoman(heading);
      pick('roman', heading, toRoman(heading), c.markLen, exact ? CONFIDENCE.exact : c.clean || !c.other ? CONFIDENCE.repairedMarker : CONFIDENCE.guessedMarker);
      continue;
    }
    // "I. Mục đích" where 1. belongs (a restorer or OCR that made a Roman I of a digit 1).
    const romanAsDigits = rom && /^[Il|!1]+$/.test(rom[1]!) ? /^([Il|!1]+)\s*[.)]\s*/.exec(rest) : null;
    const ar = ARABIC_MARK.exec(rest) ?? (romanAsDigits ? Object.assign([romanAsDigits[0], romanAsDigits[1]!.replace(/[Il|!]/g, '1')], { index: 0 }) : null);
    if (ar) {
      const n = Number(ar[1]);
      // One lost item ("2." first under a heading whose "1." OCR garbled) is accepted at a lower confidence.
      if (n === lastArabic + 1 || n === lastArabic + 2) {
        const conf = n === lastArabic + 1 ? (/\d[.)]\s/.test(ar[0]) ? CONFIDENCE.exact : CONFIDENCE.looseArabic) : CONFIDENCE.guessedMarker;
        lastArabic = n;
        lastDecimal = lastLetter = 0;
        pick('arabic', n, String(n), ar[0].length, conf);
        continue;
      }
    }
    const let_ = LETTER_MARK.exec(rest);
    if (let_) {
      const idx = LETTERS.indexOf(let_[1]!) + 1;
      if (idx === lastLetter + 1) {
        lastLetter = idx;
        pick('letter', idx, let_[1]!, let_[0].length, 1);
      }
    }
  }
  // A numbered list before the first Roman heading (căn cứ items "1. Luật …") is preamble,
  // not part of a Roman-numbered outline.
  const firstRoman = raw.findIndex((r) => r.kind === 'roman');
  const kept = firstRoman > 0 ? raw.slice(firstRoman) : raw;
  return assemble(text, kept, bounds.end);
}

/** A marker at a line start that may be a garbled Roman numeral: "II.", "|.", "Il.", "111.", "TV.", "..1 ", "V.TO". */
const ROMANISH_MARK = /^([.,'‘`]*)([IVXl|!1iíÍTJ[\]v]{1,5})\s*[.):]\s*(?=\S)/u;
/** The same without the final punctuation, only when the marker is visibly garbled ("..1 MỤC"). */
const ROMANISH_BARE = /^([.,'‘`]*)([IVXl|!1T]{1,4})\s+(?=\S)/u;
/** Any short marker before a heading ("A." where OCR misread "I."). */
const OTHER_MARK = /^([^\s.)]{1,3})\s*[.)]\s*(?=\S)/u;

/** Lines that may be Roman headings, for numberRomanHeadings. */
function romanCandidates(text: string, all: Line[], usesRoman: boolean): (RomanCandidate & { markLen: number })[] {
  const out: (RomanCandidate & { markLen: number })[] = [];
  for (const [index, line] of all.entries()) {
    const cs = contentStart(text, line.start, line.end);
    const rest = text.slice(cs, line.end);
    if (!rest.trim()) continue;
    const a = ROMANISH_MARK.exec(rest);
    const b = a ? null : ROMANISH_BARE.exec(rest);
    // Bare markers: visibly garbled ("..1 MỤC"), or a numeral whose period OCR lost ("III TIÊU CHUẨN").
    const m = a ?? (b && (b[1] || /[|!1]/.test(b[2]!) || romanValue(b[2]!) > 0) ? b : null);
    if (m) {
      const marker = m[2]!;
      const after = rest.slice(m[0].length);
      const upper = upperish(cutTitle(after).slice(0, 40));
      const clean = !!a && /^[IVX]+$/.test(marker) && romanValue(marker) > 0;
      const digits = /^1+$/.test(marker);
      if (clean || (upper && (!digits || usesRoman))) {
        out.push({ index, marker, clean, upper, digits, other: false, markLen: m[0].length });
        continue;
      }
    }
    // Only the marker's period left (". MỤC ĐÍCH, YÊU CẦU": OCR lost the "I"): a heading whose numeral is lost.
    const lost = /^[.,'‘`]+\s*(?=\p{Lu})/u.exec(rest);
    const lostTitle = lost ? cutTitle(rest.slice(lost[0].length)) : '';
    if (lost && (upperish(lostTitle.slice(0, 40)) || (/\p{Lu}{2}/u.test(lostTitle) && isStandardHeading(lostTitle)))) {
      out.push({ index, marker: '', clean: false, upper: true, digits: false, other: true, markLen: lost[0].length });
      continue;
    }
    const o = OTHER_MARK.exec(rest);
    if (o && !/\d/.test(o[1]!) && upperish(cutTitle(rest.slice(o[0].length)).slice(0, 40))) {
      out.push({ index, marker: o[1]!, clean: false, upper: true, digits: false, other: true, markLen: o[0].length });
    }
  }
  return out;
}

/** Mostly uppercase (OCR sometimes lowers a letter of a heading: "MUC PiCH"). */
function upperish(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 3) return false;
  const upper = letters.filter((c) => c === c.toLocaleUpperCase('vi') && c !== c.toLocaleLowerCase('vi')).length;
  return upper / letters.length >= MOSTLY_UPPER_SHARE;
}

const LIST_START = /^([-+•*–]|\d{1,2}\s?[.)]|\d{1,2}\.\d{1,2}|[IVX|l]{1,4}\s?[.)]|[a-zđ]\))/u;
const END_PUNCT = /[.:;!?]\**\s*$/u;

/**
 * Title of a node. A heading (no final period, short) is named by its whole text; a running
 * numbered paragraph by its text up to the first ";" or "."/":" + space. Un-joined input is
 * handled by following the paragraph over wrapped lines.
 */
function titleOf(text: string, titleStart: number, limit: number): { title: string; end: number; heading: boolean } {
  const lineEnd = (from: number) => {
    const e = text.indexOf('\n', from);
    return e < 0 || e > limit ? limit : e;
  };
  const pieces: { start: number; text: string; glue?: string }[] = [];
  let end = lineEnd(titleStart);
  pieces.push({ start: titleStart, text: text.slice(titleStart, end).replace(/\*\*|__/g, (m) => ' '.repeat(m.length)) });
  let para = pieces[0]!.text.trimEnd();
  while (end < limit) {
    let next = end + 1;
    let skippedBlank = false;
    while (next < limit && text[next] === '\n') { next++; skippedBlank = true; }
    while (next < limit && (text[next] === ' ' || text[next] === '\t')) next++;
    if (next >= limit) break;
    const nEnd = lineEnd(next);
    const nextText = text.slice(next, nEnd);
    if (!nextText.trim() || LIST_START.test(nextText.trim())) break;
    if (END_PUNCT.test(para)) break;
    const lowerStart = /^\p{Ll}/u.test(nextText);
    const wrapped = !skippedBlank && (para.length >= 45 || (upperish(para) && upperish(nextText)));
    if (!wrapped && !lowerStart) break;
    // "18/KH-" + "UBND": a symbol broken at its hyphen joins without a space.
    const glue = /[^\s-]-$/.test(para) ? '' : ' ';
    pieces.push({ start: next, text: nextText, glue });
    para += glue + nextText;
    end = nEnd;
  }
  // The paragraph with whitespace collapsed, and for each of its characters the text offset.
  let body = '';
  const at: number[] = [];
  for (const [k, p] of pieces.entries()) {
    if (k > 0 && p.glue === ' ' && body && !body.endsWith(' ')) { body += ' '; at.push(p.start - 1); }
    for (let i = 0; i < p.text.length; i++) {
      const c = /\s/.test(p.text[i]!) ? ' ' : p.text[i]!;
      if (c === ' ' && (!body || body.endsWith(' '))) continue;
      body += c;
      at.push(p.start + i);
    }
  }
  while (body.endsWith(' ')) { body = body.slice(0, -1); at.pop(); }
  // An upper-case heading with the paragraph under it joined on ("TỔ CHỨC THỰC HIỆN Sở Lao động …"): the heading is the capitals.
  // Not a run of acronyms ("HĐND, UBND xã …"): those start running text.
  // The text after the capitals must read as running text (a sentence-case word, then more words),
  // not as a heading with a letter OCR lowered ("THỜI GIAN TỔ CHỨC PHONG TRÀo").
  const capsRun = /^(?:[^\p{Ll}\s]+\s+){2,}(?=\p{Lu}?\p{Ll}+[\p{Ll}\p{P}]*\s+\S+\s+\S)/u.exec(body);
  const acronym = (w: string) => !!ADMIN_ABBREVIATIONS[w.replace(/[^\p{L}]/gu, '')] || !/[AEIOUYĂÂÊÔƠƯÀ-ỹ]/iu.test(w);
  if (capsRun && (capsRun[0].match(/\p{Lu}/gu)?.length ?? 0) >= 8 && upperish(capsRun[0]) && !capsRun[0].trim().split(/\s+/).some(acronym)) {
    let len = capsRun[0].trimEnd().length;
    while (len > 0 && /[\s.:;,*_/]/u.test(body[len - 1]!)) len--;
    return { title: body.slice(0, len), end: at[len - 1]! + 1, heading: true };
  }
  const heading = !/[.,;]$/u.test(body) && body.length <= 200;
  // A heading keeps its ";" ("kiểm tra, giám sát; học tập …") but "Label: body" keeps the label.
  const colon = /:(?=\s+\S)/u.exec(body);
  let len = heading ? (colon ? colon.index : body.length) : titleLength(body);
  while (len > 0 && /[\s.:;,*_/]/u.test(body[len - 1]!)) len--;
  // Scan clutter after a heading ("Thời gian gửi hồ sơ - . -").
  const clutter = /(?:\s+[-–—.•,]+)+$/u.exec(body.slice(0, len));
  if (clutter) len = clutter.index;
  const title = body.slice(0, len).trim();
  return { title, end: len > 0 ? at[len - 1]! + 1 : titleStart, heading };
}

function assemble(text: string, raw: RawNode[], bodyEnd: number): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { node: OutlineNode; level: number }[] = [];
  const open: { node: OutlineNode; level: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const level = r.level ?? LEVEL[r.kind];
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    const limit = raw[i + 1]?.lineStart ?? bodyEnd;
    const { title: written, end, heading } = titleOf(text, r.titleStart, limit);
    // A heading a letter or two from a standard one ("Nữ đúng") is that heading misspelt.
    const standard = heading ? standardHeading(written) : null;
    const title = standard ?? written;
    const path = parent ? `${parent.path}.${r.number}` : r.number;
    const titleEnd = Math.max(r.titleStart, end);
    const node: OutlineNode = {
      number: r.number,
      title,
      path,
      kind: r.kind,
      titleSpan: { start: r.titleStart, end: titleEnd },
      span: { start: r.lineStart, end: bodyEnd },
      confidence: standard ? Math.min(r.confidence, CONFIDENCE.standardHeadingMax) : r.confidence,
      provenance: { section: path, start: r.titleStart, end: titleEnd },
      children: [],
    };
    // Close every open node at this level or deeper: its span ends where this one starts.
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k]!.level >= level) {
        open[k]!.node.span.end = r.lineStart;
        open.splice(k, 1);
      }
    }
    (parent ? parent.children : roots).push(node);
    stack.push({ node, level });
    open.push({ node, level });
  }
  for (const o of open) o.node.span.end = trimEnd(text, o.node.span.start, bodyEnd);
  fixSpans(text, roots);
  return roots;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}
function fixSpans(text: string, nodes: OutlineNode[]): void {
  for (const n of nodes) {
    n.span.end = trimEnd(text, n.span.start, n.span.end);
    fixSpans(text, n.children);
  }
}

/** Depth-first list of all nodes. */
export function flattenOutline(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...flattenOutline(n.children)]);
}

/** Path of the deepest outline node whose span holds `offset`, or null outside the outline. */
export function sectionAt(nodes: OutlineNode[], offset: number): string | null {
  for (const n of nodes) {
    if (offset >= n.span.start && offset < n.span.end) return sectionAt(n.children, offset) ?? n.path;
  }
  return null;
}
