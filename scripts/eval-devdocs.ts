/**
 * Dev tool: restoration accuracy on the whole documents of ../shared/corpus/dev-docs (40
 * documents never seen in training: dv01–dv27 national decrees and circulars, dv28–dv40
 * commune-merger resolutions). Each document is stripped of its marks (NFD, U+0300–U+036F
 * removed, đ → d), restored whole through the library API, and scored line by line with
 * ../shared/tools/textmetrics.mjs (syllable accuracy). Prints overall, per group and for the
 * odd- and even-numbered documents (tune on odd, check on even), errors counted.
 * --seeds scores the 4 garbled seeds vs ../shared/fixtures/gold instead. --no-document-model turns the document-adapted second pass off. --clean restores the documents as written instead and prints the share of tokens left unchanged.
 * Usage: [VNPLAN_SHARED=/path/to/shared] npx tsx scripts/eval-devdocs.ts [--mode fast|accurate|both] [--clean | --seeds] [--docs] [--no-document-model]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (!process.argv.includes('--v8-default')) await import('../src/v8-tuning.js');
const { getDefaultRestorer } = await import('../src/restore/index.js');

/** ../shared (read-only data beside the repository); VNPLAN_SHARED overrides it (a worktree elsewhere). */
const SHARED = process.env.VNPLAN_SHARED ?? resolve('../shared');
const DIR = join(SHARED, 'corpus/dev-docs');
const metrics = (await import(pathToFileURL(join(SHARED, 'tools/textmetrics.mjs')).href)) as {
  tokens(line: string): string[];
  lev(a: readonly string[], b: readonly string[]): number;
};
/** textmetrics' --lines syllable score (its score() also aligns whole texts by character for the CER: minutes on these documents). */
function score(gold: string, hyp: string): Tally {
  const g = gold.split(/\r?\n/);
  const h = hyp.split(/\r?\n/);
  let syllables = 0;
  let errors = 0;
  for (let i = 0; i < Math.max(g.length, h.length); i++) {
    const gt = metrics.tokens(g[i] ?? '');
    syllables += gt.length;
    errors += metrics.lev(gt, metrics.tokens(h[i] ?? ''));
  }
  return { syllables, errors };
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const modeArg = arg('--mode') ?? 'both';
const modes = (modeArg === 'both' ? ['fast', 'accurate'] : [modeArg]) as ('fast' | 'accurate')[];

/** --no-document-model: without the second, document-adapted pass (the figures before it). */
const extra = process.argv.includes('--no-document-model') ? { documentModel: false } : {};

const strip = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

const docs = readdirSync(DIR).filter((f) => /^dv\d+_.*\.txt$/.test(f)).sort()
  .map((f) => ({ name: f, n: Number(f.slice(2, 4)), gold: readFileSync(join(DIR, f), 'utf8').normalize('NFC').replace(/\n+$/, '') }));
const restorer = await getDefaultRestorer();

interface Tally { syllables: number; errors: number }
const pct = (t: Tally): string => `${(100 * (1 - t.errors / Math.max(1, t.syllables))).toFixed(2)} % (${t.errors} err / ${t.syllables})`;

if (process.argv.includes('--seeds')) {
  // The 4 garbled seeds vs ../shared/fixtures/gold, line by line, with the same options.
  for (const mode of modes) {
    const tally: Tally = { syllables: 0, errors: 0 };
    for (const file of readdirSync(join(SHARED, 'fixtures/gold')).sort()) {
      const gold = readFileSync(join(SHARED, 'fixtures/gold', file), 'utf8');
      const s = score(gold, restorer.restore(readFileSync(join(SHARED, 'seeds', file), 'utf8'), { mode, ...extra }).text);
      tally.syllables += s.syllables;
      tally.errors += s.errors;
    }
    console.log(`garbled seeds, ${mode}: ${pct(tally)}`);
  }
} else if (process.argv.includes('--clean')) {
  let total = 0;
  let changed = 0;
  for (const doc of docs) {
    const result = restorer.restore(doc.gold, extra);
    for (const token of result.tokens) { total++; if (token.output !== token.input) changed++; }
  }
  console.log(`clean dev-docs: ${total - changed}/${total} tokens unchanged = ${(100 * (1 - changed / total)).toFixed(3)} %`);
} else {
  for (const mode of modes) {
    const groups: Record<string, Tally> = { all: { syllables: 0, errors: 0 }, national: { syllables: 0, errors: 0 }, merger: { syllables: 0, errors: 0 }, odd: { syllables: 0, errors: 0 }, even: { syllables: 0, errors: 0 } };
    let syllablesIn = 0;
    let ms = 0;
    for (const doc of docs) {
      const input = strip(doc.gold);
      const start = performance.now();
      const out = restorer.restore(input, { mode, ...extra }).text;
      ms += performance.now() - start;
      syllablesIn += input.split(/\s+/).length;
      const s = score(doc.gold, out);
      for (const g of ['all', doc.n <= 27 ? 'national' : 'merger', doc.n % 2 ? 'odd' : 'even']) {
        groups[g].syllables += s.syllables;
        groups[g].errors += s.errors;
      }
      if (process.argv.includes('--docs')) console.log(`  ${doc.name.slice(0, 40).padEnd(40)} ${pct(s)}`);
    }
    console.log(`${mode}: all ${pct(groups.all)} | national ${pct(groups.national)} | merger ${pct(groups.merger)} | odd ${pct(groups.odd)} | even ${pct(groups.even)} | ${Math.round(syllablesIn / ms)} k tok/s`);
  }
}
