/**
 * Certain contexts (src/restore/certain.ts): skeleton trigrams of correct text whose middle
 * syllable has one spelling; in stripped text the default mode fixes such syllables before
 * decoding. The table, its file format, the restorer's use of it, and the committed table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertainContexts, contextKeys, keyAfter, keyBefore, keyHashes, pieceKeys, type SkeletonOf } from '../../src/restore/certain.js';
import { ContextCounts, WideContextCounts } from '../../tools/lib/certain-counts.js';
import { Restorer, getDefaultRestorer, loadLookalikes, tokenize } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { foldKey } from '../../src/lang/fold.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const skeletonOf: SkeletonOf = (piece) => foldKey(piece.input);

function countsOf(lines: string[]): ContextCounts {
  const counts = new ContextCounts();
  for (const line of lines) counts.add(tokenize(line), skeletonOf);
  return counts;
}

/** The table's spelling for word `i` of a (stripped) line, as the restorer asks for it (and the same by key strings). */
function lookupAt(table: CertainContexts, line: string, i: number): string | undefined {
  const pieces = tokenize(line);
  const keys = pieceKeys(pieces, skeletonOf);
  const word = table.lookupAt(pieces, keyHashes(keys), i);
  expect(table.lookup(contextKeys(pieces, keys, i))).toBe(word);
  return word;
}

const STRICT = { minCount: 2, minShare: 0.99 };

