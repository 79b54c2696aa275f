/**
 * Fits the per-token confidence calibration
 * (dictionaries/restore/confidence-calibration.json, read by src/restore/calibration.ts).
 *
 * Input: the public dev set ../shared/corpus/dev-docs/ (whole documents no training file uses),
 * stripped of marks and restored whole, one call per document, in the fast and the accurate
 * mode. Every word token is labelled right or wrong against the document (tools/lib/dev-docs.ts),
 * and per token class an isotonic fit of "right" on the decoder's raw confidence is stored.
 * The fit uses half of the documents (calibrationHalf: alternate documents of each group); the
 * other half checks it, and the script prints both halves' confidence shares at the 0.9 line.
 * Garbled text ('garble/fast', 'garble/accurate'): the same documents' English-model OCR pages
 * (tools/lib/garbled-dev.ts: one rendered page each, OCR cached under out/; the first run OCRs
 * 40 pages, a few minutes), restored as OCR input and labelled by word against the drawn lines;
 * same halves.
 *
 *   npm run build:calibration -- [--shared ../shared] [--out dictionaries/restore/confidence-calibration.json] [--dry-run]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfidenceCalibration, isotonicFit, TOKEN_CLASSES, type CalibrationFile, type CalibrationCurve, type ConfidenceMapper, type TokenClass } from '../../src/restore/calibration.js';
import { CALIBRATION_FILE, getDefaultRestorer, type Restorer, type RestoreResult } from '../../src/restore/index.js';
import { dictionaryPath } from '../../src/dictionaries.js';
import { garbledDevPages, type GarbledPage } from '../lib/garbled-dev.js';
import { labelSeedWords } from '../lib/seed-errors.js';
import { calibrationHalf, REVIEW_LINE, sharedDir, confidenceShares, labelTokens, loadTextMetrics, readDevDocs, strip, type DevDoc, type LabelledToken } from '../lib/dev-docs.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const shared = sharedDir();
const out = resolve(opt('--out', join(dictionaryPath(), 'restore', CALIBRATION_FILE)));
const metrics = await loadTextMetrics(shared);
const docs = readDevDocs(join(shared, 'corpus', 'dev-docs'));
const restorer = await getDefaultRestorer();

interface ClassedToken extends LabelledToken { cls: TokenClass; raw: number }

/** The channel mode of English-model OCR garble (src/restore/channel.ts). */
const GARBLE = 'garble';

/**
 * Runs `restore` under a recording calibration: every token's (class, raw confidence) in token
 * order, beside the result.
 */
function recorded(r: Restorer, restore: () => RestoreResult): { result: RestoreResult; seen: { cls: TokenClass; raw: number }[] } {
  const seen: { cls: TokenClass; raw: number }[] = [];
  const saved = r.calibration;
  r.calibration = new (class extends ConfidenceCalibration {
    override mapper(): ConfidenceMapper { return (cls, raw) => { seen.push({ cls: TOKEN_CLASSES[cls], raw }); return raw; }; }
  })({ kind: 'vnplan confidence calibration', fittedOn: 'recording', tables: {} });
  try {
    const result = restore();
    if (seen.length !== result.tokens.length) throw new Error(`${seen.length} calibrated tokens for ${result.tokens.length} tokens`);
    return { result, seen };
  } finally {
    r.calibration = saved;
  }
}

/** Restores strip(doc) and labels its word tokens with their class and the decoder's raw confidence. */
function rawTokens(r: Restorer, doc: DevDoc, mode: 'fast' | 'accurate'): ClassedToken[] {
  const { result, seen } = recorded(r, () => r.restore(strip(doc.text), { restore: 'always', mode }));
  return labelTokens(metrics, doc.text, result).tokens.map((t) => ({ ...t, ...seen[t.index] }));
}

/**
 * Restores a garbled page (English-model OCR of a rendered dev-document page) and labels its
 * output words against the drawn lines (tools/lib/seed-errors.ts, the seeds' rule): a word
 * takes the class and raw confidence of its least confident token. Empty when the restorer
 * did not read the page as garble.
 */
