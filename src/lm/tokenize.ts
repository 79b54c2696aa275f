/**
 * Tokeniser shared by the LM builder and by LM users, so both see the same units:
 * lowercase NFC syllables with old-style tone placement, numbers as <num>, clause
 * punctuation as sentence boundaries (each clause is scored as <s> … </s>).
 */
import { canonicalKey } from '../lang/syllable.js';
import { tokenize } from '../lang/tokenize.js';

export const UNK = '<unk>';
export const BOS = '<s>';
export const EOS = '</s>';
export const NUM = '<num>';

/** Punctuation that ends a clause; other symbols (- / & % …) are dropped without a break. */
const CLAUSE_BREAK = /^[.,;:!?…()[\]{}"“”‘’«»|]$/u;

/** Memo of lmUnit: corpora repeat a few hundred thousand distinct tokens millions of times. */
const unitCache = new Map<string, string>();
const UNIT_CACHE_MAX = 500_000;

/** The LM unit for one word token: numbers → <num>, syllables canonicalised, others lowercased. */
export function lmUnit(token: string): string {
  const hit = unitCache.get(token);
  if (hit !== undefined) return hit;
  // ð/Ð (eth) is a common stand-in for đ/Đ in legacy-encoded text.
  const unit = /^\p{N}/u.test(token) ? NUM : canonicalKey(token.normalize('NFC').replace(/ð/g, 'đ').replace(/Ð/g, 'Đ'));
  if (unitCache.size < UNIT_CACHE_MAX) unitCache.set(token, unit);
  return unit;
}

/** Split a line into clauses of LM units (without <s>/</s>). Empty clauses are dropped. */
export function tokenizeForLM(line: string): string[][] {
  const clauses: string[][] = [];
  let current: string[] = [];
  for (const { text: tok } of tokenize(line.normalize('NFC'), { unit: 'lm' })) {
    if (/^[\p{L}\p{M}\p{N}]/u.test(tok)) {
      current.push(lmUnit(tok));
    } else if (CLAUSE_BREAK.test(tok)) {
      if (current.length) clauses.push(current);
      current = [];
    }
  }
  if (current.length) clauses.push(current);
  return clauses;
}
