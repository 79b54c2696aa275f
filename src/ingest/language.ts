/**
 * Is a text Vietnamese at all? Vietnamese words are single syllables from a closed inventory
 * (onset + rhyme), so nearly every word of Vietnamese text — accented, unaccented ("ke hoach
 * thi dua") or garbled by an English OCR model ("thyc hién nhiém vu") — still has the letter
 * skeleton of a syllable once its diacritics are removed. English or French words mostly do
 * not ("committee", "organise", "annuel"). This is what lets ingest keep a foreign document
 * untouched instead of "restoring" French into Vietnamese ("du" → "đủ").
 */
import { baseInventory, stripMarks } from '../lang/syllable.js';

let skeletons: Set<string> | undefined;

/** ASCII skeletons of every Vietnamese syllable ("nghiêng" → "nghieng"), built once. */
function syllableSkeletons(): Set<string> {
  skeletons ??= new Set(baseInventory().map((base) => stripMarks(base).toLowerCase()));
  return skeletons;
}

export interface LanguageEvidence {
  /** Alphabetic words of two or more letters. */
  words: number;
  /** Those whose skeleton is a Vietnamese syllable. */
  syllableWords: number;
  share: number;
}

export function vietnameseEvidence(text: string): LanguageEvidence {
  const inventory = syllableSkeletons();
  let words = 0;
  let syllableWords = 0;
  // Matched one by one, not split into an array: a long document has millions of words.
  for (const [raw] of text.normalize('NFC').matchAll(/[^\s\-–—/]+/g)) {
    const word = raw.replace(/^[\p{P}\p{S}\p{N}]+|[\p{P}\p{S}\p{N}]+$/gu, '');
    if (word.length < 2 || !/^\p{L}+$/u.test(word)) continue;
    words++;
    if (inventory.has(stripMarks(word).toLowerCase())) syllableWords++;
  }
  return { words, syllableWords, share: words ? syllableWords / words : 0 };
}

/**
 * Vietnamese text, even badly OCR'd, stays well above (the garbled seeds measure 0.84–0.87,
 * see test/ingest/language.test.ts); clean seed 001 0.96 with or without its accents); English and French prose measure 0.15–0.2.
 */
export const VIETNAMESE_MIN_SHARE = 0.5;
/** Below this many words there is too little to judge (a stamp, a page number). */
const MIN_WORDS = 15;

export function looksNotVietnamese(text: string): { notVietnamese: boolean; evidence: LanguageEvidence } {
  const evidence = vietnameseEvidence(text);
  return { notVietnamese: evidence.words >= MIN_WORDS && evidence.share < VIETNAMESE_MIN_SHARE, evidence };
}

/** Diagnostic code of a document judged not Vietnamese (kept as is, restoration skipped). */
export const NOT_VIETNAMESE_DIAGNOSTIC = 'ingest.not-vietnamese';

export function notVietnameseMessage(evidence: LanguageEvidence): string {
  return (
    `The text does not look like Vietnamese (${evidence.syllableWords} of ${evidence.words} words are Vietnamese syllables): ` +
    'it is kept as it is, without diacritic restoration; fields may be empty. If it is Vietnamese in a legacy encoding, re-run with --encoding'
  );
}
