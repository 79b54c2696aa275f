/**
 * Normalize stage: paged input text -> one faithful NFC text with a per-character map back
 * to (page, line, column). What it does, in order:
 *  1. split pages into lines and clean each line (NFC, zero-width/control characters, NBSP),
 *     keeping for every output character the column it came from;
 *  2. drop scan clutter (lines of only punctuation/symbols), page numbers ("- 3 -",
 *     "Trang 3/5") and page headers/footers repeated on at least half of the pages;
 *  3. re-join lines wrapped by the page width into paragraphs (see `lineJoin`), keeping
 *     numbering markers at line starts and blank lines as paragraph separators.
 * Every removal is reported as a diagnostic with its page/line, so nothing disappears silently.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diag } from '../diagnostics.js';
import type { Page, Stage, VDoc } from '../document.js';
import { SourcePoints } from '../text/source-points.js';

const STAGE = 'normalize';

/** A cleaned source line with, per character, its 0-based column in the original line. */
export interface CleanLine {
  page: number;
  /** 0-based line index within the page text (split on \r\n, \r, \n, \f). */
  line: number;
  text: string;
  cols: Int32Array;
  /** Length of the original line (the column of its line break). */
  rawLength: number;
  /** The line ended in a soft hyphen (U+00AD), which was removed: join without a space. */
  softHyphen: boolean;
}

/** Splits a page text into lines the same way for normalize and for `pageOffset`. */
export function splitPageLines(text: string): { text: string; start: number }[] {
  const lines: { text: string; start: number }[] = [];
  const re = /\r\n|\r|\n|\f/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), start });
  return lines;
}

/** Offset within the page text of a (line, column) source point. */
export function pageOffset(pageText: string, line: number, column: number): number {
  const lines = splitPageLines(pageText);
  const l = lines[Math.min(line, lines.length - 1)];
  return l ? l.start + column : column;
}

// Zero-width characters, BOM and C0/C1 controls other than tab carry nothing for the reader.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/u;
const SPACE_LIKE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/u;

/**
 * NFC-normalizes a line per combining sequence so each output char keeps a source column.
 * The text is joined once and the columns are an Int32Array: a long document holds millions
 * of these characters until its lines are joined, and a string grown by `+=` per character
 * keeps a node per character until it is flattened.
 */
export function cleanLine(raw: string, page: number, line: number): CleanLine {
  const parts: string[] = [];
  const cols: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const start = i;
    const cp = raw.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    // A base character and its combining marks normalize together.
    while (i < raw.length && /\p{M}/u.test(String.fromCodePoint(raw.codePointAt(i)!))) i += 1;
    let group = raw.slice(start, i);
    if (INVISIBLE.test(group[0]!)) continue;
    if (SPACE_LIKE.test(group)) group = ' ';
    const nfc = group.normalize('NFC');
    for (let k = 0; k < nfc.length; k++) cols.push(start);
    parts.push(nfc);
  }
  const text = parts.join('');
  let softHyphen = false;
  // Trim: indentation and trailing blanks are layout, not content.
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (end > 0 && text[end - 1] === '\u00ad') {
    softHyphen = true;
    end--;
  }
  let begin = 0;
  while (begin < end && /\s/.test(text[begin]!)) begin++;
  // Soft hyphens inside a line are invisible; drop them.
  const kept: string[] = [];
  const outCols = new Int32Array(end - begin);
  let n = 0;
  let from = begin;
  for (let k = begin; k < end; k++) {
    if (text[k] !== '\u00ad') {
      outCols[n++] = cols[k]!;
      continue;
    }
    kept.push(text.slice(from, k));
    from = k + 1;
  }
  kept.push(text.slice(from, end));
  return { page, line, text: kept.length === 1 ? kept[0]! : kept.join(''), cols: n === outCols.length ? outCols : outCols.slice(0, n), rawLength: raw.length, softHyphen };
}

// ---- OCR edge noise ----------------------------------------------------------------------

/**
 * Scanned page edges, stamps and ruling lines come out of tesseract as symbol tokens and
 * short low-confidence "words" at the line ends: ". . tập thể", "tượng LU -_ | |",
 * "3.1. Tập thể mm sms |", "..- Văn phòng". On OCR'd pages only (typed text keeps every
 * character) we drop, from each end of a line: tokens made only of symbols, and tokens of one
 * to three letters that tesseract itself scored below LOW_WORD_CONFIDENCE. Kept: list markers
 * ("- ", and the marker a noise token ends with: "..-" -> "-"), the "|." that OCR makes of a
 * Roman "I.", and a spaced dash at the end ("kinh tế -") that tesseract is sure of.
 */
