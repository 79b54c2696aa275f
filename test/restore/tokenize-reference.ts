/**
 * Test oracle: the tokenizer's control flow as it was before run shapes were memoised and
 * runs were found by a char-code scan — lines by split, runs by /\S+/gu, the sentence break
 * carried piece by piece. The per-run rules (addresses, symbols, piece kinds) are the
 * tokenizer's own exported ones: what tokenize.test.ts checks is that the scan, the memo
 * and the break bookkeeping give exactly these pieces.
 */
import { classifyPiece, isAddressRun, isSymbolLikeRun, numberMayBeWord, repairSymbol, splitGlued, type Piece } from '../../src/restore/tokenize.js';

const RUN = /\S+/gu;
const PIECE = /(?:[\p{L}\p{M}\d&¢€]|(?<=\p{L})@(?=\p{L}))+/gu;

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
      if (isAddressRun(runText)) {
        pieces.push({ kind: 'fixed', input: runText, fixed: runText, start: runStart, line: lineIndex, sentenceStart: pendingBreak, mayBeWord: false });
        pendingBreak = false;
        continue;
      }
      if (isSymbolLikeRun(runText)) {
        pieces.push({ kind: 'fixed', input: runText, fixed: repairSymbol(runText), start: runStart, line: lineIndex, sentenceStart: pendingBreak, mayBeWord: false });
        pendingBreak = /[.;:!?]$/.test(runText);
        continue;
      }
      let last = 0;
      const opensLine = runStart === lineStart + (rawLine.length - rawLine.trimStart().length);
      for (const p of splitGlued([...runText.matchAll(PIECE)].map((m) => ({ text: m[0], start: m.index })))) {
        const between = runText.slice(last, p.start);
        if (/[.;:!?]/.test(between) && !/^\d/.test(p.text)) pendingBreak = true;
        const piece = p.text;
        const { kind, fixed } = classifyPiece(piece, p.start, runText, opensLine);
        pieces.push({
          kind, input: piece, fixed, start: runStart + p.start, line: lineIndex, sentenceStart: pendingBreak,
          mayBeWord: kind === 'number' && numberMayBeWord(piece, runText, opensLine),
        });
        pendingBreak = false;
        last = p.start + piece.length;
      }
      if (/[.;:!?]["”)]?$/.test(runText.slice(last))) pendingBreak = true;
    }
    lineStart += rawLine.length + 1;
    lineIndex++;
  }
  return pieces;
}
