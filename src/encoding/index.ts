/**
 * Text decoding for ingest: bytes -> Unicode NFC string plus the encoding decided.
 * Order of decision: a BOM; BOM-less UTF-16; valid UTF-8 (then its text is checked for runs
 * of legacy text mis-read as cp1252, see repair.ts); otherwise the legacy Vietnamese 8-bit
 * schemes (Windows-1258, VISCII, TCVN3, VNI) are all decoded, scored as Vietnamese, and
 * decided per document and per line. `--encoding` (opts.encoding) overrides detection.
 */
import { diag, type Diagnostic } from '../diagnostics.js';
import { VnplanError } from '../errors.js';
import { decodedNotVietnamese } from '../lang/evidence.js';
import { utf16ByteOrderWithoutBom } from '../ingest/detect.js';
import { decodeLegacy, decodeMisdecoded, misdecodedByte } from './codecs.js';
import { normalizeEncodingName, type EncodingName } from './names.js';
import { repairLegacyText } from './repair.js';
import { decideRuns, type EncodingRun, type LineCandidates } from './runs.js';
import { scoreText, type TextScore } from './score.js';
import { LEGACY_SCHEMES, type LegacyScheme } from './tables.js';

export { repairLegacyText, type RepairedText } from './repair.js';
export { encodeLegacy, decodeLegacy, decodeMisdecoded, misdecode, foldToRepertoire, restoreVnTimeHCase } from './codecs.js';
export { scoreText, decisionConfidence, type TextScore } from './score.js';
export { LEGACY_SCHEMES, type LegacyScheme } from './tables.js';
export type { EncodingRun } from './runs.js';

export interface DecodedText {
  text: string;
  encoding: string;
  /** 0..1 confidence of the encoding decision. */
  confidence: number;
  /**
   * 'bytes': the file's bytes are in `encoding`; 'misdecoded': the file is Unicode but holds
   * legacy text that was once read as cp1252 (e.g. copied from a .VnTime document).
   */
  form?: 'bytes' | 'misdecoded';
  /**
   * Runs tiling `text`, each with its own encoding. Source offsets are bytes of the input for
   * form 'bytes', characters of the UTF-8-decoded input for form 'misdecoded'.
   */
  runs?: EncodingRun[];
  /** Decision details for the document JSON (stage 'ingest', codes 'encoding.*'). */
  diagnostics?: Diagnostic[];
}

export { ENCODINGS, normalizeEncodingName, type EncodingName } from './names.js';

/** Below this an encoding decision is reported as a warning. */
export const LOW_CONFIDENCE = 0.6;

function unicode(text: string, encoding: string, runsFrom: number, byteLength = new TextEncoder().encode(text).length): DecodedText {
  const nfc = text.normalize('NFC');
  return { text: nfc, encoding, confidence: 1, form: 'bytes', runs: [{ start: 0, end: nfc.length, sourceStart: runsFrom, sourceEnd: runsFrom + byteLength, encoding, confidence: 1 }], diagnostics: [] };
}

function decodeForced(bytes: Uint8Array, encoding: EncodingName): DecodedText {
  if (encoding === 'utf8' || encoding === 'utf16le' || encoding === 'utf16be') {
    const label = encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
    return { ...unicode(new TextDecoder(label).decode(bytes), encoding, 0), diagnostics: [forcedDiag(encoding)] };
  }
  // A forced legacy scheme on a Unicode file holding mis-read legacy text repairs the string.
  const utf8 = tryUtf8(bytes);
  const misread = utf8 !== null && /[^\x00-\x7f]/.test(utf8) && [...utf8].every((ch) => misdecodedByte(ch) !== undefined);
  const decoded = misread ? decodeMisdecoded(encoding, utf8) : decodeLegacy(encoding, bytes);
  const text = decoded.text.normalize('NFC');
  return {
    text,
    encoding,
    confidence: 1,
    form: misread ? 'misdecoded' : 'bytes',
    runs: [{ start: 0, end: text.length, sourceStart: 0, sourceEnd: bytes.length, encoding, confidence: 1 }],
    diagnostics: [forcedDiag(encoding)],
  };
}

