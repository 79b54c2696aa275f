import { describe, expect, it } from 'vitest';
import {
  CLEAN_MARKED_SHARE, DECODED_MIN_MARKED, decodedNotVietnamese, GARBLED_MIN_TOKENS, GARBLED_RATIO, knownEnoughToRestore,
  LANGUAGE_MIN_WORDS, looksGarbled, looksNotVietnamese, markState, RESTORE_MIN_KNOWN_SHARE, STRIPPED_MAX_SHARE,
  VIETNAMESE_MIN_SHARE, EVIDENCE_SAMPLE_CHARS, evidenceSample,
} from '../../src/lang/evidence.js';
import { isValidSyllable } from '../../src/lang/syllable.js';

const repeat = (word: string, n: number): string[] => Array.from({ length: n }, () => word);

describe('syllable checks', () => {
  it("'shape' ignores spelling rules and tone placement, 'spelling' does not", () => {
    for (const w of ['cé', 'Gén', 'tíêng', 'hàt']) {
      expect(isValidSyllable(w, 'shape'), w).toBe(true);
      expect(isValidSyllable(w), w).toBe(false);
    }
    for (const w of ['hién', 'thyc', 'phiic', 'tiếńg']) expect(isValidSyllable(w, 'shape'), w).toBe(false);
    expect(isValidSyllable('thực', 'shape')).toBe(true);
  });
});

describe('looksGarbled', () => {
  // Words: `valid` accented syllables ("hóa") among plain ones ("ban"), `total` in all.
  const text = (valid: number, total: number) => [...repeat('hóa', valid), ...repeat('ban', total - valid)].join(' ');
  it(`flags a share of accented syllables under ${GARBLED_RATIO}`, () => {
    expect(GARBLED_MIN_TOKENS).toBe(20);
    expect(looksGarbled(text(5, 20)).garbled).toBe(false); // 0.25
    expect(looksGarbled(text(4, 20)).garbled).toBe(true); // 0.2
    expect(looksGarbled(text(4, 20)).stats).toEqual({ alphabetic: 20, validAccented: 4, invalidAccented: 0, ratio: 0.2 });
  });
  it(`needs ${GARBLED_MIN_TOKENS} words`, () => {
    expect(looksGarbled(text(0, 19)).garbled).toBe(false);
    expect(looksGarbled(text(0, 20)).garbled).toBe(true);
  });
  it('counts accented non-syllables as invalid', () => {
    expect(looksGarbled('hién nhiém thyc hóa').stats).toMatchObject({ alphabetic: 4, validAccented: 1, invalidAccented: 2 });
  });
});

describe('looksNotVietnamese', () => {
  const text = (vietnamese: number, total: number) => [...repeat('hoach', vietnamese), ...repeat('committee', total - vietnamese)].join(' ');
  it(`flags a share of syllable words under ${VIETNAMESE_MIN_SHARE}`, () => {
    expect(LANGUAGE_MIN_WORDS).toBe(15);
    expect(looksNotVietnamese(text(8, 16)).notVietnamese).toBe(false); // 0.5
    expect(looksNotVietnamese(text(7, 15)).notVietnamese).toBe(true);
    expect(looksNotVietnamese(text(7, 15)).evidence).toEqual({ words: 15, syllableWords: 7, share: 7 / 15 });
  });
  it(`needs ${LANGUAGE_MIN_WORDS} words`, () => {
    expect(looksNotVietnamese(text(0, 14)).notVietnamese).toBe(false);
  });
  it('counts accented, stripped and garbled Vietnamese alike', () => {
    expect(looksNotVietnamese('nghiêng nghieng NGHIÊNG nghiéng').evidence.share).toBe(1);
  });
});

describe('decodedNotVietnamese', () => {
  it(`needs ${DECODED_MIN_MARKED} accented words and flags a syllable share under one half`, () => {
    expect(decodedNotVietnamese(0, 2)).toBe(false);
    expect(decodedNotVietnamese(1, 3)).toBe(true);
    expect(decodedNotVietnamese(2, 4)).toBe(false);
    expect(decodedNotVietnamese(1, 4)).toBe(true);
  });
});

describe('restoration evidence', () => {
  it(`restores from a known share of ${RESTORE_MIN_KNOWN_SHARE}`, () => {
    expect(knownEnoughToRestore(6, 10)).toBe(true);
    expect(knownEnoughToRestore(5, 10)).toBe(false);
    expect(knownEnoughToRestore(0, 0)).toBe(false);
  });
  it(`reads marks as clean from ${CLEAN_MARKED_SHARE}, stripped under ${STRIPPED_MAX_SHARE}, else garble`, () => {
    expect(markState(CLEAN_MARKED_SHARE, 0.5)).toBe('clean');
    expect(markState(0.44, 0)).toBe('garble');
    expect(markState(0.029, 0.029)).toBe('stripped');
    expect(markState(STRIPPED_MAX_SHARE, 0)).toBe('garble');
    expect(markState(0, STRIPPED_MAX_SHARE)).toBe('garble');
  });
});

describe('evidence on long texts', () => {
  const clean = 'Ủy ban nhân dân xã tổ chức thực hiện nhiệm vụ cải cách hành chính năm 2025. ';
  const garbled = 'Uy ban nhan dan x4 t6 chitc thyc hién nhiém vu cai cach hanh chinh nam 2025. ';

  it('judges a text over EVIDENCE_SAMPLE_CHARS on evenly spread whole-word windows', () => {
    const text = clean.repeat(Math.ceil((EVIDENCE_SAMPLE_CHARS * 3) / clean.length));
    const sample = evidenceSample(text);
    expect(sample.length).toBeLessThanOrEqual(EVIDENCE_SAMPLE_CHARS + 100);
    expect(sample.length).toBeGreaterThan(EVIDENCE_SAMPLE_CHARS * 0.9);
    for (const word of sample.split(/\s+/).filter(Boolean)) expect(clean).toContain(word);
    expect(evidenceSample(clean)).toBe(clean);
  });

  it('gives the verdicts of the whole text: clean stays clean, a garbled second half is seen', () => {
    const n = Math.ceil((EVIDENCE_SAMPLE_CHARS * 2) / clean.length);
    expect(looksGarbled(clean.repeat(n)).garbled).toBe(false);
    expect(looksGarbled(garbled.repeat(n)).garbled).toBe(true);
    expect(looksNotVietnamese(clean.repeat(n)).notVietnamese).toBe(false);
    const english = 'The committee shall organise the annual review of administrative reform. ';
    expect(looksNotVietnamese(english.repeat(Math.ceil((EVIDENCE_SAMPLE_CHARS * 2) / english.length))).notVietnamese).toBe(true);
  });
});
