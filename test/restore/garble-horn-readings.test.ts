/**
 * English-model OCR readings of the horned u that the per-character channel scores apart
 * ("phuwrong", "Phurde" = phường, Phước), and tone siblings of learned token pairs ("phuwong"
 * learned from phương offers phường too): src/restore/channel.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutHornReadings, withoutTone, type ChannelModel } from '../../src/restore/channel.js';
import { getDefaultRestorer } from '../../src/restore/index.js';

describe('horn readings and tones', () => {
  it('reads the multi-letter horn readings back to u, longest first', () => {
    expect(withoutHornReadings('phuwrong')).toBe('phuong');
    expect(withoutHornReadings('phwrong')).toBe('phuong');
    expect(withoutHornReadings('phurde')).toBe('phude');
    expect(withoutHornReadings('avurong')).toBe('avuong');
    expect(withoutHornReadings('tir')).toBe('tu');
    expect(withoutHornReadings('thuong')).toBe('thuong'); // no horn reading: unchanged
  });

  it('drops the tone mark only, not the vowel marks', () => {
    expect(withoutTone('phường')).toBe('phương');
    expect(withoutTone('ước')).toBe('ươc');
    expect(withoutTone('đầu')).toBe('đâu');
    expect(withoutTone('tiếng')).toBe('tiêng');
  });
});

describe('the garble channel with the committed tables', () => {
  let channel: ChannelModel;
  beforeAll(async () => { channel = (await getDefaultRestorer() as unknown as { channel: ChannelModel }).channel; });
  const costOf = (observed: string, word: string): number => channel.candidates(observed, 'garble').find((c) => c.word === word)?.cost ?? Infinity;

  it('offers phường and Phước for horn readings the character table alone could not reach', () => {
    for (const observed of ['phuwrong', 'phwrong']) expect(costOf(observed, 'phường'), observed).toBeLessThan(4);
    for (const observed of ['Phwde', 'Phurde', 'Phuwde']) expect(costOf(observed, 'phước'), observed).toBeLessThan(9);
  });

  it('offers the tone sibling of a learned pair at most one sibling cost above it', () => {
    const learned = costOf('phuwong', 'phương');
    expect(learned).toBeLessThan(Infinity);
    expect(costOf('phuwong', 'phường')).toBeLessThanOrEqual(learned + 1 + 1e-9);
  });

  it('leaves stripped text to its skeleton', () => {
    expect(channel.candidates('phuong', 'stripped').map((c) => c.word)).toContain('phường');
    expect(channel.candidates('phuwrong', 'stripped').some((c) => c.word === 'phường')).toBe(false);
  });
});
