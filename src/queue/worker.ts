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
import { Job, Queue, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import type { RecognisedPages } from '../document.js';
import { failedOutcome, handleDocument, recordIsCurrent, type DocumentOutcome } from '../runner/document-job.js';
import { processDocument, sha256 } from '../runner/process.js';
import { shutdown } from '../runner/shutdown.js';
import { checkRedis, QUEUE_NAME, QUEUE_PREFIX, redisOptionsFromUrl } from './connection.js';
import {
  isPageRangeJob,
  jobOptions,
  pageJobIdFor,
  TRANSIENT_CODES,
  type DocumentJobData,
  type DocumentJobResult,
  type PageRangeJobData,
  type PageRangeJobResult,
  type QueueJobData,
  type QueueJobResult,
} from './jobs.js';
import { loadParts, planSplit, readPageRange, removeParts } from './page-jobs.js';

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
  /** `pages`: a page-range job of a split document ("from-to"). */
  | { type: 'active'; jobId: string; relPath: string; attempt: number; pages?: string }
  /** `recognised`: the pages a page-range job read, or the number of pages a joining job took from parts. */
  | { type: 'job'; jobId: string; relPath: string; status: string; seconds: number; attempt: number; pages?: string; recognised?: number[] | number; error?: { code: string; message: string } }
  | { type: 'split'; jobId: string; relPath: string; pages: number; parts: number }
  | { type: 'parts-missing'; jobId: string; relPath: string; ranges: { from: number; to: number }[] }
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

  const connection = redisOptionsFromUrl(options.queue);
  // Where a split document's page-range jobs are added (the same queue: every worker takes both kinds).
  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const checkVersion = (pipeline: Pipeline, wanted: string) => {
    if (pipeline.version !== wanted) {
      throw new Error(`VERSION_MISMATCH: this worker runs pipeline ${pipeline.version}, the run expects ${wanted}; install the same vnplan version on every machine`);
    }
  };
  /** A failure: retried when transient and attempts remain, else stored for the run and final. */
  const fail = async (job: Job<QueueJobData, QueueJobResult>, outcome: DocumentOutcome, relPath: string, attempt: number): Promise<never> => {
    const error = outcome.report.error!;
    const message = `${error.code}: ${error.message}`;
    if (TRANSIENT_CODES.has(error.code) && attempt < (job.opts.attempts ?? 1)) {
      emit({ type: 'retry', jobId: job.id!, relPath, attempt, error: message });
      throw new Error(message);
    }
    // The run reads the failure from the job's data, as it reads a success from its return value.
    await job.updateData({ ...job.data, outcome: { report: outcome.report, entry: outcome.entry } });
    throw new UnrecoverableError(message);
  };

  const processPages = async (job: Job<QueueJobData, QueueJobResult>, d: PageRangeJobData): Promise<PageRangeJobResult> => {
    const attempt = job.attemptsMade + 1;
    const part = `${d.range.from}-${d.range.to}`;
    emit({ type: 'active', jobId: job.id!, relPath: d.relPath, attempt, pages: part });
    const pipeline = await pipelineFor(d.pipeline);
    checkVersion(pipeline, d.pipelineVersion);
    const started = performance.now();
    try {
      const result = await readPageRange(d, pipeline, {
        ...(options.ocrWorkers ? { ocrWorkers: options.ocrWorkers } : {}),
        onProgress: (e) => void job.updateProgress({ ...e, range: d.range, documentPages: d.documentPages }).catch(() => undefined),
      });
      emit({ type: 'job', jobId: job.id!, relPath: d.relPath, status: result.status, seconds: result.seconds, attempt, pages: part, recognised: result.pages });
      // A sibling range failed for good while this one was read: the document has failed and
      // its parts were removed; do not leave this one behind. (Checked after writing: a
      // failure after this check removes the part with the others.)
      const parent = job.parent?.id ? await Job.fromId(queue, job.parent.id) : undefined;
      if (job.parent?.id && (!parent || (await parent.getState()) === 'failed')) await removeParts(d.outDir, d.docId).catch(() => undefined);
      return result;
    } catch (err) {
      const sha = await readFile(d.path).then((b) => sha256(new Uint8Array(b)), () => null);
      const outcome = failedOutcome(d.docId, d.relPath, sha, d.pipelineVersion, err, Number(((performance.now() - started) / 1000).toFixed(3)));
      emit({ type: 'job', jobId: job.id!, relPath: d.relPath, status: 'failed', seconds: outcome.report.seconds, attempt, pages: part, error: outcome.report.error! });
      return fail(job, outcome, d.relPath, attempt);
    }
  };

  /**
   * Splits a large scan into page-range child jobs (page-jobs.ts) and waits for them, or runs
   * the whole document. Redelivered, it finds its children by their ids (adding them again
   * adds nothing), and once they have finished it joins their parts.
   */
  const processDocumentJob = async (job: Job<QueueJobData, QueueJobResult>, d: DocumentJobData, token: string | undefined): Promise<DocumentJobResult> => {
    const attempt = job.attemptsMade + 1;
    emit({ type: 'active', jobId: job.id!, relPath: d.relPath, attempt });
    const pipeline = await pipelineFor(d.pipeline);
    checkVersion(pipeline, d.pipelineVersion);
    const file = { path: d.path, relPath: d.relPath };
    if (!d.parts && d.splitPages && token && !(await recordIsCurrent(file, d.docId, d.outDir, pipeline, d.force, d.forcedSince))) {
      const plan = await planSplit(d, pipeline, d.splitPages);
      if (plan) {
        const children = plan.ranges.map((range) => {
          const id = pageJobIdFor(job.id!, range);
          const data: PageRangeJobData = { kind: 'pages', runId: d.runId, path: d.path, relPath: d.relPath, docId: d.docId, outDir: d.outDir, pipeline: d.pipeline, pipelineVersion: d.pipelineVersion, options: d.options, force: d.force, ...(d.forcedSince ? { forcedSince: d.forcedSince } : {}), range, documentPages: plan.ocrPages };
          // lifo: a started document's pages go before documents not started, so it finishes
          // (and its parts leave the disk) soonest; added last-first so its first pages go first.
          return { name: `${d.relPath}#${range.from}-${range.to}`, data, opts: { ...jobOptions(id), parent: { id: job.id!, queue: job.queueQualifiedName }, failParentOnFailure: true, lifo: true } };
        });
        await queue.addBulk(children.reverse());
        await job.updateData({ ...d, parts: plan.ranges });
        emit({ type: 'split', jobId: job.id!, relPath: d.relPath, pages: plan.ocrPages, parts: plan.ranges.length });
        if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
        d = { ...d, parts: plan.ranges };
      }
    }
    let recognisedPages: RecognisedPages | undefined;
    if (d.parts && !(await recordIsCurrent(file, d.docId, d.outDir, pipeline, d.force, d.forcedSince))) {
      const loaded = await loadParts(d, d.parts).catch(() => undefined);
      recognisedPages = loaded?.recognised;
      const missing = loaded ? loaded.missing : d.parts;
      if (missing.length) emit({ type: 'parts-missing', jobId: job.id!, relPath: d.relPath, ranges: missing });
    }
    const outcome = await handleDocument(
      file,
      d.docId,
      undefined,
      d.outDir,
      pipeline,
      d.force,
      {
        ...d.options,
        ...(recognisedPages ? { recognisedPages } : {}),
        ...(options.ocrWorkers ? { ocrWorkers: options.ocrWorkers } : {}),
        onProgress: (e) => void job.updateProgress(e).catch(() => undefined),
      },
      undefined,
      d.forcedSince,
    );
    const result: DocumentJobResult = { report: outcome.report, entry: outcome.entry };
    const error = outcome.report.error;
    emit({ type: 'job', jobId: job.id!, relPath: d.relPath, status: outcome.report.status, seconds: outcome.report.seconds, attempt, ...(d.parts ? { recognised: recognisedPages?.pages.length ?? 0 } : {}), ...(error ? { error } : {}) });
    if (!error) {
      if (d.parts) await removeParts(d.outDir, d.docId).catch(() => undefined);
      return result;
    }
    if (d.parts && !(TRANSIENT_CODES.has(error.code) && attempt < (job.opts.attempts ?? 1))) await removeParts(d.outDir, d.docId).catch(() => undefined);
    return fail(job, outcome, d.relPath, attempt);
  };

  const processor = (job: Job<QueueJobData, QueueJobResult>, token?: string): Promise<QueueJobResult> =>
    isPageRangeJob(job.data) ? processPages(job, job.data) : processDocumentJob(job, job.data, token);

  const worker = new Worker<QueueJobData, QueueJobResult>(QUEUE_NAME, processor, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  worker.on('error', (err) => emit({ type: 'error', message: err.message }));
  // A split document whose page-range job failed for good is failed by BullMQ (failParentOnFailure)
  // without running its processor: drop its parts and the ranges nobody has started.
  worker.on('failed', (job) => {
    if (!job || isPageRangeJob(job.data) || !job.data.parts || job.data.outcome) return;
    void removeParts(job.data.outDir, job.data.docId).catch(() => undefined);
    void job.removeUnprocessedChildren().catch(() => undefined);
  });
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
    await queue.close().catch(() => undefined);
    await shutdown();
  }
}

