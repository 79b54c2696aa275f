/**
 * A document's own places (src/restore/document-places.ts): the region a document is about,
 * found from its capitalised word pairs, and the stronger bonus for that region's names over
 * the national ones ("Tân Thạnh" in a Cà Mau resolution, "Tân Thành" in a Đồng Nai one).
 * A small hand-made gazetteer of two regions; a tiny count LM that prefers "tân thành".
 */
import { describe, expect, it } from 'vitest';
import { DocumentPlaces, Restorer, loadLookalikes, type RegionalPlace } from '../../src/restore/index.js';
import { REGION_MIN_EVIDENCE, splitFullName } from '../../src/restore/document-places.js';
import { foldKey, stripMarks } from '../../src/lang/fold.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { dictionaryPath } from '../../src/dictionaries.js';

/** 16 two-syllable commune names from two syllable lists (distinct pairs: evidence for the region). */
const communes = (firsts: string[], seconds: string[], region: string): RegionalPlace[] =>
  firsts.flatMap((a) => seconds.map((b) => ({ fullName: `xã ${a} ${b}`, region })));

const CA_MAU: RegionalPlace[] = [
  ...communes(['Khánh', 'Phong', 'Trần', 'Nguyễn'], ['Quới', 'Điền', 'Hưng', 'Lâm'], 'Cà Mau'),
  { fullName: 'xã Tân Thạnh', region: 'Cà Mau' },
  { fullName: 'tỉnh Cà Mau', region: 'Cà Mau' },
];
const DONG_NAI: RegionalPlace[] = [
  ...communes(['Long', 'Phước', 'Xuân', 'Bàu'], ['Hòa', 'Lộc', 'Trị', 'Cạn'], 'Đồng Nai'),
  { fullName: 'xã Tân Thành', region: 'Đồng Nai' },
  { fullName: 'xã Krông Búk', region: 'Đồng Nai' },
  { fullName: 'phường 7', region: 'Đồng Nai' },
  { fullName: 'xã Chà Tở', region: 'Đồng Nai' },
];
const PLACES = [...CA_MAU, ...DONG_NAI];

/** The skeleton pairs of adjacent syllables of the names, as a document naming them would have. */
const pairsOf = (places: RegionalPlace[]): string[] =>
  places.flatMap((p) => {
    const { name } = splitFullName(p.fullName);
    return name.slice(1).map((b, i) => `${foldKey(name[i])} ${foldKey(b)}`);
  });

/** A stripped resolution naming every commune of a region, then the sentence under test. */
const resolution = (places: RegionalPlace[], sentence: string): string =>
  `${places.filter((p) => p.fullName.startsWith('xã')).map((p) => stripMarks(p.fullName)).join(', ')}.\n${sentence}`;

const lm = new CountTrigramLM([
  ...Array.from({ length: 6 }, () => 'các xã tân thành. các phương án.'),
  'xã tân thạnh.', 'thạnh trị.', 'phường bình an.', 'phường mới.',
  ...Array.from({ length: 4 }, () => 'tổ quốc. tô màu. cha mẹ.'), 'tở ra.', 'tở ra.', 'chà là.', 'chà là.',
]);
const rules = loadLookalikes(dictionaryPath());
const opts = { restore: 'always' as const, certainContexts: false, documentModel: false };

function restorer(withRegions: boolean): Restorer {
  const r = new Restorer(lm, rules, undefined, PLACES.map((p) => p.fullName));
  if (withRegions) r.documentPlaces = new DocumentPlaces(PLACES, lm);
  return r;
}

describe('the regions a document is about', () => {
  const places = new DocumentPlaces(PLACES, lm);

  it('finds the region whose names the document pairs', () => {
    expect(places.regionsOf(pairsOf(CA_MAU))).toEqual(['Cà Mau']);
    expect(places.regionsOf(pairsOf(DONG_NAI))).toEqual(['Đồng Nai']);
  });

  it('keeps both regions of a document that names both', () => {
    expect(places.regionsOf([...pairsOf(CA_MAU), ...pairsOf(DONG_NAI)])).toEqual(['Cà Mau', 'Đồng Nai']);
  });

  it('finds none on little evidence or on pairs no region has', () => {
    const few = pairsOf(CA_MAU).slice(0, REGION_MIN_EVIDENCE - 2);
    expect(places.regionsOf(few)).toEqual([]);
    // Repeating a pair adds nothing: each distinct pair counts once.
    expect(places.regionsOf(Array.from({ length: 50 }, () => 'khanh quoi'))).toEqual([]);
    expect(places.regionsOf(['bo tai', 'tai chinh', 'chinh phu'])).toEqual([]);
  });

  it('offers a name syllable the LM has no reading for, from the regions\' names only', () => {
    expect(places.unknownSyllables.get('krong')?.map((s) => s.word)).toEqual(['krông']);
    const local = places.local(['Cà Mau']);
    expect(local?.syllables.has('krông')).toBe(false);
    expect(places.local(['Đồng Nai'])?.syllables.has('krông')).toBe(true);
  });
});

describe('the place-name bonus of the document\'s regions', () => {
  const sentence = 'Sap xep xa Tan Thanh thanh xa moi.';

  it('reads the national homonym as the LM prefers without regions', () => {
    const out = restorer(false).restore(resolution(CA_MAU, sentence), opts).text.split('\n')[1];
    expect(out).toContain('xã Tân Thành');
  });

  it('reads the name of the document\'s region', () => {
    const out = restorer(true).restore(resolution(CA_MAU, sentence), opts).text.split('\n')[1];
    expect(out).toContain('xã Tân Thạnh');
    const other = restorer(true).restore(resolution(DONG_NAI, sentence), opts).text.split('\n')[1];
    expect(other).toContain('xã Tân Thành');
  });

  it('gives the region\'s syllables the LM lacks ("Krong" → Krông) only where the region is known', () => {
    const line = 'Thanh lap xa Krong Buk.';
    expect(restorer(true).restore(resolution(DONG_NAI, line), opts).text.split('\n')[1]).toContain('Krông');
    expect(restorer(true).restore(resolution(CA_MAU, line), opts).text.split('\n')[1]).toContain('Krong');
  });

  it('offers the region\'s syllables beyond the candidate list\'s cut, for a name pair to pick', () => {
    const line = 'Thanh lap xa Cha To.';
    const narrow = { ...opts, maxCandidates: 2 };
    expect(restorer(false).restore(resolution(DONG_NAI, line), narrow).text.split('\n')[1]).not.toContain('Tở');
    expect(restorer(true).restore(resolution(DONG_NAI, line), narrow).text.split('\n')[1]).toContain('Chà Tở');
    // Without the pair the rare syllable does not win: "To quoc" stays Tổ quốc.
    expect(restorer(true).restore(resolution(DONG_NAI, 'To quoc.'), narrow).text.split('\n')[1]).toBe('Tổ quốc.');
  });

  it('reads the unit word of a numbered ward ("Phuong 7" → Phường 7)', () => {
    const plain = new Restorer(lm, rules).restore('cac Phuong 7 moi', opts).text;
    expect(plain).toContain('Phương 7');
    expect(restorer(false).restore('cac Phuong 7 moi', opts).text).toContain('Phường 7');
  });
});
