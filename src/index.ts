/** vnplan library API: process one document or a folder; the CLI is a thin shell over this. */
export { processDocument, runPipeline, readInput, type ProcessOptions, type DocumentInput } from './runner/process.js';
export { runFolder, defaultConcurrency, type RunOptions, type RunEvent } from './runner/run-folder.js';
export type { RunReport, DocumentReport, IndexEntry, DocumentStatus } from './runner/report.js';
export { shutdown } from './runner/shutdown.js';
export { getPipeline, pipelineNames, PIPELINES, type Pipeline, type PipelineDefinition } from '../pipelines/index.js';
export { toRecord, locate, docIdFor, emptyFields, type RecordMeta, type Location } from './output/index.js';
export { ingestStage } from './stages/ingest.js';
export { ocrStage } from './stages/ocr.js';
export { normalizeStage, normalizePages } from './stages/normalize.js';
export { segmentStage } from './stages/segment.js';
export { extractStage } from './stages/extract.js';
export { restoreStage } from './stages/restore.js';
export { restoreText, type RestoreTextOptions, type RestoreResult } from './restore/index.js';
export * from './schema/document.js';
export { VnplanError, ERROR_CODES, EXIT, toVnplanError, type ErrorCode } from './errors.js';
export type { Diagnostic, Severity, Position } from './diagnostics.js';
export type * from './document.js';