describe('certain contexts', () => {
  it('keeps a context whose middle syllable always has one spelling, and only with enough occurrences', () => {
    const table = countsOf(['thực hiện nhiệm vụ', 'thực hiện nhiệm vụ', 'tổ chức thực hiện']).certain(STRICT, STRICT);
    expect(lookupAt(table, 'thuc hien nhiem vu', 1)).toBe('hiện');
    expect(lookupAt(table, 'thuc hien nhiem vu', 0)).toBe('thực');
    // "to chuc thuc" was seen once: below minCount.
    expect(lookupAt(table, 'to chuc thuc hien', 1)).toBeUndefined();
  });

  it('drops a context whose spellings are split', () => {
    const table = countsOf(['anh thì đưa thư', 'anh thi đua thư', 'anh thì đưa thư']).certain(STRICT, STRICT);
    expect(lookupAt(table, 'anh thi dua thu', 1)).toBeUndefined();
    expect(lookupAt(table, 'anh thi dua thu', 0)).toBe('anh');
  });

  it('falls back to the two one-sided bigrams only when both are certain and agree', () => {
    const table = countsOf(['cán bộ công tác', 'cán bộ công tác', 'làm công chức', 'làm công chức']).certain(STRICT, STRICT);
    // Trigram "bo cong chuc" never seen; "bo cong ·" and "· cong chuc" both say công.
    expect(lookupAt(table, 'can bo cong chuc', 2)).toBe('công');
    // "hai cong ·" was never seen: one certain side is not enough.
    expect(lookupAt(table, 'hai cong chuc', 1)).toBeUndefined();
    // Both sides certain, but they disagree.
    const split = countsOf(['anh thì về', 'anh thì về', 'là thi đua', 'là thi đua']).certain(STRICT, STRICT);
    expect(lookupAt(split, 'anh thi dua', 1)).toBeUndefined();
  });

  it('lets one frequent certain side decide alone only where the other side was never seen', () => {
    const lines = [
      ...Array.from({ length: 20 }, () => 'kế hoạch công tác'), // "hoach cong ·": công, 20 times
      ...Array.from({ length: 3 }, () => 'lên công tác'), // "len cong ·": công, 3 times only
      'anh cống hiến', 'em công hiến', // "· cong hien" seen twice, split
    ];
    const oneSided = { minCount: 20, minShare: 0.99 };
    const table = countsOf(lines).certain(STRICT, { minCount: 3, minShare: 0.99 }, oneSided);
    // "cong viec" never seen on the right: the frequent left side decides.
    expect(lookupAt(table, 'hoach cong viec', 1)).toBe('công');
    // A left side seen 3 times is certain but not frequent enough to decide alone.
    expect(lookupAt(table, 'len cong viec', 1)).toBeUndefined();
    // The right side "· cong hien" was seen with its spellings split: no.
    expect(lookupAt(table, 'hoach cong hien', 1)).toBeUndefined();
    // Without the one-sided rule, neither.
    expect(lookupAt(countsOf(lines).certain(STRICT, { minCount: 3, minShare: 0.99 }), 'hoach cong viec', 1)).toBeUndefined();
  });

  it('does not fall back to the bigrams for a trigram seen with its spellings split', () => {
    const table = countsOf([
      ...Array.from({ length: 3 }, () => 'anh thì đưa'), ...Array.from({ length: 3 }, () => 'anh thi đua'),
      ...Array.from({ length: 400 }, () => 'anh thi khác'), ...Array.from({ length: 400 }, () => 'khác thi đua'),
    ]).certain(STRICT, STRICT);
    // "anh thi ·" and "· thi dua" are certain ("thi"), but "anh thi dua" itself is half "thì".
    expect(lookupAt(table, 'anh thi dua', 1)).toBeUndefined();
    expect(lookupAt(table, 'anh thi khac', 1)).toBe('thi');
  });

  describe('wide windows, where the narrow contexts leave a syllable open', () => {
    /** A narrow table from `lines`, then the wide windows counted over the same lines. */
    function wideOf(lines: string[]): { table: CertainContexts; wide: WideContextCounts } {
      const narrow = countsOf(lines).certain(STRICT, STRICT);
      const wide = new WideContextCounts(narrow);
      for (const line of lines) wide.add(tokenize(line), skeletonOf);
      return { table: wide.certain(STRICT), wide };
    }
    // "cho thi dua" is split (thi đua / thì đưa), and so are both its bigrams: the narrow contexts leave it open.
    const split = [
      'hay cho thi đua yêu', 'hay cho thi đua yêu', 'bảo cho thì đưa thư', 'bảo cho thì đưa thư',
      'thực hiện nhiệm vụ', 'thực hiện nhiệm vụ',
    ];

    it('counts only the positions the narrow table leaves open', () => {
      const { wide } = wideOf(split);
      // Every syllable but "thi"/"thì" has a certain trigram ("thi dua yeu" says đua): four positions open.
      expect(wide.wordPositions).toBe(28);
      expect(wide.openPositions).toBe(4);
      expect(lookupAt(countsOf(split).certain(STRICT, STRICT), 'hay cho thi dua yeu', 2)).toBeUndefined();
    });

    it('decides by the five-syllable window, else by the four-syllable sides', () => {
      const { table } = wideOf(split);
      expect(lookupAt(table, 'hay cho thi dua yeu', 2)).toBe('thi');
      expect(lookupAt(table, 'bao cho thi dua thu', 2)).toBe('thì');
      // Five-window unseen; "hay cho thi ·" certain, "· thi dua nay" never seen: the left side decides.
      expect(lookupAt(table, 'hay cho thi dua nay', 2)).toBe('thi');
      // And the right side alone, the left never seen.
      expect(lookupAt(table, 'moi cho thi dua thu', 2)).toBe('thì');
      // Both sides certain but disagreeing ("bao cho thi ·" says thì, "· thi dua yeu" says thi): open.
      expect(lookupAt(table, 'bao cho thi dua yeu', 2)).toBeUndefined();
    });

    it('keeps a side seen with its spellings split as a veto on the other side', () => {
      const { table } = wideOf([...split, 'khi cho thì đưa thư', 'khi cho thi đua thư']);
      // "· thi dua thu" is now split (thì twice, thi once): it no longer decides, and it stops "hay cho thi ·".
      expect(lookupAt(table, 'moi cho thi dua thu', 2)).toBeUndefined();
      expect(lookupAt(table, 'hay cho thi dua thu', 2)).toBeUndefined();
      expect(lookupAt(table, 'hay cho thi dua nay', 2)).toBe('thi');
      // The mirror case: the left side split ("khi cho thi ·"), the right certain ("· thi dua yeu"): open.
      expect(lookupAt(table, 'khi cho thi dua yeu', 2)).toBeUndefined();
    });

    it('keeps split four-syllable windows as vetoes, but not a split five-syllable one (its sides decide)', () => {
      // "thi"/"thì" once each: the trigram, both bigrams and all three windows around it are split.
      const lines = ['a cho thì b', 'a cho thi b'];
      const narrow = countsOf(lines).certain(STRICT, STRICT);
      const { table } = wideOf(lines);
      expect(table.size - narrow.size).toBe(2);
      expect(table.vetoes - narrow.vetoes).toBe(2);
    });

    it('lets the five-syllable window decide where its sides do not', () => {
      // "bao cho thi ·" is now split, "· thi dua yeu" says thi, and so does the whole window.
      const { table } = wideOf([...split, 'bảo cho thi đua yêu', 'bảo cho thi đua yêu']);
      expect(lookupAt(table, 'bao cho thi dua yeu', 2)).toBe('thi');
      expect(lookupAt(table, 'bao cho thi dua nay', 2)).toBeUndefined();
    });

    it('ends a window at a line edge or clause start two syllables away, as it was counted', () => {
      const { table } = wideOf(split);
      // Across the edge "bao cho thi ·" (thì) would disagree with "· thi dua yeu" (thi); without "bao" only the right side speaks.
      expect(lookupAt(table, 'bao\ncho thi dua yeu', 2)).toBe('thi');
      expect(lookupAt(table, 'bao. cho thi dua yeu', 2)).toBe('thi');
      // And on the right: "· thi dua thu" (thì) is cut off at the edge, "hay cho thi ·" decides.
      expect(lookupAt(table, 'hay cho thi dua\nthu', 2)).toBe('thi');
      expect(lookupAt(table, 'hay cho thi dua. thu', 2)).toBe('thi');
    });

    it('stops the windows at a line edge and reads back from the file', () => {
      const { table } = wideOf(split);
      // "cho thi dua" opens its line here: "hay" belongs to the line before.
      expect(lookupAt(table, 'hay\ncho thi dua yeu', 2)).toBe('thi');
      // A buffer that does not start its ArrayBuffer (a pooled or sliced Buffer).
      const encoded = table.encode();
      const copy = CertainContexts.decode(Buffer.concat([Buffer.alloc(3), encoded]).subarray(3));
      for (const line of ['hay cho thi dua yeu', 'bao cho thi dua thu', 'hay cho thi dua nay', 'bao cho thi dua yeu']) expect(lookupAt(copy, line, 2)).toBe(lookupAt(table, line, 2));
    });
  });

  it('keys a fixed piece by its skeleton, as stripped text reads it', () => {
    const marked = tokenize('HĐND huyện');
    const stripped = tokenize('HDND huyen');
    expect(pieceKeys(stripped, skeletonOf)).toEqual(pieceKeys(marked, skeletonOf));
  });

  it('counts a line edge as a boundary, as the corpus lines were counted one by one', () => {
    const pieces = tokenize('thuc hien\nnhiem vu');
    const keys = pieceKeys(pieces, skeletonOf);
    expect(keyAfter(pieces, keys, 1)).toBe('|');
    expect(keyBefore(pieces, keys, 2)).toBe('|');
    const table = countsOf(['thực hiện', 'thực hiện', 'nhiệm vụ', 'nhiệm vụ']).certain(STRICT, STRICT);
    expect(table.lookupAt(pieces, keyHashes(keys), 1)).toBe('hiện');
    expect(table.lookupAt(pieces, keyHashes(keys), 2)).toBe('nhiệm');
  });

  it('does not cross a clause start and keys numbers alike', () => {
    const table = countsOf(['ngày 15 tháng 3', 'ngày 20 tháng 4', 'ngày 7 tháng 9']).certain(STRICT, STRICT);
    expect(lookupAt(table, 'ngay 31 thang 12', 2)).toBe('tháng');
    const pieces = tokenize('xong. thang nay');
    const keys = pieceKeys(pieces, skeletonOf);
    expect(keyBefore(pieces, keys, 1)).toBe('|');
    expect(keyAfter(pieces, keys, 0)).toBe('|');
    const after = countsOf(['tháng này', 'tháng này']).certain(STRICT, STRICT);
    expect(after.lookupAt(pieces, keyHashes(keys), 1)).toBe('tháng');
  });

  it('reads back from its file the same answers, and rejects another file', () => {
    const table = countsOf(['thực hiện nhiệm vụ', 'thực hiện nhiệm vụ', 'cán bộ công tác', 'cán bộ công tác']).certain(STRICT, STRICT);
    const copy = CertainContexts.decode(table.encode());
    expect(copy.size).toBe(table.size);
    for (const [line, i] of [['thuc hien nhiem vu', 1], ['can bo cong tac', 2], ['can bo cong', 1], ['x y z', 1]] as const) {
      expect(lookupAt(copy, line, i)).toBe(lookupAt(table, line, i));
    }
    expect(() => CertainContexts.decode(Buffer.from('not a table at all'))).toThrow(/build:certain/);
    expect(() => CertainContexts.decode(table.encode().subarray(0, 40))).toThrow(/truncated/);
    // A spelling index beyond the word list (a damaged file of the right length).
    const damaged = Buffer.from(table.encode());
    damaged.writeUInt32LE(table.words.length + 5, 16 + 8 * table.size);
    expect(() => CertainContexts.decode(damaged)).toThrow(/damaged/);
  });
});

