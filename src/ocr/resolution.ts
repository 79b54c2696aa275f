/**
 * Resolution chosen per page from the size of its text. Tesseract's LSTM reads a text line
 * scaled to a fixed height, so pixels above what the glyphs need only cost layout time: on
 * fixtures/001_scan.pdf (13–14 pt body text) 150 dpi read better *and* cheaper than 300 dpi
 * (tools/bench/ocr.ts, docs/benchmarks.md). Small print needs more pixels, so the resolution
 * is chosen to bring the page's typical text line to TARGET_LINE_PX, within [MIN_OCR_DPI,
 * MAX_OCR_DPI]. The line height is measured on the low-resolution render the blank check
 * already makes: rows with ink, grouped into runs, median run height.
 */

/**
 * Typical text-line height (rows of ink, in pixels) aimed at: what 13–14 pt body text measures
 * at 150 dpi (26–27 rows on fixtures/001_scan.pdf), the resolution that read it best.
 */
export const TARGET_LINE_PX = 27;
export const MIN_OCR_DPI = 150;
export const MAX_OCR_DPI = 300;
/** A row is part of a text line when at least this share of its pixels is ink (filters specks and stray marks). */
const ROW_INK_SHARE = 0.01;
/** Runs of ink rows this many rows or shorter are underlines, rules and specks, not text lines. */
const MIN_RUN_ROWS = 2;
/** Fewer text lines than this: too little to judge, keep MAX_OCR_DPI. */
const MIN_LINES = 3;

/**
 * Median height in rows of the text lines of a greyscale raw image (one byte a pixel; `isInk`
 * decides a pixel), or undefined when the page has too few lines to judge.
 */
export function medianLineHeight(grey: Uint8Array, width: number, height: number, isInk: (v: number) => boolean): number | undefined {
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y <= height; y++) {
    let ink = 0;
    if (y < height) for (let x = 0, i = y * width; x < width; x++, i++) if (isInk(grey[i]!)) ink++;
    if (y < height && ink >= width * ROW_INK_SHARE) run++;
    else {
      if (run > MIN_RUN_ROWS) runs.push(run);
      run = 0;
    }
  }
  if (runs.length < MIN_LINES) return undefined;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

/**
 * The resolution to OCR a page at, given its median line height `lineRows` measured on a
 * render at `measuredDpi`; MAX_OCR_DPI when unknown.
 */
export function chooseOcrDpi(lineRows: number | undefined, measuredDpi: number): number {
  if (!lineRows) return MAX_OCR_DPI;
  const linePerDpi = lineRows / measuredDpi;
  const dpi = Math.round(TARGET_LINE_PX / linePerDpi / 10) * 10;
  return Math.min(MAX_OCR_DPI, Math.max(MIN_OCR_DPI, dpi));
}
