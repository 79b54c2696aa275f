/**
 * One document of a batch run, from its input file to its record in the output folder: the
 * up-to-date check (sha256 + pipeline version), the pipeline, the atomic write, and the
 * report row and index entry — for a local run (run-folder.ts) and a queue worker alike
 * (src/queue/worker.ts). Never throws: a failure is a 'failed' row with its error code.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Pipeline } from '../../pipelines/index.js';
import { inputReadError, toVnplanError, VnplanError } from '../errors.js';
import { checkFileSize, limitsOf } from '../ingest/limits.js';
import { toRecord } from '../output/record.js';
import { nodeOutputIo, readRecord, recordPath, writeDocument, type OutputIo } from '../output/write.js';
import { runPipeline, sha256, type ProcessOptions } from './process.js';
import { indexEntryFromRecord, type DocumentReport, type IndexEntry } from './report.js';
import type { InputFile } from './walk.js';

export interface DocumentOutcome {
  report: DocumentReport;
  entry: IndexEntry;
  /** The underlying fault of a failure (an errno error for OUTPUT_WRITE_FAILED); not serialisable. */
  fault?: unknown;
}

export async function handleDocument(
  file: InputFile,
  docId: string,
  clashWith: string | undefined,
  outDir: string,
  pipeline: Pipeline,
  force: boolean,
  options: ProcessOptions,
  io: OutputIo = nodeOutputIo,
  /** With `force`: a record written at or after this time (ms) counts as done (a redelivered queue job). */
  forcedSince?: number,
): Promise<DocumentOutcome> {
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
    const upToDate = existing !== undefined && existing.source.sha256 === sha && existing.pipeline.version === pipeline.version;
    if (upToDate && (!force || (forcedSince !== undefined && (await writtenSince(outDir, docId, forcedSince))))) {
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
    return failedOutcome(docId, file.relPath, sha, pipeline.version, err, seconds());
  }
}

/** The outcome of a document that failed (`sha` null when the file could not be read). */
export function failedOutcome(docId: string, relPath: string, sha: string | null, pipelineVersion: string, err: unknown, seconds: number): DocumentOutcome {
  const e = toVnplanError(err);
  const error = { code: e.code, message: e.message };
  return {
    fault: e.cause,
    report: { docId, relPath, status: 'failed', pages: 0, seconds, error },
    entry: { docId, relPath, sha256: sha, status: 'failed', kind: null, pages: 0, documentType: null, number: null, issueDate: null, title: null, issuingBody: null, pipelineVersion, error },
  };
}

/**
 * Whether the document's record is already what processing it would write: up to date
 * (same sha256 and pipeline version) and, with `force`, written at or after `forcedSince`
 * (by this run). Any check that fails answers false (processing then reports it).
 */
export async function recordIsCurrent(file: InputFile, docId: string, outDir: string, pipeline: Pipeline, force: boolean, forcedSince?: number): Promise<boolean> {
  if ((await upToDateOutcome(file, docId, outDir, pipeline)) === undefined) return false;
  return !force || (forcedSince !== undefined && (await writtenSince(outDir, docId, forcedSince)));
}

async function writtenSince(outDir: string, docId: string, since: number): Promise<boolean> {
  const st = await stat(recordPath(outDir, docId)).catch(() => undefined);
  return st !== undefined && st.mtimeMs >= since;
}

/**
 * The 'skipped' outcome when the document's record is up to date (same sha256 and pipeline
 * version); undefined when it must be processed, or when any check fails (the processing
 * then reports the failure with its code).
 */
export async function upToDateOutcome(file: InputFile, docId: string, outDir: string, pipeline: Pipeline): Promise<DocumentOutcome | undefined> {
  const started = performance.now();
  try {
    const existing = await readRecord(outDir, docId);
    if (!existing || existing.source.relPath !== file.relPath || existing.pipeline.version !== pipeline.version) return undefined;
    if (existing.source.sha256 !== sha256(new Uint8Array(await readFile(file.path)))) return undefined;
    return {
      report: { docId, relPath: file.relPath, status: 'skipped', pages: existing.pages.length, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) },
      entry: indexEntryFromRecord(existing, 'skipped'),
    };
  } catch {
    return undefined;
  }
}
