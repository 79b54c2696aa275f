import { describe, expect, it } from 'vitest';
import { dropSubsumed, NgramCounter, syllableRuns } from '../../tools/lib/term-mining.js';
import { loadAbbreviations, loadAdminTerms } from '../../src/data/index.js';

describe('term mining', () => {
  it('breaks syllable runs at punctuation and digits', () => {
    expect(syllableRuns('Căn cứ Luật số 77/2015, Ủy ban nhân dân')).toEqual([['Căn', 'cứ', 'Luật', 'số'], ['Ủy', 'ban', 'nhân', 'dân']]);
  });

  it('keeps collocations and rejects chance co-occurrences and fragments', () => {
    const c = new NgramCounter(4);
    const filler = ['người dân địa phương', 'bà con nông dân', 'đường giao thông mới', 'trường học khang trang'];
    for (let i = 0; i < 40; i++) {
      c.addLine(`Ủy ban nhân dân huyện ${filler[i % 4]}`);
      c.addLine(`cải cách hành chính tại ${filler[(i + 1) % 4]}`);
    }
    const keys = dropSubsumed(c.candidates(() => 10, 1)).map((t) => t.key);
    expect(keys).toContain('ủy ban nhân dân');
    expect(keys).toContain('cải cách hành chính');
    expect(keys).not.toContain('ban nhân dân'); // always extended: fragment
    expect(keys).not.toContain('chính tại'); // ends in a function word
  });
});

describe('committed admin terms', () => {
  const terms = loadAdminTerms();
  it('holds frequent administrative collocations from the corpus in old tone style', () => {
    const corpusKeys = new Set(terms.filter((t) => t.origin === 'corpus').map((t) => t.key));
    for (const k of ['ủy ban nhân dân', 'hội đồng nhân dân', 'thủ tục hành chính', 'mặt trận tổ quốc', 'cải cách hành chính']) {
      expect(corpusKeys.has(k), k).toBe(true);
    }
    expect(corpusKeys.has('uỷ ban nhân dân')).toBe(false);
    expect(terms.every((t) => t.syllables >= 2)).toBe(true);
  });
  it('adds expansions of curated abbreviations the corpus lacks', () => {
    expect(loadAbbreviations()['UBND']).toEqual(['Ủy ban nhân dân']);
    expect(terms.some((t) => t.key === 'chiến sĩ thi đua cơ sở' && t.origin === 'abbreviation')).toBe(true);
  });
});
