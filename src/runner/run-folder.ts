/**
 * The nightly batch: every file under a folder -> out/<docId>.json + .txt, then index.jsonl
 * and run-report.json. Incremental (a record whose sha256 and pipeline version match is
 * kept), resumable (records are written one by one, atomically, so a killed run is finished
 * by the next one), locked (one run per output folder), and one failing document never
 * stops the others.
 */
import { availableParallelism } from 'node:os';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import type { PipelineOptions } from '../document.js';
import { normalizeEncodingName } from '../encoding/names.js';
import { inputReadError, isOutputFull, outputWriteError, VnplanError } from '../errors.js';
import { docIdFor } from '../output/docid.js';
import { INDEX_FILE, nodeOutputIo, removeStaleTempFiles, REPORT_FILE, writeJson, writeJsonLines, type OutputIo } from '../output/write.js';
import { handleDocument } from './document-job.js';
import { lockOutput } from './lock.js';
import { summarize, type DocumentReport, type IndexEntry, type RunReport } from './report.js';
import { shutdown } from './shutdown.js';
import { listInputs, type InputFile } from './walk.js';

/**
 * After a stop request (first SIGINT/SIGTERM, or a full output disk), documents in flight get
 * this long to finish before they are abandoned (left for the next run). Longer keeps more
 * finished work; shorter stops sooner (Docker's default grace before SIGKILL is 10 s).
 */
export const STOP_GRACE_MS = 8_000;

export type RunEvent =
  | { type: 'start'; total: number; pipeline: { name: string; version: string } }
  | { type: 'document'; report: DocumentReport; done: number; total: number }
  | { type: 'warning'; message: string }
  /** Within a long document: pages done by a stage (PDF rendering, OCR). */
  | { type: 'progress'; relPath: string; stage: string; done: number; total: number }
  | { type: 'end'; report: RunReport };

export interface RunOptions extends PipelineOptions {
  /** Stop taking documents (first SIGINT/SIGTERM); those in flight finish within stopGraceMs. */
  signal?: AbortSignal;
  /** Stop waiting for the documents in flight (second SIGINT/SIGTERM): they are left for the next run. */
  abandon?: AbortSignal;
  /** Grace for documents in flight after a stop; default STOP_GRACE_MS. */
  stopGraceMs?: number;
  /** File system layer for output writes (tests inject write faults); default node:fs. */
  outputIo?: OutputIo;
  /** Output folder; default "out". */
  out?: string;
  /** Documents in flight; default: the number of cores. */
  concurrency?: number;
  /** Redo documents whose record is up to date. */
  force?: boolean;
  /** Pipeline name (see pipelines/) or an already loaded pipeline; default 'default'. */
  pipeline?: string | Pipeline;
  onEvent?: (event: RunEvent) => void;
  /** Terminate OCR workers at the end (default true; the CLI needs it to exit). */
  shutdownAtEnd?: boolean;
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

export async function runFolder(dir: string, options: RunOptions = {}): Promise<RunReport> {
  const inputDir = resolve(dir);
  const outDir = resolve(options.out ?? 'out');
  const info = await stat(inputDir).catch((err: unknown) => {
    throw inputReadError(err, inputDir);
  });
  if (!info.isDirectory()) throw new VnplanError('USAGE', `${inputDir} is not a folder; use \`vnplan extract\` for one file`);
  const concurrency = options.concurrency ?? defaultConcurrency();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VnplanError('USAGE', `--concurrency must be a positive integer, got ${concurrency}`);
  // A bad --encoding is a usage error for the whole run, not a failure of every document.
  if (options.encoding) normalizeEncodingName(options.encoding);
  const pipeline = typeof options.pipeline === 'object' ? options.pipeline : await getPipeline(options.pipeline ?? 'default');
  await prepareOutDir(outDir);
  const emit = options.onEvent ?? (() => undefined);
  const release = await lockOutput(outDir, (err) => emit({ type: 'warning', message: `output lock compromised: ${err.message}` }));
  try {
    await removeStaleTempFiles(outDir);
    return await runLocked(inputDir, outDir, pipeline, concurrency, options, emit);
  } finally {
    await release();
    if (options.shutdownAtEnd !== false) await shutdown();
  }
}

/** Creates the output folder and checks it is a folder this user can write (OUTPUT_NOT_WRITABLE otherwise). */
export async function prepareOutDir(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    const st = await stat(outDir).catch(() => undefined);
    if (st && !st.isDirectory()) throw new VnplanError('OUTPUT_NOT_WRITABLE', `${outDir} is a file, not a folder`, { cause: err });
    throw outputWriteError(err, outDir, outDir);
  }
  if (!(await stat(outDir)).isDirectory()) throw new VnplanError('OUTPUT_NOT_WRITABLE', `${outDir} is not a folder`);
  await access(outDir, constants.W_OK | constants.X_OK).catch((err: unknown) => {
    throw outputWriteError(err, outDir, outDir);
  });
}

