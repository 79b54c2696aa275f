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
 *
 *   npm run build:calibration -- [--shared ../shared] [--out dictionaries/restore/confidence-calibration.json] [--dry-run]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfidenceCalibration, isotonicFit, TOKEN_CLASSES, type CalibrationFile, type CalibrationCurve, type ConfidenceMapper, type TokenClass } from '../../src/restore/calibration.js';
import { CALIBRATION_FILE, getDefaultRestorer, type Restorer } from '../../src/restore/index.js';
import { dictionaryPath } from '../../src/dictionaries.js';
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

/**
 * Restores strip(doc) and labels its word tokens with their class and the decoder's raw
 * confidence: a recording calibration sees every token's (class, raw) in token order.
 */
function rawTokens(r: Restorer, doc: DevDoc, mode: 'fast' | 'accurate'): ClassedToken[] {
  const seen: { cls: TokenClass; raw: number }[] = [];
  const saved = r.calibration;
  r.calibration = new (class extends ConfidenceCalibration {
    override mapper(): ConfidenceMapper { return (cls, raw) => { seen.push({ cls: TOKEN_CLASSES[cls], raw }); return raw; }; }
  })({ kind: 'vnplan confidence calibration', fittedOn: 'recording', tables: {} });
  try {
    const result = r.restore(strip(doc.text), { restore: 'always', mode });
    if (seen.length !== result.tokens.length) throw new Error(`${doc.id}: ${seen.length} calibrated tokens for ${result.tokens.length} tokens`);
    return labelTokens(metrics, doc.text, result).tokens.map((t) => ({ ...t, ...seen[t.index] }));
  } finally {
    r.calibration = saved;
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
  const table: Partial<Record<TokenClass, CalibrationCurve>> = {};
  for (const cls of TOKEN_CLASSES) {
    const samples = half.fit.filter((t) => t.cls === cls).map((t) => ({ raw: t.raw, correct: t.error ? 0 : 1 }));
    if (samples.length > 0) table[cls] = isotonicFit(samples);
  }
  file.tables[`stripped/${mode}`] = table;
  const map = new ConfidenceCalibration(file).mapper('stripped', mode)!;
  for (const name of ['fit', 'check'] as const) {
    const raw = confidenceShares(half[name].map((t) => ({ ...t, confidence: t.raw })), REVIEW_LINE);
    const cal = confidenceShares(half[name].map((t) => ({ ...t, confidence: map(TOKEN_CLASSES.indexOf(t.cls), t.raw) })), REVIEW_LINE);
    console.log(`${mode} ${name} half (${cal.tokens} tokens, ${cal.errors} errors): under ${REVIEW_LINE} raw: ${pct(raw.errorsBelow)} of errors, ${pct(raw.tokensBelow)} of tokens; calibrated: ${pct(cal.errorsBelow)} of errors, ${pct(cal.tokensBelow)} of tokens`);
  }
  for (const cls of TOKEN_CLASSES) {
    const c = table[cls];
    if (c) console.log(`  ${cls}: ${c.tokens} tokens, ${c.raw.length} points, calibrated ${c.calibrated[0]}…${c.calibrated[c.calibrated.length - 1]}`);
  }
}
if (args.includes('--dry-run')) console.log('dry run: nothing written');
else {
  writeFileSync(out, JSON.stringify(file) + '\n');
  console.log(`wrote ${out}`);
}
