/**
 * Which pages of a document the OCR stage reads in this pipeline run. A page-range job of a
 * queued run (src/queue/page-jobs.ts) reads only its range; the job that joins them gets the
 * recognised pages and reads none of those again. Ingest asks the same question so that it
 * does not decode image frames nobody will look at.
 */
import type { PipelineOptions, RecognisedPage } from '../document.js';

/** The pages recognised elsewhere for this version of the document (none when the content changed since). */
export function recognisedPagesFor(options: PipelineOptions, sha256: string): Map<number, RecognisedPage> {
  const given = options.recognisedPages;
  if (!given || given.sha256 !== sha256) return new Map();
  return new Map(given.pages.map((p) => [p.number, p]));
}

/** Whether page `n` falls inside the run's page range (every page when none is set). */
export function inPageRange(options: PipelineOptions, n: number): boolean {
  const range = options.pageRange;
  return !range || (n >= range.from && n <= range.to);
}

/** Whether the OCR stage may need page `n`'s image: inside the range and not recognised already. */
export function pageImageWanted(options: PipelineOptions, sha256: string, n: number): boolean {
  if (!inPageRange(options, n)) return false;
  const given = options.recognisedPages;
  return !given || given.sha256 !== sha256 || !given.pages.some((p) => p.number === n);
}
