import { describe, expect, it } from 'vitest';
import { tokenizeForLM, lmUnit } from '../../src/lm/tokenize.js';
import { splitOfLine, fnv1a } from '../../src/lm/corpus.js';

describe('tokenizeForLM', () => {
  it('lowercases, canonicalises tone placement, splits clauses at punctuation', () => {
    expect(tokenizeForLM('Kế hoạch số 12/KH-UBND ngày 05/3/2024 của UBND huyện, về Hoá chất.')).toEqual([
      ['kế', 'hoạch', 'số', '<num>', 'kh', 'ubnd', 'ngày', '<num>', 'của', 'ubnd', 'huyện'],
      ['về', 'hóa', 'chất'],
    ]);
  });
  it('drops empty clauses and keeps Thuỷ/Thủy as one unit', () => {
    expect(tokenizeForLM('… (Thuỷ lợi) ; ;')).toEqual([['thủy', 'lợi']]);
    expect(lmUnit('THUỶ')).toBe(lmUnit('thủy'));
    expect(lmUnit('2.500')).toBe('<num>');
    expect(lmUnit('ÐỨC')).toBe('đức');
  });
});

describe('held-out split', () => {
  it('is a deterministic function of the line', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    const lines = Array.from({ length: 5000 }, (_, i) => `dòng số ${i} của kế hoạch`);
    const test = lines.filter((l) => splitOfLine(l) === 'test').length;
    const dev = lines.filter((l) => splitOfLine(l) === 'dev').length;
    expect(test).toBeGreaterThan(20);
    expect(test).toBeLessThan(100);
    expect(dev).toBeGreaterThan(20);
    expect(dev).toBeLessThan(100);
    expect(splitOfLine(lines[7])).toBe(splitOfLine(`dòng số 7 của kế hoạch`));
  });
});
