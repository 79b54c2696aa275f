/** Public OCR API: one-file OCR for the CLI/library, page recognition by either engine, and shutdown. */
export { ocrFile, type OcrFileOptions, type OcrFilePage, type OcrFileResult } from './ocr-file.js';
export { recognizeImage, resolveEngine, terminateOcr } from './recognize.js';
export { OCR_ENGINES, DEFAULT_OCR_ENGINE, type OcrEngine, type OcrSettings } from './settings.js';
export { DEFAULT_MODEL, DEFAULT_LANGUAGES, MODEL_VARIANTS } from './model.js';
export { DEFAULT_PREPROCESS, type OcrPreprocess } from './preprocess.js';
export type { PageOcr } from './words.js';
