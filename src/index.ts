/**
 * vnplan library API: the CLI (src/cli.ts) is a thin shell over these exports.
 *
 *   import { processDocument, runFolder, terminateOcr } from 'vnplan';
 *   const record = await processDocument('plan.pdf', { pipeline: 'default' });
 *   const report = await runFolder('scans', { out: 'out', concurrency: 2, ocrWorkers: 2 });
 *   await terminateOcr(); // after processDocument/ocrFile: stops the Tesseract workers
 *
 * Options (ProcessOptions for one document, RunOptions for a folder; both extend PipelineOptions):
 *   pipeline       'default' | 'text-only' | 'ocr-only' (see PIPELINES), or a loaded Pipeline
 *   encoding       force the text encoding: utf8, utf16le, utf16be, cp1258, viscii, tcvn3, vni
 *                  (aliases: abc, vni-win, windows-1258 …); on PDFs it forces text-layer repair
 *   ocrWorkers     Tesseract workers in the shared pool (default: number of cores)
 *   ocrLanguages   'vie' (default) or 'eng+vie'
 *   ocrModel       model folder of @tesseract.js-data/vie: '4.0.0_best_int' (default) or '4.0.0';
 *                  'system' = the model installed with the tesseract program (native engine)
 *   ocrEngine      'auto' (default: the system tesseract when installed) | 'native' | 'tesseractjs'
 *   restore        'auto' (default: restore when the text needs it) | 'always' | 'never'
 *   toneStyle      'old' (hóa, Ủy; default) | 'new' (hoá, Uỷ)
 *   restoreTokens  keep per-token restoration details in the record
 *   signal         AbortSignal; onProgress(event) per stage (pages done / total)
 * RunOptions only: out (default 'out'), concurrency (documents in flight, default: cores),
 *   force (redo up-to-date documents), onEvent (start/document/warning/end events),
 *   shutdownAtEnd (terminate OCR workers when done, default true).
 * Distributed: runQueued(dir, { ...RunOptions, queue: 'redis://HOST:PORT' }) enqueues and waits
 *   (same report); runWorker({ queue, concurrency, ocrWorkers, signal }) processes jobs until stopped.
 */

// One document, a folder, and the pieces they are made of.
export { processDocument, runPipeline, readInput, sha256, type ProcessOptions, type DocumentInput } from './runner/process.js';
export { runFolder, defaultConcurrency, type RunOptions, type RunEvent } from './runner/run-folder.js';
export { indexEntryFromRecord, summarize } from './runner/report.js';
export type { RunReport, DocumentReport, IndexEntry, DocumentStatus } from './runner/report.js';
export { progressReporter, formatSummary } from './runner/progress.js';
export { shutdown } from './runner/shutdown.js';

// Distributed runs (BullMQ + Redis): the enqueuing run and the worker.
export { runQueued, type QueuedRunOptions } from './queue/run-queued.js';
export { runWorker, type WorkerOptions, type WorkerEvent } from './queue/worker.js';

// Pipelines: named stage lists, their versions (incremental runs) and guards.
export { getPipeline, pipelineNames, PIPELINES, type Pipeline, type PipelineDefinition, type GuardedStep } from '../pipelines/index.js';
export { pipelineVersion, packageVersion } from '../pipelines/version.js';
export { requireTextStage, vietnameseOnly } from '../pipelines/guards.js';

// Stages (each a `Stage`: { name, run(doc, ctx) } returning a new VDoc).
export { ingestStage } from './stages/ingest.js';
export { ocrStage } from './stages/ocr.js';
export { normalizeStage, normalizePages, type NormalizeResult } from './stages/normalize.js';
export { restoreStage } from './stages/restore.js';
export { segmentStage } from './stages/segment.js';
export { extractStage } from './stages/extract.js';

// Ingest helpers: input type by magic bytes, PDF pages, language check.
export { detectType, type DetectedType } from './ingest/detect.js';
export { ingestPdf, textLayerUsable, RENDER_DPI, type PdfIngest, type PdfPageDecision, type PdfIngestOptions } from './ingest/pdf.js';
export { ingestText, type TextIngest } from './ingest/text.js';
export { looksNotVietnamese, vietnameseEvidence, type LanguageEvidence } from './lang/evidence.js';

// OCR (the system tesseract when installed, else tesseract.js with the offline Vietnamese model).
export { ocrFile, recognizeImage, resolveEngine, terminateOcr, DEFAULT_MODEL, DEFAULT_LANGUAGES, MODEL_VARIANTS, DEFAULT_PREPROCESS, OCR_ENGINES, DEFAULT_OCR_ENGINE } from './ocr/index.js';
export type { OcrFileOptions, OcrFilePage, OcrFileResult, OcrSettings, OcrPreprocess, OcrEngine, PageOcr } from './ocr/index.js';

// Diacritic restoration.
export { restoreText, createRestorer, getDefaultRestorer, Restorer, type RestoreTextOptions, type RestoreResult, type RestoreOptions, type RestoreStats } from './restore/index.js';

// Legacy encodings (TCVN3/ABC, VNI, VISCII, Windows-1258).
export { decodeText, repairLegacyText, repairTextLayerPage, normalizeEncodingName, ENCODINGS, LEGACY_SCHEMES, type DecodedText, type EncodingName, type TextLayerRepair } from './encoding/index.js';

// Output records and files.
export { toRecord, locate, docIdFor, canonicalRelPath, emptyFields, writeDocument, readRecord, recordPath, INDEX_FILE, REPORT_FILE, type RecordMeta, type Location } from './output/index.js';

// Analysts: query and export of an output folder.
export { buildIndex, QueryIndex, makeSnippet, readRecords, foldText, foldName, symbolKey, INDEX_DIR } from './query/index.js';
export type { BuildStats, QueryOptions, QueryResult, QueryResponse, QueryFilters, DocMeta, RefMeta, Snippet, HighlightStyle } from './query/index.js';
export { exportArchive, EXPORT_FORMATS, TABLES, TABLE_NAMES, type ExportFormat, type ExportStats, type TableName } from './export/index.js';

// Review: the web page over an output folder, and the human corrections it keeps.
export { startReviewServer, createReviewApp, type ReviewServer, type ReviewServerOptions } from './review/server.js';
export { applyCorrections, addCorrection, removeCorrection, readCorrections, correctionsPath, CorrectionsFileSchema, CorrectionSchema, CorrectionRequestSchema } from './corrections/index.js';
export type { Correction, CorrectionsFile, CorrectionRequest, CorrectionState } from './corrections/index.js';

// Output schema (zod) and its types; the JSON Schema file is src/schema/document.schema.json.
export * from './schema/document.js';

// Errors: stable codes with what-to-do messages; process exit codes.
export { VnplanError, ERROR_CODES, EXIT, toVnplanError, type ErrorCode } from './errors.js';
export { diag, type Diagnostic, type Severity, type Position } from './diagnostics.js';
export type * from './document.js';
