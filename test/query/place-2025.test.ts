import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/query/build-index.js';
import { placeAliases } from '../../src/query/place-aliases.js';
import { QueryIndex } from '../../src/query/query.js';
import { generateRecords } from '../../tools/lib/synthetic-archive.js';

/** Places of the records: old communes, the new commune they went into, an unrelated one. */
const PLACES = ['Đại Thắng', 'Liên Minh', 'Cổ Lễ', 'Trúc Bạch', 'Ba Đình'];
let dir: string;
let index: QueryIndex;
const byPlace = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vnplan-place-2025-'));
  const records = [...generateRecords(PLACES.length, 5)];
  for (const [i, rec] of records.entries()) {
    rec.fields.place.value = PLACES[i]!;
    byPlace.set(PLACES[i]!, rec.docId);
    await writeFile(join(dir, `${rec.docId}.txt`), rec.text);
    await writeFile(join(dir, `${rec.docId}.json`), JSON.stringify(rec));
  }
  await buildIndex(dir);
  index = await QueryIndex.load(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const found = async (place: string) => (await index.query({ limit: 0, place })).results.map((r) => r.docId).sort();
const docs = (...places: string[]) => places.map((p) => byPlace.get(p)!).sort();

describe('place filter across the 2025 reorganisation', () => {
  it('a new commune also finds the records of the communes merged into it', async () => {
    expect(await found('Liên Minh')).toEqual(docs('Đại Thắng', 'Liên Minh'));
    expect(await found('phuong Ba Dinh')).toEqual(docs('Trúc Bạch', 'Ba Đình'));
  });

  it('an old commune also finds the records of the commune it went into', async () => {
    expect(await found('dai thang, nam dinh')).toEqual(docs('Đại Thắng', 'Liên Minh'));
    expect(await found('Trúc Bạch')).toEqual(docs('Trúc Bạch', 'Ba Đình'));
  });

  it('a province after a comma narrows homonyms', () => {
    // Đại Thắng is a commune name in several provinces; in Nam Định it went into Liên Minh only.
    expect(placeAliases('Đại Thắng').length).toBeGreaterThan(2);
    expect(placeAliases('xã Đại Thắng, tỉnh Nam Định')).toEqual(['dai thang', 'lien minh']);
  });
});
