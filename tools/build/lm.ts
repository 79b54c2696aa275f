/**
 * Rebuild the committed language model (dictionaries/lm) from ../shared/corpus.
 * Usage: npx tsx tools/build/lm.ts [--corpus DIR] [--out DIR] [--no-backward]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLanguageModel } from '../lib/lm-build/pipeline.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const corpusDir = resolve(opt('--corpus', join(root, '..', 'shared', 'corpus')));
const outDir = resolve(opt('--out', join(root, 'dictionaries', 'lm')));
const t0 = Date.now();
await buildLanguageModel({
  corpusDir, outDir,
  directions: args.includes('--no-backward') ? ['fwd'] : ['fwd', 'bwd'],
  log: (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`),
});
console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB → ${outDir}`);
