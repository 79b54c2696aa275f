/**
 * A cheap test of whether text is real accented Vietnamese or Vietnamese that went through
 * an OCR engine with the wrong language model ("thyc hién nhiém vu"). Such garble still has
 * accented letters, but they rarely form valid Vietnamese syllables, so we count tokens that
 * are *valid* accented syllables (onset + rhyme + at most one tone mark) among alphabetic tokens.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ONSET = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
/** Rhymes (tone-less, lower case) of standard Vietnamese orthography. */
const RHYME =
  '(?:' +
  [
    'uyên|uyêt|uyêu|uya|uyu|uynh|uych|uyn|uyt|uy',
    'iêng|iêc|iêm|iên|iêp|iêt|iêu|yêng|yêm|yên|yêt|yêu',
    'ương|ươc|ươm|ươn|ươp|ươt|ươi|ươu|ưa',
    'uông|uôc|uôm|uôn|uôt|uôi|ua',
    'oang|oanh|oach|oac|oai|oam|oan|oao|oap|oat|oay|oăng|oăc|oăm|oăn|oăt|oa',
    'oeng|oen|oet|oeo|oe|uâng|uân|uât|uây|uê|uênh|uêch',
    'ia|ich|inh|im|in|ip|it|iu|i',
    'anh|ach|ang|ac|ai|am|an|ao|ap|at|au|ay|a',
    'ăng|ăc|ăm|ăn|ăp|ăt',
    'âng|âc|âm|ân|âp|ât|âu|ây',
    'eng|ec|em|en|eo|ep|et|e',
    'ênh|êch|êm|ên|êp|êt|êu|ê',
    'ong|oc|oi|om|on|op|ot|o',
    'ông|ôc|ôi|ôm|ôn|ôp|ôt|ô',
    'ơi|ơm|ơn|ơp|ơt|ơ',
    'ung|uc|ui|um|un|up|ut|u',
    'ưng|ưc|ưi|ưm|ưn|ưt|ưu|ư',
    'ynh|y',
  ].join('|') +
  ')';
const SYLLABLE = new RegExp(`^${ONSET}${RHYME}$`);
const VIETNAMESE_MARKED = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/;
const ALPHA_TOKEN = /^\p{L}+$/u;

/** True for a well-formed Vietnamese syllable (any case, any tone). */
export function isValidSyllable(token: string): boolean {
  const lower = token.normalize('NFC').toLowerCase();
  const nfd = lower.normalize('NFD');
  const tones = nfd.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  const base = nfd.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE.test(base);
}

export interface AccentStats {
  /** Alphabetic tokens of two or more letters. */
  alphabetic: number;
  /** Those that carry a Vietnamese diacritic and are valid syllables. */
  validAccented: number;
  /** Those that carry a diacritic but are not valid syllables (OCR garble). */
  invalidAccented: number;
  ratio: number;
}

export function accentStats(text: string): AccentStats {
  let alphabetic = 0;
  let validAccented = 0;
  let invalidAccented = 0;
  // Matched one by one, not split into an array: a long document has millions of words.
  for (const [raw] of text.normalize('NFC').matchAll(/\S+/g)) {
    const token = raw.replace(/^[\p{P}\p{S}\p{N}]+|[\p{P}\p{S}\p{N}]+$/gu, '');
    if (token.length < 2 || !ALPHA_TOKEN.test(token)) continue;
    alphabetic++;
    if (!VIETNAMESE_MARKED.test(token.toLowerCase())) continue;
    if (isValidSyllable(token)) validAccented++;
    else invalidAccented++;
  }
  return { alphabetic, validAccented, invalidAccented, ratio: alphabetic ? validAccented / alphabetic : 0 };
}

/**
 * Clean Vietnamese prose has roughly half of its syllables accented; wrong-language OCR keeps
 * a few percent. 0.25 sits well between the two (see test/ingest/vietnamese.test.ts).
 */
export const GARBLED_RATIO = 0.25;
/** Too little text to judge: a page number or a stamp must not be flagged. */
const MIN_TOKENS = 20;

export function looksGarbled(text: string): { garbled: boolean; stats: AccentStats } {
  const stats = accentStats(text);
  return { garbled: stats.alphabetic >= MIN_TOKENS && stats.ratio < GARBLED_RATIO, stats };
}
