/**
 * LM bench (not a test): load time, RSS, lookups/s, held-out perplexity per corpus and the
 * most-frequent-variant baseline accuracy on held-out test lines.
 * Usage: npx tsx tools/bench/lm.ts [--corpus ../shared/corpus] [--lines 300]
 */
import { join, resolve } from 'node:path';
import { isValidSyllable } from '../../src/lang/syllable.js';
import { readCorpusLines } from '../../src/lm/corpus.js';
import { baselineRestore, loadLanguageModel, tokenizeForLM } from '../../src/lm/index.js';
import { stripMarks } from '../../src/lang/fold.js';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const corpusDir = resolve(opt('--corpus', join(process.cwd(), '..', 'shared', 'corpus')));
const maxLines = Number(opt('--lines', '300'));

const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const lm = loadLanguageModel();
const loadMs = performance.now() - t0;
console.log(`load ${loadMs.toFixed(0)} ms, RSS +${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB (total ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB), vocab ${lm.vocabSize}, weights fwd ${lm.weights.map((w) => w.toFixed(3))} bwd ${lm.backward?.weights.map((w) => w.toFixed(3))}`);

const files = { admin: 'admin_word_recommend.txt.gz', legal: 'legal_tvpl_johnpa02.txt.gz', phapdien: 'legal_phapdien_diepxuan.txt.gz', wiki: 'viwiki.txt.gz' };
const allIds: number[] = [];
for (const [name, file] of Object.entries(files)) {
  let logSum = 0;
  let logSumB = 0;
  let n = 0;
  let correct = 0;
  let total = 0;
  let lines = 0;
  for await (const line of readCorpusLines(join(corpusDir, file), 'test')) {
    if (lines >= maxLines) break;
    lines++;
    for (const clause of tokenizeForLM(line)) {
      logSum += lm.sentenceLogProb(clause);
      logSumB += lm.backward?.sentenceLogProb(clause) ?? 0;
      n += clause.length + 1;
      for (const u of clause) allIds.push(lm.vocabId(u));
      const restored = baselineRestore(clause.map((u) => stripMarks(u)), lm);
      clause.forEach((u, i) => {
        if (!isValidSyllable(u)) return;
        total++;
        if (restored[i] === u) correct++;
      });
    }
  }
  console.log(`${name}: ${lines} test lines, ${n} tokens, perplexity fwd ${(10 ** (-logSum / n)).toFixed(1)} bwd ${(10 ** (-logSumB / n)).toFixed(1)}, baseline syllable accuracy ${((100 * correct) / total).toFixed(2)}% (${total} syllables)`);
}

const reps = Math.max(1, Math.ceil(2_000_000 / allIds.length));
let sink = 0;
const t1 = performance.now();
for (let r = 0; r < reps; r++) {
  for (let i = 2; i < allIds.length; i++) sink += lm.logProb3(allIds[i - 2], allIds[i - 1], allIds[i]);
}
const secs = (performance.now() - t1) / 1000;
console.log(`logProb3 (3-component mixture): ${((reps * (allIds.length - 2)) / secs / 1e6).toFixed(2)} M lookups/s (checksum ${sink.toFixed(0)})`);

// State API with the full order-1 history (what a decoder uses).
let state = lm.initialState();
const t2 = performance.now();
for (let r = 0; r < reps; r++) {
  for (const id of allIds) {
    const s = lm.score(state, id);
    sink += s.logProb;
    state = s.nextState;
  }
}
const secs2 = (performance.now() - t2) / 1000;
console.log(`score(state, id) with ${lm.order - 1}-word history: ${((reps * allIds.length) / secs2 / 1e6).toFixed(2)} M lookups/s (checksum ${sink.toFixed(0)})`);

// Decoder pattern: several candidate words after one context (what Viterbi asks). logProb walks
// the tries for the context on every call; logProbCached resolves each context once.
{
  const cands = [...new Set(allIds)].slice(0, 8);
  const hist = new Int32Array(3);
  const run = (cached: boolean): [number, number] => {
    let sum = 0;
    const t = performance.now();
    for (let i = 3; i < allIds.length; i++) {
      hist[0] = allIds[i - 3]; hist[1] = allIds[i - 2]; hist[2] = allIds[i - 1];
      for (const w of cands) sum += cached ? lm.logProbCached(hist, 3, w) : lm.logProb(hist, w);
    }
    return [((allIds.length - 3) * cands.length) / ((performance.now() - t) / 1000) / 1e6, sum];
  };
  const best = { plain: 0, cached: 0 };
  let same = true;
  for (let r = 0; r < 3; r++) {
    const [a, sa] = run(false);
    const [b, sb] = run(true);
    best.plain = Math.max(best.plain, a);
    best.cached = Math.max(best.cached, b);
    same &&= sa === sb;
  }
  console.log(`decoder pattern (${cands.length} words per 3-word context, best of 3): logProb ${best.plain.toFixed(2)} M/s, logProbCached ${best.cached.toFixed(2)} M/s (identical sums: ${same})`);
}
