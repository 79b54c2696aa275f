/**
 * A lowercase word glued to a capitalised one ("xãQuảng Lâm", OCR "xaQuang"): the tokenizer
 * splits it into two pieces, restored one by one, with nothing inserted between them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDefaultRestorer, tokenize, type Restorer } from '../../src/restore/index.js';
import { splitGlued } from '../../src/restore/tokenize.js';

const parts = (text: string) => splitGlued([{ text, start: 10 }]).map((p) => `${p.text}@${p.start}`);

describe('glued words', () => {
  it('splits before a capital consonant that follows two lowercase letters', () => {
    expect(parts('xaQuang')).toEqual(['xa@10', 'Quang@12']);
    expect(parts('xãNam')).toEqual(['xã@10', 'Nam@12']);
    expect(parts('vàĐông')).toEqual(['và@10', 'Đông@12']);
  });

  it('keeps units, one-letter prefixes and OCR capitals for marked vowels whole', () => {
    for (const word of ['kWh', 'iPhone', 'quOc', 'thAm', 'trAn', 'TTg', 'Quang']) expect(parts(word), word).toEqual([`${word}@10`]);
  });

  it('keeps a domain name whole and as written', () => {
    const pieces = tokenize('tai LuatVietnam.vn (nguon) va (chinhphu.vn).');
    expect(pieces.filter((p) => p.kind === 'fixed').map((p) => p.input)).toEqual(['LuatVietnam.vn', '(chinhphu.vn).']);
  });

  it('gives the tokenizer two word pieces with their own offsets', () => {
    const pieces = tokenize('là xaQuang Lam.');
    expect(pieces.map((p) => [p.input, p.start])).toEqual([['là', 0], ['xa', 3], ['Quang', 5], ['Lam', 11]]);
  });
});

describe('restoring glued words', () => {
  let restorer: Restorer;
  beforeAll(async () => { restorer = await getDefaultRestorer(); });

  it('restores both words and keeps them glued as written', () => {
    const out = restorer.restore('Sap xep toan bo dien tich tu nhien, quy mo dan so cua xa Thach Lam va xa Quang Lam thanh xa moi co ten goi la xaQuang Lam.', { restore: 'always' }).text;
    expect(out).toContain('xãQuảng');
  });
});
