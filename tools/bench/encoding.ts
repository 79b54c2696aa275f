/**
 * Legacy-encoding benchmark (issue 6): detection accuracy on generated samples of 1–3 lines
 * per scheme, as raw bytes (decodeText) and as mis-decoded cp1252 strings
 * (repairLegacyText), the false-alarm rate on clean Unicode, and round-trip syllable accuracy.
 * Samples come from test/fixtures/encoding-sample.txt plus, when present at bench time, the
 * held-out (dev/test) lines of the in-domain files of ../shared/corpus (read only here, never
 * committed or tested on) — held out because the LM whose unigram counts the scorer uses was
 * trained on the rest.
 *
 *   npm run bench:encoding [-- --samples 200 --seed 6]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { splitOfLine } from '../../src/lm/index.js';
import { decodeLegacy, decodeText, encodeLegacy, foldToRepertoire, LEGACY_SCHEMES, misdecode, repairLegacyText, type LegacyScheme } from '../../src/encoding/index.js';
import { prng } from '../lib/prng.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = join(ROOT, 'test/fixtures/encoding-sample.txt');
const CORPUS_DIR = join(ROOT, '../shared/corpus');
/** In-domain corpus files; only their held-out lines are used, since the LM trained on the rest. */
const CORPUS_FILES = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz'];
/** Printed lines of an A4 plan in 13–14 pt hold about this many characters. */
const LINE_WIDTH = 72;

export interface SchemeRow {
  /** The scheme, or 'tcvn3-vn3' for TCVN3 typed in the ABC fonts' VN3 subset (no toned capitals). */
  label: string;
  scheme: LegacyScheme;
  bytesDetected: number;
  /** Detected, or a scheme that reads these bytes as the very same text (an unobservable choice). */
  bytesEquivalent: number;
  bytesTextExact: number;
  stringDetected: number;
  stringEquivalent: number;
  /** As the string mode, through what pdf.js extracts from a WinAnsi font (AD → '-', B5 → μ). */
  pdfDetected: number;
  pdfTextExact: number;
  stringTextExact: number;
  roundTripBytes: number;
  roundTripString: number;
}
export interface EncodingBenchResult {
  samples: number;
  source: string;
  rows: SchemeRow[];
  /** Clean Unicode samples left untouched by decodeText and by repairLegacyText. */
  unicodeKept: number;
  unicodeRepairKept: number;
  /** Short fragments (first 2–4 words of a line): detection, or a reading with the same text. */
  shortFragments: { samples: number; bytes: number; string: number };
  /** Detection accuracy over the four schemes (VN1 TCVN3) and both modes. */
  overallDetection: number;
  millis: number;
}

function wrap(paragraph: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > LINE_WIDTH) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function loadLines(): { lines: string[]; source: string } {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim());
  let source = 'test/fixtures/encoding-sample.txt';
  for (const file of CORPUS_FILES) {
    const path = join(CORPUS_DIR, file);
    if (!existsSync(path)) continue;
    const heldOut = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l && splitOfLine(l) !== 'train');
    for (const paragraph of heldOut) lines.push(...wrap(paragraph));
    source += ` + ${heldOut.length} held-out (dev/test) paragraphs of ../shared/corpus/${file}`;
  }
  return { lines, source };
}

function makeSamples(lines: string[], count: number, seed: number): string[] {
  const random = prng(seed);
  const samples: string[] = [];
  while (samples.length < count) {
    const start = Math.floor(random() * lines.length);
    const n = 1 + Math.floor(random() * 3);
    const sample = lines.slice(start, start + n).join('\n');
    // A sample with no accented letter reads the same in every encoding: nothing to detect.
    if (/[^\x00-\x7f]/.test(sample)) samples.push(sample);
  }
  return samples;
}

/** pdf.js (pdf-parse 2) on a WinAnsi font: soft hyphen AD comes out as '-', B5 as Greek μ. */
function asPdfTextLayer(text: string): string {
  return text.replace(/\u00ad/g, '-').replace(/\u00b5/g, '\u03bc');
}

function sameReading(chosen: string, truth: LegacyScheme, bytes: Uint8Array): boolean {
  const schemes: readonly string[] = LEGACY_SCHEMES;
  // 'unicode' is repairLegacyText keeping the string; 'utf8' is decodeText reading UTF-8.
  const decode = (enc: string) =>
    schemes.includes(enc) ? decodeLegacy(enc as LegacyScheme, bytes).text : enc === 'unicode' ? misdecode(bytes) : new TextDecoder().decode(bytes);
  return decode(chosen) === decode(truth);
}

/** Share of whitespace-separated syllables of `expected` reproduced at the same position. */
function syllableAccuracy(expected: string, actual: string): { same: number; total: number } {
  const a = expected.split(/\s+/).filter(Boolean);
  const b = actual.split(/\s+/).filter(Boolean);
  let same = 0;
  a.forEach((w, i) => (same += b[i] === w ? 1 : 0));
  return { same, total: a.length };
}

