import { describe, expect, it } from 'vitest';
import { isWhitespaceCode, tokenize } from '../../src/lang/tokenize.js';

const texts = (s: string, unit?: Parameters<typeof tokenize>[1]) => tokenize(s, unit).map((t) => t.text);

describe('tokenize', () => {
  it("'run' (default): whitespace runs with offsets, the same runs as /\\S+/gu", () => {
    const s = '\u00a0 Số: 12/KH-UBND\t ngày\u200a05/3 \ufeff';
    expect(tokenize(s)).toEqual([
      { text: 'Số:', start: 2 }, { text: '12/KH-UBND', start: 6 }, { text: 'ngày', start: 18 }, { text: '05/3', start: 23 },
    ]);
    expect(texts(s)).toEqual(s.match(/\S+/gu));
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t')).toEqual([]);
  });

  it("'word': letters, marks and any digits; punctuation splits; NFD stays one word", () => {
    const nfd = 'Ủy ban'.normalize('NFD');
    expect(texts(nfd, { unit: 'word' })).toEqual([nfd.slice(0, 3), 'ban']);
    expect(tokenize('Kế hoạch số 12/KH-UBND ²', { unit: 'word' })).toEqual([
      { text: 'Kế', start: 0 }, { text: 'hoạch', start: 3 }, { text: 'số', start: 9 }, { text: '12', start: 12 },
      { text: 'KH', start: 15 }, { text: 'UBND', start: 18 }, { text: '²', start: 23 },
    ]);
  });

  it("'ocrWord': keeps English-OCR glyphs inside a word, ASCII digits only", () => {
    expect(texts('K¢é hoach t6t, t&t: 5€ ²', { unit: 'ocrWord' })).toEqual(['K¢é', 'hoach', 't6t', 't&t', '5€']);
    expect(texts('tuy@n sinh @abc x@ @', { unit: 'ocrWord' })).toEqual(['tuy@n', 'sinh', 'abc', 'x']);
    expect(texts('K¢é t&t', { unit: 'word' })).toEqual(['K', 'é', 't', 't']);
  });

  it("'lm': words, numbers with inner separators, other characters alone", () => {
    expect(texts('Ngày 05/3/2024, (xã Đại-Thắng) 1.500 đ!', { unit: 'lm' })).toEqual([
      'Ngày', '05/3/2024', ',', '(', 'xã', 'Đại', '-', 'Thắng', ')', '1.500', 'đ', '!',
    ]);
    expect(texts('v2 3.', { unit: 'lm' })).toEqual(['v', '2', '3', '.']);
  });

  it('isWhitespaceCode is /\\s/u and String.prototype.trim on every BMP code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const space = /\s/u.test(ch);
      if (isWhitespaceCode(c) !== space || (ch.trim() === '') !== space) expect.fail(`U+${c.toString(16)}: scan ${isWhitespaceCode(c)}, regex ${space}`);
    }
  });
});
