import { describe, expect, it } from 'vitest';
import { DocumentFieldsSchema } from '../../src/schema/document.js';
import { findDates } from '../../src/extract/dates.js';
import { extractReferences } from '../../src/extract/references.js';
import { extractQuotas } from '../../src/extract/quotas.js';
import { extractDeadlines } from '../../src/extract/deadlines.js';
import { extractRecipients } from '../../src/extract/recipients.js';
import { extractSigner } from '../../src/extract/signer.js';
import { buildSkeleton } from '../../src/extract/layout.js';
import { canonicalNumber } from '../../src/extract/symbols.js';
import { fold } from '../../src/extract/text.js';
import { runText } from './helpers.js';
import { readTestFixture } from '../support/fixtures.js';

describe('a plan of another office, place and year (synthetic)', () => {
  const doc = runText(readTestFixture('synthetic', 'kh-phong-noi-vu.txt'));
  const f = doc.fields!;
  it('validates and splits the two-column header', () => {
    expect(() => DocumentFieldsSchema.parse(f)).not.toThrow();
    expect(f.number.value).toBe('112/KH-PNV');
    expect(f.place.value).toBe('Giao Thủy');
    expect(f.issueDate.value).toBe('2025-03-05');
    expect(f.issuingBody.name.value).toBe('Phòng Nội vụ huyện Giao Thủy');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân huyện Giao Thủy');
    expect(f.title.value).toBe('Tổ chức phong trào thi đua chuyển đổi số trong các cơ quan hành chính huyện năm 2025');
  });
  it('reads the period, references with completed issuers, quotas and deadlines', () => {
    expect([f.period.from.value, f.period.to.value]).toEqual(['2025-04-01', '2025-11-30']);
    expect(f.references.map((r) => [r.type, r.number, r.date])).toEqual([
      ['Nghị quyết', '12/NQ-HĐND', '2024-12-07'],
      ['Quyết định', '1450/QĐ-UBND', '2024-12-20'],
      ['Luật', null, '2023-06-22'],
    ]);
    expect(f.references[1]!.issuer).toBe('UBND tỉnh Nam Định');
    expect(f.quotas.map((q) => q.percent ?? q.items!.map((i) => `${i.count} ${i.unit}`).join(', '))).toEqual([95, 80, '3 tập thể, 5 cá nhân']);
    expect(f.quotas[2]!.qualifier).toBe('không quá');
    expect(f.deadlines.filter((d) => d.kind !== 'until').map((d) => [d.date, d.kind, d.section])).toEqual([
      ['2025-11-15', 'no_later_than', 'IV.2.1'],
      ['2025-12-01', 'before', 'IV.2.2'],
    ]);
  });
  it('reads awards, the KT. signature block and recipients', () => {
    expect(f.awards.map((a) => a.value)).toEqual(['Bằng khen của Chủ tịch UBND tỉnh', 'Giấy khen của Chủ tịch UBND huyện']);
    expect(f.signer.onBehalfOf.value).toBe('KT. Trưởng phòng');
    expect(f.signer.title.value).toBe('Phó Trưởng phòng');
    expect(f.signer.name.value).toBe('Trần Thị Mai');
    expect(f.recipients.map((r) => r.value)).toEqual(['UBND huyện (b/c)', 'UBND các xã, thị trấn']);
  });
});

describe('dates', () => {
  const iso = (s: string) => findDates(fold(s)).map((d) => `${d.iso}/${d.precision}`);
  it('reads every Vietnamese form', () => {
    expect(iso('ngày 7 tháng 3 năm 2026')).toEqual(['2026-03-07/day']);
    expect(iso('hạn 3/9/2021 và 15/01/2024')).toEqual(['2021-09-03/day', '2024-01-15/day']);
    expect(iso('đến hết tháng 11 năm 2027')).toEqual(['2027-11-01/month']);
    expect(iso('trong năm 2025')).toEqual(['2025-01-01/year']);
    expect(iso('Hà Nội, ngày    tháng    năm 2024')).toEqual(['null/day']);
    expect(iso('ngay 10 thang 02 ndm 2023')).toEqual(['2023-02-10/day']);
  });
  it('rejects impossible dates and document numbers', () => {
    expect(iso('31/02/2024')).toEqual([]);
    expect(iso('Nghị định 91/2017/NĐ-CP')).toEqual([]);
  });
});

