import { describe, expect, it } from 'vitest';
import { phraseToOldToneStyle, strippedKey, toOldToneStyle } from '../../src/data/tone-style.js';

describe('toOldToneStyle', () => {
  it('moves the tone of open oa/oe/uy to the first vowel', () => {
    expect(['hoà', 'Hoá', 'thuỷ', 'Uỷ', 'khoẻ', 'thuỵ'].map(toOldToneStyle)).toEqual(['hòa', 'Hóa', 'thủy', 'Ủy', 'khỏe', 'thụy']);
  });
  it('leaves closed syllables, qu + y and old-style input alone', () => {
    expect(['hoàn', 'quý', 'Quỳ', 'hòa', 'Đoài', 'nguyễn'].map(toOldToneStyle)).toEqual(['hoàn', 'quý', 'Quỳ', 'hòa', 'Đoài', 'nguyễn']);
  });
  it('converts phrases word by word and keeps spacing', () => {
    expect(phraseToOldToneStyle('Uỷ ban  Hoà Bình')).toBe('Ủy ban  Hòa Bình');
    expect(strippedKey(' Trực  Ninh ')).toBe('truc ninh');
  });
});
