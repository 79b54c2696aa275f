/**
 * Body head nouns before an abbreviation ("Ban TĐKT", "Sở GD&ĐT", "Hội LHPN"): the LM barely
 * knows the abbreviations, so on its own it weighs the head word by its neighbour on the other
 * side and may write "Bản TĐKT", "Số GDĐT". A title-case word just before an ALL-CAPS token
 * that no syllable spells (an abbreviation, however the OCR garbled it) gets a bonus
 * for the candidates that spell a body head noun (src/data/abbreviations.ts), in every channel
 * mode (unlike the administrative-term bonus, which only pays on stripped text).
 */
import { BODY_HEADS_BEFORE_ABBREVIATION } from '../data/abbreviations.js';
import { changeCost, ownSlot, type TokenInfo, type TokenSlot } from './slots.js';
import { CASE_TITLE } from './text.js';
import type { Piece } from './tokenize.js';

/** Lowercase last syllable of each head noun ("văn phòng" → "phòng") with the syllable before it, if any. */
const HEADS: ReadonlyMap<string, readonly (string | null)[]> = (() => {
  const heads = new Map<string, (string | null)[]>();
  for (const head of BODY_HEADS_BEFORE_ABBREVIATION) {
    const syllables = head.toLowerCase().split(' ');
    const last = syllables[syllables.length - 1];
    const list = heads.get(last) ?? [];
    list.push(syllables.length > 1 ? syllables[syllables.length - 2] : null);
    heads.set(last, list);
  }
  return heads;
})();

/** Capitals with & or - ("TĐKT", "GD&ĐT", "VH-TT"): an abbreviation's letters. */
const CAPITALS = /^\p{Lu}[\p{Lu}&-]{1,11}$/u;
/** A vowel letter, any marks: every Vietnamese syllable has one, "TPKT" or "LHPN" none. */
const VOWEL = /[aeiouyăâêôơư]/iu;

/**
 * The piece after a head noun is an abbreviation: one the tokenizer keeps as written (a known
 * abbreviation, "TPKT" already read as TĐKT), or capitals with no vowel, which no syllable
 * spells however the OCR garbled it ("LHPN", "GDPT"). "HỘI", "HOI" are words.
 */
export function isAbbreviationPiece(piece: Piece): boolean {
  if (piece.kind === 'fixed') return CAPITALS.test(piece.fixed);
  if (piece.kind !== 'word' || !CAPITALS.test(piece.input)) return false;
  return !VOWEL.test(piece.input.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}

/** Whether slot `i` is a body head noun's place: a Title-case word, then on its line an abbreviation. */
function headPlace(pieces: readonly Piece[], infos: readonly TokenInfo[], i: number): boolean {
  const a = pieces[i];
  const b = pieces[i + 1];
  if (!b || a.kind !== 'word' || a.line !== b.line) return false;
  return infos[i].caseShape === CASE_TITLE && isAbbreviationPiece(b);
}

/**
 * Lowers by `bonus` the cost of the candidates of each head-noun place that spell a head noun
 * (a two-word head only when the word before can be its first syllable). With `at`, only that
 * slot (a rebuilt slot of the re-ranker).
 */
export function boostHeadsBeforeAbbreviations(pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], bonus: number, at?: number): void {
  const from = at ?? 0;
  const to = at === undefined ? pieces.length - 1 : at + 1;
  for (let i = from; i < to; i++) {
    if (slots[i].candidates.length < 2 || !headPlace(pieces, infos, i)) continue;
    const before = i > 0 && pieces[i - 1].kind === 'word' && pieces[i - 1].line === pieces[i].line ? slots[i - 1].candidates : [];
    let slot: TokenSlot | undefined;
    slots[i].candidates.forEach((candidate, j) => {
      const firsts = HEADS.get(candidate.word.toLowerCase());
      if (!firsts) return;
      if (!firsts.some((first) => first === null || before.some((c) => c.word.toLowerCase() === first))) return;
      slot ??= ownSlot(slots, i);
      changeCost(slot, j, slot.candidates[j].cost - bonus);
    });
  }
}
