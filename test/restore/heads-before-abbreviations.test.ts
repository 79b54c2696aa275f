/**
 * Body head nouns before an abbreviation ("Ban TĐKT", "Sở GDĐT"): the LM barely knows the
 * abbreviation, so without the rule the commoner reading of the head word wins ("Bản TĐKT").
 */
import { describe, expect, it } from 'vitest';
import { Restorer, loadLookalikes, tokenize } from '../../src/restore/index.js';
import { isAbbreviationPiece } from '../../src/restore/unit-abbreviations.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const lm = new CountTrigramLM([
  // "bản", "số" commoner than "ban", "sở": the LM alone writes "Bản TĐKT", "Số GDĐT".
  // (A word needs two occurrences to be a reading: CountTrigramLM's minVariantCount.)
  'bản kế hoạch này.', 'bản kế hoạch.', 'bản sao.', 'số liệu.', 'số lượng.', 'số hồ sơ.', 'các tỉnh.', 'các tỉnh.',
  'ban chỉ đạo.', 'ban hành.', 'sở y tế.', 'sở tư pháp.',
]);
const rules = loadLookalikes(dictionaryPath());
const opts = { restore: 'always' as const, certainContexts: false };

describe('body head nouns before abbreviations', () => {
  it('tells abbreviations from words written in capitals', () => {
    const piece = (text: string) => tokenize(text)[0];
    expect(isAbbreviationPiece(piece('TĐKT'))).toBe(true);
    expect(isAbbreviationPiece(piece('LHPN'))).toBe(true);
    expect(isAbbreviationPiece(piece('UBND'))).toBe(true);
    expect(isAbbreviationPiece(piece('HOI'))).toBe(false);
    expect(isAbbreviationPiece(piece('HỘI'))).toBe(false);
    expect(isAbbreviationPiece(piece('ban'))).toBe(false);
  });

  it('reads the head noun before an abbreviation, the LM reading elsewhere', () => {
    const restorer = new Restorer(lm, rules);
    expect(restorer.restore('- Ban TDKT tinh;', opts).text).toBe('- Ban TĐKT tỉnh;');
    expect(restorer.restore('- Ban LHPN xa;', opts).text).toMatch(/^- Ban LHPN/);
    expect(restorer.restore('- So GDĐT;', opts).text).toBe('- Sở GDĐT;');
    // Not before an abbreviation: the LM's reading stands.
    expect(restorer.restore('Ban ke hoach.', opts).text).toBe('Bản kế hoạch.');
    // Lowercase "ban" is not a body's name.
    expect(restorer.restore('ban TDKT', opts).text).not.toMatch(/^Ban/);
  });
});
