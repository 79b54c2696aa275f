/**
 * V8 settings for long runs, applied by the command line (src/cli.ts imports this module
 * first, before other modules allocate). Library users who restore many documents in one
 * process may import it too (`vnplan/v8-tuning`); nothing else depends on it.
 *
 * Restoring a document allocates its lattice, slots and result in bursts that are all alive
 * while the document is decoded, then die together. With V8's defaults two things let that
 * garbage pile up in the old generation:
 *  - allocation-site pretenuring learns from those bursts to allocate the sites straight
 *    into the old generation, where every later document's short-lived objects land too;
 *  - the old generation may grow to several times its live size before a full collection
 *    (the restorer's live heap, caches included, stays near 130 MB).
 * Measured with `npx tsx tools/bench/restore-rss.ts 95` (1,360 unseen documents, 2.9 M
 * syllables): peak RSS 579 MB with V8's defaults (`--v8-default`), 484 MB without
 * pretenuring, 331 MB with growth capped at 1.5× as well; 68 and 64 k syllables/s, within
 * the machine's run-to-run noise.
 */
import { setFlagsFromString } from 'node:v8';

// Compiler policy. A run's first documents are slow mostly because V8 compiles: over the first
// 15 documents of `tools/bench/restore-rss.ts` its optimising compiler used ~0.5 s of CPU on
// helper threads beside ~0.3 s of restoring, and whole-document loops made it compile many
// functions twice (on-stack replacement, then again on entry). A 4.4× larger interrupt
// budget (300,000 bytes of bytecode executed before a function is considered; default 67,584)
// leaves lukewarm functions to the baseline tier, and a smaller cumulative inlining budget
// (400 bytecode bytes; default 920) keeps each optimised function's graph smaller. Measured on
// that bench, interleaved runs (the median ratio of five or six rounds): 234 → 161 compiles,
// unseen-text speed ×1.14–1.18, the speed after the run's first 100 k syllables not lower.
// Set before the restorer's modules are evaluated, so that every function they create runs
// under these settings.
setFlagsFromString('--interrupt-budget=300000');
setFlagsFromString('--max-inlined-bytecode-size-cumulative=400');

// Collector policy flags, consulted each time the collector processes allocation feedback or
// sets its next limit, so setting them after start-up takes effect (the figures above were
// measured this way).
setFlagsFromString('--no-allocation-site-pretenuring');
setFlagsFromString('--heap-growing-percent=50');
