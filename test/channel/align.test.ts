import { describe, expect, it } from 'vitest';
import { alignChars, alignLines, alignTokens } from '../../tools/lib/align.js';

describe('alignTokens', () => {
  it('pairs each syllable of "thực hiện nhiệm vụ" with its English-model garble', () => {
    const pairs = alignTokens('thực hiện nhiệm vụ', 'thyc hién nhiém vu');
    expect(pairs).toEqual([
      { source: 'thực', observed: 'thyc', kind: 'sub' },
      { source: 'hiện', observed: 'hién', kind: 'sub' },
      { source: 'nhiệm', observed: 'nhiém', kind: 'sub' },
      { source: 'vụ', observed: 'vu', kind: 'sub' },
    ]);
  });

  it('aligns a garbled single-character token 1:1 instead of splitting its neighbour', () => {
    const pairs = alignTokens('chung kết ở mùa giải', 'chung két & mua gidi');
    expect(pairs.map((p) => [p.source, p.observed, p.kind])).toContainEqual(['ở', '&', 'sub']);
    expect(pairs).toHaveLength(5);
  });

  it('detects a merge of two syllables into one observed token', () => {
    const pairs = alignTokens('tại Cổ Lễ huyện', 'tai C6L& huyén');
    expect(pairs[1]).toEqual({ source: 'Cổ Lễ', observed: 'C6L&', kind: 'merge' });
  });

  it('marks dropped and invented tokens', () => {
    const pairs = alignTokens('Kế hoạch năm nay', 'Ké hoach ~ nay');
    expect(pairs.map((p) => p.kind)).toEqual(['sub', 'sub', 'sub', 'sub']);
    const lost = alignTokens('Kế hoạch năm nay', 'Ké hoach nay');
    expect(lost.find((p) => p.kind === 'del')?.source).toBe('năm');
  });
});

describe('alignChars', () => {
  it('maps each source character to the observed substring it became', () => {
    expect(alignChars('thực', 'thyc')).toEqual([
      { source: 't', observed: 't' },
      { source: 'h', observed: 'h' },
      { source: 'ự', observed: 'y' },
      { source: 'c', observed: 'c' },
    ]);
    expect(alignChars('Cổ', 'C6')[1]).toEqual({ source: 'ổ', observed: '6' });
    expect(alignChars('Định', 'Pinh')[0]).toEqual({ source: 'Đ', observed: 'P' });
  });

  it('attaches an inserted character to the neighbouring garbled character', () => {
    expect(alignChars('Kế', 'K¢é')).toEqual([
      { source: 'K', observed: 'K' },
      { source: 'ế', observed: '¢é' },
    ]);
  });

  it('records deletions as empty observed strings and covers the observed text exactly', () => {
    const pairs = alignChars('ưu', 'w');
    expect(pairs.map((p) => p.observed).join('')).toBe('w');
    expect(pairs.some((p) => p.observed === '')).toBe(true);
  });
});

describe('alignLines', () => {
  it('pairs lines in order, skipping speckle lines and lines OCR lost', () => {
    const pairs = alignLines(
      ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'Một dòng bị mất hoàn toàn ở đây', 'Thực hiện tốt'],
      ['|. MUC PiCH, YEU CAU', '.', '1. Muc dich', 'Thyc hién t6t'],
    );
    expect(pairs).toEqual([
      { source: 'I. MỤC ĐÍCH, YÊU CẦU', observed: '|. MUC PiCH, YEU CAU' },
      { source: '1. Mục đích', observed: '1. Muc dich' },
      { source: 'Thực hiện tốt', observed: 'Thyc hién t6t' },
    ]);
  });
});

