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

describe('restoreStage on a text longer than one chunk', () => {
  const paragraph = 'Phat dong phong trao thi dua thuc hien nhiem vu cai cach hanh chinh nam 2022.';
  const input = Array.from({ length: 6 }, () => paragraph).join('\n\n');

  it('restores chunk by chunk into one text whose offsets and tokens line up with the whole', async () => {
    const whole = await restoreStage.run(textDoc(paragraph, { needsRestoration: true }), { options: {} });
    const progress: string[] = [];
    const onProgress = (e: { stage: string; done: number; total: number }) => progress.push(`${e.stage} ${e.done}/${e.total}`);
    const out = await restoreStage.run(textDoc(input, { needsRestoration: true }), { options: { chunkChars: 2 * paragraph.length, restoreTokens: true }, onProgress });
    // Progress chunk by chunk (a long text restores for minutes); one-chunk texts report none.
    expect(progress).toEqual(Array.from({ length: 6 }, (_, i) => `restore ${i}/6`));
    // Each chunk is decided alone: every paragraph comes out as the paragraph restored alone.
    expect(out.text).toBe(Array.from({ length: 6 }, () => whole.text).join('\n\n'));
    const tokens = out.restoration!.tokens!;
    expect(tokens.length).toBe(out.restoration!.totalTokens);
    for (const t of tokens) expect(out.text.slice(t.start, t.end)).toBe(t.output);
    const map = out.textToNormalized!;
    for (let i = 1; i < map.length; i++) expect(map[i]!.outStart).toBe(map[i - 1]!.outEnd);
    expect(map[map.length - 1]!.inEnd).toBe(input.length);
    // Token ends map back onto the same input words.
    for (const t of tokens.slice(-12)) {
      const seg = map.find((s) => s.outStart <= t.start && t.end <= s.outEnd)!;
      if (seg.outEnd - seg.outStart !== seg.inEnd - seg.inStart) expect(input.slice(seg.inStart, seg.inEnd)).toBe(t.input);
      else expect(input.slice(seg.inStart + t.start - seg.outStart, seg.inStart + t.end - seg.outStart)).toBe(t.input);
    }
    expect(out.restoration!.changedTokens).toBe(6 * whole.restoration!.changedTokens);
  });
});
