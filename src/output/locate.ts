/**
 * From offsets of the final text back to the pages: final text -> normalized text
 * (doc.textToNormalized, filled by restore when it changes lengths) -> (page, line, column)
 * (doc.sourcePoints, filled by normalize) -> OCR word boxes (page.words).
 */
import type { BBox, OffsetMap, Page, SourcePointList, VDoc } from '../document.js';
import { SourcePoints } from '../text/source-points.js';
import { splitPageLines } from '../stages/normalize.js';

/** Maps one offset of the final text to the normalized text (identity without a map). */
export function toNormalizedOffset(map: OffsetMap | undefined, offset: number, side: 'start' | 'end' = 'start'): number {
  if (!map || map.length === 0) return offset;
  // Binary search for the last segment starting at or before the offset.
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid]!.outStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  let seg = map[lo]!;
  if (side === 'end' && offset === seg.outStart && lo > 0) seg = map[lo - 1]!;
  if (offset <= seg.outStart) return seg.inStart;
  if (offset >= seg.outEnd) return seg.inEnd;
  const outLen = seg.outEnd - seg.outStart;
  const inLen = seg.inEnd - seg.inStart;
  if (outLen === inLen) return seg.inStart + (offset - seg.outStart);
  // Replaced text of a different length: proportional, rounded outward so spans still cover.
  const exact = ((offset - seg.outStart) * inLen) / outLen;
  return seg.inStart + (side === 'start' ? Math.floor(exact) : Math.ceil(exact));
}

/** The source page number of every character of the final text (an array as long as the text; see forEachCharPage). */
export function pageOfEachChar(doc: Pick<VDoc, 'text' | 'sourcePoints' | 'textToNormalized'>): (number | undefined)[] {
  const pages: (number | undefined)[] = new Array(doc.text.length);
  forEachCharPage(doc, (i, page) => {
    pages[i] = page;
  });
  return pages;
}

/** The page of source point `i` (without building a point where the list stores them compactly). */
function pageAt(points: SourcePointList, i: number): number | undefined {
  return points instanceof SourcePoints ? points.pageAt(i) : points.at(i)?.page;
}

/**
 * Calls `visit(i, page)` with the source page number of every character of the final text,
 * in order (no per-character array: a long document's text is millions of characters).
 */
export function forEachCharPage(doc: Pick<VDoc, 'text' | 'sourcePoints' | 'textToNormalized'>, visit: (index: number, page: number | undefined) => void): void {
  const points = doc.sourcePoints ?? [];
  for (let i = 0; i < doc.text.length; i++) {
    const n = Math.min(toNormalizedOffset(doc.textToNormalized, i), points.length - 1);
    visit(i, n < 0 ? undefined : pageAt(points, n));
  }
}

const lineStartCache = new WeakMap<Page, number[]>();
function lineStarts(page: Page): number[] {
  let starts = lineStartCache.get(page);
  if (!starts) {
    starts = splitPageLines(page.text).map((l) => l.start);
    lineStartCache.set(page, starts);
  }
  return starts;
}

function union(a: BBox | undefined, b: BBox): BBox {
  if (!a) return { ...b };
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

export interface Location {
  page?: number;
  bbox?: BBox;
}

/**
 * Page and union bounding box of the OCR words under [start, end) of the final text. The page
 * is the page of the span's first character; a span crossing a page break gets the boxes of
 * that first page only (one bbox cannot span two page images). Plain-text input (a single
 * page of origin 'text') has no meaningful page and gets {}.
 */
export function locate(doc: VDoc, start: number, end: number): Location {
  const points = doc.sourcePoints;
  if (!points || points.length === 0 || end <= start) return {};
  const ns = Math.max(0, Math.min(toNormalizedOffset(doc.textToNormalized, start, 'start'), points.length - 1));
  const ne = Math.max(ns + 1, Math.min(toNormalizedOffset(doc.textToNormalized, end, 'end'), points.length));
  const pageNumber = points.at(ns)!.page;
  const page = doc.pages.find((p) => p.number === pageNumber);
  const paged = doc.pages.length > 1 || (page !== undefined && page.origin !== 'text');
  if (!page || !paged) return {};
  if (!page.words || page.words.length === 0) return { page: pageNumber };
  const starts = lineStarts(page);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = ns; i < ne; i++) {
    const p = points.at(i)!;
    if (p.page !== pageNumber) continue;
    const off = (starts[p.line] ?? 0) + p.column;
    lo = Math.min(lo, off);
    hi = Math.max(hi, off + 1);
  }
  let bbox: BBox | undefined;
  for (const w of page.words) if (w.start < hi && w.end > lo) bbox = union(bbox, w.bbox);
  return bbox ? { page: pageNumber, bbox } : { page: pageNumber };
}
