/** OCR settings shared by both engines (tesseract.js in pool.ts, the system tesseract in native.ts). */
import type { OcrPreprocess } from './preprocess.js';

/** 'auto': the system tesseract when installed (native.ts), tesseract.js otherwise. */
export type OcrEngine = 'auto' | 'native' | 'tesseractjs';
export const OCR_ENGINES: readonly OcrEngine[] = ['auto', 'native', 'tesseractjs'];
export const DEFAULT_OCR_ENGINE: OcrEngine = 'auto';

/**
 * Page segmentation mode for both engines: 3 = automatic (the tesseract CLI's default).
 * tesseract.js's own default, one uniform block (6), reads a scan's border marks and margin
 * notes into the text lines: CER 6.2 % against 1.0 % on fixtures/001_scan.pdf with the same
 * model (tools/bench/ocr.ts).
 */
export const TESSERACT_PSM = '3';

export interface OcrSettings {
  /** Which Tesseract runs the pages; default 'auto'. */
  engine?: OcrEngine;
  /** 'vie' (default) or 'eng+vie'. */
  languages?: string;
  /**
   * Model variant: '4.0.0' or '4.0.0_best_int' of @tesseract.js-data (tesseract.js; the
   * native engine too when given explicitly), or 'system' (native engine: the model
   * installed with the tesseract program, its default when the languages are installed).
   */
  model?: string;
  /** Pages recognised at once (tesseract.js workers or tesseract processes); default: cores. */
  workers?: number;
  /** Resolution of the page image, told to Tesseract because rendered PNGs carry none. */
  dpi?: number;
  /** Image clean-up before recognition (default 'median', see preprocess.ts). */
  preprocess?: OcrPreprocess;
}
