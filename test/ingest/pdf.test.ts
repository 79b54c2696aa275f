import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ingest, errorCode, readRepo } from './helpers.js';

describe('ingest of PDFs', () => {
  it('keeps the text layer of a born-digital PDF, page by page', async () => {
    const doc = await ingest(readRepo('fixtures/001_text.pdf'), {}, 'plan.bin');
    expect(doc.source.mime).toBe('application/pdf');
    expect(doc.source.kind).toBe('pdf-text');
    expect(doc.pages.length).toBeGreaterThan(1);
    expect(doc.pages.every((p) => p.origin === 'text-layer' && !p.image)).toBe(true);
    expect(doc.pages[0].text).toContain('KẾ HOẠCH');
    expect(doc.pages[0].text).toContain('Thực hiện Kế hoạch số 08/KH-UBND');
    expect(doc.pages[0].needsRestoration).toBeUndefined();
    expect(doc.bytes).toBeUndefined();
  });

  it('decides per page on a mixed PDF: text layer kept, scanned page rendered at 300 dpi on demand', async () => {
    const text = await PDFDocument.load(readRepo('fixtures/001_text.pdf'));
    const scan = await PDFDocument.load(readRepo('fixtures/001_scan.pdf'));
    const mixed = await PDFDocument.create();
    const [textPage] = await mixed.copyPages(text, [0]);
    const [scanPage] = await mixed.copyPages(scan, [1]);
    mixed.addPage(textPage);
    mixed.addPage(scanPage);
    const doc = await ingest(await mixed.save());
    expect(doc.source.kind).toBe('pdf-mixed');
    expect(doc.pages.map((p) => p.origin)).toEqual(['text-layer', 'ocr']);
    const page = doc.pages[1];
    // Not rendered by ingest: the OCR stage renders one page at a time.
    expect(page.image).toBeUndefined();
    const rendered = await page.render!();
    // A4 at 300 dpi is 2480 x 3508 pixels.
    expect(rendered.width).toBeGreaterThanOrEqual(2480);
    expect(rendered.height).toBeGreaterThanOrEqual(3508);
    expect([page.width, page.height]).toEqual([rendered.width, rendered.height]);
    expect(Buffer.from(rendered.data.subarray(0, 4)).toString('latin1')).toBe('\x89PNG');
    expect(doc.diagnostics.find((d) => d.code === 'ingest.pdf-pages')?.data?.pages).toHaveLength(2);
    await doc.release!();
    await expect(page.render!()).rejects.toThrow(/closed/);
  });

  it('flags a text layer that is itself wrong-language OCR', async () => {
    const garble = new TextDecoder().decode(readRepo('fixtures/003_36ab5c401d102818.txt'));
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont('Helvetica');
    const page = pdf.addPage();
    // Helvetica (WinAnsi) can draw the Latin-1 garble of the English OCR model, as such PDFs do.
    const lines = garble.split('\n').filter((l) => l.trim()).slice(5, 40).map((l) => l.replace(/[^\x20-\x7e\u00c0-\u00ff]/g, ''));
    lines.forEach((l, i) => page.drawText(l, { x: 40, y: 800 - i * 18, size: 10, font }));
    const doc = await ingest(await pdf.save());
    expect(doc.pages[0].origin).toBe('text-layer');
    expect(doc.pages[0].needsRestoration).toBe(true);
    expect(doc.diagnostics.some((d) => d.code === 'ingest.garbled-text' && d.position?.page === 1)).toBe(true);
  });

  it('rejects a truncated PDF with PDF_CORRUPT', async () => {
    const bytes = readRepo('fixtures/001_text.pdf');
    expect(await errorCode(ingest(bytes.slice(0, 400)))).toBe('PDF_CORRUPT');
    expect(await errorCode(ingest(new TextEncoder().encode('%PDF-1.4\nnot really a pdf\n')))).toBe('PDF_CORRUPT');
  });

  it('rejects a password-protected PDF with PDF_ENCRYPTED', async () => {
    expect(await errorCode(ingest(readRepo('test/data/encrypted.pdf')))).toBe('PDF_ENCRYPTED');
  });
});
