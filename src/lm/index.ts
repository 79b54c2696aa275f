/**
 * Public API of the syllable language model (issue 3a). Scores are log10.
 * The model files and their provenance are listed in dictionaries/lm/MANIFEST.json.
 */
import { resolve } from 'node:path';
import { dictionaryPath } from '../dictionaries.js';
import { VnplanError } from '../errors.js';
import { stripMarks } from '../lang/fold.js';
import { matchCase } from '../lang/syllable.js';
import { LanguageModel, loadFromDir } from './language-model.js';

export { LanguageModel, Vocabulary } from './language-model.js';
export { tokenizeForLM, lmUnit, UNK, BOS, EOS, NUM } from './tokenize.js';
export { splitOfLine, readCorpusLines, readCorpusEntries, corpusSplitter, DOC_HEADER, HELD_OUT_RULE, type Split } from './corpus.js';

/** dictionaries/lm of this package (from src/ under tsx and from dist/src/). */
export function defaultLmDir(): string {
  return dictionaryPath('lm');
}

const cache = new Map<string, LanguageModel>();

/** Load (once per directory) the committed model; throws DICTIONARY_MISSING if absent. */
export function loadLanguageModel(dir: string = defaultLmDir()): LanguageModel {
  const key = resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  let lm: LanguageModel;
  try {
    lm = loadFromDir(key);
  } catch (err) {
    throw new VnplanError('DICTIONARY_MISSING', `cannot load the language model from ${key} (run npm run build:lm)`, { cause: err });
  }
  cache.set(key, lm);
  return lm;
}

/**
 * "Most frequent variant" baseline: each word token becomes the most frequent vocabulary
 * unit with the same mark-stripped form (case kept); other tokens are returned unchanged.
 */
export function baselineRestore(tokens: readonly string[], lm: LanguageModel = loadLanguageModel()): string[] {
  return tokens.map((tok) => {
    if (!/\p{L}/u.test(tok)) return tok;
    const ids = lm.variantsOf(stripMarks(tok).toLowerCase());
    return ids.length ? matchCase(tok, lm.word(ids[0])) : tok;
  });
}
