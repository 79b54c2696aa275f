/**
 * The one tokenizer of Vietnamese text: splits a string into tokens with their offsets. Callers
 * differ only in what one token is (`unit`):
 * - 'run': a whitespace-delimited run (the same runs as /\S+/gu), as layouts and the restorer cut lines;
 * - 'word': letters, marks and digits (any script's) — a search term; marks included so NFD input keeps a word whole;
 * - 'ocrWord': letters, marks, ASCII digits and the glyphs English-model OCR writes for marked
 *   letters ("t6t", "K¢é") — a piece the restorer may change;
 * - 'lm': letters with marks, numbers with inner . , / : - ("12/2024"), and every other
 *   non-space character alone — what the language model counts.
 */

export type TokenUnit = 'run' | 'word' | 'ocrWord' | 'lm';

export interface TokenizeOptions {
  /** What one token is (default 'run'). */
  unit?: TokenUnit;
}

export interface Token {
  /** The token as written. */
  text: string;
  /** Offset of the token in the tokenized string. */
  start: number;
}

/** Glyphs English-model OCR writes for marked Vietnamese letters inside words ("K¢é", "t&t"; also "@" between letters). */
const OCR_LETTER_GLYPHS = '&¢€';

const UNIT_RE: Record<Exclude<TokenUnit, 'run'>, RegExp> = {
  word: /[\p{L}\p{M}\p{N}]+/gu,
  // "@" only between letters: the English model's reading of ế ("tuy@n" = tuyển), not an address sign.
  ocrWord: new RegExp(`(?:[\\p{L}\\p{M}\\d${OCR_LETTER_GLYPHS}]|(?<=\\p{L})@(?=\\p{L}))+`, 'gu'),
  lm: /[\p{L}\p{M}]+|\p{N}+(?:[.,/:-]\p{N}+)*|[^\s\p{L}\p{M}\p{N}]/gu,
};

/**
 * True for the UTF-16 code units of `\s` (and of String.prototype.trim): ASCII tab to
 * carriage return, space, the Unicode space separators, line/paragraph separators, BOM.
 */
export function isWhitespaceCode(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The tokens of `text`, in order, as `options.unit` defines a token. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const { unit = 'run' } = options;
  const out: Token[] = [];
  if (unit === 'run') {
    const length = text.length;
    let i = 0;
    while (i < length) {
      while (i < length && isWhitespaceCode(text.charCodeAt(i))) i++;
      if (i === length) break;
      const start = i;
      while (i < length && !isWhitespaceCode(text.charCodeAt(i))) i++;
      out.push({ text: text.slice(start, i), start });
    }
    return out;
  }
  for (const m of text.matchAll(UNIT_RE[unit])) out.push({ text: m[0], start: m.index });
  return out;
}
