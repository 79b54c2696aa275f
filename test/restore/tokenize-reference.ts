/**
 * Test oracle: the tokenizer as it was before run shapes were memoised and runs were found by
 * a char-code scan (one regex pass per run and per piece). tokenize.test.ts checks that the
 * fast tokenizer gives exactly these pieces.
 */
import { repairSymbol, type Piece, type PieceKind } from '../../src/restore/tokenize.js';

const ABBREVIATIONS = new Map<string, string>(
  ['UBND', 'HĐND', 'MTTQ', 'CCHC', 'TTHC', 'BCĐ', 'BCH', 'BTV', 'TĐKT', 'CSTĐ', 'LĐTT', 'KH', 'QĐ', 'NĐ', 'NQ', 'CP', 'TTg', 'CT',
    'BC', 'HD', 'TB', 'CV', 'TTr', 'VP', 'TU', 'HU', 'ĐU', 'BTC', 'BNV', 'TW', 'TƯ', 'VPCP', 'THCS', 'THPT', 'CNTT', 'CBCCVC', 'CBCC', 'KT-XH', 'VN']
    .flatMap((a) => [[a.replace(/Đ/g, 'D').toUpperCase(), a], [a.replace(/Đ/g, 'P').toUpperCase(), a], [a.toUpperCase(), a]] as [string, string][])
    // Latin OCR reads Đ as P ("HPND", "TPKT"); a P-spelling that is itself an abbreviation (CP) is not remapped.
    .filter(([spelled, a], _i, all) => spelled === a.toUpperCase() || !all.some(([other, b]) => other === spelled && other === b.toUpperCase())),
);

const RUN = /\S+/gu;
const PIECE = /[\p{L}\p{M}\d&¢€]+/gu;

function isSymbolRun(run: string): boolean {
  return /[\p{Lu}\d][/\-][\p{Lu}]/u.test(run) && /\p{Lu}{2}/u.test(run);
}

export function referenceTokenize(text: string): Piece[] {
  const pieces: Piece[] = [];
  let lineStart = 0;
  let lineIndex = 0;
  let pendingBreak = true;
  for (const rawLine of text.split('\n')) {
    if (rawLine.trim() === '') pendingBreak = true;
    for (const run of rawLine.matchAll(RUN)) {
      const runText = run[0];
      const runStart = lineStart + run.index;
      if (/^(https?:\/\/|www\.)|@\S+\.\w/iu.test(runText)) {
        pieces.push({ kind: 'fixed', input: runText, fixed: runText, start: runStart, line: lineIndex, sentenceStart: pendingBreak, mayBeWord: false });
        pendingBreak = false;
        continue;
      }
      if (isSymbolRun(runText) || /^\d+[Y\\|][A-ZĐ]{2,}[-/]/u.test(runText)) {
        const repaired = repairSymbol(runText);
        pieces.push({ kind: 'fixed', input: runText, fixed: repaired, start: runStart, line: lineIndex, sentenceStart: pendingBreak, mayBeWord: false });
        pendingBreak = /[.;:!?]$/.test(runText);
        continue;
      }
      let last = 0;
      // The first run of a line that reads "I." / "V." / "X." is an outline marker, not a word.
      const listMarker = runStart === lineStart + (rawLine.length - rawLine.trimStart().length) && /^\p{L}\)$/u.test(runText);
      const outlineMarker = runStart === lineStart + (rawLine.length - rawLine.trimStart().length) && /^[IVX]{1,4}\.$/.test(runText);
      for (const p of runText.matchAll(PIECE)) {
        const between = runText.slice(last, p.index);
        if (/[.;:!?]/.test(between) && !/^\d/.test(p[0])) pendingBreak = true;
        const piece = p[0];
        const bare = piece === runText;
        let kind: PieceKind = 'word';
        let fixed = piece;
        if (/^\d+$/.test(piece)) kind = 'number';
        // Lowercase letters with digits, short ("16p" = lớp, "10ng" = lòng, "x3" = xã): a garbled word, decided by the channel.
        else if (/^(?=.*\d)(?=.*\p{Ll})[\p{Ll}\d&¢€]{2,4}$/u.test(piece)) kind = 'word';
        else if (/\d{2}/.test(piece)) kind = 'fixed'; // "K12", "2021a": codes, not garbled syllables
        // A list marker opening a line ("a)", "b)", "đ)"): a letter, not a word to restore.
        else if (listMarker && p.index === 0) kind = 'fixed';
        else if (/^(?=[IVX]{2,})X{0,3}(IX|IV|V?I{0,3})$/.test(piece)) kind = 'fixed'; // Roman numerals II, IV, XII
        else if (outlineMarker && /^(?:X{0,3}(IX|IV|V?I{0,3}))$/.test(piece)) kind = 'fixed'; // "I." / "V." opening a heading
        else if (ABBREVIATIONS.has(piece) && piece.length >= 2) { kind = 'fixed'; fixed = ABBREVIATIONS.get(piece)!; }
        // Capitals without a vowel ("TT", "TM", "KT") cannot be syllables: signing abbreviations, codes.
        else if (/^[BCDĐFGHJKLMNPQRSTVWXZ]{2,}$/u.test(piece)) kind = 'fixed';
        pieces.push({
          kind, input: piece, fixed, start: runStart + p.index, line: lineIndex, sentenceStart: pendingBreak,
          mayBeWord: kind === 'number' && bare && piece.length <= 3,
        });
        pendingBreak = false;
        last = p.index + piece.length;
      }
      if (/[.;:!?]["”)]?$/.test(runText.slice(last))) pendingBreak = true;
    }
    lineStart += rawLine.length + 1;
    lineIndex++;
  }
  return pieces;
}
