/**
 * `vnplan run <in> --out <dir> --queue redis://…`: the batch of run-folder.ts, with the
 * documents processed by `vnplan worker`s on any number of machines. This process lists the
 * inputs, skips the up-to-date ones (same sha256 + pipeline-version rule), enqueues the rest,
 * follows the jobs (same progress events), then writes index.jsonl and run-report.json and
 * returns the same report as a local run — so exit codes are the same too.
 *
 * It holds the output folder's lock for the whole run, like a local run: a local run and a
 * queued run on one folder exclude each other.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { Job, Queue, QueueEvents } from 'bullmq';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import { inputReadError, VnplanError } from '../errors.js';
import { normalizeEncodingName } from '../encoding/names.js';
import { docIdFor } from '../output/docid.js';
import { removeStaleTempFiles } from '../output/write.js';
import { handleDocument, upToDateOutcome, type DocumentOutcome } from '../runner/document-job.js';
import { lockOutput } from '../runner/lock.js';
import type { RunReport } from '../runner/report.js';
import { prepareOutDir, STOP_GRACE_MS, writeRunReport, type RunEvent, type RunOptions } from '../runner/run-folder.js';
import { shutdown } from '../runner/shutdown.js';
import { listInputs } from '../runner/walk.js';
import { checkRedis, QUEUE_NAME, QUEUE_PREFIX, redisOptionsFromUrl } from './connection.js';
import { jobIdFor, jobOptions, pageJobIdFor, parentJobIdOf, type DocumentJobData, type DocumentJobResult, type JobPipelineOptions, type PageRangeJobData } from './jobs.js';
import { SPLIT_PAGES } from './page-jobs.js';

/** Seconds between two sweeps over the jobs not yet seen finished (covers events missed while Redis reconnected). */
export const SWEEP_SECONDS = 15;
/**
 * Jobs looked at per sweep: the oldest pending ones (jobs are taken in order, so those are the
 * ones likely finished), keeping the sweep's Redis load flat however large the run.
 */
export const SWEEP_JOBS = 200;
/** Jobs added to Redis per round trip. */
const ADD_BATCH = 500;

export interface QueuedRunOptions extends RunOptions {
  /** redis://HOST:PORT */
  queue: string;
  /** Documents with more pages to OCR than this are split into page-range jobs of at most this many pages (page-jobs.ts); 0: never. Default SPLIT_PAGES. */
  splitPages?: number;
}

export async function runQueued(dir: string, options: QueuedRunOptions): Promise<RunReport> {
  const inputDir = resolve(dir);
  const outDir = resolve(options.out ?? 'out');
  const info = await stat(inputDir).catch((err: unknown) => {
    throw inputReadError(err, inputDir);
  });
  if (!info.isDirectory()) throw new VnplanError('USAGE', `${inputDir} is not a folder; use \`vnplan extract\` for one file`);
  if (options.encoding) normalizeEncodingName(options.encoding);
  if (typeof options.pipeline === 'object') throw new VnplanError('USAGE', 'a queued run names its pipeline (workers load it by name)');
  const pipeline = await getPipeline(options.pipeline ?? 'default');
  await checkRedis(options.queue);
  await prepareOutDir(outDir);
  const emit = options.onEvent ?? (() => undefined);
  const release = await lockOutput(outDir, (err) => emit({ type: 'warning', message: `output lock compromised: ${err.message}` }));
  try {
    await removeStaleTempFiles(outDir);
    return await runQueuedLocked(inputDir, outDir, pipeline, options, emit);
  } finally {
    await release();
    if (options.shutdownAtEnd !== false) await shutdown();
  }
}

