/**
 * Splits text into word pieces the decoder may change and everything else, which it keeps:
 * numbers in dates/number patterns, document symbols (with their Đ repaired: QD-UBND →
 * QĐ-UBND), URLs and e-mail addresses, known abbreviations. Also repairs the Roman numerals
 * of leading outline markers that Latin OCR breaks ("|." → "I.", "111." → "III.").
 */
import { isWhitespaceCode, tokenize as tokenizeText } from '../lang/tokenize.js';

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
    .flatMap((a) => [[a.replace(/Đ/g, 'D').toUpperCase(), a], [a.replace(/Đ/g, 'P').toUpperCase(), a], [a.toUpperCase(), a], [a, a]] as [string, string][])
    // Latin OCR reads Đ as P ("HPND", "TPKT"); a P-spelling that is itself an abbreviation (CP) is not remapped.
    .filter(([spelled, a], _i, all) => spelled === a.toUpperCase() || !all.some(([other, b]) => other === spelled && other === b.toUpperCase())),
);

/** True when the piece is kept as a known administrative abbreviation (UBND, TU, HĐND, …). */
export function isAbbreviation(piece: string): boolean {
  return ABBREVIATIONS.has(piece);
}

/**
 * Among words written in capitals, an abbreviation that also spells a syllable ("TU" is
 * Tỉnh ủy, and "TỪ" stripped; "HU", "ĐU", "TƯ") is a word: ALL-CAPS headings spell their words
 * out, and stripping or English-model OCR leaves "TỪ NGÀY" as "TU NGAY". Beside lowercase words
 * ("Kế hoạch của TU về việc") or other abbreviations ("TT ĐU - HĐND") the capitals set it apart,
 * so it stays an abbreviation. A neighbour is the piece just before or after on the same line.
 * `spellsSyllable` says whether the LM knows a syllable with those letters. Changes the pieces
 * in place (kind and fixed).
 */
export function wordsAmongCapitals(pieces: Piece[], spellsSyllable: (lower: string) => boolean): void {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.kind !== 'fixed' || !isAbbreviation(p.input) || !/\p{L}{2}/u.test(p.input)) continue;
    let capitals = 0;
    let lowercase = 0;
    for (const j of [i - 1, i + 1]) {
      const q = pieces[j];
      if (q === undefined || q.line !== p.line || q.kind !== 'word') continue;
      // English-model OCR writes some capitals in lowercase ("TiCH"): a word of mostly capitals counts as one.
      if (mostlyLowercase(q.input)) lowercase++;
      else capitals++;
    }
    if (capitals > 0 && lowercase === 0 && spellsSyllable(p.input.toLowerCase())) {
      p.kind = 'word';
      p.fixed = p.input;
    }
  }
}

/** More lowercase letters than capitals ("Ke", "hoach"; not "TiCH"). */
function mostlyLowercase(word: string): boolean {
  const lower = word.replace(/[^\p{Ll}]/gu, '').length;
  return lower > 0 && lower >= word.replace(/[^\p{Lu}]/gu, '').length;
}

/**
 * Symbol repair: the usual codes with Đ as stripping and OCR spell it — D (marks lost), and the
 * English model's readings of a capital Đ in the channel tables: P (52 %), DP, B, BP ("NP-CP").
 */
const CODES_WITH_D = ['QĐ', 'NĐ', 'HĐND', 'BCĐ', 'TĐKT', 'ĐU', 'QĐ/TW'];
const CAPITAL_D_READINGS = ['D', 'P', 'DP', 'B', 'BP'];
const SYMBOL_CODES: Record<string, string> = Object.fromEntries(
  CODES_WITH_D.flatMap((code) => CAPITAL_D_READINGS.map((reading) => [code.replace('Đ', reading), code])),
);

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
 * lines.map(f), built by push. map()'s result is a "holey" array from V8's optimised code but
 * not from its builtin, and the restorer's optimised code was thrown away each time the kind of
 * the lines it reads changed; a pushed array is packed in every tier.
 */
