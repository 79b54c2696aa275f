/**
 * The numbered outline of a plan as a tree: Roman (I, II …), Arabic (1., 2.), decimal
 * (3.1., 5.2) and letter (a), b)) items. OCR mangles the markers ("|.", "Il.", "111.",
 * "1." for I., "V.TO CHỨC", "5.100%"), so a line's marker is read as whatever the
 * sequence so far makes plausible: II follows I, 3.2 follows 3.1 under 3, b follows a.
 * Bullets (-, +) are body text, not outline nodes.
 */
import type { OutlineNode } from '../schema/document.js';
import { fold, lines, stripMarkdown } from './text.js';

type Kind = OutlineNode['kind'];
const LEVEL: Record<Kind, number> = { roman: 0, arabic: 1, decimal: 2, letter: 3 };

/** Vietnamese list letters in order (no f, j, w, z; đ after d). */
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

const ROMAN_VALID = /^(X{0,3})(IX|IV|V?I{0,3})$/;
function romanValue(s: string): number {
  if (!s || !ROMAN_VALID.test(s)) return 0;
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const cur = v[s[i]!]!;
    const next = v[s[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}
export function toRoman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

// Markers at the start of a (Markdown-stripped) line.
const ROMAN_MARK = /^([IVXl|!1]{1,5})\s*[.):]\s*(?=\S)/u;
const DECIMAL_MARK = /^(\d{1,2})\s?\.\s?(\d{1,2})\s?\.?(?=\s|\p{L})\s*/u;
const ARABIC_MARK = /^(\d{1,2})\s*[.)]\s*(?=\S)/u;
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
  let i = lineStart;
  const m = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*/.exec(text.slice(lineStart, lineEnd));
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
  const usesRoman = all.some((l) => /^(II|III|IV|V|VI|VII|VIII|IX|X)\s*[.)]/.test(stripMarkdown(l.text)));
  let lastRoman = 0;
  let lastArabic = 0;
  let lastDecimal = 0;
  let lastLetter = 0;
  let lastArticle = 0;
  const raw: RawNode[] = [];
  // Values of the clean Roman headings ("II.", "IV.") by line, to infer a garbled one before them.
  const cleanRoman = all.map((l) => {
    const m = /^([IVX]+)\s*[.)]/.exec(stripMarkdown(l.text));
    return m ? romanValue(m[1]!) : 0;
  });
  for (const [lineIdx, line] of all.entries()) {
    const cs = contentStart(text, line.start, line.end);
    const rest = text.slice(cs, line.end);
    if (!rest.trim()) continue;
    const pick = (kind: Kind, value: number, number: string, markLen: number, confidence: number) => {
      raw.push({ kind, value, number, lineStart: line.start, titleStart: cs + markLen, confidence });
    };
    const art = ARTICLE_MARK.exec(fold(rest.slice(0, 12)));
    if (art && Number(art[1]) === lastArticle + 1) {
      lastArticle = Number(art[1]);
      lastArabic = lastArticle;
      lastDecimal = lastLetter = 0;
      pick('arabic', lastArticle, String(lastArticle), art[0].length, 0.9);
      continue;
    }
    const dec = DECIMAL_MARK.exec(rest);
    if (dec && Number(dec[1]) === lastArabic && lastArabic > 0 && Number(dec[2]) === lastDecimal + 1) {
      lastDecimal = Number(dec[2]);
      lastLetter = 0;
      pick('decimal', lastDecimal, String(lastDecimal), dec[0].length, 1);
      continue;
    }
    const rom = ROMAN_MARK.exec(rest);
    if (rom) {
      const mark = rom[1]!;
      const clean = /^[IVX]+$/.test(mark);
      const decoded = mark.replace(/[l|!1]/g, 'I');
      const value = romanValue(decoded);
      const after = rest.slice(rom[0].length);
      const headingLike = upperish(cutTitle(after).slice(0, 40));
      const digitsOnly = /^\d+$/.test(mark);
      const plausible =
        value > 0 &&
        (value === lastRoman + 1 || (clean && value === lastRoman + 2 && headingLike)) &&
        (clean || (headingLike && (!digitsOnly || usesRoman)));
      // "1." under a Roman heading with lowercase text is an Arabic item, not Roman I.
      if (plausible && !(digitsOnly && !headingLike)) {
        lastRoman = value;
        lastArabic = lastDecimal = lastLetter = 0;
        pick('roman', value, toRoman(value), rom[0].length, clean ? 1 : 0.8);
        continue;
      }
    }
    // Any short marker before an upper-case heading ("A. MỤC ĐÍCH" from a misread "|."), when
    // the next clean Roman heading is the one after next: it can only be the missing numeral.
    const anyMark = /^([^\s.)]{1,3})\s*[.)]\s*(?=\S)/u.exec(rest);
    if (anyMark && !/^\d+$/.test(anyMark[1]!) && upperish(cutTitle(rest.slice(anyMark[0].length)).slice(0, 40))) {
      const next = cleanRoman.slice(lineIdx + 1).find((v) => v > 0);
      if (next === lastRoman + 2) {
        lastRoman += 1;
        lastArabic = lastDecimal = lastLetter = 0;
        pick('roman', lastRoman, toRoman(lastRoman), anyMark[0].length, 0.6);
        continue;
      }
    }
    // "I. Mục đích" where 1. belongs (a restorer or OCR that made a Roman I of a digit 1).
    const romanAsDigits = rom && /^[Il|!1]+$/.test(rom[1]!) ? /^([Il|!1]+)\s*[.)]\s*/.exec(rest) : null;
    const ar = ARABIC_MARK.exec(rest) ?? (romanAsDigits ? Object.assign([romanAsDigits[0], romanAsDigits[1]!.replace(/[Il|!]/g, '1')], { index: 0 }) : null);
    if (ar) {
      const n = Number(ar[1]);
      if (n === lastArabic + 1 || (n === lastArabic + 2 && lastArabic > 0)) {
        const conf = n === lastArabic + 1 ? (/\d[.)]\s/.test(ar[0]) ? 1 : 0.85) : 0.6;
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

/** Mostly uppercase (OCR sometimes lowers a letter of a heading: "MUC PiCH"). */
function upperish(s: string): boolean {
  const letters = s.match(/\p{L}/gu) ?? [];
  if (letters.length < 3) return false;
  const upper = letters.filter((c) => c === c.toLocaleUpperCase('vi') && c !== c.toLocaleLowerCase('vi')).length;
  return upper / letters.length >= 0.7;
}

const LIST_START = /^([-+•*–]|\d{1,2}\s?[.)]|\d{1,2}\.\d{1,2}|[IVX|l]{1,4}\s?[.)]|[a-zđ]\))/u;
const END_PUNCT = /[.:;!?]\**\s*$/u;

