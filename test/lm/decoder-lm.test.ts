import { describe, expect, it } from 'vitest';
import { loadLanguageModel } from '../../src/lm/index.js';
import { KeyMemo, NgramMemo } from '../../src/lm/memo.js';
import { find } from '../../src/lm/model.js';
import { CommittedLM } from '../../src/restore/committed-lm.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { seededInts } from '../support/prng.js';

// The order-N members of DecoderLM over the committed model (dictionaries/lm).
const model = loadLanguageModel();
const lm = new CommittedLM(model);
const LN10 = Math.log(10);
const ids = (s: string) => s.split(' ').map((w) => lm.id(w));

describe('CommittedLM order-N scoring', () => {
  it('exposes order, start, end and unknown ids', () => {
    expect(lm.order).toBe(4);
    expect(lm.startId).toBe(model.bosId);
    expect(lm.endId).toBe(model.eosId);
    expect(lm.unkId).toBe(model.unkId);
    expect(lm.backwardLogProbN).toBeDefined();
  });

  it('equals the model in natural log with up to three history words', () => {
    const [a, b, c, d] = ids('thực hiện nhiệm vụ');
    for (const hist of [[a, b, c], [b, c], [c], []]) {
      expect(lm.logProbN(hist, hist.length, d)).toBeCloseTo(model.logProbUncached(hist, d) * LN10, 9);
      // A second call comes from the memo and must be identical.
      expect(lm.logProbN(hist, hist.length, d)).toBe(lm.logProbN(hist, hist.length, d));
    }
    // Only the last order − 1 ids count; -1 cuts the history.
    expect(lm.logProbN([d, a, b, c], 4, d)).toBe(lm.logProbN([a, b, c], 3, d));
    expect(lm.logProbN([a, -1, c], 3, d)).toBe(lm.logProbN([c], 1, d));
    // The 4-gram context matters (differs from the trigram).
    expect(lm.logProbN([a, b, c], 3, d)).not.toBe(lm.logProbN([b, c], 2, d));
  });

  it('treats the clause start like logProb does', () => {
    const [ke, hoach] = ids('kế hoạch');
    const s = lm.startId;
    expect(lm.logProbN([s, s, ke], 3, hoach)).toBeCloseTo(model.logProb([s, ke], hoach) * LN10, 9);
    expect(lm.logProbN([s], 1, ke)).toBeCloseTo(lm.logProb(s, s, ke), 9);
    expect(lm.logProbN([s, ke], 2, hoach)).toBeCloseTo(lm.logProb(s, ke, hoach), 9);
    expect(lm.logProbN([ke, s], 2, hoach)).toBe(lm.logProbN([s], 1, hoach));
  });

  it('charges the OOV penalty for unknown words as logProb does', () => {
    const [ke] = ids('kế');
    expect(lm.logProbN([ke], 1, -1)).toBe(lm.logProbN([ke], 1, lm.unkId));
    expect(lm.logProbN([ke], 1, -1)).toBeCloseTo(model.logProb([ke], model.unkId) * LN10 - 4, 9);
    expect(lm.rawLogProbN([ke], 1, -1)).toBeCloseTo(model.logProb([ke], model.unkId) * LN10, 9);
    expect(lm.rawBackwardLogProbN!([ke], 1, lm.unkId)).toBeCloseTo(model.backward!.logProb([ke], model.unkId) * LN10, 9);
    expect(lm.rawLogProbN([ke], 1, ke)).toBe(lm.logProbN([ke], 1, ke));
  });

  it('caches resolved contexts without changing any score', () => {
    // logProb / logProb3 / logProbCached go through the context cache; logProbUncached walks the tries every time.
    const words = ids('ủy ban nhân dân huyện ban hành kế hoạch thực hiện nhiệm vụ cải cách hành chính');
    for (const m of [model, model.backward!]) {
      for (let i = 2; i < words.length; i++) {
        for (const w of [...words, model.unkId, model.eosId]) {
          const u = words[i - 2];
          const v = words[i - 1];
          expect(m.logProb3(u, v, w)).toBe(m.logProbUncached([u, v], w));
          expect(m.logProb([u, v, words[i]], w)).toBe(m.logProbUncached([u, v, words[i]], w));
          expect(m.logProbCached([-1, words[i]], 2, w)).toBe(m.logProbUncached([-1, words[i]], w));
          expect(m.logProb([model.bosId], w)).toBe(m.logProbUncached([model.bosId], w));
          expect(m.logProb3(-1, -1, w)).toBe(m.logProbUncached([], w));
        }
      }
    }
  });
});

