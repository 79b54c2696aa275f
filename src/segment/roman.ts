/**
 * Which lines of a body are its Roman-numbered headings (I., II., …), decided for the whole
 * document at once. OCR garbles the markers ("|.", "Il.", "111.", "..1", "TV.", "1V.") and
 * sometimes reads one numeral as another ("II." where III. belongs), so a line-by-line reader
 * that trusts each marker loses the rest of the sequence after the first bad one. Here every
 * plausible heading line is a candidate, each possible numbering costs how far its markers are
 * from what they would have to be, and a small dynamic programme picks the cheapest
 * numbering that runs 1, 2, 3 … (a heading the scan lost entirely costs a gap).
 */
import { editDistance } from '../extract/text.js';

/** A line that may be a Roman heading. */
export interface RomanCandidate {
  /** Index of the line in the caller's list. */
  index: number;
  /** The marker as written, without its final punctuation ("II", "TV", "..1", "|"); empty when only the period is left. */
  marker: string;
  /** The marker is a well-formed Roman numeral ([IVX]+). */
  clean: boolean;
  /** The title after the marker is mostly upper case, as Roman headings are. */
  upper: boolean;
  /** The marker is only digits ("1", "111"): a Roman numeral only in a Roman-numbered document. */
  digits: boolean;
  /** A short marker of any other shape ("A", "..") before an upper-case heading. */
  other: boolean;
}

const ROMAN_VALID = /^(X{0,3})(IX|IV|V?I{0,3})$/;
export function romanValue(s: string): number {
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

/** What OCR makes of the strokes of I, V and X. */
export function decodeRomanish(marker: string): string {
  return marker
    .replace(/[.,:;'‘’`"“”]/g, '')
    .replace(/[l|!1iíìÍÌTtJj\]\[]/g, 'I')
    .replace(/[vY]/g, 'V')
    .replace(/[x×]/g, 'X');
}

/**
 * Costs of the numbering (lower is better). Reading a marker as a number costs by how far it
 * is from that numeral; declining a line as a heading costs by how much it looks like one.
 * Cheaper readings of damaged markers find more headings; cheaper skips drop more lines.
 */
const READ_COST = {
  /** A clean marker: exact, one edit away, further. */
  clean: { exact: 0, oneEdit: 2, other: 4 },
  /** A garbled marker that decodes to the numeral (digit-only markers cost a little more). */
  decoded: { digits: 0.4, other: 0.3 },
  /** A garbled marker that decodes to one edit from the numeral. */
  decodedOneEdit: { digits: 1.3, other: 1.2 },
  /** A garbled marker that decodes to nothing close: short markers of another shape, the rest. */
  far: { otherShape: 2.2, rest: 3 },
  /** A heading whose numeral OCR lost, only its period left (". MỤC ĐÍCH"): any number fits. */
  lost: 0.5,
} as const;
const SKIP_COST = {
  /** A clean Roman marker: over an upper-case title, or a sentence-case one. */
  clean: { upper: 4, lower: 1 },
  /** A digit-only marker ("1", "111"). */
  digits: 0.8,
  /** A short marker of another shape. */
  otherShape: 0.6,
  /** Any other garbled marker: over an upper-case title, or a sentence-case one. */
  garbled: { upper: 1.6, lower: 0.8 },
} as const;

/** Cost of reading `c` as heading number n (lower is better). */
function readCost(c: RomanCandidate, n: number): number {
  const want = toRoman(n);
  if (c.marker === '') return READ_COST.lost;
  if (c.clean) return c.marker === want ? READ_COST.clean.exact : editDistance(c.marker, want) === 1 ? READ_COST.clean.oneEdit : READ_COST.clean.other;
  const decoded = decodeRomanish(c.marker);
  if (decoded === want) return c.digits ? READ_COST.decoded.digits : READ_COST.decoded.other;
  if (decoded && editDistance(decoded, want) === 1) return c.digits ? READ_COST.decodedOneEdit.digits : READ_COST.decodedOneEdit.other;
  return c.other ? READ_COST.far.otherShape : READ_COST.far.rest;
}

/** Cost of deciding that `c` is not a Roman heading at all. */
function skipCost(c: RomanCandidate): number {
  if (c.clean) return c.upper ? SKIP_COST.clean.upper : SKIP_COST.clean.lower;
  if (c.digits) return SKIP_COST.digits;
  if (c.other) return SKIP_COST.otherShape;
  return c.upper ? SKIP_COST.garbled.upper : SKIP_COST.garbled.lower;
}

/** Cost per heading number skipped (lost by OCR): lower accepts gaps, higher forces lines into the sequence. */
const GAP = 1.5;
/** Highest heading number considered (plans rarely reach XX). */
const MAX = 20;

/**
 * The Roman heading number of each candidate that is one, by line index, in line order. Numbering
 * starts at I (starting later costs gaps), increases by one per heading, and may skip a
 * number lost by OCR at a cost.
 */
export function numberRomanHeadings(cands: RomanCandidate[]): Map<number, number> {
  const k = cands.length;
  // best[j][n]: cheapest cost of the first j candidates with the last heading numbered n (0 = none yet).
  const INF = Number.POSITIVE_INFINITY;
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(MAX + 1).fill(INF));
  const back: (number | null)[][] = Array.from({ length: k + 1 }, () => new Array<number | null>(MAX + 1).fill(null));
  best[0]![0] = 0;
  for (let j = 0; j < k; j++) {
    const c = cands[j]!;
    for (let prev = 0; prev <= MAX; prev++) {
      const base = best[j]![prev]!;
      if (base === INF) continue;
      // Not a heading.
      const skip = base + skipCost(c);
      if (skip < best[j + 1]![prev]!) { best[j + 1]![prev] = skip; back[j + 1]![prev] = -prev - 1; }
      // A heading numbered prev+1, or later when numbers were lost.
      for (let n = prev + 1; n <= Math.min(MAX, prev + 3); n++) {
        const cost = base + readCost(c, n) + GAP * (n - prev - 1);
        if (cost < best[j + 1]![n]!) { best[j + 1]![n] = cost; back[j + 1]![n] = prev; }
      }
    }
  }
  let end = 0;
  for (let n = 0; n <= MAX; n++) if (best[k]![n]! < best[k]![end]!) end = n;
  const picked: [number, number][] = [];
  let n = end;
  for (let j = k; j > 0; j--) {
    const b = back[j]![n]!;
    if (b === null) break;
    if (b < 0) { n = -b - 1; continue; }
    picked.push([cands[j - 1]!.index, n]);
    n = b;
  }
  return new Map(picked.reverse());
}
