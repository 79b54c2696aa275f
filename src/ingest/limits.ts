/**
 * Per-document size limits (`--max-bytes`, `--max-pages`). A document over a limit fails on
 * its own with INPUT_TOO_LARGE before any stage holds it in memory; the batch goes on.
 * Within the limits memory stays bounded by the chunked stages (src/text/chunks.ts) and the
 * page-at-a-time OCR (src/stages/ocr.ts), so the limits bound run time more than memory.
 */
import { stat } from 'node:fs/promises';
import { VnplanError } from '../errors.js';

/** Largest input file accepted by default: 64 MiB (a 64 MB text takes about an hour to restore on one core). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Most pages accepted by default: 2,000 (at ~3 s of OCR per scanned page, close to two hours on one worker). */
export const DEFAULT_MAX_PAGES = 2000;

export interface InputLimits {
  maxBytes?: number;
  maxPages?: number;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws INPUT_TOO_LARGE when `bytes` exceeds the byte limit. */
export function checkInputBytes(bytes: number, limits: InputLimits = {}): void {
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes > max) throw new VnplanError('INPUT_TOO_LARGE', `The file has ${bytes} bytes (${mb(bytes)}), over --max-bytes ${max} (${mb(max)})`);
}

/** Throws INPUT_TOO_LARGE when a document has more pages than the page limit. */
export function checkPageCount(pages: number, limits: InputLimits = {}): void {
  const max = limits.maxPages ?? DEFAULT_MAX_PAGES;
  if (pages > max) throw new VnplanError('INPUT_TOO_LARGE', `The document has ${pages} pages, over --max-pages ${max}`);
}

/** The byte limit checked on the file's size before it is read (a missing file is left to the reader). */
export async function checkFileSize(path: string, limits: InputLimits = {}): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) checkInputBytes(info.size, limits);
}

/** The limits given in pipeline options (CLI flags), ignoring values of the wrong type. */
export function limitsOf(options: { maxBytes?: unknown; maxPages?: unknown }): InputLimits {
  return {
    ...(typeof options.maxBytes === 'number' ? { maxBytes: options.maxBytes } : {}),
    ...(typeof options.maxPages === 'number' ? { maxPages: options.maxPages } : {}),
  };
}
