/**
 * Clean-up of page images before Tesseract. 'median': a 3x3 median removes isolated scanner
 * speckles (which Tesseract otherwise reads as '.', '|', 'mm') while strokes of 10–12 pt text
 * survive. 'gray': only the conversion. Both hand Tesseract an uncompressed 8-bit PGM: it
 * binarises anyway, one channel is a quarter of RGBA, and a PGM needs no PNG inflate inside
 * the (WebAssembly) engine — measured in tools/bench/ocr.ts.
 */
import sharp from 'sharp';

export type OcrPreprocess = 'none' | 'gray' | 'median';
export const OCR_PREPROCESS: readonly OcrPreprocess[] = ['none', 'gray', 'median'];
export const DEFAULT_PREPROCESS: OcrPreprocess = 'median';

export async function preprocessForOcr(image: Uint8Array, how: OcrPreprocess): Promise<Uint8Array> {
  if (how === 'none') return image;
  const input = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  // Transparent PNG backgrounds would read as black: composite onto white first.
  let pipeline = sharp(input).flatten({ background: '#ffffff' }).grayscale();
  if (how === 'median') pipeline = pipeline.median(3);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return toPgm(data, info.width, info.height, info.channels);
}

/** Binary PGM (P5) of an 8-bit image; only the first channel of each pixel is kept. */
function toPgm(data: Buffer, width: number, height: number, channels: number): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
  if (channels === 1) return Buffer.concat([header, data]);
  const grey = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; j < grey.length; i += channels, j++) grey[j] = data[i]!;
  return Buffer.concat([header, grey]);
}
