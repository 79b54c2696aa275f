import { describe, expect, it } from 'vitest';
import {
  canonicalKey, generateInventory, isValidSyllable, matchCase, parseSyllable,
  toneOf, toToneStyle, withTone,
} from '../../src/lang/syllable.js';

describe('parseSyllable / isValidSyllable', () => {
  it('accepts common and tricky spellings', () => {
    for (const w of ['thác', 'tháp', 'người', 'nghiêng', 'giếng', 'gì', 'quốc', 'quý', 'khuya', 'khuỷu',
      'yêu', 'kỹ', 'lý', 'thuở', 'thuyền', 'hoàng', 'được', 'nghĩa', 'giữ', 'xoong', 'khuếch', 'Ủy', 'uỷ', 'quỳnh', 'quýt', 'Đắk', 'Lắk', 'Kạn', 'buýt']) {
      expect(isValidSyllable(w), w).toBe(true);
    }
  });
  it('rejects spelling-rule violations', () => {
    for (const w of ['kă', 'ngi', 'qo', 'thãp', 'thàc', 'thap', 'ce', 'ge', 'ngê', 'ghà', 'kam', 'đầk', 'qủa', 'hòang', 'ubnd', 'xyz']) {
      expect(isValidSyllable(w), w).toBe(false);
    }
  });
  it('returns the parts', () => {
    expect(parseSyllable('Nghiêng')).toMatchObject({ onset: 'ngh', nucleus: 'iê', coda: 'ng', tone: 0, base: 'nghiêng' });
    expect(parseSyllable('thuyền')).toMatchObject({ onset: 'th', glide: 'u', coda: 'n', tone: 1 });
    expect(parseSyllable('QUỐC')).toMatchObject({ onset: 'qu', coda: 'c', tone: 2 });
    expect(toneOf('ngã')).toBe(4);
    expect(toneOf('abc')).toBeNull();
  });
});

describe('tone placement styles', () => {
  it('recognises both and converts', () => {
    expect(parseSyllable('hóa')?.tone).toBe(2);
    expect(parseSyllable('hoá')?.tone).toBe(2);
    expect(toToneStyle('hóa', 'new')).toBe('hoá');
    expect(toToneStyle('thuỷ', 'old')).toBe('thủy');
    expect(toToneStyle('Ủy', 'new')).toBe('Uỷ');
    expect(toToneStyle('hoàng', 'new')).toBe('hoàng');
    expect(canonicalKey('Hoá')).toBe(canonicalKey('hóa'));
    expect(withTone('hoa', 5, 'old')).toBe('họa');
    expect(withTone('hoa', 5, 'new')).toBe('hoạ');
    expect(withTone('thap', 1)).toBeNull();
    expect(withTone('KE', 2)).toBe('KÉ');
  });
});

describe('generateInventory', () => {
  const inv = generateInventory();
  it('is generated, unique and all valid', () => {
    expect(new Set(inv).size).toBe(inv.length);
    expect(inv.length).toBe(15_904); // generated from the rules: any change to them shows here
    for (const s of inv) expect(isValidSyllable(s), s).toBe(true);
  });
  it('has per-tone counts consistent with the stop-coda rule', () => {
    const counts = [0, 0, 0, 0, 0, 0];
    for (const s of inv) counts[toneOf(s)!]++;
    // sắc and nặng also take every stop-coda syllable, the other four tones none
    expect(counts[2]).toBe(counts[5]);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBe(counts[3]);
    expect(counts[2]).toBeGreaterThan(counts[0]);
  });
  it('contains both styles when asked', () => {
    expect(inv).toContain('hóa');
    expect(inv).not.toContain('hoá');
    expect(generateInventory('new')).toContain('hoá');
  });
});

describe('matchCase', () => {
  it('keeps the case pattern', () => {
    expect(matchCase('KE', 'kế')).toBe('KẾ');
    expect(matchCase('Ke', 'kế')).toBe('Kế');
    expect(matchCase('ke', 'KẾ')).toBe('kế');
  });
});
