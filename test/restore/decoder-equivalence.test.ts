import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/restore/channel.js';
import { decodeSlots, type DecodeOptions, type Slot } from '../../src/restore/decoder.js';
import { type DecoderLM } from '../../src/restore/decoder-lm.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { seededInts } from '../support/prng.js';

/**
 * The typed-array decoder must choose exactly what the straightforward beam Viterbi chooses
 * (Map of hypotheses keyed by the trigram state (v, w), full sort for the beam). This is that
 * reference, kept deliberately simple, run on random lattices.
 */
function referenceViterbi(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): number[] {
  type Hyp = { u: number; v: number; score: number; back: number; cand: number };
  const layers: Hyp[][] = [];
  let prev: Hyp[] = [{ u: lm.startId, v: lm.startId, score: 0, back: -1, cand: -1 }];
  for (const slot of slots) {
    const states = new Map<string, Hyp>();
    prev.forEach((hyp, h) => {
      const u = slot.sentenceStart ? lm.startId : hyp.u;
      const v = slot.sentenceStart ? lm.startId : hyp.v;
      slot.candidates.forEach((cand, c) => {
        const w = slot.ids[c];
        const score = hyp.score - opts.channelWeight * cand.cost + lm.logProb(u, v, w);
        const key = `${v}|${w >= 0 ? w : `unk${c}`}`;
        const old = states.get(key);
        if (!old || score > old.score) states.set(key, { u: v, v: w, score, back: h, cand: c });
      });
    });
    let next = [...states.values()];
    if (next.length > opts.beam) next = next.sort((a, b) => b.score - a.score).slice(0, opts.beam);
    layers.push(next);
    prev = next;
  }
  let best = 0;
  prev.forEach((h, i) => { if (h.score > prev[best].score) best = i; });
  const choice: number[] = [];
  for (let t = slots.length - 1; t >= 0; t--) {
    choice[t] = layers[t][best].cand;
    best = layers[t][best].back;
  }
  return choice;
}

/** Reference both-sides pass over a path: left trigram + two right trigrams per candidate. */
function referenceDecisions(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): { index: number; confidence: number; alternatives: { word: string; score: number }[] }[] {
  const choice = referenceViterbi(lm, slots, opts);
  const id = (t: number) => slots[t].ids[choice[t]];
  return slots.map((slot, t) => {
    const u = slot.sentenceStart || t < 2 || slots[t - 1].sentenceStart ? lm.startId : id(t - 2);
    const v = slot.sentenceStart || t < 1 ? lm.startId : id(t - 1);
    const hasX = t + 1 < slots.length && !slots[t + 1].sentenceStart;
    const hasY = hasX && t + 2 < slots.length && !slots[t + 2].sentenceStart;
    const scores = slot.candidates.map((c, i) => {
      const w = slot.ids[i];
      let s = -opts.channelWeight * c.cost + lm.logProb(u, v, w);
      if (opts.bothSides && hasX) s += lm.logProb(v, w, id(t + 1));
      if (opts.bothSides && hasX && hasY) s += lm.logProb(w, id(t + 1), id(t + 2));
      return s;
    });
    const max = Math.max(...scores);
    // Without the right context the Viterbi's choice stands (the scores give confidence only).
    const best = opts.bothSides ? scores.indexOf(max) : choice[t];
    const total = scores.reduce((a, s) => a + Math.exp(s - max), 0);
    choice[t] = best;
    const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]).filter((i) => i !== best);
    const alternatives = order.slice(0, opts.alternatives).map((i) => ({ word: slot.candidates[i].word, score: Math.exp(scores[i] - max) / total }));
    return { index: best, confidence: Math.exp(scores[best] - max) / total, alternatives };
  });
}

const LINES = [
  'ủy ban nhân dân huyện ban hành kế hoạch thực hiện nhiệm vụ cải cách hành chính năm 2023',
  'phong trào thi đua yêu nước được phát động sâu rộng trong cán bộ công chức',
  'tăng cường kiểm tra giám sát việc thực hiện các nhiệm vụ được giao',
  'các cơ quan đơn vị căn cứ kế hoạch này xây dựng kế hoạch của đơn vị mình',
  'thi đua khen thưởng kịp thời các tập thể cá nhân có thành tích xuất sắc',
];
const lm = new CountTrigramLM([...LINES, ...LINES, 'hồ sơ thủ tục hành chính được tiếp nhận và trả kết quả đúng hạn']);
const vocab = [...new Set(LINES.join(' ').split(' '))];

function randomSlots(seed: number, n: number): Slot[] {
  const rnd = seededInts(seed);
  return Array.from({ length: n }, (_, t) => {
    const k = 1 + rnd(6);
    const candidates: Candidate[] = [];
    const ids: number[] = [];
    for (let c = 0; c < k; c++) {
      // Mostly known words, some unknown (-1) and some duplicate ids with other costs.
      const r = rnd(10);
      const word = r === 0 ? `xq${c}` : r === 1 && c > 0 ? candidates[0].word : vocab[rnd(vocab.length)];
      candidates.push({ word, cost: rnd(5) * 0.5 });
      ids.push(r === 0 ? -1 : lm.id(word));
    }
    return { candidates, ids, sentenceStart: t > 0 && rnd(9) === 0 };
  });
}

