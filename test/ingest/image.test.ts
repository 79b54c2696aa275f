import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ingest, errorCode, readRepo, scanStrips } from './helpers.js';

describe('ingest of images', () => {
  it('makes one OCR page of a PNG, whatever its file name', async () => {
    const doc = await ingest(readRepo('fixtures/001_page2.png'), {}, 'scan.txt');
    expect(doc.source).toMatchObject({ mime: 'image/png', kind: 'image' });
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]).toMatchObject({ number: 1, origin: 'ocr', text: '', width: 2480, height: 3508 });
    expect(doc.pages[0].image?.length).toBeGreaterThan(0);
  });

  it('makes one OCR page of a JPEG', async () => {
    const [strip] = await scanStrips();
    const jpeg = await sharp(strip).jpeg().toBuffer();
    const doc = await ingest(new Uint8Array(jpeg));
    expect(doc.source).toMatchObject({ mime: 'image/jpeg', kind: 'image' });
    expect(doc.pages).toHaveLength(1);
  });

  it('makes one page per frame of a multi-page TIFF', async () => {
    const [a, b] = await scanStrips();
    const tiff = await sharp([a, b, a], { join: { animated: true } }).tiff().toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(3);
    const doc = await ingest(new Uint8Array(tiff));
    expect(doc.source).toMatchObject({ mime: 'image/tiff', kind: 'image' });
    expect(doc.pages.map((p) => [p.number, p.origin, p.width, p.height])).toEqual([
      [1, 'ocr', 2480, 180],
      [2, 'ocr', 2480, 180],
      [3, 'ocr', 2480, 180],
    ]);
  });

  it('rejects a truncated image with IMAGE_CORRUPT', async () => {
    const png = readRepo('fixtures/001_page2.png');
    expect(await errorCode(ingest(png.slice(0, 2000)))).toBe('IMAGE_CORRUPT');
    const jpeg = new Uint8Array(await sharp((await scanStrips())[1]).jpeg().toBuffer());
    expect(await errorCode(ingest(jpeg.slice(0, 300)))).toBe('IMAGE_CORRUPT');
  });
});
