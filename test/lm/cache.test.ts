import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../src/lm/cache.js';
import { loadLanguageModel } from '../../src/lm/index.js';

const lm = loadLanguageModel();

describe('DocumentCache', () => {
  it('equals the LM when empty and raises words seen in the document', () => {
    const cache = new DocumentCache(lm, 0.1);
    const hist = [lm.vocabId('xã'), lm.vocabId('cổ')];
    const le = lm.vocabId('lễ');
    expect(cache.logProb(hist, le)).toBe(lm.logProb(hist, le));
    const before = cache.logProb(hist, lm.vocabId('lệ'));
    cache.observe(['thị', 'trấn', 'cổ', 'lệ'].map((w) => lm.vocabId(w)));
    expect(cache.logProb(hist, lm.vocabId('lệ'))).toBeGreaterThan(before);
    cache.reset();
    expect(cache.logProb(hist, lm.vocabId('lệ'))).toBe(before);
  });

  it('keeps the mixture normalised', () => {
    const cache = new DocumentCache(lm, 0.2);
    cache.observe(['kế', 'hoạch', 'thi', 'đua', 'năm', 'học'].map((w) => lm.vocabId(w)));
    const hist = [lm.bosId, lm.vocabId('kế')];
    let total = 0;
    for (let w = 0; w < lm.vocabSize; w++) if (w !== lm.bosId) total += 10 ** cache.logProb(hist, w);
    expect(total).toBeGreaterThan(0.97);
    expect(total).toBeLessThan(1.03);
  });
});
