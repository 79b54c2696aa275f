/**
 * ALL CAPS headings flattened into one line with the text after them (a table row, a signature
 * block: "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI CHỦ TỊCH Nơi nhận: …"), fixed in the pieces before
 * decoding. Merger resolutions of the dev-docs: 26 errors ("Nội nhãn") and 13 ("ĐƠN VI") before.
 */
import { foldKey } from '../lang/fold.js';
import type { TokenInfo } from './slots.js';
import { CASE_ALL_CAPS, CASE_TITLE } from './text.js';
import type { Piece } from './tokenize.js';

/**
 * A title-case word right after two ALL CAPS words on its line starts a new context: a flattened
 * table row or signature block ("… QUỐC HỘI CHỦ TỊCH Nơi nhận:", "VIỆT NAM Độc lập - …"), where
 * the LM read the heading's last words as the left context ("chủ tịch nội").
 */
export function markHeadingEnds(pieces: Piece[], infos: readonly TokenInfo[]): void {
  for (let i = 2; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind !== 'word' || piece.sentenceStart || infos[i].caseShape !== CASE_TITLE) continue;
    const a = pieces[i - 2];
    const b = pieces[i - 1];
    if (a.kind === 'word' && b.kind === 'word' && a.line === piece.line && b.line === piece.line && infos[i - 2].caseShape === CASE_ALL_CAPS && infos[i - 1].caseShape === CASE_ALL_CAPS) piece.sentenceStart = true;
  }
}

/** Words that number an outline part with a Roman numeral ("CHƯƠNG VI", "PHẦN XI"), by skeleton. */
const OUTLINE_WORDS = new Set(['chuong', 'phan', 'muc', 'tiet', 'dieu', 'khoan', 'luc', 'so', 'khoa', 'quyen', 'tap']);

/**
 * "VI" and "XI" between two ALL CAPS words of a heading are syllables ("ĐƠN VỊ HÀNH CHÍNH"), not
 * Roman numerals (the tokenizer fixes every II, VI, XII), unless an outline word numbers with
 * them ("CHƯƠNG VI QUY ĐỊNH CHUNG").
 */
export function romanSyllablesInCaps(pieces: Piece[], infos: TokenInfo[]): void {
  for (let i = 1; i + 1 < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind !== 'fixed' || (piece.input !== 'VI' && piece.input !== 'XI')) continue;
    const a = pieces[i - 1];
    const b = pieces[i + 1];
    if (a.kind !== 'word' || b.kind !== 'word' || a.line !== piece.line || b.line !== piece.line || piece.sentenceStart || b.sentenceStart) continue;
    if (infos[i - 1].caseShape !== CASE_ALL_CAPS || infos[i + 1].caseShape !== CASE_ALL_CAPS || OUTLINE_WORDS.has(foldKey(a.input))) continue;
    pieces[i] = { ...piece, kind: 'word' };
  }
}
