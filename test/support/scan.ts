/**
 * Long image-only scans for the split-document tests and bench, built from the committed
 * 6-page scan fixtures/001_scan.pdf (1-bit 300 dpi A4 pages): its pages repeated in order,
 * with empty A4 pages (no text layer, nothing drawn) where asked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { ROOT } from './fixtures.js';

export const SCAN_FIXTURE = 'fixtures/001_scan.pdf';

export async function longScanPdf(pages: number, blankPages: number[] = []): Promise<Uint8Array> {
  const source = await PDFDocument.load(readFileSync(join(ROOT, SCAN_FIXTURE)));
  const out = await PDFDocument.create({ updateMetadata: false });
  const sourcePages = source.getPageCount();
  let next = 0;
  for (let n = 1; n <= pages; n++) {
    if (blankPages.includes(n)) {
      out.addPage([595, 842]);
      continue;
    }
    const [page] = await out.copyPages(source, [next++ % sourcePages]);
    out.addPage(page!);
  }
  return out.save();
}
