/** Ingest + OCR of one file, for `vnplan ocr` and library users: the ocr-only pipeline, its pages. */
import { getPipeline } from '../../pipelines/index.js';
import type { OcrWord } from '../document.js';
import { readInput, runPipeline } from '../runner/process.js';

export interface OcrFileOptions {
  /** 'vie' (default) or 'eng+vie'. */
  languages?: string;
  /** '4.0.0' or '4.0.0_best_int'. */
  model?: string;
  workers?: number;
  /** 'auto' (default), 'native' (system tesseract) or 'tesseractjs'. */
  engine?: 'auto' | 'native' | 'tesseractjs';
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
  const input = await readInput(path);
  const doc = await runPipeline(await getPipeline('ocr-only'), input, {
    ...(opts.languages ? { ocrLanguages: opts.languages } : {}),
    ...(opts.model ? { ocrModel: opts.model } : {}),
    ...(opts.workers ? { ocrWorkers: opts.workers } : {}),
    ...(opts.engine ? { ocrEngine: opts.engine } : {}),
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    onProgress: opts.onProgress,
  });
  return {
    path: input.path,
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
