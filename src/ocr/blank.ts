/**
 * Cheap blank-page detection before OCR: the share of ink pixels on a small greyscale version
 * of the page. A blank page costs a Tesseract pass (seconds) for no text; this check costs a
 * 50 dpi render (a PDF page) or a downscale (an image), a few milliseconds.
 */
import sharp from 'sharp';
import { medianLineHeight } from './resolution.js';

/** Resolution of the render a PDF page is judged on (A4 ≈ 413 × 585 pixels). */
export const BLANK_CHECK_DPI = 50;
/** Width an image page is shrunk to before it is judged (about an A4 page at BLANK_CHECK_DPI). */
const BLANK_CHECK_WIDTH = 420;
/**
 * Grey level (0 black … 255 white) below which a pixel is ink. Downscaling greys thin strokes,
 * so the level sits well above black; a grey scanned background also counts as ink, which
 * errs on the side of OCR'ing the page.
 */
const INK_LEVEL = 200;
/**
 * Pages with a smaller share of ink pixels are blank (0.05 %: ~120 pixels of an A4 page at
 * 50 dpi, less than one short line of text); higher thresholds would skip pages holding only
 * a page number or a signature, lower ones let scanner specks through to OCR.
 */
export const BLANK_INK_SHARE = 0.0005;

/** Share of ink pixels of a PNG/JPEG/TIFF image, judged at about BLANK_CHECK_WIDTH pixels wide. */
export async function inkShare(image: Uint8Array): Promise<number> {
  return (await inkStats(image)).share;
}

/**
 * Share of ink pixels and median text-line height (rows, at the analysed size; see
 * resolution.ts) of a page image, from one small greyscale version of it.
 */
export async function inkStats(image: Uint8Array): Promise<{ share: number; lineRows?: number }> {
  const { data, info } = await sharp(image)
    .flatten({ background: '#ffffff' })
    .resize({ width: BLANK_CHECK_WIDTH, withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = info.channels === 1 ? data : data.filter((_, i) => i % info.channels === 0);
  let ink = 0;
  for (let i = 0; i < grey.length; i++) if (grey[i]! < INK_LEVEL) ink++;
  const lineRows = medianLineHeight(grey, info.width, info.height, (v) => v < INK_LEVEL);
  return { share: ink / Math.max(1, info.width * info.height), ...(lineRows !== undefined ? { lineRows } : {}) };
}

export function isBlankShare(share: number): boolean {
  return share < BLANK_INK_SHARE;
}