async function runQueuedLocked(inputDir: string, outDir: string, pipeline: Pipeline, options: QueuedRunOptions, emit: (e: RunEvent) => void): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const runId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const { files, diagnostics } = await listInputs(inputDir, [outDir]);
  const meta = { name: pipeline.name, version: pipeline.version };
  emit({ type: 'start', total: files.length, pipeline: meta });
  for (const d of diagnostics) emit({ type: 'warning', message: d.message });

  const results: (DocumentOutcome | undefined)[] = new Array(files.length);
  let done = 0;
  const finish = (i: number, outcome: DocumentOutcome) => {
    if (results[i]) return;
    results[i] = outcome;
    emit({ type: 'document', report: outcome.report, done: ++done, total: files.length });
  };

  const connection = redisOptionsFromUrl(options.queue);
  const queue = new Queue<DocumentJobData, DocumentJobResult>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const jobOptionsOf: JobPipelineOptions = pick(options);
    const force = options.force ?? false;
    const splitPages = options.splitPages ?? SPLIT_PAGES;
    if (!Number.isInteger(splitPages) || splitPages < 0) throw new VnplanError('USAGE', `--split-pages must be a whole number ≥ 0, got ${splitPages}`);
    const forcedSince = force ? Date.now() : undefined;
    const pending = new Map<string, number>();
    const toAdd: { name: string; data: DocumentJobData; opts: ReturnType<typeof jobOptions> }[] = [];
    const byDocId = new Map<string, string>();
    for (const [i, file] of files.entries()) {
      const docId = docIdFor(file.relPath);
      const clash = byDocId.get(docId);
      byDocId.set(docId, file.relPath);
      // Failures known here (an unlistable folder, a docId clash) need no worker.
      if (file.unreadable || clash !== undefined) {
        finish(i, await handleDocument(file, docId, clash, outDir, pipeline, force, {}));
        continue;
      }
      const skipped = force ? undefined : await upToDateOutcome(file, docId, outDir, pipeline);
      if (skipped) {
        finish(i, skipped);
        continue;
      }
      const jobId = jobIdFor(runId, docId);
      pending.set(jobId, i);
      toAdd.push({
        name: file.relPath,
        data: { runId, path: file.path, relPath: file.relPath, docId, outDir, pipeline: pipeline.name, pipelineVersion: pipeline.version, force, ...(forcedSince ? { forcedSince } : {}), options: jobOptionsOf, splitPages },
        opts: jobOptions(jobId),
      });
    }

    // Events of this run's jobs: progress within a document, and the end of each.
    const settle = async (jobId: string) => {
      const i = pending.get(jobId);
      if (i === undefined) return;
      const outcome = await finishedOutcome(queue, jobId, files[i]!.relPath);
      if (!outcome || !pending.has(jobId)) return;
      pending.delete(jobId);
      finish(i, outcome);
    };
    const onEnd = ({ jobId }: { jobId: string }) => void settle(jobId).catch((err: unknown) => emit({ type: 'warning', message: `job ${jobId}: ${String(err)}` }));
    events.on('completed', onEnd);
    events.on('failed', onEnd);
    // A split document's pages are read by several page-range jobs at once: its OCR progress is their sum.
    const pageProgress = new Map<string, Map<string, number>>();
    events.on('progress', ({ jobId, data }) => {
      const p = data as { stage?: string; done?: number; total?: number; range?: { from: number; to: number }; documentPages?: number };
      if (typeof p !== 'object' || !p.stage) return;
      const parent = parentJobIdOf(jobId);
      const i = pending.get(parent ?? jobId);
      if (i === undefined) return;
      if (parent === undefined || !p.range || p.documentPages === undefined) {
        emit({ type: 'progress', relPath: files[i]!.relPath, stage: p.stage, done: p.done ?? 0, total: p.total ?? 0 });
        return;
      }
      if (p.stage !== 'ocr') return;
      let parts = pageProgress.get(parent);
      if (!parts) pageProgress.set(parent, (parts = new Map()));
      parts.set(jobId, p.done ?? 0);
      emit({ type: 'progress', relPath: files[i]!.relPath, stage: p.stage, done: [...parts.values()].reduce((a, b) => a + b, 0), total: p.documentPages });
    });

    for (let k = 0; k < toAdd.length; k += ADD_BATCH) await queue.addBulk(toAdd.slice(k, k + ADD_BATCH));
    if (pending.size > 0 && (await queue.getWorkersCount()) === 0) {
      emit({ type: 'warning', message: `${pending.size} document(s) queued at ${options.queue}; no worker is connected yet — start \`vnplan worker --queue ${options.queue}\`` });
    }

    const stopReason = await waitForJobs(queue, pending, settle, options);
    const report = await writeRunReport({ inputDir, outDir, pipeline: meta, startedAt, total: files.length, results, stopReason, diagnostics });
    emit({ type: 'end', report });
    return report;
  } finally {
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
}

