import { describe, expect, it } from 'vitest';
import { accentStats, looksGarbled } from '../../src/lang/evidence.js';
import { isValidSyllable as isSyllable } from '../../src/lang/syllable.js';

const isValidSyllable = (s: string) => isSyllable(s, 'shape');

describe('Vietnamese syllable validity', () => {
  it('accepts well-formed syllables in any case', () => {
    for (const s of ['thực', 'hiện', 'nhiệm', 'vụ', 'KẾ', 'HOẠCH', 'Nguyễn', 'quyết', 'giữa', 'đường', 'khuyến', 'Ủy']) {
      expect(isValidSyllable(s), s).toBe(true);
    }
  });

  it('rejects wrong-language OCR tokens', () => {
    for (const s of ['hién', 'nhiém', 'thyc', 'cdi', 'ndm', 'phiic', 'tuéng']) expect(isValidSyllable(s), s).toBe(false);
  });
});

describe('looksGarbled', () => {
  const clean =
    'Huy động tinh thần trách nhiệm, đoàn kết, sáng tạo, chủ động của cán bộ, công chức, viên chức và người lao động trên địa bàn huyện trong thực hiện công tác cải cách hành chính.';
  const garbled =
    'Phat dong phong trao thi dua thue hién nhiém vu cdi cach hanh chinh va kiém soat thii tuc hanh chinh trén dia ban huyén Chau Thanh tir nay dén nim 2025';

  it('separates clean Vietnamese from English-model OCR garble', () => {
    expect(looksGarbled(clean).garbled).toBe(false);
    expect(looksGarbled(garbled).garbled).toBe(true);
    expect(accentStats(clean).ratio).toBeGreaterThan(0.4);
    expect(accentStats(garbled).invalidAccented).toBeGreaterThan(3);
  });

  it('does not judge a page with too little text', () => {
    expect(looksGarbled('Trang 2 - 3').garbled).toBe(false);
  });
});
