import { describe, expect, it } from 'vitest';
import { extractFields } from '../../src/extract/index.js';
import { DocumentFieldsSchema } from '../../src/schema/document.js';

const doc = (commune: string, date: string) => `ỦY BAN NHÂN DÂN
XÃ ${commune.toUpperCase()}
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
${commune}, ${date}
KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Ủy ban nhân dân xã ${commune} tổ chức thực hiện kế hoạch trên địa bàn xã.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Hùng
`;

describe('current (from 1 July 2025) unit of a locality named by its old name', () => {
  it('gives the issuer locality and the place the commune they went into', () => {
    const text = doc('Đại Thắng', 'ngày 10 tháng 3 năm 2024') + 'Nơi nhận:\n- UBND huyện Vụ Bản;\n- UBND tỉnh Nam Định;\n';
    const f = extractFields(text);
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân xã Đại Thắng');
    const want = [{ name: 'xã Liên Minh', province: 'Ninh Bình', merge: 'full', code: expect.stringMatching(/^\d{5}$/) }];
    expect(f.issuingBody.currentLocality).toEqual(want);
    expect(f.place.value).toBe('Đại Thắng');
    expect(f.place.current).toEqual(want);
    expect(DocumentFieldsSchema.safeParse(f).success).toBe(true);
  });

  it('adds nothing for a document from 2025 on that names a new commune', () => {
    const f = extractFields(doc('Liên Minh', 'ngày 10 tháng 9 năm 2025') + 'Nơi nhận:\n- UBND tỉnh Ninh Bình;\n');
    expect(f.issuingBody.name.value).toBe('Ủy ban nhân dân xã Liên Minh');
    expect(f.issuingBody.currentLocality).toBeUndefined();
    expect(f.place.current).toBeUndefined();
  });
});