describe('references', () => {
  const refs = (t: string) => extractReferences(t, fold(t), { outline: [], ownNumber: null, localities: [{ type: 'tỉnh', name: 'Bắc Ninh' }] });
  it('reads number, date, issuer and subject and merges repeated citations', () => {
    const t = 'Căn cứ Thông tư số 15/2023/TT-BNV ngày 12 tháng 9 năm 2023 của Bộ Nội vụ hướng dẫn thi đua; Chỉ thị số 07-CT/TU ngày 1/2/2022 của UBND tỉnh về cải cách. Thực hiện Chỉ thị số 07-CT/TU.';
    const r = refs(t);
    expect(r.map((x) => [x.type, x.number, x.date])).toEqual([
      ['Thông tư', '15/2023/TT-BNV', '2023-09-12'],
      ['Chỉ thị', '07-CT/TU', '2022-02-01'],
    ]);
    expect(r[0]!.issuer).toBe('Bộ Nội vụ');
    expect(r[0]!.subject).toBe('hướng dẫn thi đua');
    expect(r[1]!.issuer).toBe('UBND tỉnh Bắc Ninh');
  });
  it('skips documents with neither number nor date and repairs OCR symbols', () => {
    expect(refs('theo Luật Thi đua, khen thưởng và Kế hoạch này.')).toEqual([]);
    expect(canonicalNumber('91/2017/ND-CP')).toBe('91/2017/NĐ-CP');
    expect(canonicalNumber('05/2019/QB-UBND')).toBe('05/2019/QĐ-UBND');
  });
});

describe('quotas and deadlines', () => {
  it('reads counts with units and percentages with qualifiers', () => {
    const t = 'Mỗi đơn vị đề xuất 02 tập thể và 04 cá nhân. Phấn đấu đạt tỷ lệ tối thiểu 85,5% hồ sơ trực tuyến; có 3 xã đạt chuẩn.';
    const q = extractQuotas(t, fold(t), [], { start: 0, end: t.length });
    expect(q[0]!.items).toEqual([{ count: 2, unit: 'tập thể' }, { count: 4, unit: 'cá nhân' }]);
    expect(q[1]!.percent).toBe(85.5);
    expect(q[1]!.qualifier).toBe('tối thiểu');
  });
  it('tells the deadline kinds apart and ignores dates that are not deadlines', () => {
    const t = 'Báo cáo gửi chậm nhất là ngày 5/6/2026. Hồ sơ nộp trước ngày 20/6/2026. Thực hiện đến hết ngày 31/12/2026. Kế hoạch ngày 01/01/2026.';
    const d = extractDeadlines(t, fold(t), [], { start: 0, end: t.length });
    expect(d.map((x) => [x.date, x.kind])).toEqual([
      ['2026-06-05', 'no_later_than'],
      ['2026-06-20', 'before'],
      ['2026-12-31', 'until'],
    ]);
  });
});

describe('header, recipients and signature', () => {
  it('splits an interleaved two-column header', () => {
    const t = 'UBND TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\nSố: 45/QĐ-SNV Phủ Lý, ngày 02 tháng 8 năm 2024\nQUYẾT ĐỊNH\nVề việc khen thưởng\n';
    const sk = buildSkeleton(t);
    expect(sk.issuerLines.map((l) => l.text)).toEqual(['UBND TỈNH HÀ NAM', 'SỞ NỘI VỤ']);
    expect(sk.numberField?.number).toBe('45/QĐ-SNV');
    expect(sk.place?.text).toBe('Phủ Lý');
    expect(sk.date?.iso).toBe('2024-08-02');
    expect(sk.documentType?.value).toBe('Quyết định');
    expect(sk.title?.text).toBe('Về việc khen thưởng');
  });
  it('reads recipients from a run-in signature layout and stops at Lưu', () => {
    const t = 'Nơi nhận:     TM. HỘI ĐỒNG NHÂN DÂN\n- Sở Tài chính;   CHỦ TỊCH\n- Các phòng, ban;\n- Lưu: VT.\n\n   Phạm Thị Hoa\n';
    expect(extractRecipients(t, { start: 0, end: t.length }).map((r) => r.value)).toEqual(['Sở Tài chính', 'Các phòng, ban']);
    const s = extractSigner(t, { start: 0, end: t.length });
    expect([s.onBehalfOf?.value, s.title?.value, s.name?.value]).toEqual(['TM. Hội đồng nhân dân', 'Chủ tịch', 'Phạm Thị Hoa']);
  });
});

describe('documents without a type line', () => {
  it('reads a Công văn from its V/v line and a header body the text never repeats', () => {
    const t = 'UBND TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\nSố: 301/SNV-TĐKT Phủ Lý, ngày 9 tháng 10 năm 2024\nV/v hướng dẫn khen thưởng năm 2024\n\nKính gửi: Các sở, ban, ngành.\n';
    const f = runText(t).fields!;
    expect(f.documentType.value).toBe('Công văn');
    expect(f.title.value).toBe('V/v hướng dẫn khen thưởng năm 2024');
    // Named with the locality of the body above it, as the annotations name bodies ("… huyện Long Thành").
    expect(f.issuingBody.name.value).toBe('Sở Nội vụ tỉnh Hà Nam');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân tỉnh Hà Nam');
  });
  it('snaps an OCR-damaged commune name (Đ read as P) to the gazetteer', () => {
    const t = 'UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM\nXA PAI THANG Doc lap - Tu do - Hanh phuc\nSố: 05/KH-UBND\nKẾ HOẠCH\nPhát động thi đua huyện Vụ Bản\n';
    const f = runText(t).fields!;
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân xã Đại Thắng');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân huyện Vụ Bản');
  });
});

