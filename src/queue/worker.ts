/**
 * `vnplan worker`: takes document jobs from the queue and processes each exactly as a local
 * run does (runner/document-job.ts: same up-to-date check, pipeline, atomic writes, docIds,
 * diagnostics and error codes), writing into the job's output folder on the shared disk.
 *
 * Delivery is at least once, so a job must be harmless to run twice: a redelivered job whose
 * record is already up to date is skipped, and records are replaced atomically. A worker
 * killed mid-job (kill -9, machine lost) stops renewing the job's lock; after stalledSeconds
 * BullMQ's stalled-job check of any other worker puts the job back in the queue.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { availableParallelism } from 'node:os';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import { handleDocument } from '../runner/document-job.js';
import { processDocument } from '../runner/process.js';
import { shutdown } from '../runner/shutdown.js';
import { checkRedis, QUEUE_NAME, QUEUE_PREFIX, redisOptionsFromUrl } from './connection.js';
import { TRANSIENT_CODES, type DocumentJobData, type DocumentJobResult } from './jobs.js';

/**
 * Seconds a job's lock lasts without renewal (renewed every half of it while the worker
 * lives): how long a killed worker's job waits before another worker takes it. Longer
 * tolerates longer event-loop stalls of a live worker (a false stall only costs a second,
 * idempotent run of the document); shorter recovers lost jobs sooner.
 */
export const DEFAULT_STALLED_SECONDS = 30;
/**
 * Processed once before the worker takes jobs, so the restoration and extraction models are
 * loaded (seconds of CPU) before the first document rather than during it. Unaccented on
 * purpose: restoration runs only on text that needs it.
 */
const WARM_UP_TEXT = 'KE HOACH\nThuc hien nhiem vu cai cach hanh chinh nam 2024 cua Uy ban nhan dan huyen.\n';
export const WARM_UP_PIPELINE = 'default';

/** A job may be recovered from stalled workers this many times before it fails (a document that kills its worker). */
export const MAX_STALLED_COUNT = 2;

export type WorkerEvent =
  | { type: 'ready'; concurrency: number; queue: string }
  | { type: 'active'; jobId: string; relPath: string; attempt: number }
  | { type: 'job'; jobId: string; relPath: string; status: string; seconds: number; attempt: number; error?: { code: string; message: string } }
  | { type: 'retry'; jobId: string; relPath: string; attempt: number; error: string }
  | { type: 'stopping' }
  | { type: 'error'; message: string };

export interface WorkerOptions {
  /** redis://HOST:PORT */
  queue: string;
  /** Documents processed at once; default: cores. */
  concurrency?: number;
  /** OCR workers shared by this process's documents; default: cores. */
  ocrWorkers?: number;
  stalledSeconds?: number;
  /** Aborted: stop taking jobs, let those in flight finish, then resolve. */
  signal?: AbortSignal;
  /** Aborted: stop at once; jobs in flight are left for another worker (as if this one were killed). */
  abandon?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  await checkRedis(options.queue);
  const concurrency = options.concurrency ?? Math.max(1, availableParallelism());
  const emit = options.onEvent ?? (() => undefined);
  const pipelines = new Map<string, Promise<Pipeline>>();
  const pipelineFor = (name: string) => {
    let p = pipelines.get(name);
    if (!p) pipelines.set(name, (p = getPipeline(name)));
    return p;
  };
  const lockDuration = (options.stalledSeconds ?? DEFAULT_STALLED_SECONDS) * 1000;

  const processor = async (job: Job<DocumentJobData, DocumentJobResult>): Promise<DocumentJobResult> => {
    const d = job.data;
    const attempt = job.attemptsMade + 1;
    emit({ type: 'active', jobId: job.id!, relPath: d.relPath, attempt });
    const pipeline = await pipelineFor(d.pipeline);
    if (pipeline.version !== d.pipelineVersion) {
      throw new Error(`VERSION_MISMATCH: this worker runs pipeline ${pipeline.version}, the run expects ${d.pipelineVersion}; install the same vnplan version on every machine`);
    }
    const outcome = await handleDocument(
      { path: d.path, relPath: d.relPath },
      d.docId,
      undefined,
      d.outDir,
      pipeline,
      d.force,
      {
        ...d.options,
        ...(options.ocrWorkers ? { ocrWorkers: options.ocrWorkers } : {}),
        onProgress: (e) => void job.updateProgress(e).catch(() => undefined),
      },
      undefined,
      d.forcedSince,
    );
    const result: DocumentJobResult = { report: outcome.report, entry: outcome.entry };
    const error = outcome.report.error;
    emit({ type: 'job', jobId: job.id!, relPath: d.relPath, status: outcome.report.status, seconds: outcome.report.seconds, attempt, ...(error ? { error } : {}) });
    if (!error) return result;
    const message = `${error.code}: ${error.message}`;
    if (TRANSIENT_CODES.has(error.code) && attempt < (job.opts.attempts ?? 1)) {
      emit({ type: 'retry', jobId: job.id!, relPath: d.relPath, attempt, error: message });
      throw new Error(message);
    }
    // The run reads the failure from the job's data, as it reads a success from its return value.
    await job.updateData({ ...d, outcome: result });
    throw new UnrecoverableError(message);
  };

  const worker = new Worker<DocumentJobData, DocumentJobResult>(QUEUE_NAME, processor, {
    connection: redisOptionsFromUrl(options.queue),
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  worker.on('error', (err) => emit({ type: 'error', message: err.message }));
  const closed = new Promise<void>((resolveClosed) => {
    const stop = (force: boolean) => {
      emit({ type: 'stopping' });
      const closing = worker.close(force);
      // A forced stop does not wait: with Redis unreachable, close() waits for a reconnection.
      if (force) resolveClosed();
      else void closing.then(resolveClosed, resolveClosed);
    };
    if (options.signal?.aborted) stop(false);
    else options.signal?.addEventListener('abort', () => stop(false), { once: true });
    options.abandon?.addEventListener('abort', () => stop(true), { once: true });
  });
  await processDocument({ bytes: new TextEncoder().encode(WARM_UP_TEXT), relPath: 'warm-up.txt' }, { pipeline: await pipelineFor(WARM_UP_PIPELINE) });
  await worker.waitUntilReady();
  emit({ type: 'ready', concurrency, queue: options.queue });
  void worker.run().catch((err: unknown) => emit({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  try {
    await closed;
  } finally {
    await shutdown();
  }
}

