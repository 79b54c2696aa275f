/**
 * Person names: harvesting name runs from correct text (the statistics' source), detecting
 * them in text to restore, and the name prior deciding the marks of given names where a tiny
 * LM (built here) would read the place-name spelling ("Quảng").
 */
import { describe, expect, it } from 'vitest';
import { NamePrior, Restorer, countNameSyllables, harvestNameRuns, loadLookalikes } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import type { Slot } from '../../src/restore/decoder.js';
import { NAME_GIVEN, NAME_NONE, NAME_SURNAME, applyNamePrior, nameRoles } from '../../src/restore/names.js';
import { tokenize } from '../../src/restore/tokenize.js';
import { dictionaryPath } from '../../src/dictionaries.js';

describe('harvestNameRuns', () => {
  it('finds names after a title, on signature lines and as 3-syllable surname runs', () => {
    expect(harvestNameRuns('Giao ông Nguyễn Quang Hải, Phó Chủ tịch thực hiện')).toEqual([{ start: 2, end: 5, titled: true }]);
    expect(harvestNameRuns('Trần Văn Nam')).toEqual([{ start: 0, end: 3, titled: false }]);
    expect(harvestNameRuns('theo đề nghị của Lê Thị Hồng Nhung tại')).toEqual([{ start: 4, end: 8, titled: false }]);
  });
  it('ignores two-word capitalised phrases without a title and runs not led by a surname', () => {
    expect(harvestNameRuns('tại thành phố Hà Nội và')).toEqual([]);
    expect(harvestNameRuns('Ủy ban Nhân Dân Tỉnh')).toEqual([]);
  });
  it('counts surname and given-name syllables separately', () => {
    const stats = countNameSyllables(['Ông Nguyễn Quang Hải', 'Bà Nguyễn Thị Quang']);
    expect(stats.surnames).toEqual({ nguyễn: 2 });
    expect(stats.given).toEqual({ quang: 2, hải: 1, thị: 1 });
  });
});

describe('name prior', () => {
  const prior = new NamePrior({ surnames: { nguyễn: 50 }, given: { quang: 40, quảng: 2, hải: 30, hai: 1 } });
  it('costs a variant by how rarely names use it, among the variants of its skeleton', () => {
    expect(prior.cost('quang', false, 2)!).toBeLessThan(prior.cost('quảng', false, 2)!);
    expect(prior.cost('nguyễn', true, 2)!).toBeCloseTo(-Math.log(50.5 / 51), 6);
    expect(prior.cost('xyz', false, 2)).toBeUndefined(); // never seen in names: no opinion
  });
  it('marks the pieces of a detected name run and leaves other capitalised words alone', () => {
    const text = 'Giao ong Nguyen Quang Hai thuc hien tai Ha Noi';
    const pieces = tokenize(text);
    const slots: Slot[] = pieces.map((p) => ({
      candidates: p.input === 'Nguyen' ? [{ word: 'nguyên', cost: 0 }, { word: 'nguyễn', cost: 0 }] : [{ word: p.input.toLowerCase(), cost: 0 }],
      ids: [-1], sentenceStart: p.sentenceStart,
    }));
    const roles = nameRoles(pieces, slots, text, prior)!;
    expect(Array.from(roles)).toEqual([NAME_NONE, NAME_NONE, NAME_SURNAME, NAME_GIVEN, NAME_GIVEN, 0, 0, 0, 0, 0]);
    const slot: Slot = { candidates: [{ word: 'quảng', cost: 0 }, { word: 'quang', cost: 0 }], ids: [1, 2], sentenceStart: false };
    applyNamePrior(slot, NAME_GIVEN, prior, 1);
    expect(slot.candidates[1].cost).toBeLessThan(slot.candidates[0].cost);
  });
  it('keeps the written letters of a known name syllable: a reading with other letters costs more', () => {
    const names = new NamePrior({ surnames: { trần: 50 }, given: { thịnh: 20, thinh: 1, thành: 60, thanh: 30 } });
    // The channel (and LM) favour "thành" for the garbled "Thinh".
    const slot = (): Slot => ({ candidates: [{ word: 'thành', cost: 0 }, { word: 'thịnh', cost: 1 }], ids: [1, 2], sentenceStart: false });
    // Without the written form the prior only weighs each reading among its own letters: "thành" stays.
    const blind = slot();
    applyNamePrior(blind, NAME_GIVEN, names, 1);
    expect(blind.candidates[0].cost).toBeLessThan(blind.candidates[1].cost);
    // Written "Thinh": Thịnh keeps those letters.
    const written = slot();
    applyNamePrior(written, NAME_GIVEN, names, 1, 'Thinh');
    expect(written.candidates[1].cost).toBeLessThan(written.candidates[0].cost);
    // A garbled form no name has ("Thlnh") says nothing: as without it.
    const garbled = slot();
    applyNamePrior(garbled, NAME_GIVEN, names, 1, 'Thlnh');
    expect(garbled.candidates.map((c) => c.cost)).toEqual(blind.candidates.map((c) => c.cost));
  });
  it('restores a titled name with the prior where the LM alone reads a place name', () => {
    const lm = new CountTrigramLM([
      ...Array.from({ length: 6 }, () => 'Tỉnh Quảng Nam và Quảng Ngãi, Hải Phòng phát triển.'),
      'Ông Nguyễn Văn Hai làm việc.', 'Ông Nguyễn Văn Hai làm việc.', 'Nguyên tắc chung.', 'Nguyên tắc chung.',
      'Quang cảnh đẹp.', 'Quang cảnh đẹp.', 'Hai người.', 'Hai người.',
    ]);
    const dictDir = dictionaryPath();
    const withPrior = new Restorer(lm, loadLookalikes(dictDir), undefined, [], prior);
    const input = 'Giao ong Nguyen Quang Hai thuc hien';
    expect(withPrior.restore(input, { restore: 'always' }).text).toContain('Nguyễn Quang Hải');
    expect(withPrior.restore(input, { restore: 'always', nameWeight: 0 }).text).not.toContain('Nguyễn Quang Hải');
  });
});