/**
 * Waits until every pending job has ended (events settle them; a periodic sweep catches any
 * missed). On a stop signal, jobs not yet started are removed from the queue; those running
 * get the grace time (or until `abandon`) and are then left to finish on their own — their
 * records are written, and the next run picks them up as up to date.
 */
async function waitForJobs(queue: Queue, pending: Map<string, number>, settle: (jobId: string) => Promise<void>, options: QueuedRunOptions): Promise<RunReport['stopReason']> {
  let stopped = false;
  let abandon = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    if (stopped) return;
    stopped = true;
    void Promise.all([...pending.keys()].map((id) => queue.remove(id).then((removed) => (removed ? pending.delete(id) : undefined), () => undefined)));
    graceTimer = setTimeout(() => (abandon = true), options.stopGraceMs ?? STOP_GRACE_MS);
  };
  const onAbandon = () => (abandon = true);
  if (options.signal?.aborted) onStop();
  else options.signal?.addEventListener('abort', onStop, { once: true });
  if (options.abandon?.aborted) abandon = true;
  else options.abandon?.addEventListener('abort', onAbandon, { once: true });
  try {
    let lastSweep = Date.now();
    while (pending.size > 0 && !abandon) {
      await new Promise((r) => setTimeout(r, 200));
      if (Date.now() - lastSweep >= SWEEP_SECONDS * 1000) {
        lastSweep = Date.now();
        for (const id of [...pending.keys()].slice(0, SWEEP_JOBS)) await settle(id);
      }
    }
  } finally {
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onStop);
    options.abandon?.removeEventListener('abort', onAbandon);
  }
  return stopped ? 'signal' : undefined;
}

/** The outcome of a finished job (its return value, or the failure the worker stored); undefined while it runs or waits. */
async function finishedOutcome(queue: Queue, jobId: string, relPath: string): Promise<DocumentOutcome | undefined> {
  const job = (await Job.fromId(queue, jobId)) as Job<DocumentJobData, DocumentJobResult> | undefined;
  if (!job) return undefined;
  const state = await job.getState();
  if (state === 'completed') return job.returnvalue;
  if (state !== 'failed') return undefined;
  if (job.data.outcome) return job.data.outcome;
  // A split document fails when one of its page-range jobs failed for good: report that one's failure.
  let reason = `queue job failed: ${job.failedReason}`;
  for (const range of job.data.parts ?? []) {
    const child = (await Job.fromId(queue, pageJobIdFor(jobId, range))) as Job<PageRangeJobData> | undefined;
    if (!child || (await child.getState()) !== 'failed') continue;
    if (child.data.outcome) return child.data.outcome;
    reason = `queue job of pages ${range.from}-${range.to} failed: ${child.failedReason}`;
  }
  // Failed without an outcome: BullMQ gave up on it (stalled too often: the document kills its workers).
  const error = { code: 'INTERNAL' as const, message: reason };
  return {
    report: { docId: job.data.docId, relPath, status: 'failed', pages: 0, seconds: 0, error },
    entry: { docId: job.data.docId, relPath, sha256: null, status: 'failed', kind: null, pages: 0, documentType: null, number: null, issueDate: null, title: null, issuingBody: null, pipelineVersion: job.data.pipelineVersion, error },
  };
}

function pick(o: RunOptions): JobPipelineOptions {
  const keys = ['encoding', 'ocrLanguages', 'ocrModel', 'ocrEngine', 'restore', 'toneStyle', 'restoreTokens', 'maxBytes', 'maxPages'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as JobPipelineOptions;
}
