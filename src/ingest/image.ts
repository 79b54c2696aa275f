/** Image inputs (PNG, JPEG, TIFF incl. multi-page): one OCR page per image frame. */
import sharp from 'sharp';
import { VnplanError } from '../errors.js';
import type { Page } from '../document.js';
import { checkPageCount, type InputLimits } from './limits.js';

/** Decodes frame `page` fully (so truncated files fail here, not in OCR) and re-encodes as PNG. */
async function framePng(bytes: Uint8Array, page: number): Promise<{ png: Uint8Array; width: number; height: number }> {
  // rotate() applies the EXIF orientation of phone photos before OCR.
  const { data, info } = await sharp(bytes, { page, failOn: 'error' }).rotate().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { png: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/**
 * `select(n)`: 'read' decodes frame n; 'list' lists its page without an image (recognised
 * already: the OCR stage takes it from elsewhere); 'skip' leaves it out (outside the page
 * range of a page-range job).
 */
export async function ingestImage(bytes: Uint8Array, limits: InputLimits = {}, select: (page: number) => 'read' | 'list' | 'skip' = () => 'read'): Promise<Page[]> {
  try {
    const meta = await sharp(bytes).metadata();
    const frames = meta.pages ?? 1;
    checkPageCount(frames, limits);
    const pages: Page[] = [];
    for (let i = 0; i < frames; i++) {
      const what = select(i + 1);
      if (what !== 'read') {
        if (what === 'list') pages.push({ number: i + 1, origin: 'ocr', text: '' });
        continue;
      }
      const { png, width, height } = await framePng(bytes, i);
      pages.push({ number: i + 1, origin: 'ocr', text: '', image: png, width, height });
    }
    return pages;
  } catch (err) {
    if (err instanceof VnplanError) throw err;
    throw new VnplanError('IMAGE_CORRUPT', err instanceof Error ? err.message : String(err), { cause: err });
  }
}
