/**
 * Rules added after the blind documents of session 24 (kh-trung-tam-y-te, kh-lien-doan-lao-dong,
 * qd-kh-chuyen-doi-so-thi-xa, cv-phu-luc-ky-ten): awards named after any giver, counts with
 * thousands points and growth targets, counts under a "Chỉ tiêu" heading, trade-union headers,
 * and a signer's name whose family name restoration spoiled.
 */
import { describe, expect, it } from 'vitest';
import { extractAwards } from '../../src/extract/awards.js';
import { extractFields } from '../../src/extract/index.js';
import { extractQuotas } from '../../src/extract/quotas.js';
import { extractSigner } from '../../src/extract/signer.js';
import { canonicalNumber } from '../../src/extract/symbols.js';
import { fold } from '../../src/extract/text.js';

const awards = (t: string) => extractAwards(t, fold(t), { start: 0, end: t.length }).map((a) => a.value);
const quotas = (t: string) => extractQuotas(t, fold(t), [], { start: 0, end: t.length }).map((q) => q.items ?? q.percent);

describe('awards after any giver', () => {
  it('names the award after the giver as written', () => {
    expect(awards('1. Giám đốc Trung tâm tặng Giấy khen cho 05 tập thể.')).toEqual(['Giấy khen của Giám đốc Trung tâm']);
    expect(awards('Ban Thường vụ Liên đoàn Lao động huyện tặng Giấy khen cho 10 công đoàn cơ sở.')).toEqual(['Giấy khen của Ban Thường vụ Liên đoàn Lao động huyện']);
    // The known givers keep their normal form.
    expect(awards('Chủ tịch UBND huyện tặng Giấy khen cho 02 tập thể.')).toEqual(['Giấy khen của Chủ tịch UBND huyện']);
    expect(awards('Giám đốc Trung tâm chủ trì hội nghị.')).toEqual([]);
    // OCR's apostrophe between two words.
    expect(awards("Đề nghị Giám đốc Sở'Y tế tặng Giấy khen cho 02 tập thể.")).toEqual(['Giấy khen của Giám đốc Sở Y tế']);
  });
});

describe('counts', () => {
  it('reads thousands points, growth targets and counts under a target heading', () => {
    expect(quotas('Phát triển mới 500 đoàn viên, thành lập mới 05 công đoàn cơ sở.')).toEqual([[{ count: 500, unit: 'đoàn viên' }], [{ count: 5, unit: 'công đoàn' }]]);
    // Outside a target, a plain count is no quota; under "Chỉ tiêu cụ thể" it is.
    const text = 'Hướng dẫn 3.000 hộ kinh doanh sử dụng thanh toán điện tử.';
    expect(quotas(text)).toEqual([]);
    const plan = `I. MỤC TIÊU\n2. Chỉ tiêu cụ thể\n2.1. ${text}`;
    const fields = extractFields(`KẾ HOẠCH\nChuyển đổi số năm 2025\n${plan}`);
    expect(fields.quotas.map((q) => q.items)).toEqual([[{ count: 3000, unit: 'hộ' }]]);
    // A date or a section number with a point is no count.
    expect(quotas('Mỗi xã báo cáo trước ngày 15.12.2025.')).toEqual([]);
  });
});

describe('trade-union headers', () => {
  it('reads the provincial federation above the district one as the parent', () => {
    const f = extractFields([
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'LIÊN ĐOÀN LAO ĐỘNG HUYỆN LỤC NAM            Độc lập - Tự do - Hạnh phúc',
      'Số: 18/KH-LĐLĐ                         Lục Nam, ngày 25 tháng 3 năm 2025',
      'KẾ HOẠCH',
      'Tổ chức Tháng Công nhân năm 2025',
    ].join('\n'));
    expect(f.issuingBody.name.value).toBe('Liên đoàn Lao động huyện Lục Nam');
    expect(f.issuingBody.parent.value).toBe('Liên đoàn Lao động tỉnh Bắc Giang');
  });
});

describe('signer names with a spoiled family name', () => {
  it('takes the run after the position on a one-line block, repairing the family name', () => {
    const t = '- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hệ An Phong';
    expect(extractSigner(t, { start: 0, end: t.length }).name?.value).toBe('Hồ An Phong');
    // Not a capitalised phrase ending a running line.
    const prose = '- Lưu: VT.\nCác đơn vị báo cáo về Sở Nội Vụ';
    expect(extractSigner(prose, { start: 0, end: prose.length }).name).toBeNull();
  });
});

describe('symbols whose Đ letters OCR read as P and D', () => {
  it('restores a symbol with both misreadings, and keeps a standard or unknown one', () => {
    expect(canonicalNumber('18/KH-LPLD')).toBe('18/KH-LĐLĐ');
    expect(canonicalNumber('05/HD-HPTDKT')).toBe('05/HD-HĐTĐKT');
    expect(canonicalNumber('05/HD-HĐTĐKT')).toBe('05/HD-HĐTĐKT');
    expect(canonicalNumber('12/BC-UBND')).toBe('12/BC-UBND');
    expect(canonicalNumber('07/KH-PBXY')).toBe('07/KH-PBXY');
  });
});
