/**
 * Folding: text with its Vietnamese marks (tone, hat, horn, breve) removed, the one
 * implementation behind lookup keys, search terms and alignment costs. Folders differ only
 * in the options below: whether case is kept, whether đ becomes d, and whether foreign Latin
 * letters are folded too (the `diacritics` package table: ø → o, æ → ae).
 */
import { remove as removeDiacritics } from 'diacritics';

/**
 * What is folded:
 * - 'marks': combining marks only (NFD, U+0300–U+036F); đ and every other letter kept;
 * - 'vietnamese': marks and đ/Đ → d/D; other letters and garble glyphs ("6", "&", "¢") kept;
 * - 'latin': the `diacritics` table on NFC text: marks, đ, and foreign Latin letters (ø, æ, ł …).
 */
export type FoldScope = 'marks' | 'vietnamese' | 'latin';

export interface FoldOptions {
  /** Lowercase the result (default: case kept). */
  lowercase?: boolean;
  /** Default 'vietnamese'. */
  scope?: FoldScope;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐ]/g;

/** `text` folded as `options` say; the result is not re-composed (NFD letters stay apart). */
export function fold(text: string, options: FoldOptions = {}): string {
  const { lowercase = false, scope = 'vietnamese' } = options;
  let out: string;
  if (scope === 'latin') out = removeDiacritics(text.normalize('NFC'));
  else {
    out = text.normalize('NFD').replace(COMBINING_MARKS, '');
    if (scope === 'vietnamese') out = out.replace(D_STROKE, (d) => (d === 'đ' ? 'd' : 'D'));
  }
  return lowercase ? out.toLowerCase() : out;
}

/**
 * Lowercase, every mark stripped, đ→d: "Nhiệm Đ" → "nhiem d"; garble glyphs ("6", "&") kept.
 * The key of syllable variants and of channel alignment (fold with lowercase, scope 'vietnamese'),
 * written out because the restorer calls it per token.
 */
export function foldKey(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd').toLowerCase();
}

/** All diacritics removed and đ→d, case kept ("Đường" → "Duong"): fold with scope 'latin'. */
export function stripMarks(text: string): string {
  return fold(text, { scope: 'latin' });
}
