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
    .flatMap((a) => [[a.replace(/Đ/g, 'D').toUpperCase(), a], [a.replace(/Đ/g, 'P').toUpperCase(), a], [a.toUpperCase(), a]] as [string, string][])
    // Latin OCR reads Đ as P ("HPND", "TPKT"); a P-spelling that is itself an abbreviation (CP) is not remapped.
    .filter(([spelled, a], _i, all) => spelled === a.toUpperCase() || !all.some(([other, b]) => other === spelled && other === b.toUpperCase())),
);

/** Symbol repair: inside a document symbol, D standing for Đ in the usual codes. */
const SYMBOL_CODES: Record<string, string> = { QD: 'QĐ', QB: 'QĐ', ND: 'NĐ', NB: 'NĐ', HDND: 'HĐND', BCD: 'BCĐ', TDKT: 'TĐKT', DU: 'ĐU', 'QD/TW': 'QĐ/TW' };

const RUN = /\S+/gu;
const PIECE = /[\p{L}\p{M}\d&¢€]+/gu;
const ROMAN_MARKER = /^(\s*)([|lI1]{1,4})(\.\s)/u;
const CLEAN_ROMAN = /^\s*(I{1,3}|IV|VI{0,3}|IX|X)\.\s/u;
const ROMAN_VALUES: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10 };

/** Heading text after an outline marker: starts with a capital (or a Latin-OCR Đ: "|", "P", "D"). */
function headingFollows(after: string): boolean {
  return /^\p{Lu}/u.test(after) || /^[|PD]/.test(after);
}

/** Mostly capitals: an outline heading ("MUC PiCH, YEU CAU"), not an item ("Muc dich"). */
function isCapsHeading(after: string): boolean {
  const letters = after.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const caps = [...letters].filter((c) => c !== c.toLowerCase()).length;
  return caps >= 0.8 * letters.length;
}

/**
 * One line's Roman marker, without document context: "|." / "l." / "Il." / "111." before a
 * heading become I. / II. / III. (lengths kept). "1." and "11." are legitimate Arabic
 * numbering and stay; repairRomanMarkers decides those by the sequence of headings.
 */
export function repairRomanMarker(line: string): string {
  const m = ROMAN_MARKER.exec(line);
  if (!m) return line;
  const marker = m[2];
  if (/^1{1,2}$/.test(marker)) return line;
  const after = line.slice(m[0].length);
  if (!headingFollows(after)) return line;
  return m[1] + 'I'.repeat(marker.length) + m[3] + after;
}

/**
 * Roman markers of a whole text, by sequence: a line's garbled marker of n strokes becomes
 * the Roman numeral n when n is the next numeral of the outline. "1." / "11." before an
 * ALL-CAPS heading count as I. / II. only then, and only in a text whose outline uses Roman
 * headings (a clean II.–X. elsewhere): "1. MUC PICH" opens a plan whose next heading is "II.".
 * Lengths are kept, so offsets stay valid.
 */
export function repairRomanMarkers(lines: readonly string[]): string[] {
  const usesRoman = lines.some((l) => { const m = CLEAN_ROMAN.exec(l); return m !== null && m[1] !== 'I'; });
  let last = 0;
  return lines.map((line) => {
    const clean = CLEAN_ROMAN.exec(line);
    if (clean && headingFollows(line.slice(clean[0].length))) {
      last = ROMAN_VALUES[clean[1]];
      return line;
    }
    const m = ROMAN_MARKER.exec(line);
    if (!m) return line;
    const strokes = m[2].length;
    const after = line.slice(m[0].length);
    if (/^1{1,2}$/.test(m[2])) {
      if (!usesRoman || strokes !== last + 1 || !isCapsHeading(after)) return line;
    } else if (!headingFollows(after)) return line;
    if (strokes === last + 1 || strokes > last) last = strokes;
    return m[1] + 'I'.repeat(strokes) + m[3] + after;
  });
}

const LIST_LETTER = /^(\s*)([a-zđ])\)\s/u;

/**
 * List letters by sequence: Vietnamese lists run a) b) c) d) đ) e), and stripped or Latin-OCR
 * text writes đ) as "d)". A "d)" whose previous list letter is d (or c, d and a gap) is "đ)".
 * One character for one, so offsets stay valid.
 */
export function repairListLetters(lines: readonly string[]): string[] {
  let previous = '';
  return lines.map((line) => {
    const m = LIST_LETTER.exec(line);
    if (!m) return line;
    const letter = m[2];
    if (letter === 'd' && previous === 'd') {
      previous = 'đ';
      return m[1] + 'đ' + line.slice(m[1].length + 1);
    }
    previous = letter;
    return line;
  });
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
