/** `vnplan worker --queue redis://HOST:PORT`: processes queued documents until stopped. */
import { Command } from 'commander';
import { DEFAULT_STALLED_SECONDS, runWorker, type WorkerEvent } from '../queue/worker.js';
import { trapStopSignals } from '../runner/signals.js';
import { positiveInt } from './run.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take documents queued by `vnplan run --queue` and process them (on any number of machines)')
    .requiredOption('-q, --queue <url>', 'the Redis of the queue: redis://HOST:PORT')
    .option('-c, --concurrency <n>', 'documents processed at once (default: cores)', positiveInt)
    .option('--ocr-workers <n>', 'tesseract workers shared by this worker\'s documents (default: cores)', positiveInt)
    .option('--stalled-seconds <n>', `how long the job of a lost worker (killed, machine down) waits before another worker takes it`, positiveInt, DEFAULT_STALLED_SECONDS)
    .addHelpText(
      'after',
      `
Inputs and outputs are named by absolute path in each job: mount the shared disk at the same
path on every machine. Logs one JSON object per line on stderr.
SIGINT/SIGTERM: no new jobs, those in flight finish, then exit 0; a second signal exits at once
(its jobs go back to the queue after --stalled-seconds).

Example:
  vnplan worker --queue redis://10.0.0.5:6379 --concurrency 2`,
    )
    .action(async (opts: { queue: string; concurrency?: number; ocrWorkers?: number; stalledSeconds: number }) => {
      const log = (e: WorkerEvent | { type: 'signal'; signal: string }) => {
        const { type, ...rest } = e;
        process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event: type, pid: process.pid, ...rest })}\n`);
      };
      const signals = trapStopSignals((signal) => log({ type: 'signal', signal }));
      await runWorker({
        queue: opts.queue,
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        ...(opts.ocrWorkers ? { ocrWorkers: opts.ocrWorkers } : {}),
        stalledSeconds: opts.stalledSeconds,
        signal: signals.stop,
        abandon: signals.abandon,
        onEvent: log,
      });
    });
}
