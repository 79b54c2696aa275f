/**
 * A PDF whose text was set in a TCVN3 (.VnTime) font: its text layer, read by pdf-parse, is
 * the cp1252 mojibake; page 2 is Unicode. Each page is judged on its own.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { encodeLegacy, misdecode, repairTextLayerPage } from '../../src/encoding/index.js';

const TCVN3_PAGE = 'Cộng hoà xã hội chủ nghĩa Việt Nam\nTrường học và người dân thi đua theo Kế hoạch số 08/KH-UBND';
const UNICODE_PAGE = 'Cong hoa xa hoi chu nghia Viet Nam - ban khong dau';

async function makePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Helvetica's WinAnsi encoding stands in for the .VnTime font: same byte codes, Latin glyphs.
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of [misdecode(encodeLegacy('tcvn3', TCVN3_PAGE)), UNICODE_PAGE]) {
    const page = pdf.addPage([595, 842]);
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 11, font }));
  }
  return pdf.save();
}

describe('PDF text layer in a TCVN3 font', () => {
  it('is repaired page by page after extraction', async () => {
    const parser = new PDFParse({ data: await makePdf(), verbosity: 0 });
    try {
      const { pages } = await parser.getText({ pageJoiner: '' });
      expect(pages).toHaveLength(2);
      // pdf.js gives WinAnsi B5 as Greek μ and AD (TCVN3 ư) as '-': both must be read back.
      expect(pages[0].text).toContain('Céng hoμ');
      expect(pages[0].text).toContain('Tr-êng');
      const first = repairTextLayerPage(pages[0].text, 1);
      expect(first.changed).toBe(true);
      expect(first.encoding).toBe('tcvn3');
      expect(first.text.replace(/\s+/g, ' ').trim()).toBe(TCVN3_PAGE.replace(/\n/g, ' '));
      const second = repairTextLayerPage(pages[1].text, 2);
      expect(second.changed).toBe(false);
    } finally {
      await parser.destroy();
    }
  });
});
