import { describe, expect, it } from 'vitest';
import type { OcrWord, Page, VDoc } from '../../src/document.js';
import { emptyDoc } from '../../src/document.js';
import { docIdFor } from '../../src/output/docid.js';
import { emptyFields } from '../../src/output/empty-fields.js';
import { locate } from '../../src/output/locate.js';
import { toRecord } from '../../src/output/record.js';
import { DocumentRecordSchema } from '../../src/schema/document.js';
import { normalizeStage } from '../../src/stages/normalize.js';

const meta = { pipeline: { name: 'test', version: 'test@0' } };
const source = { path: '/in/a.pdf', relPath: 'a.pdf', sha256: 'a'.repeat(64), bytes: 10, kind: 'pdf-scan' as const };

/** An OCR'd page whose words carry boxes 100 px apart, as tesseract would report them. */
function ocrPage(number: number, lines: string[]): Page {
  const words: OcrWord[] = [];
  let offset = 0;
  lines.forEach((line, li) => {
    let col = 0;
    for (const w of line.split(' ')) {
      const start = offset + col;
      words.push({ text: w, confidence: 90, line: li, start, end: start + w.length, bbox: { x0: col * 10, y0: li * 100, x1: (col + w.length) * 10, y1: li * 100 + 40 } });
      col += w.length + 1;
    }
    offset += line.length + 1;
  });
  return { number, origin: 'ocr', text: lines.join('\n'), words, confidence: 90 };
}

function normalized(pages: Page[]): VDoc {
  return normalizeStage.run({ ...emptyDoc(source), pages }, { options: {} }) as VDoc;
}

describe('toRecord', () => {
  it('fills empty fields when extraction did not run, and the record validates', () => {
    const doc = normalized([ocrPage(1, ['Kế hoạch số 05/KH-UBND'])]);
    const record = toRecord(doc, meta);
    expect(DocumentRecordSchema.safeParse(record).success).toBe(true);
    expect(record.fields).toEqual(emptyFields());
    expect(record.docId).toBe(docIdFor('a.pdf'));
  });
  it('gives each page its [start, end) in the final text', () => {
    const doc = normalized([ocrPage(1, ['Trang một.']), { number: 2, origin: 'ocr', text: '' }, ocrPage(3, ['Trang ba.'])]);
    const record = toRecord(doc, meta);
    // The empty page reads as a blank line: a paragraph break.
    expect(record.text).toBe('Trang một.\n\nTrang ba.');
    expect(record.pages.map((p) => [p.number, p.start, p.end])).toEqual([
      [1, 0, 10],
      [2, 10, 10],
      [3, 12, 21],
    ]);
  });
  it('replaces fields that do not match the schema by empty fields and says so', () => {
    const doc = { ...normalized([ocrPage(1, ['Một.'])]), fields: { number: 'bad' } as unknown as VDoc['fields'] };
    const record = toRecord(doc, meta);
    expect(record.fields).toEqual(emptyFields());
    expect(record.diagnostics.map((d) => d.code)).toContain('output.fields-invalid');
  });
  it('adds page and bbox to every provenance of the fields', () => {
    const doc = normalized([ocrPage(1, ['Số: 05/KH-UBND', 'Đại Thắng, ngày 10 tháng 02 năm 2023'])]);
    const start = doc.text.indexOf('05/KH-UBND');
    const fields = emptyFields();
    fields.number = { value: '05/KH-UBND', confidence: 0.9, provenance: { section: null, start, end: start + 10 } };
    const record = toRecord({ ...doc, fields }, meta);
    expect(record.fields.number.provenance).toEqual({ section: null, start, end: start + 10, page: 1, bbox: { x0: 40, y0: 0, x1: 140, y1: 40 } });
  });
  it('omits restoration tokens unless asked', () => {
    const doc = { ...normalized([ocrPage(1, ['Một.'])]), restoration: { applied: true, accentedRatioBefore: 0.1, changedTokens: 1, totalTokens: 1, meanConfidence: 0.9, tokens: [{ input: 'Mot', output: 'Một', start: 0, end: 3, confidence: 0.9 }] } };
    expect(toRecord(doc, meta).restoration).not.toHaveProperty('tokens');
    expect(toRecord(doc, { ...meta, restoreTokens: true }).restoration?.tokens).toHaveLength(1);
  });
});

describe('locate', () => {
  const doc = normalized([ocrPage(1, ['Muc dich yeu cau']), ocrPage(2, ['Noi dung chinh'])]);
  it('maps a span to the union box of its words on the page', () => {
    const s = doc.text.indexOf('dich yeu');
    expect(locate(doc, s, s + 8)).toEqual({ page: 1, bbox: { x0: 40, y0: 0, x1: 120, y1: 40 } });
  });
  it('finds words on the second page', () => {
    const s = doc.text.indexOf('chinh');
    expect(locate(doc, s, s + 5)).toEqual({ page: 2, bbox: { x0: 90, y0: 0, x1: 140, y1: 40 } });
  });
  it('goes through textToNormalized when restoration changed lengths', () => {
    // Restoration replaced "Muc dich" (8 chars) by "Mục đích" (8) and "yeu cau" by "yêu cầu" — simulate a length change too.
    const restored: VDoc = {
      ...doc,
      text: 'Mục đíchh yêu cầu' + doc.text.slice(16),
      textToNormalized: [
        { outStart: 0, outEnd: 9, inStart: 0, inEnd: 8 },
        { outStart: 9, outEnd: restoredLength(doc.text), inStart: 8, inEnd: doc.text.length },
      ],
    };
    const s = restored.text.indexOf('yêu');
    expect(locate(restored, s, s + 3)).toEqual({ page: 1, bbox: { x0: 90, y0: 0, x1: 120, y1: 40 } });
  });
  it('gives nothing for plain-text input (one page of origin text)', () => {
    const plain = normalizeStage.run({ ...emptyDoc({ ...source, kind: 'text' }), pages: [{ number: 1, origin: 'text', text: 'Một hai' }] }, { options: {} }) as VDoc;
    expect(locate(plain, 0, 3)).toEqual({});
  });
});

function restoredLength(normalizedText: string): number {
  return normalizedText.length + 1;
}

describe('docIdFor', () => {
  it('is stable, filesystem-safe and readable', () => {
    const id = docIdFor('Kế hoạch/Quyết định số 05.pdf');
    expect(id).toBe(docIdFor('Kế hoạch/Quyết định số 05.pdf'));
    expect(id).toMatch(/^ke-hoach-quyet-dinh-so-05-pdf-[0-9a-f]{16}$/);
  });
  it('separates paths whose slugs coincide, and treats NFD/NFC and \\ separators as the same path', () => {
    expect(docIdFor('Kế hoạch.txt')).not.toBe(docIdFor('ke-hoach.txt'));
    expect(docIdFor('A.txt')).not.toBe(docIdFor('a.txt'));
    expect(docIdFor('Kế hoạch.txt'.normalize('NFD'))).toBe(docIdFor('Kế hoạch.txt'));
    expect(docIdFor('sub\\a.txt')).toBe(docIdFor('sub/a.txt'));
  });
  it('stays short for very long paths', () => {
    expect(docIdFor('x'.repeat(400) + '.txt').length).toBeLessThan(100);
  });
});