describe('CommittedLM backward scoring', () => {
  it('scores backwards with the following words, nearest last', () => {
    const [cai, cach, hanh, chinh] = ids('cải cách hành chính');
    const back = lm.backwardLogProbN!;
    expect(back([chinh, hanh, cach], 3, cai)).toBeCloseTo(model.backward!.logProbUncached([chinh, hanh, cach], cai) * LN10, 9);
    expect(back([chinh, hanh, cach], 3, cai)).toBeGreaterThan(back([chinh, hanh, cach], 3, lm.id('cài')));
    // End of clause: startId in the backward history; endId = clause start.
    expect(Number.isFinite(back([lm.startId, chinh], 2, lm.endId))).toBe(true);
  });
});

describe('CountTrigramLM order-N scoring', () => {
  const count = new CountTrigramLM(['kế hoạch thực hiện nhiệm vụ', 'kế hoạch thực hiện nhiệm vụ năm nay']);
  it('uses the last two ids and the start state', () => {
    const [ke, hoach, thuc] = ['kế', 'hoạch', 'thực'].map((w) => count.id(w));
    expect(count.logProbN([ke, hoach], 2, thuc)).toBe(count.logProb(ke, hoach, thuc));
    expect(count.logProbN([thuc, ke, hoach], 3, thuc)).toBe(count.logProb(ke, hoach, thuc));
    expect(count.logProbN([count.startId], 1, ke)).toBe(count.logProb(count.startId, count.startId, ke));
    expect(count.logProbN([], 0, ke)).toBe(count.logProb(-1, -1, ke));
  });
});

describe('NgramMemo', () => {
  it('stores, overwrites and clears when half full', () => {
    const memo = new NgramMemo(4);
    expect(memo.get(1, 2)).toBeNaN();
    memo.set(1, 2, -3.5);
    memo.set(2, 1, -1);
    memo.set(1, 2, -2.5);
    expect(memo.get(1, 2)).toBe(-2.5);
    expect(memo.get(2, 1)).toBe(-1);
    for (let i = 10; i < 20; i++) memo.set(i, 0xffffffff, i);
    // Capacity 16, limit 8: the table was cleared on the way, the latest entries remain.
    expect(memo.get(19, 0xffffffff)).toBe(19);
    expect(memo.get(1, 2)).toBeNaN();
  });
});

describe('KeyMemo and trie search', () => {
  it('KeyMemo stores exact keys up to 2^53 and clears when half full', () => {
    const memo = new KeyMemo(4);
    const big = 2 ** 52 + 12345;
    memo.set(big, -1.5);
    memo.set(0, -2);
    expect(memo.get(big)).toBe(-1.5);
    expect(memo.get(big + 1)).toBeNaN();
    expect(memo.get(0)).toBe(-2);
    for (let i = 1; i <= 8; i++) memo.set(i * 1e9, i);
    expect(memo.get(8e9)).toBe(8);
    expect(memo.get(big)).toBeNaN();
  });

  it('find returns the index of a child in any sorted range, or -1', () => {
    const rnd = seededInts(7);
    for (let trial = 0; trial < 300; trial++) {
      const set = new Set<number>();
      const n = rnd(60);
      while (set.size < n) set.add(rnd(500));
      const words = Uint16Array.from([...set].sort((a, b) => a - b));
      const lo = rnd(words.length + 1);
      const hi = lo + rnd(words.length - lo + 1);
      for (let w = 0; w < 500; w += 1 + rnd(7)) {
        const i = words.indexOf(w, lo);
        expect(find(words, lo, hi, w)).toBe(i >= 0 && i < hi ? i : -1);
      }
    }
  });
});
