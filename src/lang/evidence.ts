/**
 * Is this text Vietnamese, and in what state are its marks? The one home of these judgments
 * and their thresholds, called by ingest (garbled OCR, foreign documents), encoding detection
 * (a decoding whose accented words are not syllables) and the restorer (restore at all; clean,
 * stripped or garbled marks). Every judgment counts word tokens that are Vietnamese syllables
 * (src/lang/syllable.ts) in some form; they differ in which tokens they count and how much text
 * they need, as each threshold's comment says.
 */
import { fold } from './fold.js';
import { baseInventory, isValidSyllable } from './syllable.js';

/** Leading and trailing punctuation, symbols and digits of a whitespace token. */
const TOKEN_EDGES = /^[\p{P}\p{S}\p{N}]+|[\p{P}\p{S}\p{N}]+$/gu;
const ALPHA_TOKEN = /^\p{L}+$/u;
const VIETNAMESE_MARKED = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/;

/**
 * Alphabetic words of two or more letters, edge punctuation removed; `token` matches one raw
 * token. Matched one by one, not split into an array: a long document has millions of words.
 */
function* words(text: string, token: RegExp): Generator<string> {
  for (const [raw] of text.normalize('NFC').matchAll(token)) {
    const word = raw.replace(TOKEN_EDGES, '');
    if (word.length >= 2 && ALPHA_TOKEN.test(word)) yield word;
  }
}

/**
 * Ratios over a long text are judged on a sample: this many characters at most, taken as
 * EVIDENCE_SAMPLE_WINDOWS windows spread evenly over the text. A million characters hold
 * ~200,000 words, far more than a ratio needs, and a 40 MB text is judged in a second
 * instead of a minute.
 */
export const EVIDENCE_SAMPLE_CHARS = 1_000_000;
const EVIDENCE_SAMPLE_WINDOWS = 100;

/** `text` itself when short enough; otherwise evenly spaced windows of it, cut at whitespace. */
export function evidenceSample(text: string): string {
  if (text.length <= EVIDENCE_SAMPLE_CHARS) return text;
  const window = Math.floor(EVIDENCE_SAMPLE_CHARS / EVIDENCE_SAMPLE_WINDOWS);
  const stride = text.length / EVIDENCE_SAMPLE_WINDOWS;
  const parts: string[] = [];
  for (let k = 0; k < EVIDENCE_SAMPLE_WINDOWS; k++) {
    let start = Math.floor(k * stride);
    let end = Math.min(text.length, start + window);
    // Whole words only: a window starts after and ends before a space.
    while (start < end && !/\s/.test(text[start]!)) start++;
    while (end > start && end < text.length && !/\s/.test(text[end]!)) end--;
    parts.push(text.slice(start, end));
  }
  return parts.join('\n');
}

// ---- Accents: real Vietnamese or wrong-language OCR ("thyc hién nhiém vu")? ----

export interface AccentStats {
  /** Alphabetic tokens of two or more letters. */
  alphabetic: number;
  /** Those that carry a Vietnamese diacritic and have a syllable's shape. */
  validAccented: number;
  /** Those that carry a diacritic but are not syllables (OCR garble). */
  invalidAccented: number;
  ratio: number;
}

/**
 * Wrong-language OCR keeps accented letters, but they rarely form syllables: count the tokens
 * that are accented syllables (shape check: onset + rhyme + at most one tone mark) among words.
 */
export function accentStats(text: string): AccentStats {
  let alphabetic = 0;
  let validAccented = 0;
  let invalidAccented = 0;
  for (const token of words(text, /\S+/g)) {
    alphabetic++;
    if (!VIETNAMESE_MARKED.test(token.toLowerCase())) continue;
    if (isValidSyllable(token, 'shape')) validAccented++;
    else invalidAccented++;
  }
  return { alphabetic, validAccented, invalidAccented, ratio: alphabetic ? validAccented / alphabetic : 0 };
}

/**
 * Clean Vietnamese prose has roughly half of its syllables accented; wrong-language OCR keeps
 * a few percent. 0.25 sits well between the two (see test/ingest/vietnamese.test.ts and test/lang/evidence.test.ts).
 */
export const GARBLED_RATIO = 0.25;
/** Too little text to judge: a page number or a stamp must not be flagged. */
export const GARBLED_MIN_TOKENS = 20;