const EDGE_SYMBOLS = `-–.„,'\`"_=~¬:;!|\\/<>\\[\\]{}—‘’“”^ˆ°«»`;
const SYMBOL_TOKEN = new RegExp(`^[${EDGE_SYMBOLS}]+$`, 'u');
const LOW_WORD_CONFIDENCE = 60;

/** `confidenceAt(column)`: OCR confidence (0..100) of the word at a column of the raw line. */
export function stripOcrEdgeNoise(line: CleanLine, confidenceAt: (column: number) => number | undefined = () => undefined): { line: CleanLine; removed: string[] } {
  const tokens = [...line.text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const conf = (i: number) => confidenceAt(line.cols[tokens[i]!.start]!);
  const lowShort = (i: number) => /^\p{L}{1,3}$/u.test(tokens[i]!.text) && (conf(i) ?? 100) < LOW_WORD_CONFIDENCE;
  const removed: string[] = [];
  let first = 0;
  let marker = '';
  let markerAt = -1;
  while (first < tokens.length - 1) {
    const t = tokens[first]!.text;
    if (/^\|[.)]/.test(t) || /^[-+•*]$/.test(t)) break;
    if (SYMBOL_TOKEN.test(t)) {
      removed.push(t);
      first++;
      if (/[-+•]$/.test(t)) {
        marker = t[t.length - 1]!;
        markerAt = tokens[first - 1]!.end - 1;
        break;
      }
    } else if (lowShort(first)) {
      removed.push(t);
      first++;
    } else break;
  }
  let last = tokens.length - 1;
  while (last > first) {
    const t = tokens[last]!.text;
    const sureDash = /^[-–]$/.test(t) && (conf(last) ?? 100) >= LOW_WORD_CONFIDENCE;
    const pipeFragment = /^\p{L}{1,2}$/u.test(t) && tokens[last - 1]?.text === '|';
    if (!((SYMBOL_TOKEN.test(t) && !sureDash) || lowShort(last) || pipeFragment)) break;
    removed.unshift(t);
    last--;
  }
  // Edge marks glued to the first word ("„KẾ", "_-Lưu", ".-Chánh") go too; a dash right
  // before the word stays as its list marker ("-Lưu").
  let startChar = tokens[first]?.start ?? 0;
  const firstEnd = tokens[first]?.end ?? 0;
  if (!marker) {
    const glued = /^[.„_'`~=]+(?=-?\p{L})/u.exec(line.text.slice(startChar, firstEnd));
    if (glued && glued[0].length < firstEnd - startChar) {
      removed.push(glued[0]);
      startChar += glued[0].length;
    }
  }
  if (removed.length === 0) return { line, removed };
  const endChar = tokens[last]?.end ?? line.text.length;
  let text = line.text.slice(startChar, endChar);
  let cols = line.cols.slice(startChar, endChar);
  if (marker) {
    text = `${marker} ${text}`;
    const withMarker = new Int32Array(cols.length + 2).fill(line.cols[markerAt]!, 0, 2);
    withMarker.set(cols, 2);
    cols = withMarker;
  }
  return { line: { ...line, text, cols }, removed };
}

/** Per character of a page text, the confidence of the OCR word covering it. */
function wordConfidences(page: Pick<Page, 'text' | 'words'>): (line: number, column: number) => number | undefined {
  if (!page.words?.length) return () => undefined;
  const lineStarts = splitPageLines(page.text).map((l) => l.start);
  const byOffset = new Float32Array(page.text.length).fill(-1);
  for (const w of page.words) byOffset.fill(w.confidence, Math.max(0, w.start), Math.min(page.text.length, w.end));
  return (line, column) => {
    const c = byOffset[(lineStarts[line] ?? 0) + column];
    return c === undefined || c < 0 ? undefined : c;
  };
}

const CLUTTER = /^[\p{P}\p{S}\s]+$/u;
const PAGE_NUMBER = [/^[-–—]\s*\d{1,4}\s*[-–—]$/u, /^(trang|page)\s*\d{1,4}(\s*(\/|of|trên)\s*\d{1,4})?$/iu];
const BARE_NUMBER = /^\d{1,4}$/;

export function isClutter(text: string): boolean {
  return text.length > 0 && CLUTTER.test(text);
}
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.some((re) => re.test(text));
}

/** Key under which header/footer lines of different pages compare equal (page digits vary). */
function repeatKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, '');
}

type Removal = 'clutter' | 'page-number' | 'header' | 'footer';

