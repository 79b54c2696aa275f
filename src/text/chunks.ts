/**
 * Bounded chunks of a long text. Stages whose working memory grows with the text they see at
 * once (restoration keeps a lattice, slots and a token record per word) take a long document
 * chunk by chunk, so their peak memory follows the largest chunk, not the document. A chunk
 * ends after a paragraph break when one is near enough, else after a line break, else after
 * a sentence end, else at a space; only text without any of these is cut at the size limit.
 */

/**
 * Largest chunk, in UTF-16 code units (~40,000 words of Vietnamese). Texts up to this size are
 * one chunk, so every ordinary document is processed whole, exactly as before chunking;
 * larger chunks would raise the peak (~0.2 KB per character while a chunk is restored),
 * smaller ones would cut documents that fit comfortably into pieces decided separately.
 */
export const MAX_CHUNK_CHARS = 200_000;
/** A cut is looked for in the last three quarters of the window only, so chunks are not tiny. */
const MIN_CHUNK_SHARE = 0.25;

export interface TextRange { start: number; end: number }

const SENTENCE_END = /[.!?…;:]["”’)\]»]*$/u;

/** The end of the chunk starting at `start`: a cut within (start, start + max]. */
function cutAfter(text: string, start: number, max: number): number {
  const limit = start + max;
  if (limit >= text.length) return text.length;
  const floor = start + Math.floor(max * MIN_CHUNK_SHARE);
  const paragraph = text.lastIndexOf('\n\n', limit - 2);
  if (paragraph >= floor) return paragraph + 2;
  const line = text.lastIndexOf('\n', limit - 1);
  if (line >= floor) return line + 1;
  // An over-long line: after the last sentence end, else at the last space.
  let space = -1;
  for (let i = limit - 1; i >= floor; i--) {
    if (text[i] !== ' ') continue;
    if (SENTENCE_END.test(text.slice(Math.max(start, i - 8), i))) return i + 1;
    if (space < 0) space = i;
  }
  if (space >= 0) return space + 1;
  // No break at all: cut at the limit, never inside a surrogate pair or before a combining mark.
  let cut = limit;
  while (cut > start + 1 && (COMBINING.test(text[cut]!) || isHighSurrogate(text.charCodeAt(cut - 1)))) cut--;
  return cut;
}

const COMBINING = /^\p{M}$/u;
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Where the first chunk of `text` ends, for readers of a stream: `undefined` while the text
 * is short enough that more input could still change the cut (at most `max` characters).
 */
export function firstChunkEnd(text: string, max: number = MAX_CHUNK_CHARS): number | undefined {
  if (!(max >= 2)) throw new RangeError(`chunk size must be at least 2, got ${max}`);
  return text.length > max ? cutAfter(text, 0, max) : undefined;
}

/** Consecutive ranges covering `text` (one range for a text of at most `max` characters). */
export function chunkRanges(text: string, max: number = MAX_CHUNK_CHARS): TextRange[] {
  if (!(max >= 2)) throw new RangeError(`chunk size must be at least 2, got ${max}`);
  const ranges: TextRange[] = [];
  let start = 0;
  do {
    const end = cutAfter(text, start, max);
    ranges.push({ start, end });
    start = end;
  } while (start < text.length);
  return ranges;
}
