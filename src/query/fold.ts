/**
 * Accent-insensitive folding for search: "Ủy ban nhân dân xã Đại Thắng" → "uy ban nhan dan xa
 * dai thang" (src/lang/fold.ts, lowercase, foreign Latin letters folded too). Tokens keep
 * their offsets in the original text so snippets can highlight the words as written.
 */
import { fold } from '../lang/fold.js';
import { tokenize as tokenizeText } from '../lang/tokenize.js';

export function foldText(text: string): string {
  return fold(text, { scope: 'latin', lowercase: true });
}

export interface Token {
  /** Folded form used as the index term. */
  term: string;
  start: number;
  end: number;
}

/** Words of `text` (letters/digits runs), folded, with offsets into `text` as given. */
export function tokenize(text: string): Token[] {
  return tokenizeText(text, { unit: 'word' }).map((t) => ({ term: foldText(t.text), start: t.start, end: t.start + t.text.length }));
}

/** Folded terms only (for queries and index building, where offsets are not needed). */
export function terms(text: string): string[] {
  return tokenizeText(foldText(text.normalize('NFC')), { unit: 'word' }).map((t) => t.text);
}

/**
 * Administrative abbreviations written both ways in headers and citations ("UBND huyện" /
 * "Ủy ban nhân dân huyện"); expanded so fuzzy issuer matching sees one form.
 */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bbcd\b/g, 'ban chi dao'],
  [/\bcchc\b/g, 'cai cach hanh chinh'],
  [/\btdkt\b/g, 'thi dua khen thuong'],
  [/\btp\b/g, 'thanh pho'],
  [/\btt\b/g, 'thi tran'],
];

/** Folded, abbreviation-expanded, single-spaced form of an organisation name. */
export function foldName(name: string): string {
  let folded = terms(name).join(' ');
  for (const [re, full] of ABBREVIATIONS) folded = folded.replace(re, full);
  return folded;
}
