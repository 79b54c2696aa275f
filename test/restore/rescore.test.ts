/**
 * Unit tests of the both-sides re-ranking (src/restore/rescore.ts) with a hand-made
 * forward/backward model, so each expectation follows from the scores written here:
 * the selective (default-mode) re-ranking changes only the slots it is given, the full
 * (accurate-mode) one changes every slot, and confidences come from the final local scores.
 */
import { describe, expect, it } from 'vitest';
import type { Decision, Slot } from '../../src/restore/decoder.js';
import { rescoreBothSides, type BothWaysLM } from '../../src/restore/rescore.js';

const START = 0;
const END = 1;
const UNK = 2;
const A = 3;
const B = 4;
const X = 5;
const Y = 6;
const WORDS: Record<number, string> = { [A]: 'a', [B]: 'b', [X]: 'x', [Y]: 'y' };

/** Forward: b is likely right after the clause start. Backward: y is likely right before b. */
const model: BothWaysLM = {
  order: 4, startId: START, endId: END, unkId: UNK,
  forward: (h, w) => (w === B && h[2] === START ? 0 : w === B ? -3 : -1),
  backward: (h, w) => (w === Y && h[2] === B ? 0 : w === Y ? -4 : -1),
};

function slot(...ids: number[]): Slot {
  return { candidates: ids.map((id) => ({ word: WORDS[id], cost: 0 })), ids, sentenceStart: false };
}
const decided = (...indices: number[]): Decision[] => indices.map((index) => ({ index, confidence: 0.5, alternatives: [] }));
const opts = { channelWeight: 1, forwardWeight: 1, backwardWeight: 1, alternatives: 0 };

describe('rescoreBothSides', () => {
  const slots = [slot(A, B), slot(X, Y), slot(A, B)];
  slots[0].sentenceStart = true;

  it('re-ranks every slot with context on both sides when no subset is given', () => {
    const out = rescoreBothSides(model, slots, decided(0, 0, 1), opts);
    expect(out.map((d) => d.index)).toEqual([1, 1, 1]);
    // y before b: the backward model decides slot 1, from its right-hand neighbour.
    expect(slots[1].candidates[out[1].index].word).toBe('y');
    for (const d of out) expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('re-ranks only the selected slots and returns the others untouched', () => {
    const first = decided(0, 0, 1);
    const out = rescoreBothSides(model, slots, first, { ...opts, only: Uint8Array.from([0, 1, 0]) });
    expect(out[0]).toBe(first[0]); // not selected: kept although the model prefers b there
    expect(out[2]).toBe(first[2]);
    expect(out[1].index).toBe(1);
    // y scores 1 nat above x (backward 0 vs −1; every other term is equal): e / (1 + e).
    expect(out[1].confidence).toBeCloseTo(Math.E / (1 + Math.E), 6);
  });

  it('reports alternatives from the final scores and keeps decisions when nothing is selected', () => {
    const first = decided(0, 0, 1);
    const out = rescoreBothSides(model, slots, first, { ...opts, alternatives: 1, only: Uint8Array.from([0, 1, 0]) });
    expect(out[1].alternatives).toHaveLength(1);
    expect(out[1].alternatives[0].word).toBe('x');
    expect(out[1].alternatives[0].score + out[1].confidence).toBeCloseTo(1, 6);
    expect(rescoreBothSides(model, slots, first, { ...opts, only: new Uint8Array(3) })).toBe(first);
  });
});
