/**
 * The pure parts of page-range jobs, without Redis: how a scan's pages are cut into ranges, and
 * how the OCR stage takes pages recognised elsewhere (only for the same content of the document).
 */
import { describe, expect, it } from 'vitest';
import { emptyDoc, type Page, type RecognisedPage, type VDoc } from '../../src/document.js';
import { planRanges } from '../../src/queue/page-jobs.js';
import { parentJobIdOf, pageJobIdFor } from '../../src/queue/jobs.js';
import { ocrStage } from '../../src/stages/ocr.js';

const pages = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('planRanges', () => {
  it('cuts the pages to OCR into near-equal ranges of at most n pages', () => {
    expect(planRanges(pages(17), 8)).toEqual([{ from: 1, to: 6 }, { from: 7, to: 12 }, { from: 13, to: 17 }]);
    expect(planRanges(pages(16), 8)).toEqual([{ from: 1, to: 8 }, { from: 9, to: 16 }]);
    expect(planRanges(pages(200), 8)).toHaveLength(25);
  });

  it('does not split what fits in one range, or when splitting is off', () => {
    expect(planRanges(pages(8), 8)).toEqual([]);
    expect(planRanges(pages(50), 0)).toEqual([]);
  });

  it('counts only the pages to OCR of a mixed PDF: ranges span the text pages between them', () => {
    expect(planRanges([2, 3, 10, 11, 12], 2)).toEqual([{ from: 2, to: 3 }, { from: 10, to: 11 }, { from: 12, to: 12 }]);
  });
});

describe('page-range job ids', () => {
  it('name their parent, and a document job id (one dot) has none, whatever its docId', () => {
    const parent = 'mxdf-1a2b.plan-12-34';
    expect(parentJobIdOf(pageJobIdFor(parent, { from: 9, to: 16 }))).toBe(parent);
    expect(parentJobIdOf(parent)).toBeUndefined();
  });
});

describe('the OCR stage with pages recognised elsewhere', () => {
  const sha = 'a'.repeat(64);
  /** A 2-frame image document as ingest lists it when both frames were recognised already (no images). */
  const doc = (): VDoc => ({
    ...emptyDoc({ path: '/virtual/s.tiff', relPath: 's.tiff', sha256: sha, bytes: 1, kind: 'image' }),
    pages: [1, 2].map((number): Page => ({ number, origin: 'ocr', text: '' })),
  });
  const facts = { engine: 'native' as const, languages: 'vie', model: 'system' };
  const recognised: RecognisedPage[] = [
    { number: 1, origin: 'ocr', text: 'KẾ HOẠCH', words: [], confidence: 91, width: 100, height: 100, ocr: { ...facts, dpi: 150 } },
    { number: 2, origin: 'ocr', text: '', ocr: { ...facts, blankInkShare: 0 } },
  ];

  it('takes them as they are and makes the diagnostics a local run makes', async () => {
    const out = await ocrStage.run(doc(), { options: { recognisedPages: { sha256: sha, pages: recognised } } });
    expect(out.pages.map((p) => p.text)).toEqual(['KẾ HOẠCH', '']);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['ocr.blank-page', 'ocr.summary']);
    expect(out.diagnostics.at(-1)!.data).toMatchObject({ engine: 'native', model: 'system', meanConfidence: 91, blankPages: 1, dpi: [{ page: 1, dpi: 150 }] });
  });

  it('ignores pages recognised from other content of the document', async () => {
    const out = await ocrStage.run(doc(), { options: { recognisedPages: { sha256: 'b'.repeat(64), pages: recognised } } });
    expect(out.pages.map((p) => p.text)).toEqual(['', '']);
    expect(out.diagnostics).toEqual([]);
  });
});
