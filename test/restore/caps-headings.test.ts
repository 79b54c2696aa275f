/**
 * ALL CAPS headings flattened into a line (merger resolutions' signature block and title):
 * a title-case word after two ALL CAPS words starts a new LM context ("… CHỦ TỊCH Nơi nhận:"),
 * and "VI" between ALL CAPS words is the syllable of "ĐƠN VỊ", not the Roman numeral — unless an
 * outline word numbers with it ("CHƯƠNG VI").
 */
import { describe, expect, it } from 'vitest';
import { Restorer, loadLookalikes } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const lm = new CountTrigramLM([
  ...Array.from({ length: 6 }, () => 'quốc hội chủ tịch nội dung. chủ tịch nội các.'),
  ...Array.from({ length: 3 }, () => 'nơi nhận: chính phủ.'),
  ...Array.from({ length: 4 }, () => 'sắp xếp đơn vị hành chính cấp xã. chương vi quy định chung.'),
]);
const restorer = new Restorer(lm, loadLookalikes(dictionaryPath()));
const opts = { restore: 'always' as const, certainContexts: false, documentModel: false };

describe('ALL CAPS headings inside a line', () => {
  it('starts a new context at a title-case word after the heading', () => {
    expect(restorer.restore('QUOC HOI CHU TICH Noi nhan: Chinh phu', opts).text).toBe('QUỐC HỘI CHỦ TỊCH Nơi nhận: Chính phủ');
    // One ALL CAPS word before it is not a heading: the context goes on.
    expect(restorer.restore('chu TICH Noi dung', opts).text).toBe('chủ TỊCH Nội dung');
  });

  it('reads VI between ALL CAPS words as a syllable, not after an outline word', () => {
    expect(restorer.restore('SAP XEP DON VI HANH CHINH', opts).text).toBe('SẮP XẾP ĐƠN VỊ HÀNH CHÍNH');
    expect(restorer.restore('CHUONG VI QUY DINH CHUNG', opts).text).toBe('CHƯƠNG VI QUY ĐỊNH CHUNG');
  });
});
