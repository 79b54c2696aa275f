/**
 * SIGINT/SIGTERM during a batch run. The first signal asks the run to stop taking documents
 * (those in flight finish within the runner's grace time); the second abandons the documents
 * in flight; either way the run writes its report (`"interrupted": true`), releases the lock
 * and the CLI exits 2. A third signal exits 2 at once (the lock folder is still removed by
 * proper-lockfile's exit hook).
 *
 * Why the listeners stay installed until the process exits: proper-lockfile loads signal-exit,
 * whose own SIGINT/SIGTERM listener re-raises the signal — killing the process with 130/143,
 * no report, lock owner file left — whenever it finds no other listener for that signal. A
 * `process.once` listener removes itself before the listeners after it run, so signal-exit
 * found itself alone and killed the run during its clean stop (and on any later signal).
 * Listeners that stay registered keep signal-exit passive for the whole run.
 */
import { EXIT } from '../errors.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface StopSignals {
  /** Aborted by the first SIGINT/SIGTERM. */
  stop: AbortSignal;
  /** Aborted by the second. */
  abandon: AbortSignal;
  /** Removes the listeners (tests and library callers; the CLI keeps them until exit). */
  dispose(): void;
}

export function trapStopSignals(onSignal?: (signal: NodeJS.Signals, count: number) => void): StopSignals {
  const stop = new AbortController();
  const abandon = new AbortController();
  let count = 0;
  const listener = (signal: NodeJS.Signals) => {
    count++;
    onSignal?.(signal, count);
    if (count === 1) stop.abort(signal);
    else if (count === 2) abandon.abort(signal);
    else process.exit(EXIT.FATAL);
  };
  for (const s of STOP_SIGNALS) process.on(s, listener);
  return {
    stop: stop.signal,
    abandon: abandon.signal,
    dispose: () => {
      for (const s of STOP_SIGNALS) process.off(s, listener);
    },
  };
}
