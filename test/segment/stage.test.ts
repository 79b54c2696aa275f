import { describe, expect, it } from 'vitest';
import type { VDoc } from '../../src/document.js';
import { segmentStage } from '../../src/stages/segment.js';
import { extractStage } from '../../src/stages/extract.js';
import { DocumentFieldsSchema, OutlineNodeSchema } from '../../src/schema/document.js';
import { textDoc } from '../support/doc.js';

const doc = textDoc;
const ctx = { options: {} };

describe('segment and extract stages', () => {
  it('return new documents and leave the input untouched', () => {
    const input = doc('KẾ HOẠCH\nThi đua\n\nI. MỤC ĐÍCH\n1. Mục đích\nIl. NỘI DUNG\n');
    const frozen = JSON.stringify(input);
    const seg = segmentStage.run(input, ctx) as VDoc;
    const out = extractStage.run(seg, ctx) as VDoc;
    expect(JSON.stringify(input)).toBe(frozen);
    expect(seg).not.toBe(input);
    expect(seg.outline!.map((n) => n.path)).toEqual(['I', 'II']);
    for (const n of seg.outline!) expect(() => OutlineNodeSchema.parse(n)).not.toThrow();
    expect(out.fields!.sections).toBe(seg.outline);
    expect(seg.diagnostics.some((d) => d.code === 'segment.marker-repaired')).toBe(true);
    expect(typeof out.timings.extract).toBe('number');
  });
  it('handle empty, numberless and non-administrative text without throwing', () => {
    for (const text of ['', '   \n\n', 'Hello world. Nothing here 12/13/2024.', '1.\n2.\n|.\n', '%%%% 100% 5.100% ngày tháng năm']) {
      const out = extractStage.run(segmentStage.run(doc(text), ctx) as VDoc, ctx) as VDoc;
      expect(() => DocumentFieldsSchema.parse(out.fields)).not.toThrow();
    }
    const out = extractStage.run(segmentStage.run(doc('Hello world.'), ctx) as VDoc, ctx) as VDoc;
    expect(out.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['segment.no-outline', 'extract.missing-fields']));
  });
  it('extract recomputes the outline when segment did not run', () => {
    const out = extractStage.run(doc('KẾ HOẠCH\nThi đua\n\nI. MỤC ĐÍCH\n1. Mục đích\n'), ctx) as VDoc;
    expect(out.outline!.map((n) => n.path)).toEqual(['I']);
  });
});
