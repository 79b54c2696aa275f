/**
 * The fast tokenizer (char-code run scan, run shapes memoised per run text) against the
 * straightforward one it replaced (tokenize-reference.ts): same pieces, fields and order on
 * the fixture documents, stripped and as they are, and on random strings of awkward
 * characters (breaks, list and outline markers, symbols, URLs, Unicode spaces).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/restore/tokenize.js';
import { referenceTokenize } from './tokenize-reference.js';
import { SEEDS_DIR, stripMarks as strip, TEST_FIXTURES } from '../support/fixtures.js';
import { seededInts } from '../support/prng.js';

describe('tokenize', () => {
  it('gives the reference pieces on the fixture documents, cold and warm', () => {
    const texts: string[] = [];
    for (const dir of [SEEDS_DIR, join(TEST_FIXTURES, 'synthetic')]) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
        const text = readFileSync(join(dir, f), 'utf8');
        texts.push(text, strip(text));
      }
    }
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const expected = referenceTokenize(text);
      expect(tokenize(text)).toEqual(expected);
      expect(tokenize(text)).toEqual(expected);
    }
  });
  it('keeps giving the reference pieces after its run table fills up and starts over', () => {
    // More distinct runs than the table keeps (it starts over when half full), some of them opening lines.
    const text = Array.from({ length: 80_000 }, (_, i) => (i % 7 === 0 ? '\n' : '') + `x${i.toString(36)}.`).join(' ');
    const expected = referenceTokenize(text);
    expect(tokenize(text)).toEqual(expected);
    expect(tokenize(text)).toEqual(expected);
  });
  it('gives the reference pieces on random strings of awkward characters', () => {
    const alphabet = [
      'a', 'b', 'd', 'đ', 'ệ', 'B', 'D', 'Đ', 'H', 'I', 'K', 'N', 'P', 'Q', 'U', 'V', 'X', 'Y', 'h', 't', 'p', 'w', '1', '2', '0',
      '.', ',', ';', ':', '!', '?', ')', '(', '"', '”', '|', '/', '-', '@', '&', '¢', '€', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff',
    ];
    const random = seededInts(12345);
    for (let k = 0; k < 4000; k++) {
      let text = '';
      const length = random(40);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const expected = referenceTokenize(text);
      const got = tokenize(text);
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});