export function looksGarbled(text: string): { garbled: boolean; stats: AccentStats } {
  const stats = accentStats(evidenceSample(text));
  return { garbled: stats.alphabetic >= GARBLED_MIN_TOKENS && stats.ratio < GARBLED_RATIO, stats };
}

// ---- Language: Vietnamese at all, accented, stripped or garbled — or English, French? ----

let skeletons: Set<string> | undefined;

/** Folded forms of every Vietnamese syllable ("nghiêng" → "nghieng"), built once. */
function syllableSkeletons(): Set<string> {
  skeletons ??= new Set(baseInventory().map((base) => fold(base, { scope: 'latin', lowercase: true })));
  return skeletons;
}

export interface LanguageEvidence {
  /** Alphabetic words of two or more letters. */
  words: number;
  /** Those whose folded form is a Vietnamese syllable. */
  syllableWords: number;
  share: number;
}

/**
 * Nearly every word of Vietnamese text — accented, unaccented ("ke hoach thi dua") or garbled
 * by an English OCR model ("thyc hién nhiém vu") — still folds to a syllable; English or French
 * words mostly do not ("committee", "organise", "annuel").
 */
export function vietnameseEvidence(text: string): LanguageEvidence {
  const inventory = syllableSkeletons();
  let count = 0;
  let syllableWords = 0;
  for (const word of words(text, /[^\s\-–—/]+/g)) {
    count++;
    if (inventory.has(fold(word, { scope: 'latin', lowercase: true }))) syllableWords++;
  }
  return { words: count, syllableWords, share: count ? syllableWords / count : 0 };
}

/**
 * Vietnamese text, even badly OCR'd, stays well above (the garbled seeds measure 0.84–0.87,
 * clean seed 001 0.96 with or without its accents, see test/ingest/language.test.ts); English
 * and French prose measure 0.15–0.2.
 */
export const VIETNAMESE_MIN_SHARE = 0.5;
/** Below this many words there is too little to judge (a stamp, a page number). */
export const LANGUAGE_MIN_WORDS = 15;

export function looksNotVietnamese(text: string): { notVietnamese: boolean; evidence: LanguageEvidence } {
  const evidence = vietnameseEvidence(evidenceSample(text));
  return { notVietnamese: evidence.words >= LANGUAGE_MIN_WORDS && evidence.share < VIETNAMESE_MIN_SHARE, evidence };
}

// ---- Encoding: does a decoding's accented text read as syllables? ----

/** Fewer accented words than this say nothing about a decoding. */
export const DECODED_MIN_MARKED = 3;
/** Share of a decoding's accented words that are syllables below which it is not Vietnamese (or the wrong encoding). */
export const DECODED_MIN_VALID_SHARE = 0.5;

/** True when `validMarked` of `marked` accented words of a decoded text are too few syllables. */
export function decodedNotVietnamese(validMarked: number, marked: number): boolean {
  return marked >= DECODED_MIN_MARKED && validMarked / marked < DECODED_MIN_VALID_SHARE;
}

// ---- Restoration: restore at all, and which marks does the text carry? ----

/** Share of words with any restoration candidate (a known syllable, at a glance or after a search) from which a text is restored. */
export const RESTORE_MIN_KNOWN_SHARE = 0.6;
/** Share of marked words from which a text is treated as Vietnamese that kept its marks. */
export const CLEAN_MARKED_SHARE = 0.45;
/** Below this share of marked words (and of words with an English-OCR sign) the text is plain stripped Vietnamese. */
export const STRIPPED_MAX_SHARE = 0.03;

/** True when `known` of `words` word tokens are known syllables: enough to restore. */
export function knownEnoughToRestore(known: number, words: number): boolean {
  return words > 0 && known / words >= RESTORE_MIN_KNOWN_SHARE;
}

export type MarkState = 'clean' | 'stripped' | 'garble';

/** Clean (marks kept), stripped (marks dropped, nothing misread) or garble (English-model OCR). */
export function markState(markedShare: number, ocrSignShare: number): MarkState {
  if (markedShare >= CLEAN_MARKED_SHARE) return 'clean';
  return markedShare < STRIPPED_MAX_SHARE && ocrSignShare < STRIPPED_MAX_SHARE ? 'stripped' : 'garble';
}
