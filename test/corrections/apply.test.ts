import { describe, expect, it } from 'vitest';
import { applyCorrections, contextOf, locateTextCorrection, offsetMapper } from '../../src/corrections/apply.js';
import { CorrectionsFileSchema, CORRECTIONS_KIND, type TextCorrection } from '../../src/corrections/schema.js';
import { emptyFields } from '../../src/output/empty-fields.js';
import { DocumentRecordSchema, SCHEMA_VERSION, type DocumentRecord } from '../../src/schema/document.js';

const TEXT = 'Ke hoach so 05 cua xa Dai Thang ve cong tac nam 2024.';

function record(text = TEXT): DocumentRecord {
  const fields = emptyFields();
  fields.number = { value: '05', confidence: 0.9, provenance: { section: null, start: 12, end: 14 } };
  fields.issuingBody.name = { value: 'xa Dai Thang', confidence: 0.8, provenance: { section: null, start: text.indexOf('xa Dai'), end: text.indexOf('xa Dai') + 12 } };
  return DocumentRecordSchema.parse({
    schemaVersion: SCHEMA_VERSION, docId: 'plan-0123456789abcdef',
    source: { path: '/in/plan.txt', relPath: 'plan.txt', sha256: 'a'.repeat(64), bytes: text.length, kind: 'text' },
    pipeline: { name: 'default', version: 'test' }, createdAt: '2026-01-01T00:00:00.000Z', timings: {}, diagnostics: [],
    pages: [{ number: 1, origin: 'text', start: 0, end: text.length }], text, fields,
  });
}

function textCorrection(text: string, word: string, value: string, id = 'c1'): TextCorrection {
  const start = text.indexOf(word);
  return { id, target: 'text', start, end: start + word.length, original: word, value, action: 'type', ...contextOf(text, start, start + word.length), who: 'lan', when: '2026-12-07T10:00:00.000Z' };
}

const file = (corrections: unknown[]) => CorrectionsFileSchema.parse({ kind: CORRECTIONS_KIND, version: 1, docId: 'plan-0123456789abcdef', corrections });

describe('corrections', () => {
  it('maps offsets around edits that change lengths', () => {
    const map = offsetMapper([{ start: 3, end: 8, value: 'hoạch thêm' }]);
    expect(map(0, 'start')).toBe(0);
    expect(map(3, 'start')).toBe(3);
    expect(map(3, 'end')).toBe(3);
    expect(map(5, 'start')).toBe(13);
    expect(map(8, 'end')).toBe(13);
    expect(map(20, 'start')).toBe(25);
  });

  it('applies a text correction, shifts later provenance and marks the span and the field verified', () => {
    const c = textCorrection(TEXT, 'Ke hoach', 'Kế hoạch kế');
    const fc = { id: 'f1', target: 'field', field: 'number', original: '05', value: '05/KH-UBND', who: 'lan', when: '2026-12-07T10:01:00.000Z' };
    const { record: out, states } = applyCorrections(record(), file([c, fc]));
    expect(states.map((s) => s.status)).toEqual(['applied', 'applied']);
    expect(out.text.startsWith('Kế hoạch kế so 05')).toBe(true);
    expect(out.text.slice(out.fields.issuingBody.name.provenance!.start, out.fields.issuingBody.name.provenance!.end)).toBe('xa Dai Thang');
    expect(out.fields.number.value).toBe('05/KH-UBND');
    expect(out.fields.number.humanVerified).toEqual({ who: 'lan', when: '2026-12-07T10:01:00.000Z' });
    expect(out.review?.items.find((i) => i.id === 'c1')).toMatchObject({ status: 'applied', start: 0, end: 11, value: 'Kế hoạch kế' });
    expect(DocumentRecordSchema.safeParse(out).success).toBe(true);
  });

  it('finds a correction again after text before it changed, and flags it stale when its own text changed', () => {
    const c = textCorrection(TEXT, 'Dai Thang', 'Đại Thắng');
    const moved = locateTextCorrection(`Dong 1.\n${TEXT}`, c);
    expect(moved).toMatchObject({ status: 'moved', start: c.start + 8 });
    expect(locateTextCorrection(TEXT.replace('Dai Thang', 'Dai Thanh'), c).status).toBe('stale');
    // The machine now writes the corrected value itself: the correction holds.
    expect(locateTextCorrection(TEXT.replace('Dai Thang', 'Đại Thắng'), c).status).toBe('applied');
    const { record: out, states } = applyCorrections(record(TEXT.replace('Dai Thang', 'Dai Thanh')), file([c]));
    expect(states[0]!.status).toBe('stale');
    expect(out.text).toBe(TEXT.replace('Dai Thang', 'Dai Thanh'));
    expect(out.review).toMatchObject({ corrections: 1, applied: 0 });
  });

  it('rejects invalid corrections files', () => {
    const c = textCorrection(TEXT, 'Ke', 'Kế');
    expect(CorrectionsFileSchema.safeParse({ kind: CORRECTIONS_KIND, version: 1, docId: 'x', corrections: [{ ...c, end: c.end + 1 }] }).success).toBe(false);
    expect(CorrectionsFileSchema.safeParse({ kind: CORRECTIONS_KIND, version: 1, docId: 'x', corrections: [{ ...c, value: 'a\nb' }] }).success).toBe(false);
    expect(CorrectionsFileSchema.safeParse({ kind: CORRECTIONS_KIND, version: 1, docId: 'x', corrections: [{ id: 'f', target: 'field', field: 'issueDate', original: null, value: '7/12/2026', who: 'a', when: '2026-12-07T10:00:00.000Z' }] }).success).toBe(false);
    expect(CorrectionsFileSchema.safeParse({ kind: CORRECTIONS_KIND, version: 1, docId: '../etc', corrections: [] }).success).toBe(false);
  });
});
