/**
 * What a queued document job carries and how it is retried. A job names its input and output
 * by absolute path: every worker must see the shared disk at the same paths as the machine
 * that ran `vnplan run --queue` (see README, "Several machines").
 */
import type { JobsOptions } from 'bullmq';
import type { ErrorCode } from '../errors.js';
import type { PageRange, PipelineOptions } from '../document.js';
import type { DocumentOutcome } from '../runner/document-job.js';

/** The per-run options a worker applies to a document (serialisable PipelineOptions). */
export type JobPipelineOptions = Pick<PipelineOptions, 'encoding' | 'ocrLanguages' | 'ocrModel' | 'ocrEngine' | 'restore' | 'toneStyle' | 'restoreTokens' | 'maxBytes' | 'maxPages'>;

/** What every queued job names: its document, the run it belongs to, and how to process it. */
interface JobOfDocument {
  runId: string;
  path: string;
  relPath: string;
  docId: string;
  outDir: string;
  pipeline: string;
  /** A worker whose pipeline version differs (older or newer vnplan) leaves the job to another. */
  pipelineVersion: string;
  /** The run's --force. */
  force: boolean;
  /** With force: a record written since this time (ms) is this run's (a redelivered job skips it). */
  forcedSince?: number;
  options: JobPipelineOptions;
  /** Set by the worker when the document (or, for a range, the document through it) failed for good: the run reports it as a local run would. */
  outcome?: DocumentOutcome;
}

export interface DocumentJobData extends JobOfDocument {
  /**
   * Split the document into page-range jobs when more than this many of its pages need OCR
   * (the run's --split-pages; page-jobs.ts). Absent or 0: never split.
   */
  splitPages?: number;
  /** Set by the worker that split the document: the page ranges of its child jobs, joined when all have finished. */
  parts?: PageRange[];
}

/** A child job of a split document: OCR of the pages in `range`, stored as a part file (page-jobs.ts). A record written by this run (with force) makes the range redundant. */
export interface PageRangeJobData extends JobOfDocument {
  kind: 'pages';
  range: PageRange;
  /** Pages of the whole document that need OCR (for the run's progress). */
  documentPages: number;
}

/** What a finished page-range job returns. */
export interface PageRangeJobResult {
  docId: string;
  range: PageRange;
  /** The pages this job recognised (or found recognised already, when skipped). */
  pages: number[];
  /** The worker process that ran it: host#pid. */
  worker: string;
  /** 'skipped': its part file (or the document's record) was already up to date. */
  status: 'ok' | 'skipped';
  seconds: number;
}

export type QueueJobData = DocumentJobData | PageRangeJobData;
export type QueueJobResult = DocumentJobResult | PageRangeJobResult;

export function isPageRangeJob(data: QueueJobData): data is PageRangeJobData {
  return (data as PageRangeJobData).kind === 'pages';
}

/** What a finished job returns: the run's report row and index entry. */
export type DocumentJobResult = Omit<DocumentOutcome, 'fault'>;

/**
 * Failures worth another try, on this worker or another: the shared disk hiccuped (NFS, SMB,
 * a bucket mount), or this worker runs another vnplan version. Every other code is a property
 * of the document (PDF_CORRUPT, INPUT_TOO_LARGE …) and fails at once.
 */
export const TRANSIENT_CODES: ReadonlySet<ErrorCode | 'VERSION_MISMATCH'> = new Set(['INPUT_NOT_FOUND', 'INPUT_UNREADABLE', 'OUTPUT_WRITE_FAILED', 'OUTPUT_NOT_WRITABLE', 'VERSION_MISMATCH']);

/** Attempts per job (1 + retries of transient failures). */
export const JOB_ATTEMPTS = 4;
/** First retry after this delay; each further one waits twice as long (5 s, 10 s, 20 s). */
export const RETRY_BASE_DELAY_MS = 5_000;
/** Finished jobs stay in Redis this long (for `vnplan run` to read, and operators to inspect)… */
export const KEEP_FINISHED_SECONDS = 24 * 3600;
/** …and at most this many (Redis memory: a finished job holds ~2–3 KB of data and result, docs/scaling.md). */
export const KEEP_FINISHED_JOBS = 100_000;

export function jobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: RETRY_BASE_DELAY_MS },
    removeOnComplete: { age: KEEP_FINISHED_SECONDS, count: KEEP_FINISHED_JOBS },
    removeOnFail: { age: KEEP_FINISHED_SECONDS, count: KEEP_FINISHED_JOBS },
  };
}

/** BullMQ job ids may not contain ':'; docIds are [a-z0-9-]. */
export function jobIdFor(runId: string, docId: string): string {
  return `${runId}.${docId}`;
}

/** The id of a split document's page-range job: its parent's id and the range. */
export function pageJobIdFor(parentJobId: string, range: PageRange): string {
  return `${parentJobId}.${range.from}-${range.to}`;
}

/** The parent job id of a page-range job id (undefined for a document job id: runId.docId, one dot). */
export function parentJobIdOf(jobId: string): string | undefined {
  const m = /^([^.]+\.[^.]+)\.\d+-\d+$/.exec(jobId);
  return m?.[1];
}
