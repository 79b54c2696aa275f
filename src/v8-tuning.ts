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
 * Measured with `npx tsx scripts/restore-rss.ts 95` (1,360 unseen documents, 2.9 M
 * syllables): peak RSS 579 MB with V8's defaults (`--v8-default`), 484 MB without
 * pretenuring, 331 MB with growth capped at 1.5× as well; 68 and 64 k syllables/s, within
 * the machine's run-to-run noise.
 */
import { setFlagsFromString } from 'node:v8';

// Collector policy flags, consulted each time the collector processes allocation feedback or
// sets its next limit, so setting them after start-up takes effect (the figures above were
// measured this way).
setFlagsFromString('--no-allocation-site-pretenuring');
setFlagsFromString('--heap-growing-percent=50');
