/**
 * The document-adapted second pass (src/restore/document-model.ts) with a language model that
 * cannot tell the readings apart (every n-gram scores the same), so each expectation follows
 * from the channel costs written here and the document's own evidence: a confident decision or
 * a marked word elsewhere in the document flips an unsure slot; without evidence nothing changes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../src/restore/decoder.js';
import { adaptToDocument, DOCUMENT_MODEL_DEFAULTS, documentMixture, DocumentModel } from '../../src/restore/document-model.js';
import type { DecoderLM } from '../../src/restore/decoder-lm.js';
import { rescoreBothSides, type BothWaysLM } from '../../src/restore/rescore.js';
import { makeTemplate, setTemplateFreezing, slotOf, type TokenInfo, type TokenSlot } from '../../src/restore/slots.js';
import { hasMarks } from '../../src/restore/text.js';
import { tokenize } from '../../src/restore/tokenize.js';

const START = 0;
const END = 1;
const UNK = 2;
const NUM = 3;
const IDS: Record<string, number> = { 'xã': 4, 'xa': 5, 'phường': 6, 'phương': 7, 'mới': 8, 'môi': 9 };
const lm = { id: (w: string) => IDS[w] ?? UNK, unkId: UNK, startId: START, numberId: NUM } as unknown as DecoderLM;
/** Every n-gram alike: only the channel costs (and the document model) decide. */
const flat: BothWaysLM = { order: 4, startId: START, endId: END, unkId: UNK, forward: () => -1, backward: () => -1 };
const rescore = { channelWeight: 1, forwardWeight: 1, backwardWeight: 1, alternatives: 0 };

/** Readings of each stripped (or marked) token, most likely first by the channel cost. */
const READINGS: Record<string, [string, number][]> = {
  xa: [['xã', 0], ['xa', 2]],
  phuong: [['phương', 0], ['phường', 0.1]],
  moi: [['mới', 0], ['môi', 2]],
};

const previous = setTemplateFreezing(true);
afterAll(() => setTemplateFreezing(previous));

/** Pieces, infos and slots of a text; a marked word keeps only its own spelling. */
function document(text: string) {
  const pieces = tokenize(text);
  const infos = pieces.map((p) => ({ lower: p.input.toLowerCase(), marked: hasMarks(p.input) }) as TokenInfo);
  const slots: TokenSlot[] = pieces.map((p, i) => {
    const readings = infos[i].marked ? [[infos[i].lower, 0] as [string, number]] : READINGS[infos[i].lower];
    const template = makeTemplate(readings.map(([word, cost]) => ({ word, cost })), readings.map(([word]) => lm.id(word)));
    return slotOf(template, p.sentenceStart);
  });
  return { pieces, infos, slots };
}
const decided = (confidences: number[]): Decision[] => confidences.map((confidence) => ({ index: 0, confidence, alternatives: [] }));
const words = (slots: TokenSlot[], decisions: Decision[]): string[] => decisions.map((d, t) => slots[t].candidates[d.index].word);

