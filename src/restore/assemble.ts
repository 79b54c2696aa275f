/**
 * Rebuilds the restored text from the decoder's choices: output token i ↔ input piece i,
 * separators copied verbatim from the (marker-repaired) text, an offset map entry for every
 * separator and token, the case pattern of each input token carried over.
 */
import type { OffsetMap, RestoredToken } from '../document.js';
import type { ChannelMode } from './channel.js';
import type { Decision, Slot } from './decoder.js';
import { toToneStyle } from '../lang/syllable.js';
import { applyCase, type CaseShape } from './text.js';
import type { TokenInfo } from './slots.js';
import { tokenClass, type ConfidenceMapper } from './calibration.js';
import type { Piece } from './tokenize.js';

export interface RestoreStats {
  applied: boolean;
  channelMode: ChannelMode | 'none';
  accentedRatioBefore: number;
  /**
   * Share of words the garble channel reads. In stripped and clean text a lower bound: words
   * that need a fuzzy search to tell (foreign words, codes) are searched only while the "is
   * this Vietnamese" decision is open (garbled text's candidate lists answer for all of them).
   */
  knownRatio: number;
  changedTokens: number;
  totalTokens: number;
  meanConfidence: number;
}

export interface RestoreResult { text: string; tokens: RestoredToken[]; stats: RestoreStats; offsetMap: OffsetMap }

/**
 * The restore result of the decisions over `pieces` of `text`; `infos[i]` are the facts of
 * pieces[i].input (lowercase form, case pattern).
 */
export function assemble(
  text: string, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: readonly Slot[], decisions: readonly Decision[], style: 'old' | 'new',
  info: {
    accentedRatioBefore: number; knownRatio: number; mode: ChannelMode;
    /** Reported confidence from the decoder's (src/restore/calibration.ts); absent: the decoder's as is. */
    calibrate?: ConfidenceMapper;
  },
): RestoreResult {
  const calibrate = info.calibrate;
  let out = '';
  let cursor = 0;
  // At most a separator before each token and one after the last; sized once (growing a long array by push costs more).
  const offsetMap: OffsetMap = new Array(2 * pieces.length + 1);
  let segments = 0;
  const tokens: RestoredToken[] = new Array(pieces.length);
  let changed = 0;
  let confidenceSum = 0;
  /** The previous output token (isGluingApostrophe). */
  let previous = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const input = piece.input;
    if (piece.start > cursor) {
      // Roman-marker repair keeps lengths, so separators are copied from the repaired text.
      offsetMap[segments++] = { outStart: out.length, outEnd: out.length + piece.start - cursor, inStart: cursor, inEnd: piece.start };
      out += piece.start - cursor === 1 ? (isGluingApostrophe(text[cursor], piece, previous, info.mode) ? ' ' : text[cursor]) : text.slice(cursor, piece.start);
    }
    const decision = decisions[i];
    const chosen = slots[i].candidates[decision.index].word;
    const shape = infos[i].caseShape;
    let output: string;
    if (piece.kind === 'fixed') output = piece.fixed;
    // A number stays as written unless a word was chosen for it (the clean pass keeps index 0 for either).
    else if (piece.kind === 'number' && /^\d/.test(chosen)) output = input;
    else if (chosen === infos[i].lower) output = input;
    else output = applyCase(shape, styled(chosen, style));
    const start = out.length;
    offsetMap[segments++] = { outStart: start, outEnd: start + output.length, inStart: piece.start, inEnd: piece.start + input.length };
    out += output;
    cursor = piece.start + input.length;
    previous = output;
    if (output !== input) changed++;
    const confidence = calibrate ? calibrate(tokenClass(slots[i].candidates.length, slots[i].ids[0], shape, piece.sentenceStart), decision.confidence) : decision.confidence;
    confidenceSum += confidence;
    const token: RestoredToken = { input, output, start, end: start + output.length, confidence: round(confidence) };
    if (decision.alternatives.length) token.alternatives = alternativesOf(decision, shape, style);
    tokens[i] = token;
  }
  if (text.length > cursor) {
    offsetMap[segments++] = { outStart: out.length, outEnd: out.length + text.length - cursor, inStart: cursor, inEnd: text.length };
    out += text.slice(cursor);
  }
  offsetMap.length = segments;
  return {
    text: out,
    tokens,
    stats: {
      applied: true, channelMode: info.mode, accentedRatioBefore: round(info.accentedRatioBefore), knownRatio: round(info.knownRatio),
      changedTokens: changed, totalTokens: pieces.length, meanConfidence: round(pieces.length ? confidenceSum / pieces.length : 1),
    },
    offsetMap,
  };
}

/** A token ending with a horned vowel (ư, ơ, any tone, either case). */
const HORNED_END = /[ưừứửữựơờớởỡợ]$/iu;

/**
 * English-model OCR reads the horn of a final Ư/Ơ as an apostrophe and loses the space after
 * it ("THONG TU'SO" = THÔNG TƯ SỐ, "S&'NOi" = Sở Nội): an apostrophe alone between a token
 * restored with a final ư/ơ and a word is that space, in garbled text and in text taken for
 * stripped (an English-model OCR page in capitals may show no garble sign). Apostrophes of
 * names ("H'Mông", "Cư M'gar") follow a consonant and stay; text that kept its marks keeps them.
 */
function isGluingApostrophe(separator: string, next: Piece, previous: string, mode: ChannelMode): boolean {
  return (separator === "'" || separator === '’') && next.kind === 'word' && mode !== 'clean' && HORNED_END.test(previous);
}

/**
 * A decision's alternatives as output. (Not a closure in assemble's loop: capturing a
 * loop-body variable would allocate a context for every token.)
 */
function alternativesOf(decision: Decision, shape: CaseShape, style: 'old' | 'new'): { output: string; score: number }[] {
  return decision.alternatives.map((a) => ({ output: applyCase(shape, styled(a.word, style)), score: round(a.score) }));
}

const styleMemo = { old: new Map<string, string>(), new: new Map<string, string>() };

/** toToneStyle, memoised per word (outputs repeat). */
function styled(word: string, style: 'old' | 'new'): string {
  const memo = styleMemo[style];
  let out = memo.get(word);
  if (out === undefined) {
    out = toToneStyle(word, style);
    if (memo.size < 100_000) memo.set(word, out);
  }
  return out;
}

export function round(x: number): number { return Math.round(x * 1000) / 1000; }
