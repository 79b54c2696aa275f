/**
 * Attached parts (a decision's plan, a Công văn's Phụ lục), implied periods with their evidence,
 * and quotas per person/unit with the unit as written: the rules on small texts.
 */
import { describe, expect, it } from 'vitest';
import { findAttachments } from '../../src/extract/attachments.js';
import { extractFields } from '../../src/extract/index.js';
import { titleYears } from '../../src/extract/period.js';
import { extractQuotas } from '../../src/extract/quotas.js';
import { fold } from '../../src/extract/text.js';

const DECISION = [
  'ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'XÃ AN BÌNH                            Độc lập - Tự do - Hạnh phúc',
  'Số: 07/QĐ-UBND                          An Bình, ngày 06 tháng 01 năm 2025',
  'QUYẾT ĐỊNH',
  'Về việc ban hành Kế hoạch chuyển đổi số năm 2025',
  'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH',
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'QUYẾT ĐỊNH:',
  'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025.',
  'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
  'Nơi nhận:',
  '- Như Điều 2;',
  '- Lưu: VT.',
  'CHỦ TỊCH',
  'Lê Văn Bình',
  'KẾ HOẠCH',
  'Chuyển đổi số năm 2025 (Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 06/01/2025 của Chủ tịch UBND xã An Bình)',
  'I. MỤC TIÊU',
  '1. 100% văn bản đi được ký số.',
  'II. THỜI GIAN THỰC HIỆN',
  'Kế hoạch được thực hiện từ tháng 3/2025 đến tháng 11/2025.',
  'III. TỔ CHỨC THỰC HIỆN',
  'Văn phòng báo cáo kết quả chậm nhất ngày 20/11/2025.',
].join('\n');

describe('a decision with the plan it issues', () => {
  const f = extractFields(DECISION);
  it('finds the plan after the signature, with a caption joined onto its title line', () => {
    const parts = findAttachments(DECISION);
    expect(parts.map((p) => p.type)).toEqual(['Kế hoạch']);
    expect(DECISION.slice(parts[0]!.title!.start, parts[0]!.title!.end)).toBe('Chuyển đổi số năm 2025');
    expect(DECISION.slice(parts[0]!.caption!.start, parts[0]!.caption!.end)).toMatch(/^\(Ban hành kèm theo Quyết định số 07\/QĐ-UBND .*\)$/);
  });
  it('keeps each outline numbered on its own and fills the decision from the plan', () => {
    expect(f.sections.map((n) => n.number)).toEqual(['1', '2']);
    const plan = f.attachments![0]!;
    expect(plan.sections.map((n) => n.number)).toEqual(['I', 'II', 'III']);
    expect([plan.period.from.value, plan.period.to.value, plan.period.evidence]).toEqual(['2025-03-01', '2025-11-30', 'months']);
    // The plan's months beat the decision title's year.
    expect([f.period.from.value, f.period.to.value, f.period.evidence]).toEqual(['2025-03-01', '2025-11-30', 'months']);
    expect(f.deadlines.map((d) => d.date)).toEqual(['2025-11-20']);
    expect(f.quotas.map((q) => q.percent)).toEqual([100]);
    expect(f.signer.name.value).toBe('Lê Văn Bình');
    // Offsets point into the whole text.
    const d = f.deadlines[0]!;
    expect(DECISION.slice(d.provenance!.start, d.provenance!.end)).toBe(d.text);
  });
  it('reads no part in a decision that only names the plan it issues', () => {
    expect(findAttachments(DECISION.split('\nKẾ HOẠCH\n')[0]!)).toEqual([]);
  });
});

describe('implied periods', () => {
  it('reads the year or span of a title, not a school year, a term or a season', () => {
    expect(titleYears(fold('Kế hoạch cải cách hành chính năm 2025'))).toMatchObject({ from: 2025, to: 2025 });
    expect(titleYears(fold('Phong trào thi đua giai đoạn 2021 - 2025'))).toMatchObject({ from: 2021, to: 2025 });
    expect(titleYears(fold('Hội thi giáo viên dạy giỏi năm học 2024 - 2025'))).toBeNull();
    expect(titleYears(fold('Chiến dịch thanh niên tình nguyện hè năm 2024'))).toBeNull();
    expect(titleYears(fold('Kiểm tra công vụ quý II năm 2025'))).toBeNull();
  });
  it('takes the title year for a plan with a low confidence, and not for a Công văn', () => {
    const plan = extractFields('KẾ HOẠCH\nCải cách hành chính năm 2025\nI. MỤC ĐÍCH\nNâng cao chất lượng phục vụ.');
    expect([plan.period.from.value, plan.period.to.value, plan.period.evidence]).toEqual(['2025-01-01', '2025-12-31', 'title']);
    expect(plan.period.from.confidence).toBeLessThan(0.7);
    const letter = extractFields('SỞ NỘI VỤ\nSố: 12/SNV-VP\nV/v hướng dẫn khen thưởng năm 2024\nKính gửi: Các sở.\n1. Các đơn vị gửi hồ sơ.');
    expect(letter.period.from.value).toBeNull();
  });
  it('reads "trong năm" in the opening paragraph', () => {
    const f = extractFields('KẾ HOẠCH\nThực hiện phong trào "Dân vận khéo"\nBan Thường vụ xây dựng kế hoạch thực hiện phong trào trong năm 2025 như sau:\nI. MỤC ĐÍCH\nNâng cao nhận thức.');
    expect([f.title.value, f.period.from.value, f.period.to.value, f.period.evidence]).toEqual(['Thực hiện phong trào "Dân vận khéo"', '2025-01-01', '2025-12-31', 'year']);
  });
});

describe('quotas per person or unit and reward counts', () => {
  const q = (t: string) => extractQuotas(t, fold(t), [], { start: 0, end: t.length }).flatMap((x) => x.items ?? []);
  it('reads the unit as written after a per-unit target or a reward verb', () => {
    expect(q('Mỗi chi đoàn tổ chức ít nhất 02 buổi sinh hoạt chủ điểm.')).toEqual([{ count: 2, unit: 'buổi sinh hoạt chủ điểm' }]);
    expect(q('Ban Chấp hành khen thưởng 05 chi đoàn xuất sắc và 10 đoàn viên tiêu biểu.')).toEqual([{ count: 5, unit: 'chi đoàn xuất sắc' }, { count: 10, unit: 'đoàn viên' }]);
    expect(q('Mỗi lớp xây dựng 01 tủ sách lớp học.')).toEqual([{ count: 1, unit: 'tủ sách lớp học' }]);
  });
  it('leaves slogans, ages, periods and stray numbers alone', () => {
    expect(q('Mỗi hộ đạt tiêu chí "5 không, 3 sạch".')).toEqual([]);
    expect(q('Mỗi đoàn viên đủ 18 tuổi tham gia hiến máu.')).toEqual([]);
    expect(q('Định kỳ 6 tháng sơ kết; mỗi năm 2025 được đánh giá.')).toEqual([]);
    expect(q('Phấn đấu trọng tâm 14 cải cách thủ tục hành chính.')).toEqual([]);
  });
});
