import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyDoc, type VDoc } from '../../src/document.js';
import { normalizeStage } from '../../src/stages/normalize.js';
import { segmentStage } from '../../src/stages/segment.js';
import { extractStage } from '../../src/stages/extract.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const SEED_IDS = ['000_ac02715de6c94a8a', '001_b5b6068bbf0ccc88', '002_d898fe1205fab9b3', '003_36ab5c401d102818', '004_fc6b9e8615fb3e1b'];

export const readFixture = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
/** The correct text of a seed: the gold restoration, or the clean seed 001 itself. */
export function goldText(id: string): string {
  try {
    return readFixture('gold', `${id}.txt`);
  } catch {
    return readFixture('seeds', `${id}.txt`);
  }
}
export const expected = (id: string) => JSON.parse(readFixture('expected', `${id}.json`));

/** Runs a text the way the pipeline does: one text page → normalize → segment → extract. */
export function runText(text: string, normalize = true): VDoc {
  const ctx = { options: {} };
  let doc: VDoc = { ...emptyDoc({ path: 't.txt', relPath: 't.txt', sha256: '0'.repeat(64), bytes: text.length, kind: 'text' }), pages: [{ number: 1, origin: 'text', text }] };
  doc = normalize ? (normalizeStage.run(doc, ctx) as VDoc) : { ...doc, text };
  doc = segmentStage.run(doc, ctx) as VDoc;
  return extractStage.run(doc, ctx) as VDoc;
}
