import { describe, expect, it } from 'vitest';
import { buildOutline, flattenOutline } from '../../src/segment/outline.js';
import { numberRomanHeadings, type RomanCandidate } from '../../src/segment/roman.js';
import { standardHeading } from '../../src/extract/headings.js';
import { runText } from '../extract/helpers.js';
import { CLEAN_SEED, expectedFields, readTestFixture } from '../support/fixtures.js';

const cand = (index: number, marker: string, extra: Partial<RomanCandidate> = {}): RomanCandidate => ({
  index, marker, clean: /^[IVX]+$/.test(marker), upper: true, digits: /^1+$/.test(marker), other: false, ...extra,
});

describe('numbering Roman headings as a sequence', () => {
  it('reads a clean numeral that breaks the sequence as the one the sequence needs', () => {
    // "II." where III. belongs, "TV." for IV.: the numbering still runs I … VI.
    const got = numberRomanHeadings(['..1', 'II', 'II', 'TV', 'V', 'VI'].map((m, i) => cand(i, m)));
    expect([...got.values()]).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('keeps a lost heading as a gap rather than renumbering the rest', () => {
    const got = numberRomanHeadings(['I', 'II', 'IV', 'V'].map((m, i) => cand(i, m)));
    expect([...got.entries()]).toEqual([[0, 1], [1, 2], [2, 4], [3, 5]]);
  });
  it('does not take an upper-case lettered part heading for a numeral when the sequence does not need one', () => {
    const got = numberRomanHeadings([cand(0, 'A', { other: true }), cand(1, 'I'), cand(2, 'II')]);
    expect([...got.entries()]).toEqual([[1, 1], [2, 2]]);
  });
});

describe('outline of a real OCR of a scanned plan (fixtures/001_scan.pdf, tesseract vie)', () => {
  const doc = runText(readTestFixture('synthetic', 'ocr-scan-001.txt'));
  const nodes = flattenOutline(doc.outline!);
  it('recovers every Roman heading from "..1", a repeated "II." and "TV." (and respells "NỘI DỤNG", "THỰCHIỆN")', () => {
    expect(nodes.filter((n) => n.kind === 'roman').map((n) => `${n.number} ${n.title}`)).toEqual(
      expectedFields(CLEAN_SEED).sections.map((s: { number: string; title: string }) => `${s.number} ${s.title}`),
    );
  });
  it('keeps items after a lost "1." and reads "5," and "2:" as item markers', () => {
    const paths = nodes.map((n) => n.path);
    expect(paths).toEqual(expect.arrayContaining(['II.2', 'II.3', 'II.3.1', 'V.5', 'V.5.1', 'V.5.2', 'VI.1', 'VI.2']));
    expect(nodes.find((n) => n.path === 'V.4')!.title).toBe('Thời gian gửi hồ sơ');
  });
});

describe('standard headings', () => {
  it('respells a heading a vowel or two away from a standard one, in its own case', () => {
    expect(standardHeading('Nữ đúng')).toBe('Nội dung');
    expect(standardHeading("GIẢI PHÁP THU'Ê HIỆN")).toBe('GIẢI PHÁP THỰC HIỆN');
    expect(standardHeading('MUC PiCH, YEU CAU')).toBe('MỤC ĐÍCH, YÊU CẦU');
  });
  it('leaves right and unrelated headings alone', () => {
    expect(standardHeading('Nội dung')).toBeNull();
    expect(standardHeading('Nhu cầu')).toBeNull();
    expect(standardHeading('Công chức Văn phòng - thống kê')).toBeNull();
  });
  it('is applied to outline headings, not to running paragraphs', () => {
    const nodes = flattenOutline(buildOutline('I. MỤC ĐÍCH\n1. Nữ đúng\n2. Nữ đúng thi đua là chính.\n'));
    expect(nodes.map((n) => n.title)).toEqual(['MỤC ĐÍCH', 'Nội dung', 'Nữ đúng thi đua là chính']);
  });
});

describe('web-export lines', () => {
  it('reads headings behind the export prefix and cuts a heading joined to its paragraph', () => {
    const t = 'Kế hoạch 58/KH-UBND năm 2024. I. MỤC ĐÍCH\n1. HĐND, UBND xã tổ chức thực hiện.\nQuyết định 435/QĐ-UBND năm 2020. CHƯƠNG TRÌNH HÀNH ĐỘNG. II. TỔ CHỨC THỰC HIỆN Sở Lao động chủ trì\n';
    expect(flattenOutline(buildOutline(t)).map((n) => `${n.path}=${n.title}`)).toEqual(['I=MỤC ĐÍCH', 'I.1=HĐND, UBND xã tổ chức thực hiện', 'II=TỔ CHỨC THỰC HIỆN']);
  });
});

describe('articles of a Quyết định', () => {
  it('hold their own numbered clauses and points (Điều → khoản → điểm)', () => {
    const t = 'Điều 1. Thành lập Ban Chỉ đạo gồm:\n1. Ông A - Trưởng ban;\n2. Bà B - Phó Trưởng ban.\nĐiều 2. Nhiệm vụ\n1. Chỉ đạo\na) Kiểm tra;\nb) Báo cáo.\nĐiều 3. Hiệu lực thi hành\n';
    expect(flattenOutline(buildOutline(t)).map((n) => n.path)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.1.a', '2.1.b', '3']);
  });
});
