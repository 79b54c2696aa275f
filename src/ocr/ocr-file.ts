/** Ingest + OCR of one file, for `vnplan ocr` and library users. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { emptyDoc, type OcrWord, type PipelineOptions } from '../document.js';
import { VnplanError } from '../errors.js';
import { ingestStage } from '../stages/ingest.js';
import { ocrStage } from '../stages/ocr.js';

export interface OcrFileOptions {
  /** 'vie' (default) or 'eng+vie'. */
  languages?: string;
  /** '4.0.0' or '4.0.0_best_int'. */
  model?: string;
  workers?: number;
  /** Text encoding for text inputs (otherwise detected). */
  encoding?: string;
  onProgress?: (event: { stage: string; done: number; total: number }) => void;
}

export interface OcrFilePage {
  number: number;
  origin: 'text' | 'text-layer' | 'ocr';
  text: string;
  /** Mean word confidence 0..100; undefined for pages that were not OCR'd. */
  confidence?: number;
  words: OcrWord[];
  width?: number;
  height?: number;
}

export interface OcrFileResult {
  path: string;
  mime?: string;
  kind?: string;
  pages: OcrFilePage[];
}

export async function ocrFile(path: string, opts: OcrFileOptions = {}): Promise<OcrFileResult> {
  const abs = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(abs));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new VnplanError('INPUT_NOT_FOUND', abs, { cause: err });
    throw err;
  }
  const source = {
    path: abs,
    relPath: basename(abs),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  const options: PipelineOptions = {
    ...(opts.languages ? { ocrLanguages: opts.languages } : {}),
    ...(opts.model ? { ocrModel: opts.model } : {}),
    ...(opts.workers ? { ocrWorkers: opts.workers } : {}),
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
  };
  const ctx = { options, onProgress: opts.onProgress };
  const ingested = await ingestStage.run(emptyDoc(source, bytes), ctx);
  const doc = await ocrStage.run(ingested, ctx);
  return {
    path: abs,
    mime: doc.source.mime,
    kind: doc.source.kind,
    pages: doc.pages.map((p) => ({
      number: p.number,
      origin: p.origin,
      text: p.text,
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      words: p.words ?? [],
      ...(p.width !== undefined ? { width: p.width, height: p.height } : {}),
    })),
  };
}
