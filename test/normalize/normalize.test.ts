import { describe, expect, it } from 'vitest';
import { normalizePages, normalizeStage, pageOffset, splitPageLines } from '../../src/stages/normalize.js';
import type { OcrWord } from '../../src/document.js';
import { emptyDoc, type VDoc } from '../../src/document.js';

const one = (text: string) => normalizePages([{ number: 1, text }]);

describe('normalize: line joining', () => {
  it('joins a document symbol broken after its hyphen without a space', () => {
    expect(one('Căn cứ Kế hoạch số 18/KH-\nUBND ngày 20/12/2022 của UBND xã').text).toBe(
      'Căn cứ Kế hoạch số 18/KH-UBND ngày 20/12/2022 của UBND xã',
    );
  });
  it('keeps a spaced dash across a line break ("kinh tế - xã hội")', () => {
    expect(one('phát triển kinh tế -\nxã hội của địa phương').text).toBe('phát triển kinh tế - xã hội của địa phương');
  });
  it('joins wrapped lines into a paragraph and keeps numbering markers at line starts', () => {
    const r = one(
      [
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Mục đích',
        '- Phát huy truyền thống yêu nước, tinh thần chủ động sáng tạo của tập thể, cá',
        'nhân, tạo khí thế thi đua sôi nổi.',
        '+ Biểu dương khen thưởng',
        'a) Đối tượng',
        '1.1. Chỉ tiêu',
        '## II. NỘI DUNG',
      ].join('\n'),
    );
    expect(r.text.split('\n')).toEqual([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '- Phát huy truyền thống yêu nước, tinh thần chủ động sáng tạo của tập thể, cá nhân, tạo khí thế thi đua sôi nổi.',
      '+ Biểu dương khen thưởng',
      'a) Đối tượng',
      '1.1. Chỉ tiêu',
      '## II. NỘI DUNG',
    ]);
  });
  it('does not join after a sentence end, into or out of an all-caps heading, or into the number/date lines', () => {
    const r = one('UBND XÃ ĐẠI THẮNG\nSố: 05/KH-UBND\nĐại Thắng, ngày 10 tháng 02 năm 2023\nKẾ HOẠCH\nPhát động phong trào thi đua');
    expect(r.text.split('\n')).toHaveLength(5);
  });
  it('does not take a year at a line start for a numbering marker', () => {
    expect(one('giai đoạn 2021 -\n2025.').text).toBe('giai đoạn 2021 - 2025.');
  });
  it('keeps one blank line between paragraphs and trims indentation', () => {
    expect(one('\n\n  Đoạn một.\n\n\n\n   Đoạn hai\n\n').text).toBe('Đoạn một.\n\nĐoạn hai');
  });
  it('removes soft hyphens and joins the word they split', () => {
    expect(one('thực hi\u00ad\nện nhiệm vụ').text).toBe('thực hiện nhiệm vụ');
  });
});

