/** Shapes of out/index.jsonl rows and out/run-report.json. */
import type { Diagnostic } from '../diagnostics.js';
import type { ErrorCode } from '../errors.js';
import type { DocumentRecord } from '../schema/document.js';

export type DocumentStatus = 'ok' | 'failed' | 'skipped';

export interface IndexEntry {
  docId: string;
  relPath: string;
  sha256: string | null;
  status: DocumentStatus;
  kind: string | null;
  pages: number;
  documentType: string | null;
  number: string | null;
  issueDate: string | null;
  title: string | null;
  issuingBody: string | null;
  pipelineVersion: string | null;
  error?: { code: ErrorCode; message: string };
}

export interface DocumentReport {
  docId: string;
  relPath: string;
  status: DocumentStatus;
  pages: number;
  seconds: number;
  error?: { code: ErrorCode; message: string };
}

export interface RunReport {
  inputDir: string;
  outDir: string;
  pipeline: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  /** True when the run stopped before every document was handled (see stopReason). */
  interrupted: boolean;
  /** Why an interrupted run stopped: a signal (SIGINT/SIGTERM), or the output filesystem full (ENOSPC/EDQUOT). */
  stopReason?: 'signal' | 'output-full';
  /** Run-level diagnostics: input entries skipped on purpose (symbolic links, FIFOs …). */
  diagnostics?: Diagnostic[];
  totals: { documents: number; ok: number; skipped: number; failed: number; pages: number; seconds: number };
  documents: DocumentReport[];
}

export function indexEntryFromRecord(record: DocumentRecord, status: DocumentStatus): IndexEntry {
  const f = record.fields;
  return {
    docId: record.docId,
    relPath: record.source.relPath,
    sha256: record.source.sha256,
    status,
    kind: record.source.kind,
    pages: record.pages.length,
    documentType: f.documentType.value,
    number: f.number.value,
    issueDate: f.issueDate.value,
    title: f.title.value,
    issuingBody: f.issuingBody.name.value,
    pipelineVersion: record.pipeline.version,
  };
}

export function summarize(documents: DocumentReport[]): RunReport['totals'] {
  const count = (s: DocumentStatus) => documents.filter((d) => d.status === s).length;
  return {
    documents: documents.length,
    ok: count('ok'),
    skipped: count('skipped'),
    failed: count('failed'),
    pages: documents.reduce((n, d) => n + (d.status === 'ok' ? d.pages : 0), 0),
    seconds: Number(documents.reduce((n, d) => n + d.seconds, 0).toFixed(3)),
  };
}