/**
 * Title of a node. A heading (no final period, short) is named by its whole text; a running
 * numbered paragraph by its text up to the first ";" or "."/":" + space. Un-joined input is
 * handled by following the paragraph over wrapped lines.
 */
function titleOf(text: string, titleStart: number, limit: number): { title: string; end: number } {
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
  const heading = !/[.,;]$/u.test(body) && body.length <= 200;
  // A heading keeps its ";" ("kiểm tra, giám sát; học tập …") but "Label: body" keeps the label.
  const colon = /:(?=\s+\S)/u.exec(body);
  let len = heading ? (colon ? colon.index : body.length) : titleLength(body);
  while (len > 0 && /[\s.:;,*_/]/u.test(body[len - 1]!)) len--;
  const title = body.slice(0, len).trim();
  return { title, end: len > 0 ? at[len - 1]! + 1 : titleStart };
}

function assemble(text: string, raw: RawNode[], bodyEnd: number): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { node: OutlineNode; level: number }[] = [];
  const open: { node: OutlineNode; level: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const level = LEVEL[r.kind];
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    const limit = raw[i + 1]?.lineStart ?? bodyEnd;
    const { title, end } = titleOf(text, r.titleStart, limit);
    const node: OutlineNode = {
      number: r.number,
      title,
      path: parent ? `${parent.path}.${r.number}` : r.number,
      kind: r.kind,
      titleSpan: { start: r.titleStart, end: Math.max(r.titleStart, end) },
      span: { start: r.lineStart, end: bodyEnd },
      confidence: r.confidence,
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
