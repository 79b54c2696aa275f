/**
 * The nightly batch: every file under a folder -> out/<docId>.json + .txt, then index.jsonl
 * and run-report.json. Incremental (a record whose sha256 and pipeline version match is
 * kept), resumable (records are written one by one, atomically, so a killed run is finished
 * by the next one), locked (one run per output folder), and one failing document never
 * stops the others.
 */
import { availableParallelism } from 'node:os';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { getPipeline, type Pipeline } from '../../pipelines/index.js';
import type { PipelineOptions } from '../document.js';
import { normalizeEncodingName } from '../encoding/names.js';
import { toVnplanError, VnplanError } from '../errors.js';
import { checkFileSize, limitsOf } from '../ingest/limits.js';
import { docIdFor } from '../output/docid.js';
import { INDEX_FILE, readRecord, removeStaleTempFiles, REPORT_FILE, writeDocument, writeJson, writeJsonLines } from '../output/write.js';
import { lockOutput } from './lock.js';
import { runPipeline, sha256, type ProcessOptions } from './process.js';
import { toRecord } from '../output/record.js';
import { indexEntryFromRecord, summarize, type DocumentReport, type IndexEntry, type RunReport } from './report.js';
import { shutdown } from './shutdown.js';
import { listInputFiles, type InputFile } from './walk.js';

export type RunEvent =
  | { type: 'start'; total: number; pipeline: { name: string; version: string } }
  | { type: 'document'; report: DocumentReport; done: number; total: number }
  | { type: 'warning'; message: string }
  /** Within a long document: pages done by a stage (PDF rendering, OCR). */
  | { type: 'progress'; relPath: string; stage: string; done: number; total: number }
  | { type: 'end'; report: RunReport };

export interface RunOptions extends PipelineOptions {
  signal?: AbortSignal;
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
  const info = await stat(inputDir).catch(() => undefined);
  if (!info) throw new VnplanError('INPUT_NOT_FOUND', inputDir);
  if (!info.isDirectory()) throw new VnplanError('USAGE', `${inputDir} is not a folder; use \`vnplan extract\` for one file`);
  const concurrency = options.concurrency ?? defaultConcurrency();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VnplanError('USAGE', `--concurrency must be a positive integer, got ${concurrency}`);
  // A bad --encoding is a usage error for the whole run, not a failure of every document.
  if (options.encoding) normalizeEncodingName(options.encoding);
  const pipeline = typeof options.pipeline === 'object' ? options.pipeline : await getPipeline(options.pipeline ?? 'default');
  await mkdir(outDir, { recursive: true });
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

async function runLocked(
  inputDir: string,
  outDir: string,
  pipeline: Pipeline,
  concurrency: number,
  options: RunOptions,
  emit: (e: RunEvent) => void,
): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const files = await listInputFiles(inputDir, [outDir]);
  const meta = { name: pipeline.name, version: pipeline.version };
  emit({ type: 'start', total: files.length, pipeline: meta });
  const byDocId = new Map<string, string>();
  const results: { report: DocumentReport; entry: IndexEntry }[] = new Array(files.length);
  const queue = new PQueue({ concurrency });
  let done = 0;
  // The signal stops new documents only: documents in flight finish, so none is reported as
  // failed merely because the run was interrupted.
  const { out: _o, concurrency: _c, force: _f, pipeline: _p, onEvent: _e, shutdownAtEnd: _s, signal: _sig, ...processOptions } = options;
  files.forEach((file, i) => {
    const docId = docIdFor(file.relPath);
    const clash = byDocId.get(docId);
    byDocId.set(docId, file.relPath);
    void queue.add(async () => {
      if (options.signal?.aborted) return;
      const onProgress = (e: { stage: string; done: number; total: number }) => emit({ type: 'progress', relPath: file.relPath, ...e });
      const result = await handleOne(file, docId, clash, outDir, pipeline, options.force ?? false, { ...processOptions, onProgress });
      results[i] = result;
      emit({ type: 'document', report: result.report, done: ++done, total: files.length });
    });
  });
  options.signal?.addEventListener('abort', () => queue.clear(), { once: true });
  await queue.onIdle();
  const handled = results.filter(Boolean);
  const documents = handled.map((r) => r.report);
  const report: RunReport = {
    inputDir,
    outDir,
    pipeline: meta,
    startedAt,
    finishedAt: new Date().toISOString(),
    interrupted: handled.length < files.length,
    totals: summarize(documents),
    documents,
  };
  // An interrupted run keeps the previous index (it would list only part of the folder).
  if (!report.interrupted) await writeJsonLines(join(outDir, INDEX_FILE), handled.map((r) => r.entry));
  await writeJson(join(outDir, REPORT_FILE), report);
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
): Promise<{ report: DocumentReport; entry: IndexEntry }> {
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(3));
  let sha: string | null = null;
  try {
    if (clashWith !== undefined) throw new VnplanError('INTERNAL', `docId ${docId} of ${file.relPath} collides with ${clashWith}`);
    await checkFileSize(file.path, limitsOf(options));
    const bytes = new Uint8Array(await readFile(file.path));
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
    await writeDocument(outDir, record);
    return {
      report: { docId, relPath: file.relPath, status: 'ok', pages: record.pages.length, seconds: seconds() },
      entry: indexEntryFromRecord(record, 'ok'),
    };
  } catch (err) {
    const e = toVnplanError(err);
    const error = { code: e.code, message: e.message };
    return {
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
