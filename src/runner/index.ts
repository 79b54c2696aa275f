export { processDocument, runPipeline, readInput, sha256, type ProcessOptions, type DocumentInput } from './process.js';
export { runFolder, defaultConcurrency, type RunOptions, type RunEvent } from './run-folder.js';
export { listInputFiles, type InputFile } from './walk.js';
export { lockOutput } from './lock.js';
export { shutdown } from './shutdown.js';
export type { RunReport, DocumentReport, IndexEntry, DocumentStatus } from './report.js';
