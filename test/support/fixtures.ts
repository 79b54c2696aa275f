/**
 * The seed documents and their annotations, read from one place: the seed texts are the
 * repository's fixtures/ folder (what `npm start` runs), the gold restorations and expected
 * fields are test/fixtures/gold and test/fixtures/expected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The repository's fixtures/ folder: the five seed texts, a scanned PDF, a text PDF, a page image. */
export const SEEDS_DIR = join(ROOT, 'fixtures');
/** test/fixtures: gold texts, expected fields, synthetic documents. */
export const TEST_FIXTURES = join(ROOT, 'test', 'fixtures');

export const CLEAN_SEED = '001_b5b6068bbf0ccc88';
export const GARBLED_SEEDS = ['000_ac02715de6c94a8a', '002_d898fe1205fab9b3', '003_36ab5c401d102818', '004_fc6b9e8615fb3e1b'];
export const SEED_IDS = [...GARBLED_SEEDS, CLEAN_SEED].sort();

export const readTestFixture = (...p: string[]): string => readFileSync(join(TEST_FIXTURES, ...p), 'utf8');
/** A seed as it was received (OCR output for the garbled ones). */
export const seedText = (id: string): string => readFileSync(join(SEEDS_DIR, `${id}.txt`), 'utf8');
/** The correct text of a seed: the gold restoration of a garbled seed, the clean seed 001 itself. */
export const goldText = (id: string): string => (id === CLEAN_SEED ? seedText(id) : readTestFixture('gold', `${id}.txt`));
/** The annotated fields of a seed (test/fixtures/expected, shape in its README). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const expectedFields = (id: string): any => JSON.parse(readTestFixture('expected', `${id}.json`));

/** Every diacritic and đ removed: unaccented typing, wrong-language OCR. */
export const stripMarks = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