/** Decides which lines of which pages are removed, and why. */
export function findRemovals(pages: CleanLine[][]): Map<CleanLine, Removal> {
  const removals = new Map<CleanLine, Removal>();
  for (const lines of pages) {
    for (const l of lines) {
      if (isClutter(l.text)) removals.set(l, 'clutter');
      else if (isPageNumber(l.text)) removals.set(l, 'page-number');
    }
  }
  if (pages.length < 2) return removals;
  const ZONE = 2;
  const zones = pages.map((lines) => {
    const content = lines.filter((l) => l.text.length > 0 && !removals.has(l));
    return { top: content.slice(0, ZONE), bottom: content.slice(-ZONE), content };
  });
  const count = (which: 'top' | 'bottom') => {
    const pagesPerKey = new Map<string, number>();
    for (const z of zones) {
      for (const key of new Set(z[which].map((l) => repeatKey(l.text)))) pagesPerKey.set(key, (pagesPerKey.get(key) ?? 0) + 1);
    }
    return pagesPerKey;
  };
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  const topCounts = count('top');
  const bottomCounts = count('bottom');
  for (const z of zones) {
    for (const l of z.top) if ((topCounts.get(repeatKey(l.text)) ?? 0) >= threshold) removals.set(l, 'header');
    for (const l of z.bottom) if (!removals.has(l) && (bottomCounts.get(repeatKey(l.text)) ?? 0) >= threshold) removals.set(l, 'footer');
    // A bare number as the very first or last line of a page of a multi-page document is a page number.
    const first = z.content[0];
    const last = z.content[z.content.length - 1];
    for (const l of [first, last]) if (l && !removals.has(l) && BARE_NUMBER.test(l.text)) removals.set(l, 'page-number');
  }
  return removals;
}

// ---- line joining ----------------------------------------------------------------------

