/** Public OCR API: one-file OCR for the CLI/library, the shared pool and its shutdown. */
export { ocrFile, type OcrFileOptions, type OcrFilePage, type OcrFileResult } from './ocr-file.js';
export { recognizeImage, terminateOcr, type OcrSettings } from './pool.js';
export { DEFAULT_MODEL, DEFAULT_LANGUAGES, MODEL_VARIANTS } from './model.js';
export { DEFAULT_PREPROCESS, type OcrPreprocess } from './preprocess.js';
export type { PageOcr } from './words.js';
