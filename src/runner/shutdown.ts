/** Releases process-wide resources (OCR worker threads) so a CLI run can exit. */
import { terminateOcr } from '../ocr/recognize.js';

export async function shutdown(): Promise<void> {
  await terminateOcr();
}
