import { describe, expect, it } from 'vitest';
import { restoreStage } from '../../src/stages/restore.js';
import { textDoc } from '../support/doc.js';


describe('restoreStage', () => {
  it('restores garbled text line by line and maps offsets back token by token', async () => {
    const input = 'KE HOACH\nPhat dong phong trao thi dua thuc hién nhiém vu cai cach hanh chinh';
    const out = await restoreStage.run(textDoc(input, { needsRestoration: true }), { options: { restoreTokens: true } });
    expect(out.text.split('\n')).toHaveLength(2);
    expect(out.text.startsWith('KẾ HOẠCH\n')).toBe(true);
    expect(out.restoration?.applied).toBe(true);
    expect(out.restoration?.tokens?.length).toBeGreaterThan(5);
    const map = out.textToNormalized!;
    const hoach = map.find((s) => out.text.slice(s.outStart, s.outEnd) === 'HOẠCH')!;
    expect(input.slice(hoach.inStart, hoach.inEnd)).toBe('HOACH');
    for (let i = 1; i < map.length; i++) expect(map[i].outStart).toBe(map[i - 1].outEnd);
  });

  it("honours restore: 'never' and leaves clean text alone", async () => {
    const garbled = textDoc('thuc hién nhiém vu');
    expect((await restoreStage.run(garbled, { options: { restore: 'never' } })).text).toBe('thuc hién nhiém vu');
    const clean = textDoc('Ủy ban nhân dân huyện ban hành kế hoạch thực hiện nhiệm vụ năm 2022.');
    const out = await restoreStage.run(clean, { options: {} });
    expect(out.text).toBe(clean.text);
  });
});
