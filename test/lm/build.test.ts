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

describe('a component read from several files', () => {
  it('merges the files into one stream, each split by its own rule, and tunes on each file\'s dev split', async () => {
    // A file with document boundaries: its words never occur in the other files.
    const docs: string[] = [];
    for (let d = 0; d < 200; d++) {
      docs.push(`### doc luat/${d}`);
      for (let i = 0; i < 3; i++) docs.push(`Điều ${i} quy định về thẩm quyền xử phạt vi phạm của chương ${d}.`);
    }
    writeFileSync(join(dir, 'd.txt.gz'), gzipSync(docs.join('\n')));
    const out = join(dir, 'lm-merged');
    const manifest = await buildLanguageModel({
      corpusDir: dir, outDir: out, tuneOn: ['a'], minOtherCount: 2, directions: ['fwd'],
      components: [
        { name: 'a', file: 'a.txt.gz', also: ['d.txt.gz'], order: 4, minCounts: [1, 1, 1] },
        { name: 'w', file: 'w.txt.gz', order: 3, minCounts: [1, 2] },
      ],
    }) as { sources: { file: string; lines: Record<string, number> }[]; mixtures: { fwd: { tunedOn: string } } };
    expect(manifest.sources[0].file).toBe('a.txt.gz + d.txt.gz');
    const lines = manifest.sources[0].lines;
    expect(lines.train + lines.dev + lines.test).toBe(adminLines.length + 600);
    expect(manifest.mixtures.fwd.tunedOn).toContain('d.txt.gz');
    const lm = loadLanguageModel(out);
    expect(lm.backward).toBeUndefined();
    const [a, w] = lm.components.components;
    const clause = [lm.bosId, ...'quy định về thẩm quyền xử phạt'.split(' ').map((u) => lm.vocabId(u))];
    expect(clause.every((id) => id !== lm.unkId)).toBe(true);
    expect(a.prob(clause, clause.length - 1, clause[clause.length - 1])).toBeGreaterThan(w.prob(clause, clause.length - 1, clause[clause.length - 1]));
  });
});
