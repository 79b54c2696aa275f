/**
 * Scores a candidate decoding by how Vietnamese it reads: the share of its words that are
 * valid Vietnamese syllables, weighted towards accented ones (the only words on which
 * decodings differ), minus the characters the scheme could not map.
 */
import { isValidSyllable } from '../lang/syllable.js';
import { loadLanguageModel, type LanguageModel } from '../lm/index.js';

export interface TextScore {
  /** Weighted points (see scoreText); comparable between decodings of the same input. */
  points: number;
  /** Words with at least one letter. */
  words: number;
  /** Words holding a non-ASCII letter or symbol: where decodings disagree. */
  marked: number;
  /** Of those, valid Vietnamese syllables. */
  validMarked: number;
  unmapped: number;
}

/** Punctuation that may wrap a word without making it a different word. */
const WRAP = /^[\s"'()[\]{}.,;:!?…“”‘’«»\-–—/*]+|[\s"'()[\]{}.,;:!?…“”‘’«»\-–—/*]+$/g;
const HAS_LETTER = /\p{L}/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

const VALID_MARKED = 1;
/**
 * Up to this much more for a frequent syllable: short fragments often read as valid syllables
 * in two schemes ("nhân" in TCVN3, "nhẹn" in VISCII); the corpus unigram count tells them apart.
 */
const FREQUENCY_BONUS = 0.5;
/** log10 of a unigram count that earns the full bonus (about 100 000 occurrences). */
const FULL_BONUS_LOG_COUNT = 5;
const VALID_PLAIN = 0.1;
const INVALID = -1;
const UNMAPPED = -1;

export function scoreText(text: string, unmapped = 0): TextScore {
  let points = 0;
  let words = 0;
  let marked = 0;
  let validMarked = 0;
  // Matched one by one, not split into an array: a long document has millions of words.
  for (const [raw] of text.matchAll(/\S+/g)) {
    const word = judgeWord(raw);
    if (!word) continue;
    words++;
    if (!word.plain) marked++;
    if (word.valid && !word.plain) validMarked++;
    points += word.points;
  }
  points += UNMAPPED * unmapped;
  return { points, words, marked, validMarked, unmapped };
}

interface WordJudgement { plain: boolean; valid: boolean; points: number }
/** Words repeat a lot (a document has a few thousand distinct ones): judge each once. */
const judged = new Map<string, WordJudgement | null>();
const JUDGED_LIMIT = 200_000;

function judgeWord(raw: string): WordJudgement | null {
  const hit = judged.get(raw);
  if (hit !== undefined) return hit;
  const word = raw.replace(WRAP, '');
  let result: WordJudgement | null = null;
  if (HAS_LETTER.test(word)) {
    const plain = ASCII_ONLY.test(word);
    // Hyphenated and slashed compounds ("Kinh-tế") are judged per syllable.
    const valid = word.split(/[-/]/).every((part) => part !== '' && isValidSyllable(part));
    const points = valid ? (plain ? VALID_PLAIN : VALID_MARKED + frequencyBonus(word)) : plain ? 0 : INVALID;
    result = { plain, valid, points };
  }
  if (judged.size >= JUDGED_LIMIT) judged.clear();
  judged.set(raw, result);
  return result;
}

let lm: LanguageModel | null | undefined;

/** The syllable LM when dictionaries/lm is installed; detection works without it. */
function languageModel(): LanguageModel | null {
  if (lm === undefined) {
    try {
      lm = loadLanguageModel();
    } catch {
      lm = null;
    }
  }
  return lm;
}

function frequencyBonus(word: string): number {
  const model = languageModel();
  if (!model) return 0;
  const id = model.vocabId(word);
  if (id === model.unkId) return 0;
  return FREQUENCY_BONUS * Math.min(1, Math.log10(model.unigramCount(id) + 1) / FULL_BONUS_LOG_COUNT);
}

/**
 * Confidence that `best` is right rather than `runnerUp`: grows with the point margin and is
 * capped by how Vietnamese the best reading is (non-Vietnamese text gets a low confidence).
 */
export function decisionConfidence(best: TextScore, runnerUp: TextScore | undefined): number {
  const separation = runnerUp ? 1 - Math.exp(-Math.max(0, best.points - runnerUp.points) / 2) : 1;
  const quality = best.marked === 0 ? 1 : Math.min(1, best.validMarked / best.marked / 0.8);
  return Math.round(separation * quality * 1000) / 1000;
}