/** Numbering / list markers that start a new line: I. II. 1. 1.1. a) - + * • # ** (and OCR's "3.Tiêu" without the space). */
const MARKER =
  /^(#{1,6}\s|\*\*|[IVXLC|]{1,6}[.)]\s*\S|\d{1,3}[.)](\s|$)|\d{1,3}(\.\d{1,3})+\.?(\s|$)|\d{1,3}(\.\d{1,3})*[.)]\p{Lu}|[a-zđ][).]\s|[-+*•–—]\s|[-+•]\p{L})/u;
const SENTENCE_END = /[.!?:;…]["”’)\]»*]*$/u;
/** "Số: 05/KH-UBND", "V/v: …", "Nơi nhận:" — short label lines of the document header. */
const LABEL_START = /^\S{1,4}\s*:/u;
/** "Long Thành, ngày 10 tháng 02 năm 2023" — the place/date line. */
const PLACE_DATE = /^[^,\n]{1,40},\s*ng[aà]y\b/iu;
/** Two layout columns printed on one line (e.g. issuing body | national motto). */
const LAYOUT_GAP = /\S\s{3,}\S/u;

export function isMarkerLine(text: string): boolean {
  return MARKER.test(text);
}

/** All-caps lines (KẾ HOẠCH, I. MỤC ĐÍCH) and markdown headings are headings. */
export function isHeadingLine(text: string): boolean {
  if (/^#{1,6}\s/.test(text)) return true;
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 4) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  // A letter or two of OCR noise ('MUC PiCH') does not make a heading a sentence.
  return upper >= 0.85 * letters.length && (words >= 2 || letters.length >= 8);
}

export type Join = 'space' | 'none' | 'newline';
/** A numbered line shorter than this many short-line thresholds (60 % of a full line) ends before a capitalised line. */
const SHORT_HEADING_FACTOR = 1.5;

/**
 * How line `cur` continues into line `next` (both non-blank). Vietnamese words are
 * syllables separated by spaces, so a hyphen glued to the end of a line is a symbol break
 * ("18/KH-" + "UBND" -> "18/KH-UBND"), joined without a space, while a spaced dash
 * ("kinh tế -" + "xã hội") is a joined with a space and keeps the dash.
 */
export function lineJoin(cur: CleanLine, next: CleanLine, shortLine: number): Join {
  if (isMarkerLine(next.text)) return 'newline';
  if (cur.softHyphen) return 'none';
  if (/[^\s-][-‐]$/u.test(cur.text) && /^[\p{L}\p{N}]/u.test(next.text)) return 'none';
  if (SENTENCE_END.test(cur.text)) return 'newline';
  if (isHeadingLine(cur.text) || isHeadingLine(next.text)) return 'newline';
  if (LAYOUT_GAP.test(cur.text) || LAYOUT_GAP.test(next.text)) return 'newline';
  if (LABEL_START.test(next.text) || PLACE_DATE.test(next.text)) return 'newline';
  // A line much shorter than the page's full lines was not wrapped by the page width.
  if (cur.text.length < shortLine) return 'newline';
  // A numbered heading ("2. Hội thi "Tự hào tuổi trẻ"") well short of a full line, then a new sentence.
  if (isMarkerLine(cur.text) && cur.text.length < shortLine * SHORT_HEADING_FACTOR && /^\p{Lu}/u.test(next.text)) return 'newline';
  return 'space';
}

/** 40 % of the 90th-percentile line length, when the page has enough lines to tell. */
function shortLineThreshold(lines: CleanLine[]): number {
  const lengths = lines.map((l) => l.text.length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lengths.length < 8) return 0;
  return 0.4 * lengths[Math.floor(0.9 * (lengths.length - 1))]!;
}

// ---- assembly ---------------------------------------------------------------------------

export interface NormalizeResult {
  text: string;
  sourcePoints: SourcePoints;
  diagnostics: Diagnostic[];
}

export function normalizePages(pages: (Pick<Page, 'number' | 'text'> & Partial<Pick<Page, 'origin' | 'words'>>)[]): NormalizeResult {
  const diagnostics: Diagnostic[] = [];
  const cleaned = pages.map((p) => {
    const lines = splitPageLines(p.text).map((l, i) => cleanLine(l.text, p.number, i));
    if (p.origin !== 'ocr') return lines;
    const removed: string[] = [];
    const confidence = wordConfidences(p);
    const stripped = lines.map((l) => {
      const r = stripOcrEdgeNoise(l, (column) => confidence(l.line, column));
      removed.push(...r.removed);
      return r.line;
    });
    if (removed.length > 0) {
      diagnostics.push(
        diag(STAGE, 'info', 'normalize.ocr-edge-noise-removed', `Removed ${removed.length} symbol token(s) at line edges of OCR'd page ${p.number}`, { page: p.number }, {
          tokens: removed.slice(0, 50),
        }),
      );
    }
    return stripped;
  });
  const removals = findRemovals(cleaned);
  const thresholds = new Map(pages.map((p, i) => [p.number, shortLineThreshold(cleaned[i]!)]));
  // The text is gathered in parts and joined once (see cleanLine); `length` is its length so far.
  const out: string[] = [];
  let length = 0;
  const points = new SourcePoints(pages.reduce((n, p) => n + p.text.length, 0));
  let prev: CleanLine | undefined;
  let blankSincePrev = false;
  for (const line of cleaned.flat()) {
    const why = removals.get(line);
    if (why) {
      diagnostics.push(
        diag(STAGE, 'info', `normalize.${why}-removed`, `Removed ${why.replace('-', ' ')} line "${line.text.slice(0, 60)}"`, {
          offset: length,
          page: line.page,
          line: line.line + 1,
          column: 1,
        }),
      );
      continue;
    }
    if (line.text.length === 0) {
      blankSincePrev = prev !== undefined;
      continue;
    }
    if (prev) {
      const at = prev;
      // A separator inserted between lines points at the line break it replaces.
      const separator = (s: string) => {
        points.push(at.page, at.line, s.length, () => at.rawLength);
        out.push(s);
        length += s.length;
      };
      if (blankSincePrev) separator('\n\n');
      else {
        const join = lineJoin(prev, line, thresholds.get(prev.page) ?? 0);
        if (join === 'space') separator(' ');
        else if (join === 'newline') separator('\n');
        else if (join === 'none' && /-$/.test(prev.text)) {
          diagnostics.push(
            diag(STAGE, 'info', 'normalize.hyphen-joined', 'Joined a line ending in a hyphen to the next line without a space', {
              offset: length,
              page: line.page,
              line: line.line + 1,
              column: 1,
            }),
          );
        }
      }
    }
    const cols = line.cols;
    points.push(line.page, line.line, line.text.length, (k) => cols[k]!);
    out.push(line.text);
    length += line.text.length;
    prev = line;
    blankSincePrev = false;
  }
  return { text: out.join(''), sourcePoints: points, diagnostics };
}

export const normalizeStage: Stage = {
  name: STAGE,
  run(doc: VDoc): VDoc {
    const started = performance.now();
    const { text, sourcePoints, diagnostics } = normalizePages(doc.pages);
    return {
      ...doc,
      text,
      sourcePoints,
      textToNormalized: undefined,
      diagnostics: [...doc.diagnostics, ...diagnostics],
      timings: { ...doc.timings, [STAGE]: performance.now() - started },
    };
  },
};