function mapLines(lines: readonly string[], f: (line: string) => string): string[] {
  const out: string[] = [];
  for (const line of lines) out.push(f(line));
  return out;
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
  return mapLines(lines, (line) => {
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

/**
 * Eth (Ð U+00D0, ð U+00F0), which Vietnamese does not have, for Đ/đ: tesseract's Vietnamese
 * model writes "Ð)" for the list letter Đ), legacy fonts map đ there. One code unit for one.
 */
export function repairEth(lines: readonly string[]): string[] {
  return mapLines(lines, (line) => (/[Ðð]/u.test(line) ? line.replace(/Ð/gu, 'Đ').replace(/ð/gu, 'đ') : line));
}

const LIST_LETTER = /^(\s*)([a-zđA-ZĐ])\)\s/u;

/**
 * List letters by sequence: Vietnamese lists run a) b) c) d) đ) e), and stripped or Latin-OCR
 * text writes đ) as "d)" — in capitals "D)", or "P)" (the English model's capital Đ). A "d)"
 * or "p)" (either case) whose previous list letter is d is "đ)" in the same case.
 * One character for one, so offsets stay valid.
 */
export function repairListLetters(lines: readonly string[]): string[] {
  let previous = '';
  return mapLines(lines, (line) => {
    const m = LIST_LETTER.exec(line);
    if (!m) return line;
    const letter = m[2].toLowerCase();
    if ((letter === 'd' || letter === 'p') && previous === 'd') {
      previous = 'đ';
      return m[1] + (m[2] === letter ? 'đ' : 'Đ') + line.slice(m[1].length + 1);
    }
    previous = letter;
    return line;
  });
}

/** "349YKH-UBND" → "349/KH-UBND"; "QD-UBND" → "QĐ-UBND"; numbers untouched. */
export function repairSymbol(run: string): string {
  let out = run.replace(/^(\d+)[Y\\|](?=[A-ZĐ]{2,}[-/])/u, '$1/');
  out = out.replace(/(^|[/\-])([A-Z]{2,5}(?:\/TW)?)(?=$|[/\-])/gu, (all, sep: string, code: string) => sep + (SYMBOL_CODES[code] ?? code));
  return out;
}

function isSymbolRun(run: string): boolean {
  return /[\p{Lu}\d][/\-][\p{Lu}]/u.test(run) && /\p{Lu}{2}/u.test(run);
}

/** What a whitespace run does to the pending sentence break after it. */
const KEEP_BREAK = 0;
const CLEAR_BREAK = 1;
const SET_BREAK = 2;

/** A piece as its run alone decides it: kind, spelling, offset in the run, break before it inside the run. */
interface RunPiece { kind: PieceKind; input: string; fixed: string; offset: number; mayBeWord: boolean; breakBefore: boolean }
/** Everything tokenize decides from one whitespace run's text (and whether it opens its line). */
interface RunShape {
  run: string;
  opensLine: boolean;
  pieces: readonly RunPiece[];
  after: typeof KEEP_BREAK | typeof CLEAR_BREAK | typeof SET_BREAK;
}

/** A URL, an e-mail address or a bare domain name ("LuatVietnam.vn", "(chinhphu.vn)"): one fixed piece, kept as written. */
export function isAddressRun(run: string): boolean {
  return /^(https?:\/\/|www\.)|@\S+\.\w/iu.test(run) || DOMAIN_NAME.test(run);
}

/** A bare domain name of the usual top-level domains, perhaps in brackets or quotes. */
const DOMAIN_NAME = /^[("“]?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|info|edu|gov)(?![a-z])/iu;

/** A document symbol ("349/KH-UBND", or OCR'd "349YKH-UBND"): one fixed piece, repaired by repairSymbol. */
export function isSymbolLikeRun(run: string): boolean {
  return isSymbolRun(run) || /^\d+[Y\\|][A-ZĐ]{2,}[-/]/u.test(run);
}

/**
 * Kind and fixed spelling of the piece at `index` of whitespace run `runText` (a run that is
 * neither an address nor a symbol); `opensLine`: the run is the first of its line.
 */
export function classifyPiece(piece: string, index: number, runText: string, opensLine: boolean): { kind: PieceKind; fixed: string } {
  if (/^\d+$/.test(piece)) return { kind: 'number', fixed: piece };
  // Lowercase letters with digits, short ("16p" = lớp, "10ng" = lòng, "x3" = xã): a garbled word, decided by the channel.
  if (/^(?=.*\d)(?=.*\p{Ll})[\p{Ll}\d&¢€]{2,4}$/u.test(piece)) return { kind: 'word', fixed: piece };
  if (/\d{2}/.test(piece)) return { kind: 'fixed', fixed: piece }; // "K12", "2021a": codes, not garbled syllables
  // A list marker opening a line ("a)", "b)", "đ)"): a letter, not a word to restore.
  if (opensLine && index === 0 && /^\p{L}\)$/u.test(runText)) return { kind: 'fixed', fixed: piece };
  if (/^(?=[IVX]{2,})X{0,3}(IX|IV|V?I{0,3})$/.test(piece)) return { kind: 'fixed', fixed: piece }; // Roman numerals II, IV, XII
  // The first run of a line that reads "I." / "V." / "X." is an outline marker, not a word.
  if (opensLine && /^[IVX]{1,4}\.$/.test(runText) && /^(?:X{0,3}(IX|IV|V?I{0,3}))$/.test(piece)) return { kind: 'fixed', fixed: piece };
  // An abbreviation glued to the next word by an apostrophe is a syllable whose horn English-model
  // OCR read as "'" ("TU'NHIEN" = TỰ NHIÊN; Tỉnh ủy never has one).
  if (ABBREVIATIONS.has(piece) && piece.length >= 2 && !/^['’]\p{L}/u.test(runText.slice(index + piece.length))) return { kind: 'fixed', fixed: ABBREVIATIONS.get(piece)! };
  // Capitals without a vowel ("TT", "TM", "KT") cannot be syllables: signing abbreviations, codes.
  if (/^[BCDĐFGHJKLMNPQRSTVWXZ]{2,}$/u.test(piece)) return { kind: 'fixed', fixed: piece };
  return { kind: 'word', fixed: piece };
}

/**
 * Whether a number piece may be a syllable the English model read as digits ("12" = là,
 * "0," = Ở, in ALL CAPS): a bare short number, alone in its run or before one clause mark,
 * and not the outline number that opens a line ("1.").
 */
export function numberMayBeWord(piece: string, runText: string, opensLine: boolean): boolean {
  if (piece.length > 3) return false;
  return piece === runText || (!opensLine && runText.length === piece.length + 1 && runText.startsWith(piece) && /[,.;:]$/.test(runText));
}

/**
 * A lowercase word glued to a capitalised one ("xãQuảng", OCR "xaQuang"): where they meet. The
 * capital is a consonant: English-model OCR writes marked vowels inside a word as capitals
 * ("quOc" = quốc, "thAm" = thẩm), and those are no boundary.
 */
const GLUED_CAPITAL = /(?<=\p{Ll}\p{Ll})(?=[BCDĐGHKLMNPQRSTVX]\p{Ll})/u;

/**
 * Word pieces with a lowercase word glued to a capitalised one split where they meet: source
 * documents and OCR lose the space before a name ("tên gọi là xãQuảng Lâm"), and the two
 * syllables are restored one by one (the text between them, none, is kept). Units ("kWh") and
 * brand-like spellings with one lowercase letter first ("iPhone") stay whole.
 */
export function splitGlued(pieces: readonly { text: string; start: number }[]): { text: string; start: number }[] {
  if (!pieces.some((p) => GLUED_CAPITAL.test(p.text))) return pieces as { text: string; start: number }[];
  const out: { text: string; start: number }[] = [];
  for (const p of pieces) {
    let offset = 0;
    for (const part of p.text.split(GLUED_CAPITAL)) {
      out.push({ text: part, start: p.start + offset });
      offset += part.length;
    }
  }
  return out;
}

/** The run's pieces and break effect (the per-run rules of tokenize, independent of where the run is). */
function shapeRun(runText: string, opensLine: boolean): RunShape {
  if (isAddressRun(runText)) {
    return { run: runText, opensLine, pieces: [{ kind: 'fixed', input: runText, fixed: runText, offset: 0, mayBeWord: false, breakBefore: false }], after: CLEAR_BREAK };
  }
  if (isSymbolLikeRun(runText)) {
    return {
      run: runText, opensLine,
      pieces: [{ kind: 'fixed', input: runText, fixed: repairSymbol(runText), offset: 0, mayBeWord: false, breakBefore: false }],
      after: /[.;:!?]$/.test(runText) ? SET_BREAK : CLEAR_BREAK,
    };
  }
  const pieces: RunPiece[] = [];
  let last = 0;
  for (const { text: piece, start } of splitGlued(tokenizeText(runText, { unit: 'ocrWord' }))) {
    const breakBefore = /[.;:!?]/.test(runText.slice(last, start)) && !/^\d/.test(piece);
    const { kind, fixed } = classifyPiece(piece, start, runText, opensLine);
    pieces.push({ kind, input: piece, fixed, offset: start, mayBeWord: kind === 'number' && numberMayBeWord(piece, runText, opensLine), breakBefore });
    last = start + piece.length;
  }
  const after = /[.;:!?]["”)]?$/.test(runText.slice(last)) ? SET_BREAK : pieces.length > 0 ? CLEAR_BREAK : KEEP_BREAK;
  return { run: runText, opensLine, pieces, after };
}

/**
 * Run shapes by run text and whether the run opens its line, in an open-addressing table
 * keyed by a hash the scan computes as it goes: a run seen before is found by comparing its
 * characters in place, without cutting it out of the text. Text repeats its runs ("thuc",
 * "hien,"), so most runs are classified once per process; the piece strings are shared too,
 * which lets later per-token maps reuse their cached hashes.
 */
class RunShapeTable {
  private runs: (string | undefined)[] = [];
  private shapes: (RunShape | undefined)[] = [];
  private count = 0;

  /** Capacity grows from `initial` (a small table stays in cache) by doubling up to `limit`, then starts over. */
  constructor(private readonly initial: number, private readonly limit: number) { this.reset(initial); }

  /** The shape of text[start, end) (a whitespace run) whose scan hash (runHash) is `hash`. */
  find(text: string, start: number, end: number, opensLine: boolean, hash: number): RunShape {
    const mask = this.runs.length - 1;
    const length = end - start;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (let run = this.runs[slot]; run !== undefined; run = this.runs[slot]) {
      if (run.length === length && this.shapes[slot]!.opensLine === opensLine) {
        let j = 0;
        while (j < length && run.charCodeAt(j) === text.charCodeAt(start + j)) j++;
        if (j === length) return this.shapes[slot]!;
      }
      slot = (slot + 1) & mask;
    }
    const shape = shapeRun(text.slice(start, end), opensLine);
    if ((this.count + 1) * 2 > this.runs.length) this.grow();
    this.insert(shape, hash);
    return shape;
  }

  private insert(shape: RunShape, hash: number): void {
    const mask = this.runs.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.runs[slot] !== undefined) slot = (slot + 1) & mask;
    this.runs[slot] = shape.run;
    this.shapes[slot] = shape;
    this.count++;
  }

  /** Doubles the table (re-inserting its shapes), or starts over at the limit. */
  private grow(): void {
    const old = this.shapes;
    if (old.length >= this.limit) { this.reset(this.initial); return; }
    this.reset(old.length * 2);
    for (const shape of old) if (shape !== undefined) this.insert(shape, runHash(shape.run, 0, shape.run.length, shape.opensLine));
  }

  private reset(capacity: number): void {
    this.runs = new Array<string | undefined>(capacity).fill(undefined);
    this.shapes = new Array<RunShape | undefined>(capacity).fill(undefined);
    this.count = 0;
  }
}

/** FNV-1a over a run's UTF-16 code units, seeded by whether the run opens its line (the scan computes the same inline). */
const HASH_OPENS_LINE = 0x9e3779b9 | 0;
const HASH_INSIDE_LINE = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

function runHash(text: string, start: number, end: number, opensLine: boolean): number {
  let hash = opensLine ? HASH_OPENS_LINE : HASH_INSIDE_LINE;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return hash;
}

// Starts tiny: its first doublings happen in the first document, before V8 optimises the
// tokenizer, so the growth path has type feedback (a growth after that threw the code away).
const runShapes = new RunShapeTable(1 << 6, 1 << 17);

/**
 * Pieces of the text: lines split on "\n", whitespace runs within a line (src/lang/tokenize.ts's
 * 'run' unit, by the same isWhitespaceCode), each run's pieces from its memoised shape (RunShapeTable).
 * Its own scan (the restorer's hot path): it hashes each run while reading it and allocates no token per run.
 */
export function tokenize(text: string): Piece[] {
  const pieces: Piece[] = [];
  const length = text.length;
  let lineStart = 0;
  let lineIndex = 0;
  let pendingBreak = true;
  for (;;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    let opensLine = true;
    let i = lineStart;
    while (i < lineEnd) {
      while (i < lineEnd && isWhitespaceCode(text.charCodeAt(i))) i++;
      if (i === lineEnd) break;
      const runStart = i;
      let hash = opensLine ? HASH_OPENS_LINE : HASH_INSIDE_LINE;
      // No read past the text's end (charCodeAt out of range made V8 recompile the tokenizer).
      for (; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (isWhitespaceCode(c)) break;
        hash = Math.imul(hash ^ c, HASH_PRIME);
      }
      const shape = runShapes.find(text, runStart, i, opensLine, hash);
      opensLine = false;
      const runPieces = shape.pieces;
      for (let k = 0; k < runPieces.length; k++) {
        const p = runPieces[k];
        pieces.push({
          kind: p.kind, input: p.input, fixed: p.fixed, start: runStart + p.offset, line: lineIndex,
          sentenceStart: p.breakBefore || (k === 0 && pendingBreak), mayBeWord: p.mayBeWord,
        });
      }
      if (shape.after !== KEEP_BREAK) pendingBreak = shape.after === SET_BREAK;
    }
    // A blank line (no run) resets the LM context.
    if (opensLine) pendingBreak = true;
    if (lineEnd >= length) break;
    lineStart = lineEnd + 1;
    lineIndex++;
  }
  return pieces;
}
