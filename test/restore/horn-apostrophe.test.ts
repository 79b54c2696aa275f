/**
 * English-model OCR reads the horn of a final Ư/Ơ as an apostrophe and drops the space after
 * it ("THONG TU'SO" = THÔNG TƯ SỐ): src/restore/assemble.ts writes the space back, and an
 * abbreviation glued by such an apostrophe ("TU'NHIEN") is read as a syllable (tokenize.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDefaultRestorer, tokenize, type Restorer } from '../../src/restore/index.js';

let restorer: Restorer;
beforeAll(async () => { restorer = await getDefaultRestorer(); });

// English-model OCR of an ALL-CAPS page: Đ read as P marks it as garble.
const garbled = [
  '3. SUA POL, BO SUNG PIEU VE TO CHUC THUC HIEN NHU\'SAU:',
  'A) LAM PAU MOI CHI PAO, TO CHUC TRIEN KHAI THUC HIEN THONG TU\'NAY',
  '19. SAP XEP TOAN BO DIEN TICH TU\'NHIEN, QUY MO DAN SO CUA CAC XA',
].join('\n');

describe('an apostrophe for the horn of a final Ư/Ơ', () => {
  it('tokenizes an abbreviation glued by an apostrophe as a word', () => {
    expect(tokenize("DIEN TICH TU'NHIEN").find((p) => p.input === 'TU')!.kind).toBe('word');
    expect(tokenize('Ban TU chi dao').find((p) => p.input === 'TU')!.kind).toBe('fixed');
  });

  it('becomes the lost space after a syllable restored with ư or ơ in garbled text', () => {
    const result = restorer.restore(garbled);
    expect(result.stats.channelMode).toBe('garble');
    const lines = result.text.split('\n');
    expect(lines[0]).toContain('NHƯ SAU:');
    expect(lines[1]).toContain('THÔNG TƯ NÀY');
    expect(lines[2]).toContain('TỰ NHIÊN,');
    // Same length: the offset map stays one to one.
    expect(result.text.length).toBe(garbled.length);
  });

  it('is the space in capitals without a garble sign too (taken for stripped text)', () => {
    const result = restorer.restore("3. THONG TU'SO 62/2024/TT-BTC NGAY 22/7/2024 CUA BO TAI CHINH HET HIEU LUC KE TU'NGAY", { restore: 'always' });
    expect(result.stats.channelMode).toBe('stripped');
    expect(result.text).toContain('THÔNG TƯ SỐ');
  });

  it('stays after a consonant (names such as H\'Mông) and in text that kept its marks', () => {
    const names = restorer.restore("Dan toc H'Mong o huyen Cu M'gar, tinh Dak Lak", { restore: 'always' }).text;
    expect(names).toContain("H'M");
    expect(names).toContain("M'gar");
    const clean = 'Người dân tộc Kơ’Ho ở Lâm Đồng, ông Lư’Văn';
    expect(restorer.restore(clean).text).toBe(clean);
  });
});