describe('layouts and wordings beyond the seeds', () => {
  it('reads a header extracted column by column with blank lines, and numeric dates on the place line', () => {
    const t = 'ỦY BAN NHÂN DÂN\n\nHUYỆN HẢI HẬU\n\nSố: 77/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHải Hậu, ngày 14/3/2024\n\nKẾ HOẠCH\nThi đua năm 2024\n\nI. THỜI GIAN\nThời gian: từ tháng 4/2024 đến tháng 10/2024.\nII. KHEN THƯỞNG\nTặng Giấy khen của UBND huyện; báo cáo trước ngày 5 tháng 11 năm 2024.\n';
    const f = runText(t).fields!;
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân huyện Hải Hậu');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân tỉnh Nam Định');
    expect([f.place.value, f.issueDate.value, f.number.value]).toEqual(['Hải Hậu', '2024-03-14', '77/KH-UBND']);
    expect([f.period.from.value, f.period.to.value]).toEqual(['2024-04-01', '2024-10-31']);
    expect(f.awards.map((a) => a.value)).toEqual(['Giấy khen của Chủ tịch UBND huyện']);
    expect(f.deadlines.map((d) => [d.date, d.kind, d.section])).toEqual([['2024-11-05', 'before', 'II']]);
  });
});

describe('a Quyết định (articles, KT. signature, thị xã)', () => {
  const doc = runText(readTestFixture('synthetic', 'qd-khen-thuong.txt'));
  const f = doc.fields!;
  it('reads header, title and the article outline', () => {
    expect(() => DocumentFieldsSchema.parse(f)).not.toThrow();
    expect([f.documentType.value, f.number.value, f.place.value, f.issueDate.value]).toEqual(['Quyết định', '1205/QĐ-UBND', 'Phú Thọ', '2023-12-28']);
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân thị xã Phú Thọ');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân tỉnh Phú Thọ');
    expect(f.title.value).toBe('Về việc khen thưởng thành tích trong phong trào thi đua cải cách hành chính năm 2023');
    expect(f.sections.map((s) => `${s.number}=${s.title}`)).toEqual([
      '1=Tặng Giấy khen của Chủ tịch UBND thị xã cho 04 tập thể và 06 cá nhân có thành tích xuất sắc (có danh sách kèm theo)',
      '2=Kinh phí khen thưởng thực hiện theo quy định hiện hành',
      '3=Chánh Văn phòng HĐND và UBND thị xã, Trưởng phòng Nội vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này',
    ]);
  });
  it('reads references, award, quota and the deputy signer', () => {
    expect(f.references.map((r) => [r.type, r.number, r.date])).toEqual([['Luật', null, '2022-06-15'], ['Nghị định', '98/2023/NĐ-CP', '2023-12-31']]);
    expect(f.awards.map((a) => a.value)).toEqual(['Giấy khen của Chủ tịch UBND thị xã']);
    expect(f.quotas[0]!.items).toEqual([{ count: 4, unit: 'tập thể' }, { count: 6, unit: 'cá nhân' }]);
    expect([f.signer.onBehalfOf.value, f.signer.title.value, f.signer.name.value]).toEqual(['KT. Chủ tịch', 'Phó Chủ tịch', 'Hoàng Văn Nam']);
    expect(f.recipients.map((r) => r.value)).toEqual(['Như Điều 3']);
  });
});

describe('three-line header', () => {
  it('reads "ỦY BAN NHÂN DÂN / TỈNH NAM ĐỊNH / SỞ NỘI VỤ" as parent and issuing body', () => {
    const t = 'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NAM ĐỊNH Độc lập - Tự do - Hạnh phúc\nSỞ NỘI VỤ\nSố: 12/KH-SNV Nam Định, ngày 3 tháng 1 năm 2025\nKẾ HOẠCH\nThi đua năm 2025\n';
    const f = runText(t).fields!;
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân tỉnh Nam Định');
    expect(f.issuingBody.name.value).toBe('Sở Nội vụ tỉnh Nam Định');
  });
});

describe('quota units clipped by OCR', () => {
  it('reads "02 tập thể, 03 a nhân" as two counts and keeps "03 xe" out', () => {
    const t = 'UBND xã xét khen thưởng cho không quá: 02 tập thể, 03 a nhân tiêu biểu. Mua 02 tập thể, 03 xe.';
    const q = extractQuotas(t, fold(t), [], { start: 0, end: t.length });
    expect(q[0]!.items).toEqual([{ count: 2, unit: 'tập thể' }, { count: 3, unit: 'cá nhân' }]);
    expect(q).toHaveLength(1);
  });
});
