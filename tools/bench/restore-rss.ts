/**
 * Memory and speed of the restorer alone over a long run of documents it has not seen, the
 * way a nightly run meets them — for `npm run bench:restore` (whose own process also holds
 * corpus lines and scores, so its RSS is not the restorer's). Reads corpus lines of the
 * administrative and legal sources whose FNV-1a hash % 100 lies in [2, LIMIT) — and always the
 * SPEED_LINES buckets [2, 12), whatever LIMIT — (training-split
 * lines: the only unseen text long enough; the LM has seen them, so the speed is a little
 * optimistic), strips their marks, cuts them into documents of DOC_LINES lines, restores each
 * once. The lines in SPEED_LINES ([2, 12)) were left out of the certain-context table
 * (src/restore/certain.ts), which decides most syllables of the lines it was built from: their
 * documents, spread evenly through the run, give the speed on unseen text (unseenKSylPerS);
 * kSylPerS is over all documents. Applies the command line's V8 settings (src/v8-tuning.ts)
 * unless --v8-default; --no-certain restores without the certain-context table.
 * The first 100 k syllables of a run also pay for V8 compiling the hot code (most of the first
 * block's time); unseenAfterFirstBlockKSylPerS is the unseen documents' speed after them.
 * --jit-warm separates that cost from the caches': another restorer, over a language model
 * loaded for it alone (its own context cache and variant index), first restores WARM_DOCUMENTS
 * documents of the corpus's dev split, stripped, and is dropped; the measured restorer is loaded
 * after it with its own model, tables and caches. Only module-level memos are shared: the
 * tokenizer's run shapes, the LM units and character skeletons of words, the output styling.
 * Its loadMs and RSS are then not those of a fresh process (bench:restore prints neither).
 * Prints one JSON line: { documents, syllables, loadMs, loadRssMB, peakRssMB, kSylPerS,
 * unseenDocuments, unseenSyllables, unseenKSylPerS, unseenAfterFirstBlockKSylPerS, helperThreadsCpuMs, blocks }
 * where blocks are the throughputs (k syl/s, CPU time) of consecutive 100 k-syllable stretches,
 * and helperThreadsCpuMs the CPU time V8's helper threads (compiler, collector) spent during the
 * run, which the figures include (Linux only).
 * Usage: npx tsx tools/bench/restore-rss.ts [LIMIT=45] [--v8-default] [--no-certain] [--jit-warm]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The V8 settings first, as the command line applies them: before any of the project's modules is evaluated.
if (!process.argv.includes('--v8-default')) await import('../../src/v8-tuning.js');
const { stripMarks } = await import('../../src/lang/fold.js');
const { fnv1a, readCorpusLines } = await import('../../src/lm/corpus.js');
const { SPEED_LINES } = await import('../../src/restore/certain.js');
const { createRestorer, getDefaultRestorer } = await import('../../src/restore/index.js');

const DOC_LINES = 80;
const OPTIONS = process.argv.includes('--no-certain') ? { certainContexts: false } : {};
const LIMIT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 45);
const SOURCES = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz'];
const { sharedDir } = await import('../lib/dev-docs.js');
/** ../shared/corpus (or --shared DIR's corpus; from a worktree ../../shared). */
const CORPUS = join(sharedDir(), 'corpus');

const WARM_DOCUMENTS = 60;

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
if (process.argv.includes('--jit-warm')) {
  const { CommittedLM } = await import('../../src/restore/committed-lm.js');
  const { loadFromDir } = await import('../../src/lm/language-model.js');
  const { defaultLmDir } = await import('../../src/lm/index.js');
  // Not loadLanguageModel(), whose per-directory cache would hand the measured restorer the same model.
  const warmUp = createRestorer(new CommittedLM(loadFromDir(defaultLmDir())));
  const dev: string[] = [];
  for (const file of SOURCES) for await (const line of readCorpusLines(join(CORPUS, file), 'dev')) dev.push(line);
  for (let d = 0; d < WARM_DOCUMENTS && d * DOC_LINES < dev.length; d++) warmUp.restore(stripMarks(dev.slice(d * DOC_LINES, (d + 1) * DOC_LINES).join('\n')), OPTIONS);
}
const start = performance.now();
const restorer = await getDefaultRestorer();
const loadMs = Math.round(performance.now() - start);
const loadRssMB = mb(process.memoryUsage().rss);

