import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLanguageModel } from '../../tools/lib/lm-build/pipeline.js';
import { loadLanguageModel } from '../../src/lm/index.js';

// A tiny synthetic corpus written by the test itself: two "sources" with different wording.
const dir = mkdtempSync(join(tmpdir(), 'vnplan-lm-'));
const adminLines: string[] = [];
const wikiLines: string[] = [];
for (let i = 0; i < 400; i++) {
  adminLines.push(`Kế hoạch ${i} về cải cách hành chính của ủy ban nhân dân huyện năm ${2000 + (i % 20)}.`);
  adminLines.push(`Phòng nội vụ thực hiện nhiệm vụ cải cách hành chính lần ${i}, báo cáo kết quả.`);
  wikiLines.push(`Sông ${i} chảy qua nhiều tỉnh miền bắc và đổ ra biển đông.`);
  wikiLines.push(`Cài đặt phần mềm ${i} trên máy tính cá nhân rất đơn giản.`);
}
writeFileSync(join(dir, 'a.txt.gz'), gzipSync(adminLines.join('\n')));
writeFileSync(join(dir, 'w.txt.gz'), gzipSync(wikiLines.join('\n')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildLanguageModel on a synthetic corpus', () => {
  it('builds, loads and yields normalised distributions', async () => {
    const out = join(dir, 'lm');
    const manifest = await buildLanguageModel({
      corpusDir: dir, outDir: out, tuneOn: ['a'], minOtherCount: 2,
      components: [
        { name: 'a', file: 'a.txt.gz', order: 4, minCounts: [1, 1, 1] },
        { name: 'w', file: 'w.txt.gz', order: 3, minCounts: [1, 2] },
      ],
    });
    expect(manifest.order).toBe(4);
    const lm = loadLanguageModel(out);
    expect(lm.order).toBe(4);
    expect(lm.backward).toBeDefined();
    const [a, b] = lm.weights;
    expect(a).toBeGreaterThan(b); // tuned on the dev split of source "a"
    for (const model of [lm, lm.backward!]) {
      for (const hist of [[lm.bosId], [lm.vocabId('cải'), lm.vocabId('cách')], [lm.vocabId('nhiệm'), lm.vocabId('vụ'), lm.vocabId('cải')], [lm.vocabId('sông')], [lm.unkId, lm.unkId]]) {
        let total = 0;
        for (let w = 0; w < lm.vocabSize; w++) if (w !== lm.bosId) total += 10 ** model.logProb(hist, w);
        expect(total).toBeGreaterThan(0.97);
        expect(total).toBeLessThan(1.03);
      }
    }
    const good = lm.sentenceLogProb('phòng nội vụ thực hiện nhiệm vụ cải cách hành chính'.split(' '));
    const bad = lm.sentenceLogProb('phòng nội vụ thực hiện nhiệm vụ cài cách hành chính'.split(' '));
    expect(good).toBeGreaterThan(bad);
  });
});
