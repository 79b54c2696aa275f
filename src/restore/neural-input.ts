/**
 * What the neural mark model reads and predicts, shared by the runtime scorer (neural.ts) and
 * the build script that makes its training data (tools/build/neural.ts), so both encode text
 * the same way.
 *
 * Input, per piece of the restorer's tokenizer: the piece's skeleton (lowercase, marks and đ
 * removed: its id in the model's vocabulary, or <unk>; numbers and kept pieces by kind) and
 * its shape (case × what precedes it: nothing, sentence punctuation, a line break).
 * Output, per piece: log-probabilities over mark classes. A mark class is what the marks add
 * to a skeleton, independent of the letters: the hatted/horned/breved vowels and đ in order,
 * and the tone ("người" → "ươ" + huyền = "ươ1"; "cấp" → "â2"; "đến" → "đê2"; "ban" → "0").
 * For a candidate of a stripped slot (same skeleton as the token) the class picks the word.
 */
import { foldKey } from '../lang/fold.js';
import { caseShape, CASE_ALL_CAPS, CASE_TITLE, type CaseShape } from './text.js';
import type { Piece } from './tokenize.js';

/** Reserved vocabulary ids: padding, unknown skeleton, a number piece, a kept piece (symbol, abbreviation). */
export const PAD_ID = 0;
export const UNK_ID = 1;
export const NUMBER_ID = 2;
export const FIXED_ID = 3;
export const FIRST_SKELETON_ID = 4;

/** Shapes: case (0 lower, 1 capitalised, 2 all capitals) + 3 × boundary (0 none, 1 after sentence punctuation, 2 first on its line). */
export const SHAPES = 9;

/** Class 0 gathers mark classes too rare to have their own (and any the model never saw). */
export const RARE_CLASS = 0;

/** Tone marks (NFD combining code points) → tone number; 0 is ngang (no tone mark). */
const TONES = new Map<string, number>([['\u0300', 1], ['\u0301', 2], ['\u0303', 3], ['\u0309', 4], ['\u0323', 5]]);
/** Hat, breve and horn. */
const MODIFIERS = new Set(['\u0302', '\u0306', '\u031b']);

/** The mark class of a word: its modified letters in order (đ, â, ơ …) and its tone digit ("người" → "ươ1"). */
export function markClassKey(word: string): string {
  const d = word.toLowerCase().normalize('NFD');
  let modified = '';
  let tone = 0;
  let base = '';
  for (const c of d) {
    if (c === 'đ') { modified += c; base = c; continue; }
    const t = TONES.get(c);
    if (t !== undefined) { tone = t; continue; }
    if (MODIFIERS.has(c)) { modified += (base + c).normalize('NFC'); continue; }
    if (c >= '\u0300' && c <= '\u036f') continue;
    base = c;
  }
  return modified + tone;
}

/** Shape id of piece i (see SHAPES). */
export function shapeOf(pieces: readonly Piece[], i: number, shape: CaseShape = caseShape(pieces[i].input)): number {
  const piece = pieces[i];
  const letterCase = shape === CASE_ALL_CAPS ? 2 : shape === CASE_TITLE ? 1 : 0;
  const boundary = i === 0 || pieces[i - 1].line !== piece.line ? 2 : piece.sentenceStart ? 1 : 0;
  return letterCase + 3 * boundary;
}

/** Skeleton → vocabulary id, with the reserved ids for other pieces. */
export class NeuralVocabulary {
  private readonly ids = new Map<string, number>();

  constructor(readonly skeletons: readonly string[]) {
    skeletons.forEach((s, i) => this.ids.set(s, FIRST_SKELETON_ID + i));
  }

  get size(): number {
    return FIRST_SKELETON_ID + this.skeletons.length;
  }

  /** Vocabulary id of piece `piece`. */
  idOf(piece: Piece): number {
    if (piece.kind === 'number') return NUMBER_ID;
    if (piece.kind === 'fixed') return FIXED_ID;
    return this.idOfSkeleton(foldKey(piece.input));
  }

  /** Vocabulary id of a word's skeleton (foldKey), UNK_ID when the model does not know it. */
  idOfSkeleton(skeleton: string): number {
    return this.ids.get(skeleton) ?? UNK_ID;
  }

  /** Ids and shapes of all pieces, as the model's two inputs; `caseShapes` gives a piece's case when the caller knows it. */
  encode(pieces: readonly Piece[], caseShapes?: (i: number) => CaseShape): { ids: Int32Array; shapes: Int32Array } {
    const ids = new Int32Array(pieces.length);
    const shapes = new Int32Array(pieces.length);
    for (let i = 0; i < pieces.length; i++) {
      ids[i] = this.idOf(pieces[i]);
      shapes[i] = shapeOf(pieces, i, caseShapes?.(i));
    }
    return { ids, shapes };
  }
}

/** Bound of the per-word class cache (a long-running process sees an open-ended set of words). */
const WORD_CACHE_LIMIT = 200_000;

/** Mark class key → output index (RARE_CLASS for keys without one). */
export class MarkClasses {
  private readonly index = new Map<string, number>();
  private readonly byWord = new Map<string, number>();

  /** `keys[0]` is the rare class's placeholder. */
  constructor(readonly keys: readonly string[]) {
    keys.forEach((k, i) => { if (i !== RARE_CLASS) this.index.set(k, i); });
  }

  get size(): number {
    return this.keys.length;
  }

  /** Output index of a mark class key (markClassKey). */
  indexOf(key: string): number {
    return this.index.get(key) ?? RARE_CLASS;
  }

  /** Output index of a word's mark class (cached per word: candidates repeat). */
  classOf(word: string): number {
    let c = this.byWord.get(word);
    if (c === undefined) {
      c = this.indexOf(markClassKey(word));
      if (this.byWord.size < WORD_CACHE_LIMIT) this.byWord.set(word, c);
    }
    return c;
  }
}
