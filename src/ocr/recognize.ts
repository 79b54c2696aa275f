/**
 * One page image -> text, word boxes and confidences, by the chosen engine: the system
 * `tesseract` (native.ts) or tesseract.js (pool.ts). 'auto' picks native when a usable
 * tesseract is installed (decided once per process), so `npm install` alone still works
 * offline. The pre-filter (preprocess.ts) runs here, the same for both engines.
 */
import { VnplanError } from '../errors.js';
import { DEFAULT_LANGUAGES, DEFAULT_MODEL, resolveLanguages } from './model.js';
import { nativeHasLanguages, nativeTesseractVersion, recognizeNative, terminateNative, SYSTEM_MODEL } from './native.js';
import { recognizeWithTesseractJs, terminateTesseractJs } from './pool.js';
import { DEFAULT_PREPROCESS, preprocessForOcr } from './preprocess.js';
import { DEFAULT_OCR_ENGINE, type OcrSettings } from './settings.js';
import type { PageOcr } from './words.js';

/** Resolution page images are rendered at and told to Tesseract when the caller gives none. */
export const DEFAULT_OCR_DPI = 300;

/** The engine and model that will read pages with these settings (the same for every page of a run). */
export function resolveEngine(settings: OcrSettings = {}): { engine: 'native' | 'tesseractjs'; model: string; version?: string } {
  const wanted = settings.engine ?? DEFAULT_OCR_ENGINE;
  const languages = settings.languages ?? DEFAULT_LANGUAGES;
  if (wanted === 'tesseractjs') {
    if (settings.model === SYSTEM_MODEL) throw new VnplanError('USAGE', `--ocr-model ${SYSTEM_MODEL} needs --ocr-engine native`);
    return { engine: 'tesseractjs', model: settings.model ?? DEFAULT_MODEL };
  }
  const version = nativeTesseractVersion();
  if (!version) {
    if (wanted === 'native') {
      throw new VnplanError('USAGE', 'OCR engine "native" needs the tesseract program (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie), or use --ocr-engine tesseractjs');
    }
    return { engine: 'tesseractjs', model: settings.model && settings.model !== SYSTEM_MODEL ? settings.model : DEFAULT_MODEL };
  }
  // The installed model when it has the languages; otherwise the npm package's, unpacked.
  const model = settings.model ?? (nativeHasLanguages(languages) ? SYSTEM_MODEL : DEFAULT_MODEL);
  if (model === SYSTEM_MODEL && !nativeHasLanguages(languages)) {
    throw new VnplanError('OCR_MODEL_MISSING', `the installed tesseract has no "${languages}" model (apt-get install tesseract-ocr-vie), or use --ocr-model ${DEFAULT_MODEL}`);
  }
  return { engine: 'native', model, version };
}

/** OCR one page image (PNG/JPEG/TIFF bytes) at `settings.dpi` (default DEFAULT_OCR_DPI). */
export async function recognizeImage(image: Uint8Array, settings: OcrSettings = {}): Promise<PageOcr> {
  const { engine, model } = resolveEngine(settings);
  // A missing model is OCR_MODEL_MISSING before any page work.
  if (model !== SYSTEM_MODEL) resolveLanguages(settings.languages ?? DEFAULT_LANGUAGES, model);
  let prepared: Uint8Array;
  try {
    prepared = await preprocessForOcr(image, settings.preprocess ?? DEFAULT_PREPROCESS);
  } catch (err) {
    throw new VnplanError('IMAGE_CORRUPT', err instanceof Error ? err.message : String(err), { cause: err });
  }
  const dpi = settings.dpi ?? DEFAULT_OCR_DPI;
  if (engine === 'native') {
    return recognizeNative(prepared, { languages: settings.languages ?? DEFAULT_LANGUAGES, model, dpi, ...(settings.workers ? { workers: settings.workers } : {}) });
  }
  return recognizeWithTesseractJs(prepared, dpi, { ...settings, model });
}

/** Stops every OCR worker and removes temporary models; the next page starts afresh. */
export async function terminateOcr(): Promise<void> {
  await Promise.all([terminateTesseractJs(), terminateNative()]);
}
