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
 * Turning pretenuring off and capping growth at 1.5× keeps peak RSS well below the defaults'
 * at the same speed; docs/benchmarks.md gives the figures and the command that compares them.
 */
import { setFlagsFromString } from 'node:v8';

// Compiler policy. A run's first documents are slow mostly because V8 compiles: its optimising
// compiler spends more CPU than restoring does, and whole-document loops make it compile many
// functions twice (on-stack replacement, then again on entry). A larger interrupt budget
// (300,000 bytes of bytecode executed before a function is considered; default 67,584)
// leaves lukewarm functions to the baseline tier, and a smaller cumulative inlining budget
// (400 bytecode bytes; default 920) keeps each optimised function's graph smaller: fewer
// compiles and faster unseen text, without slowing the run once it is warm.
// Set before the restorer's modules are evaluated, so that every function they create runs
// under these settings.
setFlagsFromString('--interrupt-budget=300000');
setFlagsFromString('--max-inlined-bytecode-size-cumulative=400');

// Collector policy flags, consulted each time the collector processes allocation feedback or
// sets its next limit, so setting them after start-up takes effect.
setFlagsFromString('--no-allocation-site-pretenuring');
setFlagsFromString('--heap-growing-percent=50');
