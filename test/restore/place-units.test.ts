/**
 * Gazetteer place names in the restorer: a unit word before a capitalised name of that unit
 * ("phuong Binh Thuan" → phường, not the commoner phương) and names of more than two syllables
 * (every adjacent pair).
 */
import { describe, expect, it } from 'vitest';
import { Restorer, loadLookalikes } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const lm = new CountTrigramLM([
  ...Array.from({ length: 6 }, () => 'các phương án bình thường.'),
  'bắc trả my.', 'trả lời.', 'trả lời.',
  ...Array.from({ length: 2 }, () => ['phường bình an.', 'bắc bộ.', 'trà xanh.', 'thuận lợi.', 'my là.', 'bình minh.']).flat(),
]);
const rules = loadLookalikes(dictionaryPath());
const opts = { restore: 'always' as const, certainContexts: false };

describe('gazetteer place names in restoration', () => {
  it('reads the unit word of a name the gazetteer has with that unit', () => {
    const plain = new Restorer(lm, rules);
    expect(plain.restore('cac phuong Binh Thuan', opts).text).toMatch(/^các phương /);
    const withPlaces = new Restorer(lm, rules, undefined, ['phường Bình Thuận']);
    expect(withPlaces.restore('cac phuong Binh Thuan', opts).text).toBe('các phường Bình Thuận');
    // Only before a capitalised name: the phrase stays as the LM reads it.
    expect(withPlaces.restore('cac phuong an binh thuong', opts).text).toBe('các phương án bình thường');
  });

  it('knows the inner pairs of three-syllable names', () => {
    const plain = new Restorer(lm, rules);
    expect(plain.restore('Bac Tra My', opts).text).not.toContain('Trà My');
    const withPlaces = new Restorer(lm, rules, undefined, ['xã Bắc Trà My']);
    expect(withPlaces.restore('Bac Tra My', opts).text).toContain('Trà My');
  });
});
