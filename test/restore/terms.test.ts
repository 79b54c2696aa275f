/**
 * Administrative-term bonus: in stripped text, candidate pairs that spell a term of the
 * lexicon (dictionaries/admin-terms.txt in production; a list here) get a channel bonus, so a
 * term beats a more frequent reading of the same letters. Not applied to garbled or clean text.
 */
import { describe, expect, it } from 'vitest';
import { Restorer, loadLookalikes } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const lm = new CountTrigramLM([
  ...Array.from({ length: 4 }, () => 'thì đưa thư cho anh.'),
  'phong trào thi đua.', 'phong trào thi đua.',
]);
const rules = loadLookalikes(dictionaryPath());

describe('administrative term bonus', () => {
  it('lets a lexicon term win over a more frequent reading in stripped text', () => {
    const plain = new Restorer(lm, rules);
    expect(plain.restore('thi dua', { restore: 'always' }).text).toBe('thì đưa');
    const withTerms = new Restorer(lm, rules, undefined, [], undefined, ['Thi đua khen thưởng']);
    expect(withTerms.restore('thi dua', { restore: 'always', termBonus: 3 }).text).toBe('thi đua');
    expect(withTerms.restore('thi dua', { restore: 'always', termBonus: 0 }).text).toBe('thì đưa');
  });
  it('leaves text that kept its marks alone', () => {
    const withTerms = new Restorer(lm, rules, undefined, [], undefined, ['thi đua']);
    expect(withTerms.restore('thì đưa thư', { restore: 'always', termBonus: 3 }).text).toBe('thì đưa thư');
  });
});