export function benchEncoding(opts: { samples?: number; seed?: number } = {}): EncodingBenchResult {
  const started = performance.now();
  const count = opts.samples ?? 200;
  const { lines, source } = loadLines();
  const samples = makeSamples(lines, count, opts.seed ?? 6);
  const fullText = lines.join('\n');
  const rows: SchemeRow[] = [];
  let detected = 0;
  const variants = [...LEGACY_SCHEMES.map((scheme) => ({ label: scheme as string, scheme, vn3: false })), { label: 'tcvn3-vn3', scheme: 'tcvn3' as const, vn3: true }];
  for (const { label, scheme, vn3 } of variants) {
    const row: SchemeRow = { label, scheme, bytesDetected: 0, bytesEquivalent: 0, stringEquivalent: 0, pdfDetected: 0, pdfTextExact: 0, bytesTextExact: 0, stringDetected: 0, stringTextExact: 0, roundTripBytes: 0, roundTripString: 0 };
    for (const original of samples) {
      // The text as the scheme can carry it (VISCII and TCVN3 have no “ ” – …).
      const sample = foldToRepertoire(scheme, original);
      const bytes = encodeLegacy(scheme, sample, { vn3 });
      const fromBytes = decodeText(bytes);
      row.bytesDetected += fromBytes.encoding === scheme ? 1 : 0;
      row.bytesEquivalent += fromBytes.encoding === scheme || sameReading(fromBytes.encoding, scheme, bytes) ? 1 : 0;
      row.bytesTextExact += fromBytes.text === sample ? 1 : 0;
      const fromString = repairLegacyText(misdecode(bytes));
      row.stringDetected += fromString.encoding === scheme ? 1 : 0;
      row.stringEquivalent += fromString.encoding === scheme || sameReading(fromString.encoding, scheme, bytes) ? 1 : 0;
      row.stringTextExact += fromString.text === sample ? 1 : 0;
      const fromPdf = repairLegacyText(asPdfTextLayer(misdecode(bytes)));
      row.pdfDetected += fromPdf.encoding === scheme || sameReading(fromPdf.encoding, scheme, bytes) ? 1 : 0;
      row.pdfTextExact += fromPdf.text === sample ? 1 : 0;
    }
    if (!vn3) detected += row.bytesDetected + row.stringDetected;
    const expected = foldToRepertoire(scheme, fullText);
    const bytes = encodeLegacy(scheme, expected, { vn3 });
    const rtBytes = syllableAccuracy(expected, decodeText(bytes).text);
    const rtString = syllableAccuracy(expected, repairLegacyText(misdecode(bytes)).text);
    row.roundTripBytes = rtBytes.same / rtBytes.total;
    row.roundTripString = rtString.same / rtString.total;
    for (const k of ['bytesDetected', 'bytesEquivalent', 'bytesTextExact', 'stringDetected', 'stringEquivalent', 'stringTextExact', 'pdfDetected', 'pdfTextExact'] as const) row[k] /= samples.length;
    rows.push(row);
  }
  const random = prng((opts.seed ?? 6) + 1);
  const fragments = samples.map((sample) => {
    const words = sample.split(/\s+/);
    const start = Math.floor(random() * Math.max(1, words.length - 4));
    return words.slice(start, start + 2 + Math.floor(random() * 3)).join(' ');
  }).filter((f) => /[^\x00-\x7f]/.test(f));
  const shortFragments = { samples: fragments.length * LEGACY_SCHEMES.length, bytes: 0, string: 0 };
  for (const scheme of LEGACY_SCHEMES) {
    for (const fragment of fragments) {
      const bytes = encodeLegacy(scheme, foldToRepertoire(scheme, fragment));
      const fromBytes = decodeText(bytes).encoding;
      shortFragments.bytes += fromBytes === scheme || sameReading(fromBytes, scheme, bytes) ? 1 : 0;
      const fromString = repairLegacyText(misdecode(bytes)).encoding;
      shortFragments.string += fromString === scheme || sameReading(fromString, scheme, bytes) ? 1 : 0;
    }
  }
  shortFragments.bytes /= shortFragments.samples;
  shortFragments.string /= shortFragments.samples;
  let unicodeKept = 0;
  let unicodeRepairKept = 0;
  for (const sample of samples) {
    const decoded = decodeText(new TextEncoder().encode(sample));
    unicodeKept += decoded.encoding === 'utf8' && decoded.text === sample ? 1 : 0;
    unicodeRepairKept += repairLegacyText(sample).repaired ? 0 : 1;
  }
  return {
    samples: samples.length,
    source,
    rows,
    shortFragments,
    unicodeKept: unicodeKept / samples.length,
    unicodeRepairKept: unicodeRepairKept / samples.length,
    overallDetection: detected / (samples.length * LEGACY_SCHEMES.length * 2),
    millis: Math.round(performance.now() - started),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatEncodingBench(r: EncodingBenchResult): string {
  const out = [
    `Legacy encodings: ${r.samples} samples of 1–3 lines per scheme and mode; source ${r.source}`,
    'scheme    | bytes: detected (or same text)  text-exact | mis-decoded string: detected (or same text)  text-exact | PDF layer: detected*  text-exact | round-trip syllables: bytes  string',
  ];
  for (const row of r.rows) {
    out.push(
      `${row.label.padEnd(9)} | ${pct(row.bytesDetected).padStart(15)} (${pct(row.bytesEquivalent)}) ${pct(row.bytesTextExact).padStart(11)} | ${pct(row.stringDetected).padStart(29)} (${pct(row.stringEquivalent)}) ${pct(row.stringTextExact).padStart(11)} | ${pct(row.pdfDetected).padStart(20)} ${pct(row.pdfTextExact).padStart(11)} | ${pct(row.roundTripBytes).padStart(27)} ${pct(row.roundTripString).padStart(7)}`,
    );
  }
  out.push('* detected, or a scheme that reads the bytes as the same text');
  out.push(`short fragments (2–4 words, ${r.shortFragments.samples} over the four schemes): detected or same text — bytes ${pct(r.shortFragments.bytes)}, mis-decoded string ${pct(r.shortFragments.string)}`);
  out.push(`overall detection ${pct(r.overallDetection)} (target ≥ 98%); clean UTF-8 kept by decodeText ${pct(r.unicodeKept)}, by repairLegacyText ${pct(r.unicodeRepairKept)}; ${r.millis} ms`);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(formatEncodingBench(benchEncoding({ samples: arg('samples'), seed: arg('seed') })));
}
