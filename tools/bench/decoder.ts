/**
 * Decoder + LM bench (not a test): decodeSlots alone over the slots of stripped held-out
 * admin+legal lines (the 'test' split), with an empty memo (new text) and warm (same text
 * again), measured in CPU time of this process — the machine is shared, wall time is noisy.
 * Usage: npx tsx tools/bench/decoder.ts [--mode stripped|clean] [--reps 3] [--corpus ../shared/corpus]
 */
import { join, resolve } from 'node:path';
import { CommittedLM } from '../../src/restore/committed-lm.js';
import { decodeSlots, type Slot } from '../../src/restore/decoder.js';
import { getDefaultRestorer } from '../../src/restore/index.js';
import type { SlotBuilder } from '../../src/restore/slots.js';
import { tokenize } from '../../src/restore/tokenize.js';
import { readCorpusLines } from '../../src/lm/corpus.js';
import { loadLanguageModel } from '../../src/lm/index.js';
import { stripMarks } from '../../src/lang/fold.js';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const corpusDir = resolve(opt('--corpus', join(process.cwd(), '..', 'shared', 'corpus')));
const mode = opt('--mode', 'stripped') as 'stripped' | 'clean';
const reps = Number(opt('--reps', '3'));

const lines: string[] = [];
for (const f of ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz']) {
  for await (const line of readCorpusLines(join(corpusDir, f), 'test')) lines.push(line);
}
const text = mode === 'clean' ? lines.join('\n') : stripMarks(lines.join('\n'));
// Slots exactly as the default restorer builds them, through its (private) slot builder.
const restorer = (await getDefaultRestorer()) as unknown as { slots: SlotBuilder };
const table = restorer.slots.table(mode, mode === 'stripped' ? 8 : 12);
const slots: Slot[] = tokenize(text).map((p) => table.slotFor(p, restorer.slots.info(p.input)));
const opts = { beam: mode === 'stripped' ? 4 : 8, channelWeight: 1, bothSides: true, alternatives: 0 };
let candidates = 0;
for (const s of slots) candidates += s.candidates.length;
const cpuMs = () => process.cpuUsage().user / 1000;
console.log(`${mode}: ${slots.length} slots, ${(candidates / slots.length).toFixed(2)} candidates/slot, beam ${opts.beam}`);
for (let r = 0; r < reps; r++) {
  const lm = new CommittedLM(loadLanguageModel());
  let t = cpuMs();
  decodeSlots(lm, slots, opts);
  const cold = cpuMs() - t;
  t = cpuMs();
  decodeSlots(lm, slots, opts);
  const warm = cpuMs() - t;
  console.log(`rep ${r}: empty memo ${(slots.length / cold).toFixed(0)} k slots/s, warm ${(slots.length / warm).toFixed(0)} k slots/s (CPU time)`);
}
