import { describe, expect, it } from 'vitest';
import { chooseOcrDpi, MAX_OCR_DPI, medianLineHeight, MIN_OCR_DPI, TARGET_LINE_PX } from '../../src/ocr/resolution.js';
import { BLANK_CHECK_DPI, inkStats } from '../../src/ocr/blank.js';
import { ingest, readRepo } from '../ingest/helpers.js';

/** A white page of `lines` text lines `lineRows` high, `gap` rows apart, each with one rule row below the lines. */
function page(width: number, lineRows: number, gap: number, lines: number): { grey: Uint8Array; height: number } {
  const height = lines * (lineRows + gap) + gap;
  const grey = new Uint8Array(width * height).fill(255);
  for (let l = 0; l < lines; l++) {
    const top = gap + l * (lineRows + gap);
    for (let y = top; y < top + lineRows; y++) for (let x = 10; x < width - 10; x += 3) grey[y * width + x] = 0;
  }
  return { grey, height };
}

describe('resolution per page', () => {
  it('measures the median text-line height and ignores rules and specks', () => {
    const { grey, height } = page(400, 9, 6, 12);
    // A one-row rule and a lone speck are not lines.
    grey.fill(0, 2 * 400, 3 * 400);
    grey[height * 400 - 5] = 0;
    expect(medianLineHeight(grey, 400, height, (v) => v < 200)).toBe(9);
    expect(medianLineHeight(new Uint8Array(400 * 50).fill(255), 400, 50, (v) => v < 200)).toBeUndefined();
  });

  it('renders large print at low resolution and small print at high, within bounds', () => {
    // 9 rows at 50 dpi is the fixture's 13–14 pt body text: read at 150 dpi.
    expect(chooseOcrDpi(9, BLANK_CHECK_DPI)).toBe(150);
    expect(chooseOcrDpi(6, BLANK_CHECK_DPI)).toBe(Math.round(TARGET_LINE_PX / (6 / 50) / 10) * 10);
    expect(chooseOcrDpi(3, BLANK_CHECK_DPI)).toBe(MAX_OCR_DPI);
    expect(chooseOcrDpi(40, BLANK_CHECK_DPI)).toBe(MIN_OCR_DPI);
    expect(chooseOcrDpi(undefined, BLANK_CHECK_DPI)).toBe(MAX_OCR_DPI);
  });

  it('chooses 150–200 dpi for the pages of the scanned fixture', async () => {
    const doc = await ingest(readRepo('fixtures/001_scan.pdf'));
    try {
      const chosen = [];
      for (const p of doc.pages) chosen.push(chooseOcrDpi((await inkStats((await p.render!(BLANK_CHECK_DPI)).data)).lineRows, BLANK_CHECK_DPI));
      expect(chosen.slice(0, 5)).toEqual([150, 150, 150, 150, 150]);
      expect(chosen[5]).toBeGreaterThan(150);
      expect(chosen[5]).toBeLessThanOrEqual(200);
    } finally {
      await doc.release?.();
    }
  });
});
