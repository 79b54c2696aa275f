import { describe, expect, it } from 'vitest';
import { repairAcronym } from '../../src/extract/bodynames.js';
import { runText } from './helpers.js';

describe('web-export layout: header, V/v, place/date and Kính gửi on one line', () => {
  const t = [
    'BỘ KẾ HOẠCH VÀ ĐẦU TƯ -------',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------',
    'Số: 3397/BKHĐT-QLKTTW V/v hướng dẫn áp dụng quy định tại Điều 162 Luật DN 2014 Hà Nội, ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty Khí Việt Nam',
    'Phúc đáp Công văn số 615/KVN-PC ngày 3 tháng 4 năm 2019 của Tổng công ty Khí Việt Nam về việc áp dụng quy định, Bộ Kế hoạch và Đầu tư có ý kiến như sau:',
    '1. Về thẩm quyền',
    'Nội dung trả lời.',
    'Nơi nhận:',
    '- Như trên;',
    '- Lưu: VT, QLKTTW.',
    'KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn Trung',
  ].join('\n');
  const f = runText(t).fields!;
  it('cuts the V/v title before the place and reads the ministry name with its capitals', () => {
    expect(f.documentType.value).toBe('Công văn');
    expect(f.title.value).toBe('V/v hướng dẫn áp dụng quy định tại Điều 162 Luật DN 2014');
    expect([f.place.value, f.issueDate.value, f.number.value]).toEqual(['Hà Nội', '2019-05-23', '3397/BKHĐT-QLKTTW']);
    expect(f.issuingBody.name.value).toBe('Bộ Kế hoạch và Đầu tư');
  });
  it('takes no law date from the place/date line and ends a subject at the citing body', () => {
    expect(f.references.map((r) => [r.type, r.number, r.date, r.subject])).toEqual([['Công văn', '615/KVN-PC', '2019-04-03', 'việc áp dụng quy định']]);
  });
  it('splits a one-line signature block', () => {
    expect([f.signer.onBehalfOf.value, f.signer.title.value, f.signer.name.value]).toEqual(['KT. Bộ trưởng', 'Thứ trưởng', 'Nguyễn Văn Trung']);
  });
});

describe('a scan that lost its header', () => {
  const t = 'Số: /KH-BCĐ\nLong Thành, ngày tháng năm 2024\nKẾ HOẠCH\nPhát động thi đua năm 2024\nThực hiện Kế hoạch số 08/KH-UBND ngày 15/01/2024 của UBND huyện Long Thành, Thường trực Ban chỉ đạo cải cách hành chính huyện Long.\nThành xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH\n';
  it('names the body from the symbol, the place line and the head phrase of the text', () => {
    const f = runText(t, false).fields!;
    expect(f.issuingBody.name.value).toBe('Ban Chỉ đạo cải cách hành chính huyện Long Thành');
    expect(f.issuingBody.parent.value).toBe('Ủy ban nhân dân huyện Long Thành');
  });
  it('ends the title where a joined căn cứ clause starts', () => {
    const joined = 'KẾ HOẠCH\nPhát động thi đua năm 2024 Thực hiện Kế hoạch số 08/KH-UBND ngày 15/01/2024 của UBND huyện.\nI. MỤC ĐÍCH\n';
    expect(runText(joined, false).fields!.title.value).toBe('Phát động thi đua năm 2024');
  });
});

describe('acronyms with a stray mark', () => {
  it('reads ƯBND as UBND', () => {
    expect(repairAcronym('ƯBND')).toBe('UBND');
    expect(repairAcronym('ĐU')).toBeNull();
  });
});

describe('dates with dashes or dots after "ngày"', () => {
  it('are read as dates and as deadlines, but not bare dotted clause numbers', async () => {
    const { findDates } = await import('../../src/extract/dates.js');
    const { extractDeadlines } = await import('../../src/extract/deadlines.js');
    const { fold } = await import('../../src/extract/text.js');
    const iso = (s: string) => findDates(fold(s)).map((d) => d.iso);
    expect(iso('Chương trình số 53-CTr/TU ngày 21-02-2018')).toEqual(['2018-02-21']);
    expect(iso('ngày 5.3.2024')).toEqual(['2024-03-05']);
    expect(iso('mục 1.5.2024 và giai đoạn 2021-2025')).toEqual([]);
    const t = 'Báo cáo gửi trước ngày 15-12-2024. Hồ sơ nộp chậm nhất ngày 5.6.2025.';
    expect(extractDeadlines(t, fold(t), [], { start: 0, end: t.length }).map((d) => `${d.date} ${d.kind}`)).toEqual(['2024-12-15 before', '2025-06-05 no_later_than']);
  });
});

describe('a web-export Quyết định line with type, title and the authority run together', () => {
  it('keeps the title and leaves the repeated authority out', () => {
    const t = 'ỦY BAN NHÂN DÂN TỈNH KON TUM -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW “VỀ QUAN HỆ LAO ĐỘNG” ỦY BAN NHÂN DÂN TỈNH KON TUM\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n';
    const f = runText(t).fields!;
    expect([f.documentType.value, f.number.value, f.issueDate.value]).toEqual(['Quyết định', '435/QĐ-UBND', '2020-05-04']);
    expect(f.title.value).toBe('V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW “VỀ QUAN HỆ LAO ĐỘNG”');
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân tỉnh Kon Tum');
  });
});

describe('deadlines with an hour before the date', () => {
  it('read "trước 17 giờ ngày", "chậm nhất 16h30, ngày" and "hạn cuối nộp ngày"', async () => {
    const { extractDeadlines } = await import('../../src/extract/deadlines.js');
    const { fold } = await import('../../src/extract/text.js');
    const t = 'Hồ sơ gửi trước 17 giờ ngày 15/11/2024. Báo cáo chậm nhất 16h30, ngày 20/11/2024. Hạn cuối nộp ngày 1/12/2024.';
    const d = extractDeadlines(t, fold(t), [], { start: 0, end: t.length });
    expect(d.map((x) => `${x.date} ${x.kind}`)).toEqual(['2024-11-15 before', '2024-11-20 no_later_than', '2024-12-01 no_later_than']);
    expect(d[0]!.action).toBe('Hồ sơ gửi');
  });
});

describe('party document citations', () => {
  it('reads Kết luận and Quy định with party numbering, and skips the everyday word "quy định"', async () => {
    const { extractReferences } = await import('../../src/extract/references.js');
    const { fold } = await import('../../src/extract/text.js');
    const t = 'Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị; Quy định số 08-QĐi/TW ngày 25/10/2018; theo quy định tại Luật số 47/2019/QH14 ngày 22/11/2019.';
    const r = extractReferences(t, fold(t), { outline: [], ownNumber: null, localities: [] });
    expect(r.map((x) => [x.type, x.number, x.date])).toEqual([
      ['Kết luận', '01-KL/TW', '2021-05-18'],
      ['Quy định', '08-QĐi/TW', '2018-10-25'],
      ['Luật', '47/2019/QH14', '2019-11-22'],
    ]);
    expect(r[0]!.issuer).toBe('Bộ Chính trị');
  });
});
