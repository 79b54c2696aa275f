/**
 * Memory and speed of the restorer alone over a long run of documents it has not seen, the
 * way a nightly run meets them — for `npm run bench:restore` (whose own process also holds
 * corpus lines and scores, so its RSS is not the restorer's). Reads corpus lines of the
 * administrative and legal sources whose FNV-1a hash % 100 lies in [2, LIMIT) (training-split
 * lines: the only unseen text long enough; the LM has seen them, so the speed is a little
 * optimistic), strips their marks, cuts them into documents of DOC_LINES lines, restores each
 * once. Applies the command line's V8 settings (src/v8-tuning.ts) unless --v8-default.
 * Prints one JSON line: { documents, syllables, loadMs, loadRssMB, peakRssMB, kSylPerS, blocks }
 * where blocks are the throughputs (k syl/s, CPU time) of consecutive 100 k-syllable stretches.
 * Usage: npx tsx scripts/restore-rss.ts [LIMIT=45] [--v8-default]
 */
import { join, resolve } from 'node:path';
import { stripMarks } from '../src/lang/syllable.js';
import { fnv1a, readCorpusLines } from '../src/lm/corpus.js';

if (!process.argv.includes('--v8-default')) await import('../src/v8-tuning.js');
const { getDefaultRestorer } = await import('../src/restore/index.js');

const DOC_LINES = 80;
const LIMIT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 45);
const SOURCES = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz'];

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const start = performance.now();
const restorer = await getDefaultRestorer();
const loadMs = Math.round(performance.now() - start);
const loadRssMB = mb(process.memoryUsage().rss);

const lines: string[] = [];
for (const file of SOURCES) {
  for await (const line of readCorpusLines(join(resolve('../shared/corpus'), file))) {
    const bucket = fnv1a(line) % 100;
    if (bucket >= 2 && bucket < LIMIT) lines.push(line);
  }
}
// Mix the two sources (documents alternate between genres in a real folder).
lines.sort((a, b) => fnv1a(`${a}\u0000`) - fnv1a(`${b}\u0000`));
const docs: string[] = [];
for (let i = 0; i < lines.length; i += DOC_LINES) docs.push(stripMarks(lines.slice(i, i + DOC_LINES).join('\n')));
lines.length = 0;

let syllables = 0;
let cpuMs = 0;
const blocks: number[] = [];
let blockSyllables = 0;
let blockMs = 0;
for (const doc of docs) {
  const n = doc.split(/\s+/).filter(Boolean).length;
  const before = process.cpuUsage();
  restorer.restore(doc);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  syllables += n; cpuMs += ms; blockSyllables += n; blockMs += ms;
  if (blockSyllables >= 100_000) { blocks.push(Math.round(blockSyllables / blockMs)); blockSyllables = 0; blockMs = 0; }
}
console.log(JSON.stringify({
  documents: docs.length, syllables, loadMs, loadRssMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  kSylPerS: Math.round(syllables / cpuMs), blocks,
}));
