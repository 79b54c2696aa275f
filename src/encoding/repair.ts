/**
 * Repair of text that is already a string but was decoded from legacy bytes as
 * Windows-1252/Latin-1 — what PDF text layers set in .VnTime (TCVN3) or VNI-Times fonts give,
 * and what a TCVN3 file opened as "ANSI" and re-saved looks like: "Céng hoµ x· héi",
 * "Coäng hoøa xaõ hoäi". Each line is read as-is and through each legacy scheme; the
 * readings are scored as Vietnamese and decided per document and per line (runs.ts).
 */
import { decodeMisdecoded, misdecodedByte } from './codecs.js';
import { decideRuns, type EncodingRun, type LineCandidates, type RunDecision } from './runs.js';
import { scoreText } from './score.js';
import { normalizeEncodingName } from './names.js';
import { LEGACY_SCHEMES, type LegacyScheme } from './tables.js';

export interface RepairedText {
  text: string;
  /** Runs tiling the repaired text; `encoding` is 'unicode' where the text was kept. */
  runs: EncodingRun[];
  /** The document-level decision ('unicode' or a legacy scheme) and its confidence. */
  encoding: string;
  confidence: number;
  /** True when at least one run was converted. */
  repaired: boolean;
}

/**
 * Marks of legacy text read as cp1252 that neither Unicode Vietnamese nor wrong-language OCR
 * ("thyc hién nhiém vu", which a TCVN3 reading would turn into valid but wrong "hiộn") gives:
 * Latin-1 symbols touching a letter (hoµ, x·), Latin-1 letters Vietnamese never uses (chñ, Coäng,
 * hoøa), a capital inside a lower-case word (viÖc, ViÖt), two accented Latin-1 letters in a row
 * (Windows-1258's "Viêòt"), and cp1252's other letters and symbols inside words.
 */
const SYMBOL_IN_WORD = /\p{L}[\u00a1-\u00bf\u00d7\u00f7\u03bc]|[\u00a1-\u00bf\u00d7\u00f7\u03bc]\p{L}/u;
const NON_VIETNAMESE_LATIN1 = /[ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ]/;
const CAPITAL_INSIDE = /\p{Ll}[À-Þ]/u;
const ACCENTED_PAIR = /[À-ÿ]{2}/;
const CP1252_LETTER_IN_WORD = /\p{L}[ƒŠŒŽšœžŸˆ˜‚„†‡‰‹›•™]|[ƒŠŒŽšœžŸˆ˜‚„†‡‰‹›•™]\p{L}/u;

function hasLegacySignature(word: string): boolean {
  return (
    SYMBOL_IN_WORD.test(word) ||
    NON_VIETNAMESE_LATIN1.test(word) ||
    CAPITAL_INSIDE.test(word) ||
    ACCENTED_PAIR.test(word) ||
    CP1252_LETTER_IN_WORD.test(word)
  );
}

/**
 * VNI puts its mark bytes after a plain vowel, in pairs Vietnamese spelling never has: a tone
 * after a vowel that cannot carry it there ("aù", "xaõ"), a circumflex or breve after a or e
 * ("Vieät" is caught above; "Coâng", "naêm", "ñaàu").
 */
const VNI_MARK_PAIR = /[aeiouy][ùú]|[ae][âáàãåéèê]|o[âõ]|[aeiuy]õ/i;

/** Share of the words a scheme's reading changes that must bear a signature. */
const MIN_SIGNATURE_SHARE = 0.5;

/**
 * Whether `decoded` (the line read through one scheme) may replace `line`: most of the words it
 * changes must bear a legacy signature, so OCR garble ("hién" -> "hiộn") is not "repaired".
 */
function signedConversion(line: string, decoded: string): boolean {
  const before = line.split(/(\s+)/);
  const after = decoded.split(/(\s+)/);
  if (before.length !== after.length) return true; // whitespace never changes; be safe
  let changed = 0;
  let signed = 0;
  for (let i = 0; i < before.length; i += 2) {
    if (before[i] === after[i]) continue;
    changed++;
    if (hasLegacySignature(before[i]) || VNI_MARK_PAIR.test(before[i])) signed++;
  }
  return signed > 0 && signed >= MIN_SIGNATURE_SHARE * changed;
}

/**
 * A line may be mis-decoded legacy text only if some of its words carry the signature. Every
 * signature is a pair of adjacent non-space characters, so testing the whole line is testing
 * each word, without splitting millions of words out of a long text.
 */
