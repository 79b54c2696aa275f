/** Releases process-wide resources (OCR worker threads) so a CLI run can exit. */
import { importOptional } from '../../pipelines/stages.js';

/** Where the OCR module exposes terminateOcr (its pool); loaded only if installed. */
const OCR_MODULES = ['../src/ocr/index.js', '../src/ocr/pool.js'];

export async function shutdown(): Promise<void> {
  for (const file of OCR_MODULES) {
    const ocr = await importOptional(file);
    const terminate = ocr?.terminateOcr;
    if (typeof terminate === 'function') {
      await (terminate as () => Promise<void>)();
      return;
    }
  }
}