/** Decisions must be bit-identical to the reference's: index, confidence and alternatives with their scores. */
function expectSame(lm: DecoderLM, slots: Slot[], opts: DecodeOptions, label: string): void {
  const got = decodeSlots(lm, slots, opts);
  const want = referenceDecisions(lm, slots, opts);
  got.forEach((d, t) => {
    expect(d.index, `${label} slot ${t}`).toBe(want[t].index);
    if (slots[t].candidates.length > 1 || opts.alternatives > 0) {
      expect(d.confidence, `${label} slot ${t}`).toBe(want[t].confidence);
      expect(d.alternatives, `${label} slot ${t}`).toEqual(want[t].alternatives);
    } else {
      expect(d.confidence).toBe(1);
    }
  });
}

describe('decodeSlots equals the reference beam Viterbi + both-sides pass', () => {
  for (const beam of [1, 2, 4, 8, 32]) {
    it(`beam ${beam}`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const slots = randomSlots(seed * 7919 + beam, 5 + (seed % 30));
        const opts: DecodeOptions = { beam, channelWeight: 1 + (seed % 3) * 0.25, bothSides: true, alternatives: seed % 2 ? 3 : 0 };
        expectSame(lm, slots, opts, `seed ${seed}`);
      }
    });
  }

  it('decodes long texts segment by segment, again with cached scores, and after a change of LM', () => {
    // Hundreds of slots and clause starts: many segments per call; the second call of each
    // text reads the score rows the first one cached; another LM must not see those rows.
    const other = new CountTrigramLM(LINES.slice(2));
    for (let seed = 1; seed <= 6; seed++) {
      const slots = randomSlots(seed * 104729, 300 + seed * 40);
      const opts: DecodeOptions = { beam: 1 + (seed % 5) * 3, channelWeight: 1, bothSides: seed !== 3, alternatives: seed % 3 };
      expectSame(lm, slots, opts, `seed ${seed} first`);
      expectSame(lm, slots, opts, `seed ${seed} again`);
      expectSame(other, slots, opts, `seed ${seed} other LM`);
      expectSame(lm, slots, opts, `seed ${seed} back`);
    }
  });

  it('does not cut a segment at a clause start whose states descend from different states', () => {
    // At the clause start (slot 2) candidate C1's huge channel cost rounds the two best
    // states' scores to a tie (it keeps the first, via A) while C2 descends from B: the
    // states at the clause start disagree about slot 1, and slot 3 decides for C2 (via B).
    // Slot 0's confidence depends on the word chosen for slot 1 (its right context).
    const S = 1;
    const big = 2 ** 53;
    const table = new Map<string, number>([
      [`${S},${S},20`, 0], [`${S},${S},21`, 0],
      [`${S},20,10`, 0], [`${S},20,11`, 0.5], [`${S},21,10`, -1], [`${S},21,11`, -1],
      [`${S},${S},12`, big], [`${S},${S},13`, -5],
      [`${S},12,14`, -100], [`${S},13,14`, 0],
    ]);
    const mock: DecoderLM = {
      startId: S, numberId: 2, variantsOf: () => [], id: () => -1,
      logProb: (u, v, w) => table.get(`${u},${v},${w}`) ?? -10,
    };
    const slot = (words: [string, number, number][], sentenceStart = false): Slot => ({
      candidates: words.map(([word, , cost]) => ({ word, cost })), ids: words.map(([, id]) => id), sentenceStart,
    });
    const slots = [
      slot([['p1', 20, 0], ['p2', 21, 0]]),
      slot([['a', 10, 0], ['b', 11, 0]]),
      slot([['c1', 12, big], ['c2', 13, 0]], true),
      slot([['d', 14, 0]]),
    ];
    const opts: DecodeOptions = { beam: 4, channelWeight: 1, bothSides: true, alternatives: 1 };
    expect(referenceViterbi(mock, slots, opts)).toEqual([0, 1, 1, 0]);
    expectSame(mock, slots, opts, 'split');
  });

  it('handles empty input and single fixed slots', () => {
    expect(decodeSlots(lm, [], { beam: 4, channelWeight: 1, bothSides: true, alternatives: 0 })).toEqual([]);
    const fixed: Slot = { candidates: [{ word: '2023', cost: 0 }], ids: [lm.numberId], sentenceStart: false };
    expect(decodeSlots(lm, [fixed, fixed], { beam: 4, channelWeight: 1, bothSides: true, alternatives: 0 })).toEqual([
      { index: 0, confidence: 1, alternatives: [] }, { index: 0, confidence: 1, alternatives: [] },
    ]);
  });
});
