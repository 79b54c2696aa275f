/**
 * Tesseract.js workers for the channel build, loading models only from the installed
 * @tesseract.js-data packages (no downloads, no cache files written).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

export type ChannelModel = 'eng' | 'vie';

/** Folder of the traineddata inside the npm package; best_int is what tesseract.js uses by default for LSTM. */
export function modelLangPath(model: ChannelModel, folder = '4.0.0_best_int'): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`@tesseract.js-data/${model}/package.json`);
  return join(dirname(pkgJson), folder);
}

export async function createOcrWorker(model: ChannelModel): Promise<Worker> {
  const worker = await createWorker(model, OEM.LSTM_ONLY, {
    langPath: modelLangPath(model),
    gzip: true,
    cacheMethod: 'none',
  });
  await worker.setParameters({ user_defined_dpi: '300', preserve_interword_spaces: '0' });
  return worker;
}

/** OCR one page image; returns its non-empty text lines in reading order. */
export async function ocrLines(worker: Worker, png: Buffer): Promise<string[]> {
  const result = await worker.recognize(png);
  return result.data.text
    .split('\n')
    .map((l) => l.normalize('NFC').trim())
    .filter((l) => l.length > 0);
}
