/**
 * `npx tsx tools/bench/places.ts`: the effect of the gazetteer's place names on restoration.
 * Strips the marks of ../shared/corpus/dev-docs/*.txt (NFD, U+0300–U+036F removed, đ→d),
 * restores each whole document with the library's default restorer (one call per document,
 * as the restore stage does) and scores it line by line with ../shared/tools/textmetrics.mjs;
 * prints national documents, the commune-merger resolutions (NQ-UBTVQH15) and all, then the
 * 4 garbled seeds vs ../shared/fixtures/gold as tools/bench/restore.ts scores them.
 * Flags: --shared DIR (default ../shared), --mode fast|accurate (default: the default mode).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDefaultRestorer } from '../../src/restore/index.js';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SHARED = resolve(flag('--shared') ?? '../shared');
const mode = flag('--mode') as 'fast' | 'accurate' | undefined;
type Score = { syllables: number; errors: number };
const textmetrics = (await import(pathToFileURL(join(SHARED, 'tools', 'textmetrics.mjs')).href)) as {
  score: (g: string, h: string, lines?: boolean) => Score;
};

/** Line-by-line sum (textmetrics' whole-text alignment is quadratic). */
function score(gold: string, hyp: string): Score {
  const g = gold.split('\n');
  const h = hyp.split('\n');
  const total = { syllables: 0, errors: 0 };
  for (let i = 0; i < Math.max(g.length, h.length); i++) {
    const r = textmetrics.score(g[i] ?? '', h[i] ?? '', true);
    total.syllables += r.syllables;
    total.errors += r.errors;
  }
  return total;
}
const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const pct = (s: Score) => `${(100 * (1 - s.errors / Math.max(1, s.syllables))).toFixed(2)} % (${s.errors} errors / ${s.syllables} syllables)`;
const add = (a: Score, b: Score) => { a.syllables += b.syllables; a.errors += b.errors; };

const restorer = await getDefaultRestorer();
const opts = mode ? { mode } : {};
const devDir = join(SHARED, 'corpus', 'dev-docs');
const groups = { national: { syllables: 0, errors: 0 }, merger: { syllables: 0, errors: 0 }, all: { syllables: 0, errors: 0 } };
for (const file of readdirSync(devDir).filter((f) => f.endsWith('.txt')).sort()) {
  const gold = readFileSync(join(devDir, file), 'utf8').normalize('NFC');
  const s = score(gold, restorer.restore(strip(gold), opts).text);
  add(/nq-ubtvqh15/.test(file) ? groups.merger : groups.national, s);
  add(groups.all, s);
  if (process.argv.includes('--per-doc')) console.log(`${file}: ${pct(s)}`);
}
console.log(`dev-docs stripped${mode ? ` (${mode})` : ''}: national ${pct(groups.national)}`);
console.log(`dev-docs stripped${mode ? ` (${mode})` : ''}: commune-merger resolutions ${pct(groups.merger)}`);
console.log(`dev-docs stripped${mode ? ` (${mode})` : ''}: all ${pct(groups.all)}`);

const seeds = { syllables: 0, errors: 0 };
const goldDir = join(SHARED, 'fixtures', 'gold');
for (const file of readdirSync(goldDir).sort()) {
  const seed = readFileSync(join(SHARED, 'seeds', file), 'utf8');
  add(seeds, score(readFileSync(join(goldDir, file), 'utf8'), restorer.restore(seed, opts).text));
}
console.log(`garbled seeds vs gold: ${pct(seeds)}`);
