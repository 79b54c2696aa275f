/**
 * Splits text into word pieces the decoder may change and everything else, which it keeps:
 * numbers in dates/number patterns, document symbols (with their Đ repaired: QD-UBND →
 * QĐ-UBND), URLs and e-mail addresses, known abbreviations. Also repairs the Roman numerals
 * of leading outline markers that Latin OCR breaks ("|." → "I.", "111." → "III.").
 */
export type PieceKind = 'word' | 'number' | 'fixed';
export interface Piece {
  kind: PieceKind;
  /** Text as it appears in the input. */
  input: string;
  /** Replacement for fixed pieces (symbol repair, abbreviation); else equal to input. */
  fixed: string;
  /** Offset of the piece within the whole input text. */
  start: number;
  /** 0-based line index. */
  line: number;
  /** True when sentence punctuation or a blank line precedes the piece (LM context resets). */
  sentenceStart: boolean;
  /** A bare short number that may be a misread syllable ("12" = là). */
  mayBeWord: boolean;
}

const ABBREVIATIONS = new Map<string, string>(
  ['UBND', 'HĐND', 'MTTQ', 'CCHC', 'TTHC', 'BCĐ', 'BCH', 'BTV', 'TĐKT', 'CSTĐ', 'LĐTT', 'KH', 'QĐ', 'NĐ', 'NQ', 'CP', 'TTg', 'CT',
    'BC', 'HD', 'TB', 'CV', 'TTr', 'VP', 'TU', 'HU', 'ĐU', 'BTC', 'BNV', 'TW', 'TƯ', 'VPCP', 'THCS', 'THPT', 'CNTT', 'CBCCVC', 'CBCC', 'KT-XH', 'VN']
    .flatMap((a) => [[a.replace(/Đ/g, 'D').toUpperCase(), a], [a.toUpperCase(), a]] as [string, string][]),
);

/** Symbol repair: inside a document symbol, D standing for Đ in the usual codes. */
const SYMBOL_CODES: Record<string, string> = { QD: 'QĐ', QB: 'QĐ', ND: 'NĐ', NB: 'NĐ', HDND: 'HĐND', BCD: 'BCĐ', TDKT: 'TĐKT', DU: 'ĐU', 'QD/TW': 'QĐ/TW' };

const RUN = /\S+/gu;
const PIECE = /[\p{L}\p{M}\d&¢€]+/gu;
const ROMAN_MARKER = /^(\s*)([|lI1]{1,4})(\.\s)/u;

export function repairRomanMarker(line: string): string {
  const m = ROMAN_MARKER.exec(line);
  if (!m) return line;
  const marker = m[2];
  // "1." / "11." are legitimate Arabic numbering; "|", "l", "Il", "111" are not.
  if (/^1{1,2}$/.test(marker)) return line;
  const after = line.slice(m[0].length);
  if (!/^\p{Lu}/u.test(after) && !/^[|PD]/.test(after)) return line;
  return m[1] + 'I'.repeat(marker.length) + m[3] + after;
}

/** "349YKH-UBND" → "349/KH-UBND"; "QD-UBND" → "QĐ-UBND"; numbers untouched. */
export function repairSymbol(run: string): string {
  let out = run.replace(/^(\d+)[Y\\|](?=[A-ZĐ]{2,}[-/])/u, '$1/');
  out = out.replace(/(^|[/\-])([A-Z]{2,4}(?:\/TW)?)(?=$|[/\-])/gu, (all, sep: string, code: string) => sep + (SYMBOL_CODES[code] ?? code));
  return out;
}

function isSymbolRun(run: string): boolean {
  return /[\p{Lu}\d][/\-][\p{Lu}]/u.test(run) && /\p{Lu}{2}/u.test(run);
}

export function tokenize(text: string): Piece[] {
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
      for (const p of runText.matchAll(PIECE)) {
        const between = runText.slice(last, p.index);
        if (/[.;:!?]/.test(between) && !/^\d/.test(p[0])) pendingBreak = true;
        const piece = p[0];
        const bare = piece === runText;
        let kind: PieceKind = 'word';
        let fixed = piece;
        if (/^\d+$/.test(piece)) kind = 'number';
        else if (/\d{2}/.test(piece)) kind = 'fixed'; // "K12", "2021a": codes, not garbled syllables
        else if (/^(?=[IVX]{2,})X{0,3}(IX|IV|V?I{0,3})$/.test(piece)) kind = 'fixed'; // Roman numerals II, IV, XII
        else if (ABBREVIATIONS.has(piece) && piece.length >= 2) { kind = 'fixed'; fixed = ABBREVIATIONS.get(piece)!; }
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
