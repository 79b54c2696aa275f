/** Releases process-wide resources (OCR worker threads) so a CLI run can exit. */
import { terminateOcr } from '../ocr/pool.js';

export async function shutdown(): Promise<void> {
  await terminateOcr();
}