describe('restorer with certain contexts', () => {
  // The LM reads "cho thì đưa thư"; a table counted from other text says "thi đua" there.
  const lm = new CountTrigramLM([...Array.from({ length: 6 }, () => 'cho thì đưa thư cho anh.'), ...Array.from({ length: 3 }, () => 'phong trào thi đua.')]);
  const rules = loadLookalikes(dictionaryPath());
  const table = countsOf(['cho thi đua thư', 'cho thi đua thư']).certain(STRICT, STRICT);
  const restorer = new Restorer(lm, rules, undefined, [], undefined, [], table);

  it('fixes a syllable in a certain context in stripped text, default mode', () => {
    expect(restorer.restore('cho thi dua thu', { restore: 'always', termBonus: 0 }).text).toContain('thi đua');
    expect(restorer.restore('cho thi dua thu', { restore: 'always', termBonus: 0, certainContexts: false }).text).toContain('thì đưa');
  });

  it('leaves the accurate mode and other contexts to the decoder', () => {
    expect(restorer.restore('cho thi dua thu', { restore: 'always', termBonus: 0, mode: 'accurate' }).text).toContain('thì đưa');
    expect(restorer.restore('anh thi dua', { restore: 'always', termBonus: 0 }).text).toContain('thì đưa');
  });

  it('leaves a capitalised word that may spell a place name to the decoder and the gazetteer', () => {
    const placeLm = new CountTrigramLM(['cháu ngoan.', 'cháu ngoan.', 'cháu ngoan.', 'châu á.', 'châu á.', 'hợp tác.', 'hợp tác.']);
    const placeTable = countsOf(['hợp cháu', 'hợp cháu']).certain(STRICT, STRICT);
    const withPlaces = new Restorer(placeLm, rules, undefined, ['Hợp Châu'], undefined, [], placeTable);
    expect(withPlaces.restore('Hop Chau', { restore: 'always' }).text).toBe('Hợp Châu');
    // Lowercase, the same words are no name: the table decides.
    expect(withPlaces.restore('hop chau', { restore: 'always' }).text).toBe('hợp cháu');
  });

  it('gives a fixed syllable full confidence and no alternatives', () => {
    const result = restorer.restore('cho thi dua thu', { restore: 'always', termBonus: 0, alternatives: 3 });
    const thi = result.tokens.find((t) => t.input === 'thi')!;
    expect(thi.output).toBe('thi');
    expect(thi.confidence).toBe(1);
    expect(thi.alternatives ?? []).toEqual([]);
  });
});

