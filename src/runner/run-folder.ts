/**
 * The nightly batch: every file under a folder -> out/<docId>.json + .txt, then index.jsonl
 * and run-report.json. Incremental (a record whose sha256 and pipeline version match is
 * kept), resumable (records are written one by one, atomically, so a killed run is finished
 * by the next one), locked (one run per output folder), and one failing document never
 * stops the others.
 */
import { availableParallelism } from 'node:os';
import { access, constants, mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import type { PipelineOptions } from '../document.js';
import { normalizeEncodingName } from '../encoding/names.js';
import { inputReadError, isOutputFull, outputWriteError, toVnplanError, VnplanError } from '../errors.js';
import { checkFileSize, limitsOf } from '../ingest/limits.js';
import { docIdFor } from '../output/docid.js';
import { INDEX_FILE, nodeOutputIo, readRecord, removeStaleTempFiles, REPORT_FILE, writeDocument, writeJson, writeJsonLines, type OutputIo } from '../output/write.js';
import { lockOutput } from './lock.js';
import { runPipeline, sha256, type ProcessOptions } from './process.js';
import { toRecord } from '../output/record.js';
import { indexEntryFromRecord, summarize, type DocumentReport, type IndexEntry, type RunReport } from './report.js';
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
async function prepareOutDir(outDir: string): Promise<void> {
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
      const result = await handleOne(file, docId, clash, outDir, pipeline, options.force ?? false, { ...processOptions, onProgress, signal: abandonment.signal }, io);
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
  const handled = results.filter(Boolean);
  const documents = handled.map((r) => r.report);
  const interrupted = handled.length < files.length;
  const report: RunReport = {
    inputDir,
    outDir,
    pipeline: meta,
    startedAt,
    finishedAt: new Date().toISOString(),
    interrupted,
    ...(interrupted ? { stopReason: stopReason ?? 'signal' } : {}),
    totals: summarize(documents),
    documents,
    diagnostics,
  };
  // An interrupted run keeps the previous index (it would list only part of the folder).
  if (!report.interrupted) await writeJsonLines(join(outDir, INDEX_FILE), handled.map((r) => r.entry), io);
  await writeJson(join(outDir, REPORT_FILE), report, io);
  emit({ type: 'end', report });
  return report;
}

async function handleOne(
  file: InputFile,
  docId: string,
  clashWith: string | undefined,
  outDir: string,
  pipeline: Pipeline,
  force: boolean,
  options: ProcessOptions,
  io: OutputIo,
): Promise<{ report: DocumentReport; entry: IndexEntry; fault?: unknown }> {
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(3));
  let sha: string | null = null;
  try {
    if (file.unreadable) throw file.unreadable;
    if (clashWith !== undefined) throw new VnplanError('INTERNAL', `docId ${docId} of ${file.relPath} collides with ${clashWith}`);
    await checkFileSize(file.path, limitsOf(options));
    const bytes = new Uint8Array(
      await readFile(file.path).catch((err: unknown) => {
        throw inputReadError(err, file.path);
      }),
    );
    sha = sha256(bytes);
    const existing = await readRecord(outDir, docId);
    if (existing && existing.source.relPath !== file.relPath) {
      throw new VnplanError('INTERNAL', `${docId}.json belongs to ${existing.source.relPath}, not ${file.relPath}; not overwriting it (use another --out folder, or delete that file if it is stale)`);
    }
    if (!force && existing && existing.source.sha256 === sha && existing.pipeline.version === pipeline.version) {
      return {
        report: { docId, relPath: file.relPath, status: 'skipped', pages: existing.pages.length, seconds: seconds() },
        entry: indexEntryFromRecord(existing, 'skipped'),
      };
    }
    const doc = await runPipeline(pipeline, { bytes, relPath: file.relPath, path: file.path }, options);
    const record = toRecord(doc, { pipeline: { name: pipeline.name, version: pipeline.version }, restoreTokens: options.restoreTokens });
    await writeDocument(outDir, record, io);
    return {
      report: { docId, relPath: file.relPath, status: 'ok', pages: record.pages.length, seconds: seconds() },
      entry: indexEntryFromRecord(record, 'ok'),
    };
  } catch (err) {
    const e = toVnplanError(err);
    const error = { code: e.code, message: e.message };
    return {
      fault: e.cause,
      report: { docId, relPath: file.relPath, status: 'failed', pages: 0, seconds: seconds(), error },
      entry: {
        docId,
        relPath: file.relPath,
        sha256: sha,
        status: 'failed',
        kind: null,
        pages: 0,
        documentType: null,
        number: null,
        issueDate: null,
        title: null,
        issuingBody: null,
        pipelineVersion: pipeline.version,
        error,
      },
    };
  }
}
