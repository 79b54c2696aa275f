import { describe, expect, it } from 'vitest';
import { repairFamilyName, repairPersonName } from '../../src/extract/names.js';
import { repairAcronym, repairBodyName } from '../../src/extract/bodynames.js';
import { extractAwards } from '../../src/extract/awards.js';
import { extractSigner } from '../../src/extract/signer.js';
import { extractRecipients } from '../../src/extract/recipients.js';
import { fold } from '../../src/extract/text.js';

describe('family names of signers', () => {
  it('respells a family name with wrong marks as the likeliest one within a letter', () => {
    expect(repairFamilyName('Nguyên')).toBe('Nguyễn');
    expect(repairFamilyName('Là')).toBe('Lê');
    expect(repairFamilyName('Trân')).toBe('Trần');
    expect(repairFamilyName('Pham')).toBe('Phạm');
  });
  it('keeps rare but real family names and rejects words far from any', () => {
    expect(repairFamilyName('La')).toBe('La');
    expect(repairFamilyName('Lò')).toBe('Lò');
    expect(repairFamilyName('Quyết')).toBeNull();
    // A wrong vowel keeps the onset: "Hệ" is Hồ, not the commoner Lê a letter away.
    expect(repairFamilyName('Hệ')).toBe('Hồ');
    expect(repairPersonName('Nguyên Văn Bình')).toBe('Nguyễn Văn Bình');
  });
  it('the signer keeps the offsets of the name as written and is marked repaired', () => {
    const t = 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyên Văn Hùng\n';
    const s = extractSigner(t, { start: 0, end: t.length });
    expect(s.name?.value).toBe('Nguyễn Văn Hùng');
    expect(s.name?.repaired).toBe(true);
    expect(t.slice(s.name!.start, s.name!.end)).toBe('Nguyên Văn Hùng');
  });
});

describe('addressee names', () => {
  it('reads a misread Đ in an acronym when one reading is a known acronym', () => {
    expect(repairAcronym('HPND')).toBe('HĐND');
    expect(repairAcronym('TPKT')).toBe('TĐKT');
    expect(repairAcronym('HDPND')).toBe('HĐND');
    expect(repairAcronym('UBND')).toBeNull();
    expect(repairAcronym('PCT')).toBeNull();
  });
  it('respells locality words but not the words they are part of', () => {
    expect(repairBodyName('Ban TPKT Tĩnh')).toBe('Ban TĐKT Tỉnh');
    expect(repairBodyName('Các cơ quan Tình đóng trên địa bàn huyên')).toBe('Các cơ quan Tỉnh đóng trên địa bàn huyện');
    expect(repairBodyName('Các cơ quan, đơn vị có liên quan')).toBe('Các cơ quan, đơn vị có liên quan');
    expect(repairBodyName('Báo cáo tình hình địa phương')).toBe('Báo cáo tình hình địa phương');
  });
  it('applies to Nơi nhận entries', () => {
    const t = 'Nơi nhận:\n- Ban TPKT Tĩnh;\n- TT Đảng ủy-HPND xã;\n- Lưu: VT.\n';
    expect(extractRecipients(t, { start: 0, end: t.length }).map((r) => [r.value, r.repaired])).toEqual([
      ['Ban TĐKT Tỉnh', true],
      ['TT Đảng ủy-HĐND xã', true],
    ]);
  });
});

describe('awards named with a misrestored verb', () => {
  it('reads "Chủ tịch UBND huyện từng giấy khen" as the huyện Giấy khen', () => {
    const t = '- Xét đề nghị Chủ tịch UBND huyện từng giấy khen, công nhận chiến sỹ thi đua cơ sở.';
    expect(extractAwards(t, fold(t), { start: 0, end: t.length }).map((a) => a.value)).toEqual([
      'Giấy khen của Chủ tịch UBND huyện',
      'Chiến sĩ thi đua cơ sở',
    ]);
  });
});

describe('unaccented document numbers and department names', () => {
  it('writes the header number in the standard spelling of its parts', async () => {
    const { buildSkeleton } = await import('../../src/extract/layout.js');
    expect(buildSkeleton('UBND HUYEN THANH THUY\nSo: 03/KH-HDTDKT Thanh Thuy, ngay 14 thang 01 nam 2025\n').numberField?.number).toBe('03/KH-HĐTĐKT');
    expect(buildSkeleton('DANG UY XA NGHIA DONG\nSo 45-KH/DTN\n').numberField?.number).toBe('45-KH/ĐTN');
  });
  it('reads a capitalised "Số" in an addressee as Sở, but not before a number', () => {
    expect(repairBodyName('Giám đốc, các PGD Số')).toBe('Giám đốc, các PGĐ Sở');
    expect(repairBodyName('Số 5 phố Huế')).toBe('Số 5 phố Huế');
  });
});

describe('quotas that are limits, and counts that are results', () => {
  it('keeps "tối đa 02 cá nhân" (folded "tối đa" is not "đã") and drops "đã xét 46 sáng kiến"', async () => {
    const { extractQuotas } = await import('../../src/extract/quotas.js');
    const q = (t: string) => extractQuotas(t, fold(t), [], { start: 0, end: t.length }).map((x) => x.percent ?? x.items!.map((i) => `${i.count} ${i.unit}`).join(', '));
    expect(q('Mỗi đơn vị được đề nghị tối đa 02 cá nhân.')).toEqual(['2 cá nhân']);
    expect(q('Moi don vi duoc de nghi toi da 02 ca nhan.')).toEqual(['2 cá nhân']);
    expect(q('Hội đồng đã xét 46 sáng kiến; công nhận 31 sáng kiến, chiếm tỷ lệ 67,4%.')).toEqual([]);
    expect(q('Khen thưởng 20 học sinh giỏi.')).toEqual(['20 học sinh']);
  });
});