const unseenLines: string[] = [];
const otherLines: string[] = [];
for (const file of SOURCES) {
  for await (const line of readCorpusLines(join(CORPUS, file))) {
    const bucket = fnv1a(line) % 100;
    if (bucket >= SPEED_LINES.from && bucket < SPEED_LINES.to) unseenLines.push(line);
    else if (bucket >= 2 && bucket < LIMIT) otherLines.push(line);
  }
}
/** Documents of DOC_LINES lines, the two sources mixed (documents alternate between genres in a real folder). */
function documents(lines: string[]): string[] {
  lines.sort((a, b) => fnv1a(`${a}\u0000`) - fnv1a(`${b}\u0000`));
  const docs: string[] = [];
  for (let i = 0; i < lines.length; i += DOC_LINES) docs.push(stripMarks(lines.slice(i, i + DOC_LINES).join('\n')));
  lines.length = 0;
  return docs;
}
const unseenDocs = documents(unseenLines);
const otherDocs = documents(otherLines);
// The unseen documents spread evenly through the run: the speed of a run, not of its start.
const docs: { text: string; unseen: boolean }[] = [];
for (let u = 0, o = 0; u < unseenDocs.length || o < otherDocs.length;) {
  if (o >= otherDocs.length || (u < unseenDocs.length && u * (otherDocs.length + 1) <= o * unseenDocs.length)) docs.push({ text: unseenDocs[u++], unseen: true });
  else docs.push({ text: otherDocs[o++], unseen: false });
}

/**
 * CPU time (ms) of the process's threads other than the main one — V8's compiler and collector
 * helpers, counted in the run's CPU time — from /proc (Linux; undefined elsewhere).
 */
function helperThreadsMs(): number | undefined {
  try {
    let ticks = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      if (tid === String(process.pid)) continue;
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    // Clock ticks: 100 per second on Linux.
    return ticks * 10;
  } catch {
    return undefined;
  }
}
const helpersBefore = helperThreadsMs();

let syllables = 0;
let cpuMs = 0;
let unseenDocuments = 0;
let unseenSyllables = 0;
let unseenMs = 0;
let laterUnseenSyllables = 0;
let laterUnseenMs = 0;
const blocks: number[] = [];
let blockSyllables = 0;
let blockMs = 0;
for (const doc of docs) {
  const n = doc.text.split(/\s+/).filter(Boolean).length;
  const before = process.cpuUsage();
  restorer.restore(doc.text, OPTIONS);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  syllables += n; cpuMs += ms; blockSyllables += n; blockMs += ms;
  if (doc.unseen) {
    unseenDocuments++; unseenSyllables += n; unseenMs += ms;
    // Started after the run's first 100 k syllables.
    if (syllables - n >= 100_000) { laterUnseenSyllables += n; laterUnseenMs += ms; }
  }
  if (blockSyllables >= 100_000) { blocks.push(Math.round(blockSyllables / blockMs)); blockSyllables = 0; blockMs = 0; }
}
const helpersAfter = helperThreadsMs();
console.log(JSON.stringify({
  documents: docs.length, syllables, loadMs, loadRssMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  kSylPerS: Math.round(syllables / cpuMs), unseenDocuments, unseenSyllables, unseenKSylPerS: Math.round(unseenSyllables / unseenMs),
  unseenAfterFirstBlockKSylPerS: Math.round(laterUnseenSyllables / laterUnseenMs),
  helperThreadsCpuMs: helpersBefore === undefined || helpersAfter === undefined ? undefined : helpersAfter - helpersBefore, blocks,
}));
