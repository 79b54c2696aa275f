/**
 * SIGINT/SIGTERM must give the documented clean stop every time: exit 2, run-report.json with
 * "interrupted": true, the lock released. A real `vnplan run` child is signalled at several
 * moments; the in-process test pins the root cause (signal-exit, loaded by proper-lockfile,
 * re-raising the signal when vnplan's own listener was gone) and the signal during a write.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOutput } from '../../src/runner/lock.js';
import { nodeOutputIo, type OutputIo } from '../../src/output/write.js';
import { runFolder } from '../../src/runner/run-folder.js';
import type { RunReport } from '../../src/runner/report.js';
import { trapStopSignals } from '../../src/runner/signals.js';
import { runnerTestPipeline, tempDir } from '../e2e/helpers.js';
import { expectLockReleased, expectOnlyCompleteFiles, runVnplan, smallTexts, type ChildResult } from './helpers.js';

type Moment = { name: string; when: (e: ChildResult['events'][number], docs: number) => boolean; delayMs: number; second?: boolean };
const MOMENTS: Moment[] = [
  { name: 'at the start', when: (e) => e.event === 'start', delayMs: 0 },
  { name: 'mid-document', when: (e, docs) => e.event === 'document' && docs === 1, delayMs: 60 },
  { name: 'right after a document (its write, the next one starting)', when: (e, docs) => e.event === 'document' && docs === 2, delayMs: 0 },
  { name: 'twice (the second abandons the document in flight)', when: (e, docs) => e.event === 'document' && docs === 1, delayMs: 30, second: true },
];
/** Each moment × SIGTERM and SIGINT, this many times: 16 runs, PARALLEL at a time. */
const PARALLEL = 4;
const REPEATS = 2;
const DOCS = 40;

async function signalledRun(inDir: string, moment: Moment, signal: NodeJS.Signals) {
  const outDir = tempDir('out');
  let docs = 0;
  let sent = false;
  const res = await runVnplan(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only', '--concurrency', '1'], {
    onEvent: (e, kill) => {
      if (e.event === 'document') docs++;
      if (sent || !moment.when(e, docs)) return;
      sent = true;
      setTimeout(() => {
        kill(signal);
        if (moment.second) setTimeout(() => kill(signal), 20);
      }, moment.delayMs);
    },
  });
  return { res, outDir };
}

describe('vnplan run under SIGINT/SIGTERM (child process)', () => {
  it(`stops cleanly every time: ${MOMENTS.length} moments × 2 signals × ${REPEATS}`, async () => {
    const inDir = smallTexts(DOCS);
    const trials = MOMENTS.flatMap((m) => (['SIGTERM', 'SIGINT'] as const).flatMap((s) => Array.from({ length: REPEATS }, () => [m, s] as const)));
    const outcomes: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < trials.length; i += PARALLEL) {
      await Promise.all(
        trials.slice(i, i + PARALLEL).map(async ([moment, signal]) => {
          const { res, outDir } = await signalledRun(inDir, moment, signal);
          const report = existsSync(join(outDir, 'run-report.json')) ? (JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8')) as RunReport) : undefined;
          const lockLeft = existsSync(join(outDir, '.vnplan.lock')) || existsSync(join(outDir, '.vnplan.lock-owner.json'));
          const line = `${signal} ${moment.name}: exit ${res.code ?? res.signal}, interrupted ${report?.interrupted}, ${report?.documents.length ?? '-'} docs, lock ${lockLeft ? 'LEFT' : 'released'}`;
          outcomes.push(line);
          if (res.code !== 2 || report?.interrupted !== true || report.stopReason !== 'signal' || lockLeft) failures.push(`${line}\n${res.stderr.slice(-600)}`);
          else expectOnlyCompleteFiles(outDir);
        }),
      );
    }
    console.log(`signals: ${outcomes.length - failures.length} of ${outcomes.length} clean\n  ${outcomes.join('\n  ')}`);
    expect(failures).toEqual([]);
  });
});

describe('stop signals in process', () => {
  it('a trapped SIGTERM does not kill the process although proper-lockfile loaded signal-exit', async () => {
    const outDir = tempDir('out');
    const release = await lockOutput(outDir); // loads proper-lockfile → signal-exit
    const signals = trapStopSignals();
    try {
      process.kill(process.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 50));
      expect(signals.stop.aborted).toBe(true);
      // The second signal too (a once-listener would be gone by now and signal-exit would kill).
      process.kill(process.pid, 'SIGINT');
      await new Promise((r) => setTimeout(r, 50));
      expect(signals.abandon.aborted).toBe(true);
    } finally {
      signals.dispose();
      await release();
    }
  });

  it('a stop during a write lets that document finish whole and takes no more', async () => {
    const inDir = smallTexts(4);
    const outDir = tempDir('out');
    const signals = trapStopSignals();
    let writes = 0;
    // SIGTERM arrives while the second document's text is being written.
    const io: OutputIo = {
      ...nodeOutputIo,
      async writeNew(path, data) {
        if (path.includes('.txt.') && ++writes === 2) {
          process.kill(process.pid, 'SIGTERM');
          await new Promise((r) => setTimeout(r, 50));
          expect(signals.stop.aborted).toBe(true);
        }
        return nodeOutputIo.writeNew(path, data);
      },
    };
    try {
      const report = await runFolder(inDir, { out: outDir, pipeline: runnerTestPipeline(), concurrency: 1, signal: signals.stop, abandon: signals.abandon, outputIo: io });
      expect(report).toMatchObject({ interrupted: true, stopReason: 'signal' });
      expect(report.documents.map((d) => d.status)).toEqual(['ok', 'ok']);
      expect(expectOnlyCompleteFiles(outDir)).toBe(2);
      expectLockReleased(outDir);
    } finally {
      signals.dispose();
    }
  });

  it('a second signal abandons the document in flight: the run reports without waiting for it', async () => {
    const inDir = smallTexts(4);
    const outDir = tempDir('out');
    const signals = trapStopSignals();
    let hold: (() => void) | undefined;
    // The first document's write never finishes until the run has reported.
    const stuck: OutputIo = {
      ...nodeOutputIo,
      async writeNew(path, data) {
        if (path.includes('.txt.') && !hold) {
          await new Promise<void>((r) => {
            hold = r;
            process.kill(process.pid, 'SIGTERM');
            setTimeout(() => process.kill(process.pid, 'SIGINT'), 30);
          });
        }
        return nodeOutputIo.writeNew(path, data);
      },
    };
    try {
      const report = await runFolder(inDir, { out: outDir, pipeline: runnerTestPipeline(), concurrency: 1, signal: signals.stop, abandon: signals.abandon, outputIo: stuck });
      expect(report).toMatchObject({ interrupted: true, stopReason: 'signal', documents: [] });
      expectLockReleased(outDir);
    } finally {
      hold?.();
      signals.dispose();
    }
  });
});
