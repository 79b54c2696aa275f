/** The tables in dictionaries/encodings/ against independent implementations of the standards. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { byteTable, vniSequences } from '../../src/encoding/tables.js';

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
/** Every Vietnamese letter with a diacritic (lower and upper case), 67 + 67. */
function vietnameseLetters(): string[] {
  const letters = new Set<string>(['đ', 'Đ']);
  for (const base of ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']) {
    for (const tone of TONES) {
      const lower = (base + tone).normalize('NFC');
      if (lower.length === 1 && /[^a-z]/.test(lower)) {
        letters.add(lower);
        letters.add(lower.toUpperCase());
      }
    }
  }
  return [...letters];
}

describe('encoding tables', () => {
  it('VISCII matches iconv-lite (RFC 1456) for all 256 bytes', () => {
    const { toUnicode } = byteTable('viscii');
    for (let b = 0; b < 256; b++) expect(toUnicode[b], `byte ${b.toString(16)}`).toBe(iconv.decode(Buffer.from([b]), 'viscii'));
  });

  it('TCVN3 matches iconv-lite tcvn (TCVN 5712:1993) for all 256 bytes', () => {
    const { toUnicode } = byteTable('tcvn3');
    for (let b = 0; b < 256; b++) expect(toUnicode[b], `byte ${b.toString(16)}`).toBe(iconv.decode(Buffer.from([b]), 'tcvn'));
  });

  it('Windows-1258 matches the platform TextDecoder for every defined byte', () => {
    const { toUnicode } = byteTable('cp1258');
    const decoder = new TextDecoder('windows-1258');
    let defined = 0;
    for (let b = 0; b < 256; b++) {
      if (toUnicode[b] === null) continue;
      defined++;
      expect(toUnicode[b], `byte ${b.toString(16)}`).toBe(decoder.decode(Uint8Array.of(b)));
    }
    expect(defined).toBe(256 - 9);
  });

  it('every scheme covers every Vietnamese letter (precomposed or base + tone)', () => {
    const vni = new Set(vniSequences().sequences.values());
    const letters = vietnameseLetters();
    expect(letters).toHaveLength(134);
    for (const letter of letters) expect(vni.has(letter), `VNI ${letter}`).toBe(true);
    for (const scheme of ['viscii', 'tcvn3'] as const) {
      const repertoire = new Set(byteTable(scheme).toUnicode);
      for (const letter of letters) expect(repertoire.has(letter), `${scheme} ${letter}`).toBe(true);
    }
    const cp1258 = new Set(byteTable('cp1258').toUnicode);
    for (const letter of letters) {
      const nfd = letter.normalize('NFD');
      const base = nfd.replace(/[\u0300\u0301\u0303\u0309\u0323]/, '').normalize('NFC');
      expect(cp1258.has(letter) || cp1258.has(base), `cp1258 ${letter}`).toBe(true);
    }
  });
});
