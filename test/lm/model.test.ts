import { describe, expect, it } from 'vitest';
import { baselineRestore, loadLanguageModel } from '../../src/lm/index.js';

// Loads the committed model in dictionaries/lm (built by `npm run build:lm`).
const lm = loadLanguageModel();
const ids = (s: string) => s.split(' ').map((w) => lm.vocabId(w));

describe('committed language model', () => {
  it('loads with both directions and tuned weights', () => {
    expect(lm.order).toBe(4);
    expect(lm.vocabSize).toBeGreaterThan(15_000); // measured 15 879
    expect(lm.backward).toBeDefined();
    expect(lm.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('round-trips ids and normalises tokens', () => {
    for (const w of ['cải', 'cách', 'hành', 'chính', 'ubnd', '<num>', '</s>']) expect(lm.word(lm.vocabId(w))).toBe(w);
    expect(lm.vocabId('Hoá')).toBe(lm.vocabId('hóa'));
    expect(lm.vocabId('2024')).toBe(lm.numId);
    expect(lm.vocabId('xqzw')).toBe(lm.unkId);
  });

  it('prefers correct n-grams to corrupted ones, in both directions', () => {
    const [cai, cach, hanh] = ids('cải cách hành');
    const corrupted = lm.vocabId('cài');
    expect(lm.logProb([cai, cach], hanh)).toBeGreaterThan(lm.logProb([corrupted, cach], hanh));
    expect(lm.logProb([cai, cach], hanh)).toBeGreaterThan(lm.logProb([cai, cach], lm.vocabId('hạnh')));
    expect(lm.backward!.logProb([hanh, cach], cai)).toBeGreaterThan(lm.backward!.logProb([hanh, cach], corrupted));
    expect(lm.sentenceLogProb('thực hiện nhiệm vụ'.split(' '))).toBeGreaterThan(lm.sentenceLogProb('thúc hiện nhiệm vũ'.split(' ')));
  });

  it('gives finite scores for OOV and short histories; state API matches logProb', () => {
    for (const h of [[], [lm.unkId], [lm.unkId, lm.unkId], [lm.bosId]]) {
      const s = lm.logProb(h, lm.unkId);
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeLessThan(0);
    }
    let state = lm.initialState();
    let total = 0;
    for (const id of [...ids('kế hoạch phát động phong trào thi đua'), lm.eosId]) {
      const r = lm.score(state, id);
      total += r.logProb;
      state = r.nextState;
    }
    expect(total).toBeCloseTo(lm.sentenceLogProb('kế hoạch phát động phong trào thi đua'.split(' ')), 6);
  });

  it('lists variants by stripped key, most frequent first', () => {
    const v = lm.variantsOf('hanh').map((id) => lm.word(id));
    expect(v).toContain('hành');
    expect(v).toContain('hạnh');
    for (let i = 1; i < v.length; i++) expect(lm.unigramCount(lm.vocabId(v[i - 1]))).toBeGreaterThanOrEqual(lm.unigramCount(lm.vocabId(v[i])));
    expect(baselineRestore(['KE', 'hoach', 'Nguoi', '12', 'duoc', 'UBND', '.'])).toEqual(['KẾ', 'hoạch', 'Người', '12', 'được', 'UBND', '.']);
  });
});