describe('the committed table', () => {
  const path = join(dictionaryPath(), 'restore', 'certain-contexts.bin');

  it('is there and knows common administrative contexts', () => {
    expect(existsSync(path)).toBe(true);
    const table = CertainContexts.load(path);
    expect(table.size).toBeGreaterThan(350_000); // measured 379 316
    expect(lookupAt(table, 'to chuc thuc hien nhiem vu', 3)).toBe('hiện');
    expect(lookupAt(table, 'Uy ban nhan dan huyen', 2)).toBe('nhân');
  });

  it('decides most syllables of stripped administrative text before decoding, with the same result here', async () => {
    const restorer = await getDefaultRestorer();
    const text = 'Ke hoach to chuc thuc hien phong trao thi dua yeu nuoc nam 2025 cua Uy ban nhan dan huyen.';
    const fixed = restorer.restore(text, { alternatives: 3 });
    const decoded = restorer.restore(text, { alternatives: 3, certainContexts: false });
    expect(fixed.text).toBe('Kế hoạch tổ chức thực hiện phong trào thi đua yêu nước năm 2025 của Ủy ban nhân dân huyện.');
    expect(decoded.text).toBe(fixed.text);
    // A fixed syllable has one candidate: no alternatives. The decoder offers some for most.
    const withAlternatives = (r: typeof fixed): number => r.tokens.filter((t) => (t.alternatives ?? []).length > 0).length;
    expect(withAlternatives(decoded)).toBeGreaterThan(10);
    expect(withAlternatives(fixed)).toBeLessThan(withAlternatives(decoded) / 3);
  });
});

