import { describe, expect, it } from 'vitest';
import { foldName, foldText, tokenize } from '../../src/query/fold.js';
import { makeSnippet } from '../../src/query/snippet.js';
import { symbolKey } from '../../src/query/symbols.js';

describe('accent-insensitive folding', () => {
  it('strips tone and vowel marks and maps đ to d', () => {
    expect(foldText('Ủy ban nhân dân xã Đại Thắng')).toBe('uy ban nhan dan xa dai thang');
    expect(foldText('QUYẾT ĐỊNH')).toBe('quyet dinh');
  });
  it('folds decomposed (NFD) input the same as composed input', () => {
    expect(foldText('Thắng'.normalize('NFD'))).toBe(foldText('Thắng'));
  });
  it('keeps token offsets in the original text', () => {
    const text = 'Kế hoạch số 05/KH-UBND';
    const toks = tokenize(text);
    expect(toks.map((t) => t.term)).toEqual(['ke', 'hoach', 'so', '05', 'kh', 'ubnd']);
    expect(text.slice(toks[1].start, toks[1].end)).toBe('hoạch');
  });
  it('expands administrative abbreviations in names', () => {
    expect(foldName('UBND huyện Vụ Bản')).toBe(foldName('Ủy ban nhân dân huyện Vụ Bản'));
    expect(foldName('HĐND xã')).toBe('hoi dong nhan dan xa');
  });
});

describe('document symbol keys', () => {
  it('treats spacing, case, đ/d, dash style and leading zeros as the same symbol', () => {
    const key = symbolKey('25/KH-UBND');
    expect(symbolKey(' 25 / kh-ubnd ')).toBe(key);
    expect(symbolKey('025/KH–UBND')).toBe(key);
    expect(symbolKey('05/2019/QĐ-UBND')).toBe(symbolKey('5/2019/QD-UBND'));
    expect(symbolKey('Số: 05/KH-UBND')).toBe(symbolKey('5/KH-UBND'));
  });
  it('keeps different numbers and types apart', () => {
    expect(symbolKey('25/KH-UBND')).not.toBe(symbolKey('250/KH-UBND'));
    expect(symbolKey('25/KH-UBND')).not.toBe(symbolKey('25/QĐ-UBND'));
  });
  it('gives no key to a blank number', () => {
    expect(symbolKey('/KH-BCĐ')).toBeNull();
    expect(symbolKey('')).toBeNull();
  });
});

describe('snippets', () => {
  const text = 'I. MỤC ĐÍCH\nPhát động phong trào thi đua cải cách hành chính năm 2024.\nII. NỘI DUNG\nThi đua chuyển đổi số.';
  it('marks the matching words as written, accent-insensitively', () => {
    const s = makeSnippet(text, ['cai', 'cach'], 'guillemets', 60);
    expect(s.text).toContain('«cải» «cách» hành chính');
    expect(s.highlights.map((h) => text.slice(h.start, h.end))).toEqual(['cải', 'cách']);
  });
  it('uses ANSI bold or markdown when asked', () => {
    expect(makeSnippet(text, ['chuyen'], 'ansi', 40).text).toContain('\u001b[1mchuyển\u001b[22m');
    expect(makeSnippet(text, ['chuyen'], 'markdown', 40).text).toContain('**chuyển**');
  });
  it('centres on the window holding the most distinct query terms', () => {
    const long = `${'thi đua '.repeat(60)}chuyển đổi số ${'khen thưởng '.repeat(60)}`;
    const s = makeSnippet(long, ['chuyen', 'doi', 'so'], 'none', 80);
    expect(s.text).toContain('chuyển đổi số');
  });
});
