/** Pipeline guards: restoration runs only on Vietnamese text unless forced. */
import { describe, expect, it } from 'vitest';
import { vietnameseOnly } from '../../pipelines/guards.js';
import type { Stage, VDoc } from '../../src/document.js';
import { textDoc } from '../support/doc.js';

const ENGLISH = 'The committee will organise the following activities during the school year, and all staff members shall report their results.';
const VIETNAMESE_GARBLE = 'Thyc hién nhiém vu cong tac thi dua khen thuong nam 2024, Uy ban nhan dan xa Dai Thang xay dung ke hoach phat dong phong trao';

const docWith = (text: string): VDoc => textDoc(text);

function spyStage(): Stage & { calls: number } {
  const stage = {
    name: 'restore',
    calls: 0,
    run(doc: VDoc): VDoc {
      stage.calls++;
      return { ...doc, text: doc.text.toUpperCase() };
    },
  };
  return stage;
}

describe('vietnameseOnly guard', () => {
  it('skips restoration of text that OCR or ingest left in another language, with diagnostics', async () => {
    const inner = spyStage();
    const out = await vietnameseOnly(inner).run(docWith(ENGLISH), { options: {} });
    expect(inner.calls).toBe(0);
    expect(out.text).toBe(ENGLISH);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['ingest.not-vietnamese', 'restore.skipped-not-vietnamese']);
  });

  it('runs restoration on garbled Vietnamese, and on anything when restore is "always"', async () => {
    const inner = spyStage();
    const guarded = vietnameseOnly(inner);
    expect(guarded.name).toBe('restore');
    await guarded.run(docWith(VIETNAMESE_GARBLE), { options: {} });
    expect(inner.calls).toBe(1);
    const forced = await guarded.run(docWith(ENGLISH), { options: { restore: 'always' } });
    expect(inner.calls).toBe(2);
    expect(forced.text).toBe(ENGLISH.toUpperCase());
  });
});
