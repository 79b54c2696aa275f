/**
 * What keeping alternatives costs the restore stage (it now always asks the decoder for
 * REVIEW_ALTERNATIVES per token, for the review page): the stripped dev-docs restored with 0
 * and with 3 alternatives, interleaved, CPU time of this process (steadier than wall time on a
 * shared machine), and a check that the restored text is the same.
 * Usage: npx tsx tools/bench/review-alternatives.ts [--shared DIR] [--rounds N]
 */
import { join } from 'node:path';
import { readDevDocs, sharedDir, strip } from '../lib/dev-docs.js';
import { REVIEW_ALTERNATIVES } from '../../src/stages/restore.js';

await import('../../src/v8-tuning.js');
const { getDefaultRestorer } = await import('../../src/restore/index.js');
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 3;
const docs = readDevDocs(join(sharedDir(), 'corpus', 'dev-docs')).map((d) => strip(d.text));
const restorer = await getDefaultRestorer();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const times: Record<number, number[]> = { 0: [], [REVIEW_ALTERNATIVES]: [] };
let same = true;
restorer.restore(docs[0]!, {}); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const alternatives of r % 2 ? [REVIEW_ALTERNATIVES, 0] : [0, REVIEW_ALTERNATIVES]) {
    const t = cpu();
    const texts = docs.map((d) => restorer.restore(d, { alternatives }).text);
    times[alternatives]!.push(cpu() - t);
    if (alternatives === REVIEW_ALTERNATIVES) same &&= texts.every((x, k) => x === restorer.restore(docs[k]!, { alternatives: 0 }).text);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a = median(times[0]!);
const b = median(times[REVIEW_ALTERNATIVES]!);
console.log(`${docs.length} stripped dev-docs, ${rounds} interleaved rounds, CPU: 0 alternatives ${(a / 1000).toFixed(1)} s, ${REVIEW_ALTERNATIVES} alternatives ${(b / 1000).toFixed(1)} s (×${(b / a).toFixed(3)}); same text: ${same}`);