function looksMisdecoded(line: string): boolean {
  return hasLegacySignature(line) || VNI_MARK_PAIR.test(line);
}

export function repairLegacyText(text: string, opts: { schemes?: readonly LegacyScheme[]; encoding?: string } = {}): RepairedText {
  if (opts.encoding) return forcedRepair(text, opts.encoding);
  const schemes = opts.schemes ?? LEGACY_SCHEMES;
  // First only lines that bear the signature may convert; once those show the document is
  // legacy text, every line with a high-byte character may (short lines such as "Sè:" lack it).
  let decision = decideLines(text, schemes, looksMisdecoded, true);
  const signedShare = (): number => {
    const highLines = text.split('\n').filter(hasHighByteChars);
    return highLines.length ? highLines.filter(looksMisdecoded).length / highLines.length : 0;
  };
  if (decision.documentEncoding !== 'unicode' && decision.documentConfidence >= DOCUMENT_IS_LEGACY && signedShare() >= MIN_SIGNED_LINES) {
    decision = decideLines(text, schemes, hasHighByteChars, false);
  }
  // When nothing was converted the input is returned unchanged (not even re-normalized).
  const repaired = decision.runs.some((r) => r.encoding !== 'unicode');
  return {
    text: repaired ? decision.text : text,
    runs: repaired
      ? decision.runs
      : [{ start: 0, end: text.length, sourceStart: 0, sourceEnd: text.length, encoding: 'unicode', confidence: decision.runs[0]?.confidence ?? 1 }],
    encoding: decision.documentEncoding,
    confidence: decision.documentConfidence,
    repaired,
  };
}

/** Share of accented words a legacy reading of a line must make valid syllables. */
const MIN_VALID_SHARE = 0.75;

/** Share of high-byte lines that must bear the signature before all of them may convert. */
const MIN_SIGNED_LINES = 0.5;
/** Document confidence from signature lines above which all lines may convert. */
const DOCUMENT_IS_LEGACY = 0.9;

function hasHighByteChars(line: string): boolean {
  for (const ch of line) if (ch.charCodeAt(0) >= 0x80 && misdecodedByte(ch) !== undefined) return true;
  return false;
}

/** `strict`: a reading must also pass signedConversion (the first, cautious pass). */
function decideLines(text: string, schemes: readonly LegacyScheme[], eligible: (line: string) => boolean, strict: boolean): RunDecision {
  const order = ['unicode', ...schemes];
  const lines: LineCandidates[] = [];
  let offset = 0;
  const parts = text.split('\n');
  parts.forEach((line, i) => {
    const terminator = i < parts.length - 1 ? '\n' : '';
    const sourceStart = offset;
    offset += line.length + terminator.length;
    const asIs = { encoding: 'unicode', text: line, score: scoreText(line) };
    const candidates = [asIs];
    const highBytes = hasHighByteChars(line);
    // Lines that read the same in every scheme join whatever run surrounds them.
    if (!highBytes) for (const scheme of schemes) candidates.push({ ...asIs, encoding: scheme });
    for (const scheme of highBytes && eligible(line) ? schemes : []) {
      const decoded = decodeMisdecoded(scheme, line);
      const score = scoreText(decoded.text, decoded.unmapped + decoded.foreign);
      // A conversion must read as Vietnamese: half-valid readings come from OCR garble.
      const readsVietnamese = score.marked === 0 || score.validMarked >= MIN_VALID_SHARE * score.marked;
      if (readsVietnamese && (!strict || signedConversion(line, decoded.text))) candidates.push({ encoding: scheme, text: decoded.text, score });
    }
    lines.push({ sourceStart, sourceEnd: offset, terminator, candidates });
  });
  return decideRuns(lines, order);
}

function forcedRepair(text: string, encoding: string): RepairedText {
  const name = normalizeEncodingName(encoding);
  if (!(LEGACY_SCHEMES as readonly string[]).includes(name)) {
    return { text, runs: [{ start: 0, end: text.length, sourceStart: 0, sourceEnd: text.length, encoding: 'unicode', confidence: 1 }], encoding: 'unicode', confidence: 1, repaired: false };
  }
  const repaired = decodeMisdecoded(name as LegacyScheme, text).text;
  return {
    text: repaired,
    runs: [{ start: 0, end: repaired.length, sourceStart: 0, sourceEnd: text.length, encoding: name, confidence: 1 }],
    encoding: name,
    confidence: 1,
    repaired: true,
  };
}