async function runLocked(
  inputDir: string,
  outDir: string,
  pipeline: Pipeline,
  concurrency: number,
  options: RunOptions,
  emit: (e: RunEvent) => void,
): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const { files, diagnostics } = await listInputs(inputDir, [outDir]);
  const meta = { name: pipeline.name, version: pipeline.version };
  emit({ type: 'start', total: files.length, pipeline: meta });
  for (const d of diagnostics) emit({ type: 'warning', message: d.message });
  const io = options.outputIo ?? nodeOutputIo;
  const byDocId = new Map<string, string>();
  const results: { report: DocumentReport; entry: IndexEntry }[] = new Array(files.length);
  const queue = new PQueue({ concurrency });
  let done = 0;
  let finished = false;

  // A stop (signal or full disk) takes no new documents; those in flight get the grace time,
  // then — or at once on `abandon` — are abandoned: cancelled at their next stage boundary and
  // left out of the report, so the report and the lock release never wait on them unbounded.
  let stopReason: RunReport['stopReason'];
  const abandonment = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (reason: NonNullable<RunReport['stopReason']>) => {
    if (stopReason) return;
    stopReason = reason;
    queue.clear();
    graceTimer = setTimeout(() => abandonment.abort(), options.stopGraceMs ?? STOP_GRACE_MS);
  };
  const onSignal = () => stop('signal');
  const onAbandon = () => abandonment.abort();
  if (options.signal?.aborted) stop('signal');
  else options.signal?.addEventListener('abort', onSignal, { once: true });
  if (options.abandon?.aborted) abandonment.abort();
  else options.abandon?.addEventListener('abort', onAbandon, { once: true });
  const abandoned = new Promise<void>((res) => abandonment.signal.addEventListener('abort', () => res(), { once: true }));

  const { out: _o, concurrency: _c, force: _f, pipeline: _p, onEvent: _e, shutdownAtEnd: _s, signal: _sig, abandon: _a, stopGraceMs: _g, outputIo: _io, ...processOptions } = options;
  files.forEach((file, i) => {
    const docId = docIdFor(file.relPath);
    const clash = byDocId.get(docId);
    byDocId.set(docId, file.relPath);
    void queue.add(async () => {
      if (stopReason) return;
      const onProgress = (e: { stage: string; done: number; total: number }) => emit({ type: 'progress', relPath: file.relPath, ...e });
      const result = await handleDocument(file, docId, clash, outDir, pipeline, options.force ?? false, { ...processOptions, onProgress, signal: abandonment.signal }, io);
      if (finished) return;
      results[i] = result;
      emit({ type: 'document', report: result.report, done: ++done, total: files.length });
      if (result.report.error?.code === 'OUTPUT_WRITE_FAILED' && result.fault && isOutputFull(result.fault)) stop('output-full');
    });
  });
  try {
    await Promise.race([queue.onIdle(), abandoned]);
  } finally {
    finished = true;
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onSignal);
    options.abandon?.removeEventListener('abort', onAbandon);
  }
  const report = await writeRunReport({ inputDir, outDir, pipeline: meta, startedAt, total: files.length, results, stopReason, diagnostics }, io);
  emit({ type: 'end', report });
  return report;
}

/**
 * Writes index.jsonl (unless the run was interrupted) and run-report.json from the documents
 * handled, in input order (`results` is indexed like the input list; holes are documents not
 * handled). Shared by local and queued runs.
 */
export async function writeRunReport(
  run: {
    inputDir: string;
    outDir: string;
    pipeline: { name: string; version: string };
    startedAt: string;
    total: number;
    results: ({ report: DocumentReport; entry: IndexEntry } | undefined)[];
    stopReason: RunReport['stopReason'];
    diagnostics: RunReport['diagnostics'];
  },
  io: OutputIo = nodeOutputIo,
): Promise<RunReport> {
  const handled = run.results.filter((r): r is { report: DocumentReport; entry: IndexEntry } => r !== undefined);
  const documents = handled.map((r) => r.report);
  const interrupted = handled.length < run.total;
  const report: RunReport = {
    inputDir: run.inputDir,
    outDir: run.outDir,
    pipeline: run.pipeline,
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    interrupted,
    ...(interrupted ? { stopReason: run.stopReason ?? 'signal' } : {}),
    totals: summarize(documents),
    documents,
    diagnostics: run.diagnostics,
  };
  // An interrupted run keeps the previous index (it would list only part of the folder).
  if (!report.interrupted) await writeJsonLines(join(run.outDir, INDEX_FILE), handled.map((r) => r.entry), io);
  await writeJson(join(run.outDir, REPORT_FILE), report, io);
  return report;
}