describe('normalize: cleaning and removals', () => {
  it('composes decomposed Vietnamese to NFC and drops zero-width characters', () => {
    const decomposed = 'Kê\u0301 hoa\u0323ch\u200b'.normalize('NFD');
    const r = one(decomposed);
    expect(r.text).toBe('Kế hoạch');
    expect(r.text).toBe(r.text.normalize('NFC'));
  });
  it('removes scan clutter and reports it with its position', () => {
    const r = one('Dòng một.\n.,:;~~ |\nDòng hai.');
    expect(r.text).toBe('Dòng một.\nDòng hai.');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'normalize.clutter-removed', position: expect.objectContaining({ page: 1, line: 2 }) })]);
  });
  it('removes headers and footers repeated on at least half of the pages, and page numbers', () => {
    const page = (n: number, body: string) => `UBND HUYỆN TRỰC NINH - KẾ HOẠCH 25/KH-UBND\n${body}\n- ${n} -`;
    const r = normalizePages([
      { number: 1, text: `UBND HUYỆN TRỰC NINH - KẾ HOẠCH 25/KH-UBND\nMở đầu văn bản.\nTrang 1/3` },
      { number: 2, text: page(2, 'Nội dung trang hai.') },
      { number: 3, text: page(3, 'Nội dung trang ba.') },
    ]);
    expect(r.text).toBe('Mở đầu văn bản.\nNội dung trang hai.\nNội dung trang ba.');
    const codes = r.diagnostics.map((d) => `${d.code}@${d.position?.page}`);
    expect(codes).toEqual(
      expect.arrayContaining(['normalize.header-removed@1', 'normalize.header-removed@3', 'normalize.page-number-removed@1', 'normalize.page-number-removed@3']),
    );
  });
  it('keeps a line that appears at the top of only one page', () => {
    const r = normalizePages([
      { number: 1, text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMột.' },
      { number: 2, text: 'Hai.' },
      { number: 3, text: 'Ba.' },
    ]);
    expect(r.text.startsWith('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
  });
  it('continues a paragraph across a page break', () => {
    const r = normalizePages([
      { number: 1, text: 'Nâng cao hiệu quả công tác cải cách hành chính trên địa bàn' },
      { number: 2, text: 'huyện năm 2024.' },
    ]);
    expect(r.text).toBe('Nâng cao hiệu quả công tác cải cách hành chính trên địa bàn huyện năm 2024.');
  });
});

describe('normalize: source points', () => {
  const pages = [
    { number: 1, text: '  Số: 18/KH-\r\nUBND ngày 20/12/2022\n\nKê\u0301 hoạch' },
    { number: 2, text: 'Trang hai\ncó hai dòng.' },
  ];
  const r = normalizePages(pages);
  it('gives one source point per character of the text', () => {
    expect(r.sourcePoints).toHaveLength(r.text.length);
  });
  it('maps every character that is not a join back to the same character in the page text', () => {
    for (let i = 0; i < r.text.length; i++) {
      const p = r.sourcePoints.at(i)!;
      const pageText = pages.find((x) => x.number === p.page)!.text;
      const source = pageText.slice(pageOffset(pageText, p.line, p.column)).normalize('NFC');
      const ch = r.text[i]!;
      if (ch === ' ' || ch === '\n') continue;
      expect(source.startsWith(ch), `char ${i} "${ch}" -> page ${p.page} line ${p.line} col ${p.column}`).toBe(true);
    }
  });
  it('splits lines on \\r\\n, \\r, \\n and form feeds', () => {
    expect(splitPageLines('a\r\nb\rc\fd\ne').map((l) => l.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('normalizeStage', () => {
  it('returns a new VDoc with text, sourcePoints and a timing, leaving the input unchanged', () => {
    const doc = { ...emptyDoc({ path: 'x', relPath: 'x', sha256: '0'.repeat(64), bytes: 1 }), pages: [{ number: 1, origin: 'text' as const, text: 'Một\nhai.' }] };
    const out = normalizeStage.run(doc, { options: {} }) as VDoc;
    expect(out).not.toBe(doc);
    expect(doc.text).toBe('');
    expect(out.text).toBe('Một hai.');
    expect(out.sourcePoints).toHaveLength(out.text.length);
    expect(out.timings.normalize).toBeGreaterThanOrEqual(0);
  });
});

/** An OCR'd page whose words carry the given confidences (default 96). */
function ocrPage(lines: string[], confidences: Record<string, number> = {}) {
  const words: OcrWord[] = [];
  let offset = 0;
  lines.forEach((line, li) => {
    for (const m of line.matchAll(/\S+/g)) {
      const start = offset + m.index;
      words.push({ text: m[0], confidence: confidences[m[0]] ?? 96, line: li, start, end: start + m[0].length, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    }
    offset += line.length + 1;
  });
  return { number: 1, origin: 'ocr' as const, text: lines.join('\n'), words };
}

describe('normalize: OCR edge noise', () => {
  it('drops symbol tokens and low-confidence fragments at the edges of OCR lines', () => {
    const r = normalizePages([
      ocrPage(
        ['II. ĐỐI TƯỢNG, SỐ LƯỢNG, TIÊU CHÍ: |', '-. 1.Đối tượng LU -_ | |', '_. 3.Tiêu chí ˆ mm . co', '..- Văn phòng UBND tỉnh (b/o); = :-_', '„KẾ HOẠCH'],
        { LU: 0, mm: 48, co: 1, '-_': 41 },
      ),
    ]);
    expect(r.text.split('\n')).toEqual(['II. ĐỐI TƯỢNG, SỐ LƯỢNG, TIÊU CHÍ:', '1.Đối tượng', '3.Tiêu chí', '- Văn phòng UBND tỉnh (b/o);', 'KẾ HOẠCH']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'normalize.ocr-edge-noise-removed', position: { page: 1 } })]);
  });
  it('keeps confident short words, list markers, a sure spaced dash and the "|." of a Roman I', () => {
    const r = normalizePages([ocrPage(['|. MUC PiCH, YEU CAU', '- Phát triển kinh tế -', 'xã hội của xã', 'Ủy ban nhân dân xã'])]);
    expect(r.text).toBe('|. MUC PiCH, YEU CAU\n- Phát triển kinh tế - xã hội của xã Ủy ban nhân dân xã');
  });
  it('leaves typed text (origin text) untouched', () => {
    expect(normalizePages([{ number: 1, origin: 'text', text: 'Nội dung | ghi chú |' }]).text).toBe('Nội dung | ghi chú |');
  });
  it('keeps source points on the kept characters after stripping', () => {
    const page = ocrPage(['. . tập thể và cá nhân. |']);
    const r = normalizePages([page]);
    expect(r.text).toBe('tập thể và cá nhân.');
    expect(r.sourcePoints.at(0)).toEqual({ page: 1, line: 0, column: 4 });
  });
});