function garbledTokens(r: Restorer, page: GarbledPage, mode: 'fast' | 'accurate'): ClassedToken[] {
  const gold = page.pairs.map((x) => x.source).join('\n');
  const { result, seen } = recorded(r, () => r.restore(page.pairs.map((x) => x.observed).join('\n'), { mode }));
  if (result.stats.channelMode !== GARBLE) return [];
  return labelSeedWords(metrics, gold, result).words.flatMap((w, index) => {
    let low: { cls: TokenClass; raw: number } | undefined;
    for (let j = w.first; j <= w.last; j++) if (!low || seen[j].raw < low.raw) low = seen[j];
    return low ? [{ index, confidence: w.confidence, error: w.error, ...low }] : [];
  });
}

/** Fits one mode's table from the fit half and prints both halves' shares under the review line. */
function fitTable(key: string, half: Record<'fit' | 'check', ClassedToken[]>): void {
  const table: Partial<Record<TokenClass, CalibrationCurve>> = {};
  for (const cls of TOKEN_CLASSES) {
    const samples = half.fit.filter((t) => t.cls === cls).map((t) => ({ raw: t.raw, correct: t.error ? 0 : 1 }));
    if (samples.length > 0) table[cls] = isotonicFit(samples);
  }
  file.tables[key] = table;
  const [channel, mode] = key.split('/') as [string, 'fast' | 'accurate'];
  const map = new ConfidenceCalibration(file).mapper(channel, mode)!;
  for (const name of ['fit', 'check'] as const) {
    const raw = confidenceShares(half[name].map((t) => ({ ...t, confidence: t.raw })), REVIEW_LINE);
    const cal = confidenceShares(half[name].map((t) => ({ ...t, confidence: map(TOKEN_CLASSES.indexOf(t.cls), t.raw) })), REVIEW_LINE);
    console.log(`${key} ${name} half (${cal.tokens} tokens, ${cal.errors} errors): under ${REVIEW_LINE} raw: ${pct(raw.errorsBelow)} of errors, ${pct(raw.tokensBelow)} of tokens; calibrated: ${pct(cal.errorsBelow)} of errors, ${pct(cal.tokensBelow)} of tokens`);
  }
  for (const cls of TOKEN_CLASSES) {
    const c = table[cls];
    if (c) console.log(`  ${cls}: ${c.tokens} tokens, ${c.raw.length} points, calibrated ${c.calibrated[0]}…${c.calibrated[c.calibrated.length - 1]}`);
  }
}

const file: CalibrationFile = {
  kind: 'vnplan confidence calibration',
  fittedOn: 'tools/build/calibration.ts: isotonic fit per token class of "restored right" on the decoder confidence, over the word tokens of the fit half of ../shared/corpus/dev-docs (alternate documents of each group), stripped and restored whole',
  tables: {},
};
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
for (const mode of ['fast', 'accurate'] as const) {
  const half: Record<'fit' | 'check', ClassedToken[]> = { fit: [], check: [] };
  for (const doc of docs) half[calibrationHalf(docs, doc)].push(...rawTokens(restorer, doc, mode));
  fitTable(`stripped/${mode}`, half);
}
// Garbled text: one OCR'd page per dev document (cached under out/; the first run OCRs them, minutes).
const pages = await garbledDevPages(docs, (m) => console.log(m));
for (const mode of ['fast', 'accurate'] as const) {
  const half: Record<'fit' | 'check', ClassedToken[]> = { fit: [], check: [] };
  for (const page of pages) half[calibrationHalf(docs, docs.find((d) => d.id === page.id)!)].push(...garbledTokens(restorer, page, mode));
  fitTable(`${GARBLE}/${mode}`, half);
}
if (args.includes('--dry-run')) console.log('dry run: nothing written');
else {
  writeFileSync(out, JSON.stringify(file) + '\n');
  console.log(`wrote ${out}`);
}
