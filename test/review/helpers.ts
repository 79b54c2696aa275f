/** A small run output folder for the review tests: a stripped text plan, a text-layer PDF and a failed input. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFolder } from '../../src/runner/run-folder.js';
import { docIdFor } from '../../src/output/docid.js';
import { FIXTURES, tempDir } from '../e2e/helpers.js';

/** Marks and đ removed (lengths kept): the restorer then has choices to be unsure of. */
export function strip(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export interface ReviewFolder { inDir: string; outDir: string; planId: string; pdfId: string; emptyId: string; planText: string }

/** The stripped clean seed (first 60 lines), the text-layer PDF seed and an empty file, run through the default pipeline. */
export async function makeReviewFolder(): Promise<ReviewFolder> {
  const inDir = tempDir('review-in');
  const outDir = tempDir('review-out');
  const planText = strip(readFileSync(join(FIXTURES, '001_b5b6068bbf0ccc88.txt'), 'utf8').split('\n').slice(0, 60).join('\n'));
  writeFileSync(join(inDir, 'plan.txt'), planText);
  copyFileSync(join(FIXTURES, '001_text.pdf'), join(inDir, 'scan.pdf'));
  writeFileSync(join(inDir, 'empty.txt'), '');
  await runFolder(inDir, { out: outDir, concurrency: 1 });
  return { inDir, outDir, planText, planId: docIdFor('plan.txt'), pdfId: docIdFor('scan.pdf'), emptyId: docIdFor('empty.txt') };
}

export async function rerun(folder: ReviewFolder): Promise<void> {
  await runFolder(folder.inDir, { out: folder.outDir, concurrency: 1, force: true });
}
