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

/**
 * Overwrites the image data of frame `frame` (1-based) of a little-endian TIFF with bytes that
 * are not valid deflate data, leaving its directory intact: the file lists every frame, and
 * only decoding that one fails.
 */
export function corruptTiffFrame(tiff: Uint8Array, frame: number): Uint8Array {
  const out = new Uint8Array(tiff);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (view.getUint16(0) !== 0x4949) throw new Error('expected a little-endian TIFF');
  let ifd = view.getUint32(4, true);
  for (let n = 1; n < frame; n++) ifd = view.getUint32(ifd + 2 + view.getUint16(ifd, true) * 12, true);
  const values = (tag: number): number[] => {
    const count = view.getUint16(ifd, true);
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + i * 12;
      if (view.getUint16(e, true) !== tag) continue;
      const type = view.getUint16(e + 2, true);
      const n = view.getUint32(e + 4, true);
      const size = type === 3 ? 2 : 4;
      const at = n * size <= 4 ? e + 8 : view.getUint32(e + 8, true);
      return Array.from({ length: n }, (_, k) => (size === 2 ? view.getUint16(at + k * 2, true) : view.getUint32(at + k * 4, true)));
    }
    throw new Error(`TIFF tag ${tag} missing`);
  };
  const offsets = values(273);
  const counts = values(279);
  offsets.forEach((o, k) => out.fill(0xff, o, o + counts[k]!));
  return out;
}