describe('whether the garble channel offers a reading', () => {
  it('answers as the full candidate list does, without building it', async () => {
    const { channel } = await getDefaultRestorer();
    // A fresh channel over the same model: no candidate list memoised yet.
    const { ChannelModel, loadLearnedTables } = await import('../../src/restore/channel.js');
    const fresh = new ChannelModel((await getDefaultRestorer()).lm, loadLookalikes(dictionaryPath()), loadLearnedTables(dictionaryPath()));
    const answers = new Set<boolean>();
    for (const token of ['thuc', 'X', 'ii', 'chtc', 'hi¢u', 'toxin', 'catheter', 'qqqq', 'Pinh', 'nudec', 'b', 'zzz', 'wxwxwx']) {
      const offers = fresh.offersGarbleReading(token);
      expect(offers, token).toBe(channel.candidates(token, 'garble').length > 0);
      answers.add(offers);
    }
    expect([...answers].sort()).toEqual([false, true]);
  });
});

describe('the committed table and unit words beside numbers', () => {
  it('leaves "Phuong 7" and "14 phuong" to the decoder, which reads Phường', async () => {
    const restorer = await getDefaultRestorer();
    const text = 'Sap nhap toan bo dien tich tu nhien va quy mo dan so cua Phuong 1, Phuong 2 va Phuong 7 thanh phuong moi. Tinh co 79 xa, 14 phuong va 03 dac khu.';
    const out = restorer.restore(text).text;
    // The table alone says "Phương 2", "Phương 7" in these contexts.
    expect(out).toContain('Phường 2 và Phường 7');
    expect(out).toContain('14 phường');
    expect(restorer.restore(text, { certainContexts: false }).text).toContain('Phường 2 và Phường 7');
  });
});

describe('a damaged table', () => {
  it('stops the restorer with DICTIONARY_MISSING and says how to rebuild it', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createRestorer } = await import('../../src/restore/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-certain-'));
    cpSync(join(dictionaryPath(), 'restore'), join(dir, 'restore'), { recursive: true });
    writeFileSync(join(dir, 'restore', 'certain-contexts.bin'), Buffer.from('damaged'));
    const lm = new CountTrigramLM(['thực hiện nhiệm vụ.']);
    let error: unknown;
    try { createRestorer(lm, dir); } catch (err) { error = err; }
    expect((error as { code?: string }).code).toBe('DICTIONARY_MISSING');
    expect(String((error as Error).message)).toMatch(/build:certain/);
  });
});
