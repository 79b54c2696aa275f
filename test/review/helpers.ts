/** A small run output folder for the review tests: a stripped text plan, a text-layer PDF and a failed input. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFolder } from '../../src/runner/run-folder.js';
import { docIdFor } from '../../src/output/docid.js';
import { FIXTURES, tempDir } from '../e2e/helpers.js';

/** Marks and đ removed (lengths kept): the restorer then has choices to be unsure of. */
export function strip(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export interface ReviewFolder { inDir: string; outDir: string; planId: string; pdfId: string; emptyId: string; planText: string }

/**
 * A commune-merger resolution (dense with place names) from the dev-docs sample: the restorer
 * is sure of nearly every word of the seed, so these lines give it words to be unsure of.
 */
const UNSURE_LINES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dev-docs', 'dv29_1655-nq-ubtvqh15.txt');

/**
 * The stripped clean seed (first 60 lines) followed by 30 stripped lines of a merger resolution,
 * the text-layer PDF seed and an empty file, run through the default pipeline.
 */
export async function makeReviewFolder(): Promise<ReviewFolder> {
  const inDir = tempDir('review-in');
  const outDir = tempDir('review-out');
  const seed = readFileSync(join(FIXTURES, '001_b5b6068bbf0ccc88.txt'), 'utf8').split('\n').slice(0, 60);
  const unsure = readFileSync(UNSURE_LINES, 'utf8').split('\n').slice(10, 40);
  const planText = strip([...seed, ...unsure].join('\n'));
  writeFileSync(join(inDir, 'plan.txt'), planText);
  copyFileSync(join(FIXTURES, '001_text.pdf'), join(inDir, 'scan.pdf'));
  writeFileSync(join(inDir, 'empty.txt'), '');
  await runFolder(inDir, { out: outDir, concurrency: 1 });
  return { inDir, outDir, planText, planId: docIdFor('plan.txt'), pdfId: docIdFor('scan.pdf'), emptyId: docIdFor('empty.txt') };
}

export async function rerun(folder: ReviewFolder): Promise<void> {
  await runFolder(folder.inDir, { out: folder.outDir, concurrency: 1, force: true });
}
