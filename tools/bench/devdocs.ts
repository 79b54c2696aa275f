/**
 * `npm run bench:devdocs`: a quick restoration check on the whole documents of
 * ../shared/corpus/dev-docs (40 documents never seen in training: national decrees and
 * circulars, and commune-merger resolutions). Each document is stripped of its marks,
 * restored whole through the library API and scored line by line with
 * ../shared/tools/textmetrics.mjs. Prints overall, per group and for the odd- and
 * even-numbered documents (tune on odd, check on even). `npm run bench:restore` is the full
 * report (garble, confidence, speed); this one answers "did that change pay" in a minute.
 * --seeds scores the 4 garbled seeds vs ../shared/fixtures/gold instead (and the share of wrong
 * words whose confidence is under the review line); --garble the English-model OCR garble of one
 * page per document (tools/lib/garbled-dev.ts, as bench:restore; OCR cached); --clean restores the
 * documents as written and prints the share of tokens left unchanged; --no-document-model
 * turns the document-adapted second pass off; --neural off|on|WEIGHT sets the neural mark model
 * (src/restore/neural.ts) in every mode; --docs prints each document. Restores through
 * restoreAsync, as the pipeline does (the neural model runs asynchronously).
 * Usage: npx tsx tools/bench/devdocs.ts [--shared DIR] [--mode fast|accurate|both] [--clean | --seeds | --garble] [--docs] [--no-document-model] [--neural off|on|W]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracy, addScore, loadTextMetrics, readDevDocs, REVIEW_LINE, scoreLines, sharedDir, strip, type Score } from '../lib/dev-docs.js';
import { labelSeedWords } from '../lib/seed-errors.js';

if (!process.argv.includes('--v8-default')) await import('../../src/v8-tuning.js');
const { getDefaultRestorer } = await import('../../src/restore/index.js');

const SHARED = sharedDir();
const metrics = await loadTextMetrics(SHARED);
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const modeArg = arg('--mode') ?? 'both';
const modes = (modeArg === 'both' ? ['fast', 'accurate'] : [modeArg]) as ('fast' | 'accurate')[];
const neuralArg = arg('--neural');
const extra = {
  ...(process.argv.includes('--no-document-model') ? { documentModel: false as const } : {}),
  // --neural off | on | WEIGHT: the neural mark model in both modes (default: the restorer's choice by mode).
  ...(neuralArg === undefined ? {} : { neural: neuralArg === 'off' ? false : neuralArg === 'on' ? true : Number(neuralArg) }),
};
const docs = readDevDocs(join(SHARED, 'corpus', 'dev-docs'));
const restorer = await getDefaultRestorer();
const zero = (): Score => ({ syllables: 0, errors: 0 });
const pct = (s: Score): string => `${(100 * accuracy(s)).toFixed(2)} % (${s.errors} err / ${s.syllables})`;

if (process.argv.includes('--seeds')) {
  for (const mode of modes) {
    let total = zero();
    // Confidence: output words (aligned to the gold as the review page's measure does) under the review line.
    const below = { errors: 0, errorsBelow: 0, words: 0, wordsBelow: 0 };
    for (const file of readdirSync(join(SHARED, 'fixtures', 'gold')).sort()) {
      const gold = readFileSync(join(SHARED, 'fixtures', 'gold', file), 'utf8');
      const result = await restorer.restoreAsync(readFileSync(join(SHARED, 'seeds', file), 'utf8'), { mode, ...extra });
      total = addScore(total, scoreLines(metrics, gold, result.text));
      for (const w of labelSeedWords(metrics, gold, result).words) {
        const low = w.confidence < REVIEW_LINE ? 1 : 0;
        below.words++;
        below.wordsBelow += low;
        if (w.error) { below.errors++; below.errorsBelow += low; }
      }
    }
    console.log(`garbled seeds, ${mode}: ${pct(total)}`);
    const share = (a: number, b: number): string => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(1)} %)`;
    console.log(`  confidence < ${REVIEW_LINE}: ${share(below.errorsBelow, below.errors)} of wrong output words, ${share(below.wordsBelow, below.words)} of all`);
  }
} else if (process.argv.includes('--garble')) {
  // English-model OCR garble of one seeded page per document, as bench:restore makes it (OCR cached under out/).
  const { garbledDevPages } = await import('../lib/garbled-dev.js');
  const pages = await garbledDevPages(docs, (m) => console.log(`  ${m}`));
  for (const mode of modes) {
    const groups: Record<string, Score> = { all: zero(), national: zero(), merger: zero(), odd: zero(), even: zero() };
    for (const page of pages) {
      const gold = page.pairs.map((x) => x.source).join('\n');
      const output = (await restorer.restoreAsync(page.pairs.map((x) => x.observed).join('\n'), { mode, ...extra })).text;
      const s = scoreLines(metrics, gold, output);
      for (const g of ['all', page.group, Number(page.id.slice(2, 4)) % 2 ? 'odd' : 'even']) groups[g] = addScore(groups[g], s);
    }
    console.log(`garbled pages, ${mode}: all ${pct(groups.all)} | national ${pct(groups.national)} | merger ${pct(groups.merger)} | odd ${pct(groups.odd)} | even ${pct(groups.even)}`);
  }
} else if (process.argv.includes('--clean')) {
  let tokens = 0;
  let changed = 0;
  for (const doc of docs) {
    for (const token of (await restorer.restoreAsync(doc.text, extra)).tokens) {
      tokens++;
      if (token.output !== token.input) changed++;
    }
  }
  console.log(`clean dev-docs: ${tokens - changed}/${tokens} tokens unchanged = ${(100 * (1 - changed / tokens)).toFixed(3)} %`);
} else {
  for (const mode of modes) {
    const groups: Record<string, Score> = { all: zero(), national: zero(), merger: zero(), odd: zero(), even: zero() };
    let cpuMs = 0;
    for (const doc of docs) {
      const input = strip(doc.text);
      // CPU time of the restore alone (onnxruntime runs on this thread: intraOpNumThreads 1).
      const before = process.cpuUsage();
      const output = (await restorer.restoreAsync(input, { mode, ...extra })).text;
      const used = process.cpuUsage(before);
      cpuMs += (used.user + used.system) / 1000;
      const s = scoreLines(metrics, doc.text, output);
      const n = Number(doc.id.slice(2, 4));
      for (const g of ['all', doc.group, n % 2 ? 'odd' : 'even']) groups[g] = addScore(groups[g], s);
      if (process.argv.includes('--docs')) console.log(`  ${doc.id.slice(0, 40).padEnd(40)} ${pct(s)}`);
    }
    console.log(`${mode}: all ${pct(groups.all)} | national ${pct(groups.national)} | merger ${pct(groups.merger)} | odd ${pct(groups.odd)} | even ${pct(groups.even)} | ${(groups.all.syllables / cpuMs).toFixed(1)} k syl/s by CPU time, each document once`);
  }
}