function forcedDiag(encoding: string): Diagnostic {
  return diag('ingest', 'info', 'encoding.forced', `Encoding forced to ${encoding} by --encoding`, undefined, { encoding });
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array, opts: { encoding?: string } = {}): DecodedText {
  if (opts.encoding) return decodeForced(bytes, normalizeEncodingName(opts.encoding));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return fromUnicode(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return unicode(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return unicode(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf16be', 2);
  const utf16 = utf16ByteOrderWithoutBom(bytes);
  if (utf16) return unicode(new TextDecoder(utf16 === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes), utf16, 0);
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null && !IMPLAUSIBLE_IN_LATIN_TEXT.test(utf8)) return fromUnicode(utf8, 'utf8');
  if (utf8 !== null) {
    // Short legacy texts can be valid UTF-8 by accident: VISCII "ươ" (DF BD) is U+07FD.
    // Such UTF-8 decodes to scripts a Vietnamese file never holds; let the readings compete.
    const legacy = decodeLegacyBytes(bytes);
    if (legacy.encoding !== 'utf8' && legacy.confidence >= LOW_CONFIDENCE) return legacy;
    return fromUnicode(utf8, 'utf8');
  }
  return decodeLegacyBytes(bytes);
}

/**
 * Scripts from Armenian to Mongolian/Khmer (U+0530–U+1DFF, which two-byte UTF-8 sequences of
 * legacy bytes fall into) and a few rare blocks: a Vietnamese document never holds them, so
 * their presence in "valid UTF-8" hints at legacy bytes. Latin, Greek, Cyrillic, punctuation,
 * symbols and CJK stay plain UTF-8.
 */
const IMPLAUSIBLE_IN_LATIN_TEXT = /[\u0530-\u1dff\u2c00-\u2dff\ua000-\ua6ff\ua800-\uabff]/;

/** Valid UTF-8: Unicode wins, except for lines that are legacy text mis-read as cp1252. */
function fromUnicode(raw: string, encoding: 'utf8'): DecodedText {
  const text = raw.normalize('NFC');
  const repair = repairLegacyText(text);
  // Valid UTF-8 with multi-byte sequences is itself near-certain evidence: keep confidence 1.
  if (!repair.repaired) return { ...unicode(text, encoding, 0), diagnostics: notVietnamese(scoreText(text), encoding) };
  const runs = repair.runs.map((r) => ({ ...r, encoding: r.encoding === 'unicode' ? encoding : r.encoding }));
  const dominant = dominantEncoding(runs);
  const diagnostics = [
    diag('ingest', 'info', 'encoding.repaired', `UTF-8 text holds ${dominant} text mis-read as Windows-1252; converted`, undefined, {
      encoding: dominant,
      confidence: repair.confidence,
      runs: runs.length,
    }),
    ...runDiagnostics(runs),
  ];
  return { text: repair.text, encoding: dominant, confidence: repair.confidence, form: 'misdecoded', runs, diagnostics };
}

function dominantEncoding(runs: EncodingRun[]): string {
  const length = new Map<string, number>();
  for (const r of runs) length.set(r.encoding, (length.get(r.encoding) ?? 0) + r.end - r.start);
  return [...length].sort((a, b) => b[1] - a[1])[0][0];
}

function runDiagnostics(runs: EncodingRun[]): Diagnostic[] {
  if (new Set(runs.map((r) => r.encoding)).size < 2) return [];
  return [
    diag('ingest', 'warning', 'encoding.mixed', `The text mixes encodings: ${[...new Set(runs.map((r) => r.encoding))].join(', ')}`, { offset: runs[1].start }, {
      runs: runs.map((r) => ({ start: r.start, end: r.end, encoding: r.encoding, confidence: r.confidence })),
    }),
  ];
}

/** Split raw bytes into lines (LF-terminated; CR stays with its line and decodes as itself). */
function byteLines(bytes: Uint8Array): { start: number; end: number; terminator: string }[] {
  const lines: { start: number; end: number; terminator: string }[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const terminator = i < bytes.length ? '\n' : '';
      lines.push({ start, end: i, terminator });
      start = i + 1;
    }
  }
  return lines;
}

function decodeLegacyBytes(bytes: Uint8Array): DecodedText {
  const lines: LineCandidates[] = byteLines(bytes).map(({ start, end, terminator }) => {
    const slice = bytes.subarray(start, end);
    const candidates = [];
    // A line of valid UTF-8 in an otherwise legacy file (files concatenated from two sources).
    const lineUtf8 = tryUtf8(slice);
    if (lineUtf8 !== null && /[^\x00-\x7f]/.test(lineUtf8)) {
      const text = lineUtf8.normalize('NFC');
      candidates.push({ encoding: 'utf8', text, score: scoreText(text) });
    }
    for (const scheme of LEGACY_SCHEMES) {
      const decoded = decodeLegacy(scheme, slice);
      candidates.push({ encoding: scheme as string, text: decoded.text, score: scoreText(decoded.text, decoded.unmapped) });
    }
    return { sourceStart: start, sourceEnd: end + terminator.length, terminator, candidates };
  });
  const decision = decideRuns(lines, ['utf8', ...LEGACY_SCHEMES]);
  const scored = [...decision.totals.values()];
  if (scored.every((s) => s.validMarked === 0 && s.points <= 0)) {
    throw new VnplanError('ENCODING_UNKNOWN', 'No decoding (UTF-8, Windows-1258, VISCII, TCVN3, VNI) gives readable text');
  }
  const encoding = dominantEncoding(decision.runs);
  const confidence = encoding === decision.documentEncoding ? decision.documentConfidence : Math.min(...decision.runs.map((r) => r.confidence));
  const best = decision.totals.get(encoding)!;
  const diagnostics: Diagnostic[] = [
    diag('ingest', confidence < LOW_CONFIDENCE ? 'warning' : 'info', 'encoding.detected', `Legacy encoding detected: ${encoding} (confidence ${confidence.toFixed(2)})`, undefined, {
      encoding,
      confidence,
      scores: Object.fromEntries([...decision.totals].map(([enc, s]) => [enc, { points: s.points, validMarked: s.validMarked, marked: s.marked, unmapped: s.unmapped }])),
    }),
    ...runDiagnostics(decision.runs),
  ];
  diagnostics.push(...notVietnamese(best, encoding));
  return { text: decision.text, encoding, confidence, form: 'bytes', runs: decision.runs, diagnostics };
}

function notVietnamese(best: TextScore, encoding: string): Diagnostic[] {
  if (!decodedNotVietnamese(best.validMarked, best.marked)) return [];
  return [
    diag('ingest', 'warning', 'encoding.not-vietnamese', `Read as ${encoding}, only ${best.validMarked} of ${best.marked} accented words are Vietnamese syllables: the text may not be Vietnamese, or may be in another encoding (try --encoding)`, undefined, { encoding, validMarked: best.validMarked, marked: best.marked }),
  ];
}

export const isLegacyScheme = (name: string): name is LegacyScheme => (LEGACY_SCHEMES as readonly string[]).includes(name);
export { repairTextLayerPage, type TextLayerRepair } from './pages.js';
