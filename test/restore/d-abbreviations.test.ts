/**
 * Capital abbreviations with Đ (src/restore/abbreviations.ts): stripped text and English-model
 * OCR write their Đ as D; it comes back only where the corpus counts say the letters are
 * (nearly) always written with Đ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DAbbreviations, D_MIN_COUNT, D_SHARE } from '../../src/restore/abbreviations.js';
import { getDefaultRestorer, tokenize, type Restorer } from '../../src/restore/index.js';

const lexicon = DAbbreviations.of([
  { letters: 'BLDTBXH', spelling: 'BLĐTBXH', withD: 105, plain: 3 },
  { letters: 'TTDT', spelling: 'TTĐT', withD: 11, plain: 0 },
  { letters: 'DA', spelling: 'ĐA', withD: 12, plain: 4 },
  // Written with D as often as with Đ (hướng dẫn / hợp đồng): left alone.
  { letters: 'HD', spelling: 'HĐ', withD: 23, plain: 242 },
  // Too rare to trust.
  { letters: 'KTD', spelling: 'KTĐ', withD: D_MIN_COUNT - 1, plain: 0 },
]);

describe('abbreviations with Đ', () => {
  it('keeps only letters written with Đ often enough and in a large enough share', () => {
    expect(D_SHARE).toBeGreaterThan(0.5);
    expect(lexicon.size).toBe(3);
    expect(lexicon.spell('HD')).toBe('HD');
    expect(lexicon.spell('KTD')).toBe('KTD');
  });

  it('repairs the capital runs of document symbols and leaves the others', () => {
    expect(lexicon.repair('21/2021/TT-BLDTBXH')).toBe('21/2021/TT-BLĐTBXH');
    expect(lexicon.repair('364/DA-CP')).toBe('364/ĐA-CP');
    expect(lexicon.repair('12/HD-UBND')).toBe('12/HD-UBND');
    // A run inside a longer run of letters is no abbreviation of its own.
    expect(lexicon.repair('TTDTX')).toBe('TTDTX');
    expect(lexicon.repair('TTDT,')).toBe('TTĐT,');
  });

  it('turns a word piece in capitals into the abbreviation only when it spells no syllable', () => {
    const pieces = tokenize('Cong TTDT va 21/2021/TT-BLDTBXH cua DA');
    lexicon.applyTo(pieces, (lower) => lower === 'da');
    expect(pieces.find((p) => p.input === 'TTDT')!.fixed).toBe('TTĐT');
    expect(pieces.find((p) => p.input.startsWith('21/'))!.fixed).toBe('21/2021/TT-BLĐTBXH');
    const da = pieces.find((p) => p.input === 'DA')!;
    expect(da.kind).toBe('word'); // "DA" spells a syllable: the decoder's
  });
});

describe('the committed lexicon in the restorer', () => {
  let restorer: Restorer;
  beforeAll(async () => { restorer = await getDefaultRestorer(); });

  it('restores Đ in symbols and abbreviations of stripped text', () => {
    const out = restorer.restore('Can cu Thong tu so 21/2021/TT-BLDTBXH cua Bo Lao dong - Thuong binh va Xa hoi va De an so 364/DA-CP cua Chinh phu, dang tren Cong TTDT.', { restore: 'always' }).text;
    expect(out).toContain('21/2021/TT-BLĐTBXH');
    expect(out).toContain('364/ĐA-CP');
    expect(out).toContain('TTĐT');
  });

  it('leaves text that kept its marks as written', () => {
    const text = 'Căn cứ Thông tư số 12/2024/TT-BTC và công văn số 15/HD-UBND của Ủy ban nhân dân tỉnh.';
    expect(restorer.restore(text).text).toBe(text);
  });
});
