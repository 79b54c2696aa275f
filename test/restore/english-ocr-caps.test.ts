/**
 * English-model OCR of ALL-CAPS text (found with `npm run bench:garble`: such pages were taken
 * for stripped text and scored 87–95 %): capital Đ read as P and Ợ as Q are signs of garble,
 * syllable-shaped abbreviations ("TU") are words in an ALL-CAPS line, symbol codes are read
 * with the English model's spellings of Đ, and learned token pairs offer no corpus typos.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDefaultRestorer, repairListLetters, repairSymbol, tokenize, type Restorer } from '../../src/restore/index.js';
import { numberMayBeWord, wordsAmongCapitals } from '../../src/restore/tokenize.js';
import { englishOcrSignature } from '../../src/restore/text.js';

let restorer: Restorer;
beforeAll(async () => { restorer = await getDefaultRestorer(); });

describe('signs of English-model OCR', () => {
  it('counts P before a vowel and Q without u, not PH or QU', () => {
    for (const token of ['PONG', 'Pinh', 'PAU', 'PUQC', 'NQ', 't6t', 'K¢é']) expect(englishOcrSignature(token), token).toBe(true);
    for (const token of ['PHONG', 'Phát', 'QUY', 'quyết', 'Quyết', 'Quoc', 'thuc', 'TRONG', 'DONG']) expect(englishOcrSignature(token), token).toBe(false);
  });

  it('reads symbol codes with Đ spelled P, DP or B by the English model', () => {
    expect(repairSymbol('85/2025/NP-CP')).toBe('85/2025/NĐ-CP');
    expect(repairSymbol('12/QP-UBND')).toBe('12/QĐ-UBND');
    expect(repairSymbol('273/2025/NDP-CP')).toBe('273/2025/NĐ-CP');
    expect(repairSymbol('05/NQ-HPND')).toBe('05/NQ-HĐND');
    // Codes that are no reading of a code with Đ stay.
    expect(repairSymbol('12/2024/TT-BQP')).toBe('12/2024/TT-BQP');
    expect(repairSymbol('01/KH-UBND')).toBe('01/KH-UBND');
  });

});

describe('abbreviations among capitals', () => {
  const spells = (lower: string) => ['tu', 'hu', 'du'].includes(lower);

  it('makes a syllable-shaped abbreviation a word only between words in capitals', () => {
    const pieces = tokenize('CO HIEU LUC KE TU NGAY 01\nKe hoach cua TU ve viec\nTU VP\nMuc 2. DAU TU VA TAI CHINH\nTT DU - HDND xa');
    wordsAmongCapitals(pieces, spells);
    const tu = pieces.filter((p) => p.input === 'TU');
    expect(tu.map((p) => p.kind)).toEqual(['word', 'fixed', 'fixed', 'word']); // beside lowercase or another abbreviation: kept
    expect(pieces.find((p) => p.input === 'DU')!.kind).toBe('fixed');
    expect(pieces.find((p) => p.input === 'VP')!.kind).toBe('fixed'); // no syllable: stays
  });

  it('counts a neighbour of mostly capitals that OCR wrote with a lowercase letter as capitals', () => {
    const pieces = tokenize('DIEN TiCH TU NHIEN\nTo trinh cua TU ve');
    wordsAmongCapitals(pieces, spells);
    expect(pieces.filter((p) => p.input === 'TU').map((p) => p.kind)).toEqual(['word', 'fixed']);
  });
});

describe('numbers that may be misread syllables, eth, list letters', () => {
  it('takes a bare short number, alone or before one clause mark, but not a line-opening outline number', () => {
    expect(numberMayBeWord('12', '12', false)).toBe(true);
    expect(numberMayBeWord('0', '0,', false)).toBe(true); // "NHÀ 0," = NHÀ Ở,
    expect(numberMayBeWord('1', '1.', true)).toBe(false); // "1. Mục đích"
    expect(numberMayBeWord('2021', '2021', false)).toBe(false);
    expect(numberMayBeWord('12', '12/2024', false)).toBe(false);
  });

  it('reads eth (Ð, ð), which the Vietnamese OCR model writes for Đ, as Đ', () => {
    expect(restorer.restore('Ð) THUỘC TRƯỜNG HỢP CHỒNG CHÉO\nðiều 5').text).toBe('Đ) THUỘC TRƯỜNG HỢP CHỒNG CHÉO\nđiều 5');
  });

  it('reads the list letter after D) as Đ) in capitals, also when the English model wrote P)', () => {
    expect(repairListLetters(['C) BA', 'D) BON', 'P) NAM', 'E) SAU'])).toEqual(['C) BA', 'D) BON', 'Đ) NAM', 'E) SAU']);
    expect(repairListLetters(['c) ba', 'd) bon', 'd) nam'])[2]).toBe('đ) nam');
    expect(repairListLetters(['o) muc o', 'p) muc p'])[1]).toBe('p) muc p'); // p) after o) is the letter p
  });
});

describe('restoring English-model OCR of capitals', () => {
  it('takes an ALL-CAPS page with P for Đ as garble and restores it', () => {
    const text = 'QUYET PINH VE VIEC THANH LAP BAN CHI PAO\nHUY PONG LUC LUONG THAM GIA PAU TRANH PHONG CHONG THIEN TAI\nCO HIEU LUC TU NGAY 01 THANG 01 NAM 2025 THEO NGHI PINH 12/2024/NP-CP';
    const result = restorer.restore(text);
    expect(result.stats.channelMode).toBe('garble');
    expect(result.text.split('\n')).toEqual([
      'QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO',
      'HUY ĐỘNG LỰC LƯỢNG THAM GIA ĐẤU TRANH PHÒNG CHỐNG THIÊN TAI',
      'CÓ HIỆU LỰC TỪ NGÀY 01 THÁNG 01 NĂM 2025 THEO NGHỊ ĐỊNH 12/2024/NĐ-CP',
    ]);
  });

  it('keeps stripped capitals stripped and TU an abbreviation in mixed case', () => {
    const stripped = restorer.restore('QUYET DINH VE VIEC THANH LAP BAN CHI DAO\nCO HIEU LUC TU NGAY 01 THANG 01 NAM 2025');
    expect(stripped.stats.channelMode).toBe('stripped');
    expect(stripped.text).toBe('QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO\nCÓ HIỆU LỰC TỪ NGÀY 01 THÁNG 01 NĂM 2025');
    expect(restorer.restore('Ke hoach cua TU ve viec trien khai Nghi quyet').text).toBe('Kế hoạch của TU về việc triển khai Nghị quyết');
  });

  it('keeps mixed-case abbreviations as written and reads ALL-CAPS place names only after a unit name', () => {
    const out = restorer.restore('UBND XA PAI THANG\nVén ban hop nhat 12/VBHN-VPQH. Muc 1. THONG TIN HAI QUAN\nTo trinh sé .../TTr-UBND ngay ... thang').text.split('\n');
    expect(out[0]).toBe('UBND XÃ ĐẠI THẮNG');
    expect(out[1]).toBe('Văn bản hợp nhất 12/VBHN-VPQH. Mục 1. THÔNG TIN HẢI QUAN'); // not the commune Thường Tân
    expect(out[2]).toBe('Tờ trình số .../TTr-UBND ngày ... tháng');
  });

  it('offers no corpus typo as a learned reading ("thưc" for thu)', () => {
    const words = restorer.channel.candidates('thu', 'garble').map((c) => c.word);
    expect(words).toContain('thu');
    expect(words).not.toContain('thưc');
    expect(restorer.channel.candidates('PONG', 'garble').map((c) => c.word)).not.toContain('đôngː');
  });
});
