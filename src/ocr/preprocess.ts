/**
 * Light clean-up of page images before Tesseract: a 3x3 median removes isolated scanner
 * speckles (which Tesseract otherwise reads as '.', '|', 'mm') while strokes of 10–12 pt text
 * at 300 dpi survive, so syllable accuracy rises and CER falls (docs/benchmarks.md, OCR).
 */
import sharp from 'sharp';

export type OcrPreprocess = 'none' | 'median';
export const OCR_PREPROCESS: readonly OcrPreprocess[] = ['none', 'median'];
export const DEFAULT_PREPROCESS: OcrPreprocess = 'median';

export async function preprocessForOcr(image: Uint8Array, how: OcrPreprocess): Promise<Uint8Array> {
  if (how === 'none') return image;
  const input = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  // Transparent PNG backgrounds would read as black: composite onto white first. Grayscale
  // next: Tesseract binarises anyway, and one channel makes the median 3x cheaper.
  return sharp(input).flatten({ background: '#ffffff' }).grayscale().median(3).png({ compressionLevel: 1 }).toBuffer();
}
