/**
 * Builds dictionaries/restore/names.json: counts of surname and given/middle-name syllables
 * harvested from capitalised name runs (src/restore/names.ts harvestNameRuns: after ông / bà /
 * đồng chí, signature lines, three-syllable runs starting with a surname) of the corpus
 * TRAINING split only (the LM's dev and test lines are skipped). Derived statistics, no text.
 *
 *   npx tsx tools/build/names.ts [--corpus ../shared/corpus] [--min 2]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCorpusLines } from '../../src/lm/corpus.js';
import { countNameSyllables, type NameStats } from '../../src/restore/names.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const corpus = resolve(arg('--corpus', '../shared/corpus'));
const minCount = Number(arg('--min', '2'));
const files = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz', 'viwiki.txt.gz'];
const t0 = Date.now();

const total: NameStats = { surnames: {}, given: {} };
let lines = 0;
for (const file of files) {
  const batch: string[] = [];
  const flush = (): void => {
    const stats = countNameSyllables(batch);
    for (const key of ['surnames', 'given'] as const) for (const [syl, n] of Object.entries(stats[key])) total[key][syl] = (total[key][syl] ?? 0) + n;
    batch.length = 0;
  };
  for await (const line of readCorpusLines(join(corpus, file), 'train')) {
    batch.push(line);
    lines++;
    if (batch.length === 10_000) flush();
  }
  flush();
}
const prune = (table: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(table).filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1]));
const out = {
  note: `Name-syllable counts from capitalised name runs of the corpus training split (${files.join(', ')}); tools/build/names.ts, min count ${minCount}.`,
  lines,
  surnames: prune(total.surnames),
  given: prune(total.given),
};
const path = join('dictionaries', 'restore', 'names.json');
writeFileSync(path, JSON.stringify(out) + '\n');
console.log(`${path}: ${Object.keys(out.surnames).length} surnames, ${Object.keys(out.given).length} given/middle syllables from ${lines} lines in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