describe('adaptToDocument', () => {
  it('flips an unsure slot to the reading the first pass was sure of elsewhere in the document', () => {
    const { pieces, infos, slots } = document('xa phuong. xa phuong');
    const first = decided([1, 1, 1, 0.52]);
    first[1] = { index: 1, confidence: 0.99, alternatives: [] }; // "xã phường", decided with confidence
    const out = adaptToDocument(lm, flat, pieces, infos, slots, first, rescore);
    expect(words(out.slots, out.decisions)).toEqual(['xã', 'phường', 'xã', 'phường']);
    expect(out.decisions[3].confidence).toBeGreaterThan(0.8);
    // Sure slots keep their decisions (the same objects) and their shared slots.
    expect(out.decisions[1]).toBe(first[1]);
    expect(out.slots[1]).toBe(slots[1]);
    // The shared template of the unsure token is untouched (frozen: a write would have thrown).
    expect(slots[3].candidates.map((c) => c.cost)).toEqual([0, 0.1]);
  });

  it('takes the words the document writes with marks as evidence', () => {
    const { pieces, infos, slots } = document('Xã phường. xa phuong');
    const out = adaptToDocument(lm, flat, pieces, infos, slots, decided([1, 1, 1, 0.52]), rescore);
    expect(words(out.slots, out.decisions).slice(2)).toEqual(['xã', 'phường']);
  });

  it('changes nothing when the document holds no evidence about the unsure words', () => {
    const { pieces, infos, slots } = document('xa moi. xa phuong');
    const first = decided([1, 1, 1, 0.52]);
    const out = adaptToDocument(lm, flat, pieces, infos, slots, first, rescore);
    expect(out.slots).toBe(slots); // no cost changed
    // The unsure slot is re-ranked as the global model alone would.
    expect(out.decisions).toEqual(rescoreBothSides(flat, slots, first, { ...rescore, only: Uint8Array.from([0, 0, 0, 1]) }));
    expect(words(out.slots, out.decisions)).toEqual(['xã', 'mới', 'xã', 'phương']);
  });

  it('changes nothing when no slot is unsure', () => {
    const { pieces, infos, slots } = document('xa phuong. xa phuong');
    const first = decided([1, 0.99, 1, DOCUMENT_MODEL_DEFAULTS.unsureBelow]);
    first[1] = { index: 1, confidence: 0.99, alternatives: [] };
    const out = adaptToDocument(lm, flat, pieces, infos, slots, first, rescore);
    expect(out.decisions).toBe(first);
  });
});

describe('DocumentModel', () => {
  it('counts only the words of interest, and pairs that touch one', () => {
    const model = new DocumentModel(new Set([IDS['phường']]));
    expect(model.empty).toBe(true);
    model.observe(-1, IDS['mới'], 1);
    expect(model.empty).toBe(true);
    model.observe(IDS['xã'], IDS['phường'], 2);
    model.observe(IDS['xã'], IDS['phường'], 1);
    model.observe(IDS['phường'], IDS['mới'], 1);
    expect(model.count(IDS['phường'])).toBe(3);
    expect(model.count(IDS['mới'])).toBe(0);
    expect(model.pairCount(IDS['xã'], IDS['phường'])).toBe(3);
    expect(model.pairCount(IDS['phường'], IDS['mới'])).toBe(1);
    expect(model.pairCount(-1, IDS['phường'])).toBe(0);
  });
});

describe('documentMixture', () => {
  /** A two-component mixture: component 0 knows word 4 well, component 1 hardly. */
  const component = (p4: number) => ({ prob: (_h: ArrayLike<number>, _end: number, w: number) => (w === 4 ? p4 : 0.01) });
  const mixture = { components: [component(0.5), component(0.01)], weights: [0.2, 0.8] };
  const model = { order: 4, bosId: 1, eosId: 2, unkId: 0, vocabSize: 10, components: mixture, backward: { components: mixture } };
  const mixed = { ...lm, model } as unknown as DecoderLM;
  const evidence = Int32Array.from({ length: 40 }, () => 4);

  it('moves the weights towards the component that explains the document', () => {
    const found = documentMixture(mixed, evidence, new Uint8Array(40), 0, 500)!;
    expect(found.weights[0]).toBeGreaterThan(0.9);
    expect(found.weights[0] + found.weights[1]).toBeCloseTo(1, 9);
    // The re-ranking model mixes the components with those weights (natural log).
    expect(found.model.forward(Int32Array.of(-1, -1, 1), 4)).toBeCloseTo(Math.log(found.weights[0] * 0.5 + found.weights[1] * 0.01), 9);
  });

  it('keeps the global weights when the prior outweighs the evidence, and is off for an LM without components', () => {
    const found = documentMixture(mixed, evidence, new Uint8Array(40), 1e9, 500)!;
    expect(found.weights[0]).toBeCloseTo(0.2, 6);
    expect(documentMixture(lm, evidence, new Uint8Array(40), 0, 500)).toBeUndefined();
  });
});
