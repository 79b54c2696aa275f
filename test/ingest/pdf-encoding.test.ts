/**
 * PDF text layers in legacy font encodings, through the ingest stage. A layer set in a
 * .VnTime (TCVN3) font reads, through pdf.js, as cp1252 mojibake ("Céng hoµ"); Helvetica with
 * WinAnsi encoding reproduces exactly those byte codes, so no Vietnamese legacy font is needed.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { encodeLegacy, misdecode } from '../../src/encoding/index.js';
import { textLayerUsable } from '../../src/ingest/pdf.js';
import { ingest, readRepo } from './helpers.js';

const TCVN3_TEXT = [
  'Cộng hoà xã hội chủ nghĩa Việt Nam',
  'Độc lập - Tự do - Hạnh phúc',
  'Kế hoạch phát động phong trào thi đua năm học',
  'Thực hiện Kế hoạch số 08/KH-UBND của Ủy ban nhân dân xã về việc',
  'tổ chức các hoạt động thi đua trong trường học và người dân.',
].join('\n');

async function addWinAnsiPage(pdf: PDFDocument, lines: string[]): Promise<void> {
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 18, size: 10, font }));
}

const tcvn3Layer = (text: string): string[] => misdecode(encodeLegacy('tcvn3', text)).split('\n');
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('ingest of PDF text layers in legacy encodings', () => {
  it('decodes a TCVN3 (.VnTime) text layer to Unicode and records the decision', async () => {
    const pdf = await PDFDocument.create();
    await addWinAnsiPage(pdf, tcvn3Layer(TCVN3_TEXT));
    const doc = await ingest(await pdf.save());
    expect(doc.source.kind).toBe('pdf-text');
    expect(doc.source.encoding).toBe('tcvn3');
    expect(flat(doc.pages[0].text)).toBe(flat(TCVN3_TEXT));
    expect(doc.pages[0].needsRestoration).toBeUndefined();
    const repaired = doc.diagnostics.filter((d) => d.code === 'encoding.text-layer-repaired');
    expect(repaired).toHaveLength(1);
    expect(repaired[0].position?.page).toBe(1);
    expect(repaired[0].data?.encoding).toBe('tcvn3');
    expect(repaired[0].data?.confidence).toBeGreaterThan(0.6);
    const pages = doc.diagnostics.find((d) => d.code === 'ingest.pdf-pages')?.data?.pages as { encoding?: string }[];
    expect(pages[0].encoding).toBe('tcvn3');
  });

  it('judges a mixed PDF page by page: Unicode kept, TCVN3 repaired, OCR garble flagged', async () => {
    const pdf = await PDFDocument.create();
    const [unicodePage] = await pdf.copyPages(await PDFDocument.load(readRepo('fixtures/001_text.pdf')), [0]);
    pdf.addPage(unicodePage);
    await addWinAnsiPage(pdf, tcvn3Layer(TCVN3_TEXT));
    const garble = new TextDecoder().decode(readRepo('fixtures/003_36ab5c401d102818.txt'));
    const garbleLines = garble.split('\n').filter((l) => l.trim()).slice(5, 40).map((l) => l.replace(/[^\x20-\x7e\u00c0-\u00ff]/g, ''));
    await addWinAnsiPage(pdf, garbleLines);
    const doc = await ingest(await pdf.save());

    expect(doc.pages.map((p) => p.origin)).toEqual(['text-layer', 'text-layer', 'text-layer']);
    expect(doc.pages[0].text).toContain('KẾ HOẠCH');
    expect(flat(doc.pages[1].text)).toBe(flat(TCVN3_TEXT));
    // Wrong-language OCR is not a legacy encoding: kept as is and flagged for restoration.
    expect(doc.pages[2].text).toContain(garbleLines[0].trim().split(/\s+/)[0]);
    expect(doc.pages.map((p) => Boolean(p.needsRestoration))).toEqual([false, false, true]);

    const repairedPages = doc.diagnostics.filter((d) => d.code === 'encoding.text-layer-repaired').map((d) => d.position?.page);
    expect(repairedPages).toEqual([2]);
    const garbledPages = doc.diagnostics.filter((d) => d.code === 'ingest.garbled-text').map((d) => d.position?.page);
    expect(garbledPages).toEqual([3]);
    const perPage = doc.diagnostics.find((d) => d.code === 'ingest.pdf-pages')?.data?.pages as { page: number; encoding?: string }[];
    expect(perPage.map((p) => p.encoding)).toEqual(['unicode', 'tcvn3', 'unicode']);
  });

  it('obeys a forced --encoding on text layers (utf8 turns the repair off)', async () => {
    const pdf = await PDFDocument.create();
    await addWinAnsiPage(pdf, tcvn3Layer(TCVN3_TEXT));
    const bytes = await pdf.save();
    const kept = await ingest(bytes, { encoding: 'utf8' });
    expect(kept.pages[0].text).toContain('Céng ho');
    expect(kept.diagnostics.some((d) => d.code === 'encoding.text-layer-repaired')).toBe(false);
    const forced = await ingest(bytes, { encoding: 'ABC' });
    expect(flat(forced.pages[0].text)).toBe(flat(TCVN3_TEXT));
  });

  it('treats a layer of unmapped glyphs as unusable (the page is re-OCR\'d instead)', () => {
    expect(textLayerUsable('Cộng hoà xã hội chủ nghĩa Việt Nam')).toBe(true);
    expect(textLayerUsable('\uFFFD\uFFFD \uE001\uE002\uE003 ab\uFFFD')).toBe(false);
    expect(textLayerUsable('\u0001\u0002\u0003\u0004 \u0005')).toBe(false);
    expect(textLayerUsable('   ')).toBe(false);
  });
});
