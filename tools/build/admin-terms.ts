/**
 * Mines multi-word administrative terms from the in-domain corpus (admin_word_recommend and
 * legal_tvpl) into dictionaries/admin-terms.txt: "surface<TAB>count<TAB>pmi" per line,
 * most frequent first. Run by `npm run build:dict` (after the gazetteer) or directly:
 *
 *   npx tsx tools/build/admin-terms.ts [--corpus ../shared/corpus]
 *
 * Lines held out for the LM are skipped too, so the statistics never see them.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { isLmHeldOut } from '../lib/corpus-sample.js';
import { dropSubsumed, NgramCounter } from '../lib/term-mining.js';
import { phraseToOldToneStyle } from '../../src/data/tone-style.js';

const argIndex = process.argv.indexOf('--corpus');
const corpus = argIndex > 0 ? process.argv[argIndex + 1] : '../shared/corpus';
const t0 = Date.now();
const counter = new NgramCounter(4);

async function feed(file: string, weight: number): Promise<number> {
  const rl = createInterface({ input: createReadStream(join(corpus, file)).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    if (isLmHeldOut(line)) continue;
    counter.addLine(phraseToOldToneStyle(line), weight);
    // Old tone style first, so hoà/hòa count as one. Prune rare n-grams periodically: the legal file alone has ~3 M syllables.
    if (++n % 20000 === 0) counter.prune(2);
  }
  return n;
}

// The local administrative file is small but closest to the target documents: weight it up so
// its terms ("thi đua khen thưởng", "cải cách hành chính") compete with national legal text.
const adminLines = await feed('admin_word_recommend.txt.gz', 8);
const legalLines = await feed('legal_tvpl_johnpa02.txt.gz', 1);
counter.prune(5);

const MIN_COUNT_BIGRAM = 30;
const MIN_COUNT_LONGER = 12;
const MIN_PMI = 3;
const terms = dropSubsumed(counter.candidates((n) => (n === 2 ? MIN_COUNT_BIGRAM : MIN_COUNT_LONGER), MIN_PMI)).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
const header = [
  '# Multi-word administrative terms mined from admin_word_recommend (weight 8) + legal_tvpl (weight 1).',
  `# Syllable 2-4-grams, weighted count >= ${MIN_COUNT_BIGRAM} (2 syllables) / ${MIN_COUNT_LONGER} (3-4), min-split PMI >= ${MIN_PMI}, no function word at either edge,`,
  '# sub-terms dropped when a longer term keeps >= 80% of their count. Old tone style (hòa, Ủy).',
  `# Lines: admin ${adminLines}, legal ${legalLines}. Built ${new Date().toISOString()} by tools/build/admin-terms.ts.`,
  '# Format: surface<TAB>weighted count<TAB>PMI',
];
const body = terms.map((t) => `${t.surface}\t${t.count}\t${t.pmi.toFixed(2)}`);
const outPath = resolve('dictionaries/admin-terms.txt');
writeFileSync(outPath, [...header, ...body].join('\n') + '\n');
console.log(`admin terms: ${terms.length} → ${outPath} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
