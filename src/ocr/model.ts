/**
 * Where the Tesseract models live: the npm packages @tesseract.js-data/<lang>, never a
 * download at run time. Each package holds one folder per model variant
 * (4.0.0 = "fast"+legacy, 4.0.0_best_int = LSTM "best" quantised to integers).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VnplanError } from '../errors.js';

export const MODEL_VARIANTS = ['4.0.0', '4.0.0_best_int'] as const;
/** Chosen by tools/bench/ocr.ts on fixtures/001_scan.pdf (see the report in the bench output). */
export const DEFAULT_MODEL = '4.0.0_best_int';
export const DEFAULT_LANGUAGES = 'vie';
const SUPPORTED_LANGUAGES = new Set(['vie', 'eng']);

const require = createRequire(import.meta.url);

export interface ResolvedLanguage {
  code: string;
  /** Folder holding <code>.traineddata.gz */
  folder: string;
  file: string;
}

export function resolveLanguage(code: string, model: string): ResolvedLanguage {
  if (!SUPPORTED_LANGUAGES.has(code)) {
    throw new VnplanError('USAGE', `OCR language "${code}" is not supported (use vie or eng+vie)`);
  }
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
  } catch (err) {
    throw new VnplanError('OCR_MODEL_MISSING', `npm package @tesseract.js-data/${code} is not installed`, { cause: err });
  }
  const folder = join(pkgDir, model);
  const file = join(folder, `${code}.traineddata.gz`);
  if (!existsSync(file)) {
    throw new VnplanError('OCR_MODEL_MISSING', `Model variant "${model}" not found at ${file} (variants: ${MODEL_VARIANTS.join(', ')})`);
  }
  return { code, folder, file };
}

/** 'eng+vie' -> resolved languages, in Tesseract's order. */
export function resolveLanguages(languages: string, model: string): ResolvedLanguage[] {
  const codes = languages.split('+').map((c) => c.trim()).filter(Boolean);
  if (codes.length === 0) throw new VnplanError('USAGE', 'No OCR language given');
  return codes.map((c) => resolveLanguage(c, model));
}
