import { foldKey } from '../lang/fold.js';
/**
 * Small string helpers of the decoder: per-character skeleton keys, mark detection and the
 * case pattern of OCR'd tokens (tone placement is src/lang/syllable.ts's toToneStyle). Keys are src/lang/fold.ts's foldKey (marks stripped, đ→d,
 * lowercase), the channel aligner's too, so variant keys and channel alignment fold text the same way.
 */

const charSkeletons = new Map<string, string>();

/** foldKey of one character (code point), memoised: the channel folds tokens character by character. */
export function charSkeleton(c: string): string {
  let key = charSkeletons.get(c);
  if (key === undefined) {
    key = foldKey(c);
    if (charSkeletons.size < 10_000) charSkeletons.set(c, key);
  }
  return key;
}

/** True when the token carries a Vietnamese mark (tone, hat, horn, breve) or đ. */
export function hasMarks(text: string): boolean {
  return /[đĐ]/u.test(text) || /[\u0300-\u036f]/u.test(text.normalize('NFD'));
}

/**
 * True when a word token shows what tesseract's English model does to Vietnamese and
 * stripping never does: a digit or a Latin glyph for a marked letter ("t6t", "K¢é", "|."), a
 * capital Đ read as P before a vowel ("PONG", "Pinh": 52 % of capital Đ in the English-model
 * channel tables, and Vietnamese has no p + vowel syllable outside rare loanwords), or Ợ/Ộ read
 * as Q without its u ("PUQC", "NQ"). ALL-CAPS pages show few digits, so the P and Q signs are
 * what tells their garble from stripped text.
 */
export function englishOcrSignature(token: string): boolean {
  return /[\d&¢€|]/u.test(token) || /^P[aeiouyAEIOUY]/u.test(token) || /[Qq](?![uU])/u.test(token);
}

/**
 * Case patterns of an input token, transferred by applyCase: lowercase output as is, ALL CAPS, or
 * Title case. Unlike src/lang/syllable.ts's matchCase (which reads a syllable's own letters) it
 * reads OCR'd tokens: "PiCH" (one letter lowered) is ALL CAPS, a leading "|" a capital.
 */
export type CaseShape = typeof CASE_AS_IS | typeof CASE_ALL_CAPS | typeof CASE_TITLE;
export const CASE_AS_IS = 0;
export const CASE_ALL_CAPS = 1;
export const CASE_TITLE = 2;

/** The case pattern of `input` (it depends on the input alone, so callers may keep it per token). */
export function caseShape(input: string): CaseShape {
  const letters = input.replace(/[^\p{L}]/gu, '');
  if (!letters) return CASE_AS_IS;
  const capitals = [...letters].filter((c) => c !== c.toLowerCase()).length;
  // Mostly capitals ("PiCH", OCR lowered one letter of a heading word) counts as ALL CAPS.
  const upper = capitals === letters.length || (letters.length >= 3 && capitals >= letters.length - 1 && capitals >= 2);
  // A lone capital ("Pinh", "K¢é") is Title case; two or more capitals make ALL CAPS.
  if (upper && letters.length >= 2) return CASE_ALL_CAPS;
  const first = [...input].find((c) => /[\p{L}\d&¢|]/u.test(c)) ?? '';
  const firstIsUpper = /\p{Lu}/u.test(first) || (first === '|' ) ;
  if (firstIsUpper || (/^[A-Z]/.test(letters) && letters.length >= 1 && /\p{Lu}/u.test(letters[0]))) return CASE_TITLE;
  return CASE_AS_IS;
}

/** `output` in the case pattern `shape`. */
export function applyCase(shape: CaseShape, output: string): string {
  return shape === CASE_AS_IS ? output : shape === CASE_ALL_CAPS ? output.toUpperCase() : output.charAt(0).toUpperCase() + output.slice(1);
}
