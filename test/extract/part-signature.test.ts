/**
 * A Phụ lục signed on its own: the signature block under its last line is the part's signer,
 * with provenance into the whole text; a part without one has no signer.
 */
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../src/extract/index.js';
import { trailingSignatureBlock } from '../../src/extract/signer.js';

const LETTER = [
  'ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HUYỆN AN LÃO                                Độc lập - Tự do - Hạnh phúc',
  'Số: 88/UBND-NV                        An Lão, ngày 05 tháng 3 năm 2025',
  'V/v chỉ tiêu khen thưởng của các đơn vị',
  'Kính gửi: UBND các xã, thị trấn.',
  'Căn cứ kết quả bình xét năm 2024, UBND huyện thông báo chỉ tiêu khen thưởng của các đơn vị theo Phụ lục kèm theo Công văn này./.',
  'Nơi nhận:                                   KT. CHỦ TỊCH',
  '- Như trên;                                 PHÓ CHỦ TỊCH',
  '- Lưu: VT, NV.',
  '                                            Lê Minh Tâm',
  '',
  'PHỤ LỤC',
  'CHỈ TIÊU KHEN THƯỞNG',
  '(Kèm theo Công văn số 88/UBND-NV ngày 05/3/2025 của UBND huyện An Lão)',
  'I. ĐỐI VỚI CÁC XÃ',
  '1. Mỗi xã đề nghị không quá 03 tập thể.',
  '',
  '                                            TM. ỦY BAN NHÂN DÂN',
  '                                            KT. CHỦ TỊCH',
  '                                            PHÓ CHỦ TỊCH',
  '                                            (Đã ký)',
  '                                            Lê Minh Tâm',
].join('\n');

describe('the signature block of an attached part', () => {
  it('finds a block that ends a text, not a text that ends in running lines', () => {
    const block = trailingSignatureBlock(LETTER);
    expect(block).not.toBeNull();
    expect(LETTER.slice(block!.start)).toMatch(/^TM\. ỦY BAN NHÂN DÂN/);
    expect(trailingSignatureBlock('I. CHỈ TIÊU\n1. Mỗi xã có ít nhất 01 mô hình.\nNguyễn Văn An')).toBeNull();
    expect(trailingSignatureBlock('I. CHỈ TIÊU\n1. Mỗi xã có ít nhất 01 mô hình.')).toBeNull();
  });

  it("gives the Phụ lục its own signer, with provenance, and the letter's signer stays its own", () => {
    const fields = extractFields(LETTER);
    expect(fields.signer.name.value).toBe('Lê Minh Tâm');
    const part = fields.attachments?.[0];
    expect(part?.documentType.value).toBe('Phụ lục');
    expect(part?.signer?.name.value).toBe('Lê Minh Tâm');
    expect(part?.signer?.title.value).toBe('Phó Chủ tịch');
    expect(part?.signer?.onBehalfOf.value).toBe('TM. Ủy ban nhân dân');
    const at = part!.signer!.name.provenance!;
    expect(LETTER.slice(at.start, at.end)).toBe('Lê Minh Tâm');
    expect(at.start).toBeGreaterThan(LETTER.indexOf('(Đã ký)'));
  });

  it('gives no signer to a part without a signature block', () => {
    const unsigned = LETTER.slice(0, LETTER.indexOf('\n\n                                            TM.'));
    expect(extractFields(unsigned).attachments?.[0]?.signer).toBeUndefined();
  });
});
