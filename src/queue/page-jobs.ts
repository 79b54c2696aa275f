/**
 * Large scans over many workers. The worker that takes a document job reads the document's
 * page list (a PDF's text layers, an image's frame count: no page is drawn or decoded); when
 * more than `splitPages` pages need OCR it adds one child job per page range to the queue (a
 * BullMQ flow: the document job is their parent and waits in waiting-children). Each child
 * reads its own pages only (ingest + OCR of its range: the other pages' text layers and
 * frames are not read) and stores the recognised pages as a part file on the shared output
 * disk, <out>/.vnplan/parts/<docId>/<from>-<to>.json, keyed by the document's sha256, the
 * pipeline version and the OCR options so a stale part is never used. When every child has
 * finished, the document job runs again and writes the record from the pipeline with those
 * pages already recognised (the OCR stage takes them as they are), then removes the parts.
 *
 * The decision is made by the worker, not by `vnplan run`: whether pages need OCR is known
 * only after ingest (a PDF's text layer is judged per page), and ingest of every large input
 * on the one machine that enqueues would make it the bottleneck.
 */
import { hostname } from 'node:os';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pipeline } from '../../pipelines/index.js';
import type { PageRange, RecognisedPage, RecognisedPages, StageContext } from '../document.js';
import { inputReadError, outputWriteError } from '../errors.js';
import { detectType } from '../ingest/detect.js';
import { checkFileSize, checkPageCount, limitsOf } from '../ingest/limits.js';
import { inPageRange } from '../ocr/page-selection.js';
import { writeFileAtomic } from '../output/write.js';
import { recordIsCurrent } from '../runner/document-job.js';
import { runPipeline, sha256 } from '../runner/process.js';
import type { JobPipelineOptions, PageRangeJobData, PageRangeJobResult } from './jobs.js';

/**
 * Default of `vnplan run --queue --split-pages`: a document with more pages to OCR than this
 * is split into page-range jobs of at most this many pages (near-equal sizes). Each child
 * pays a fixed cost — opening the document again and reading its own pages' text layers
 * (0.3–0.7 s for a range of a 12.5 MB 200-page scanned PDF; pdf.js's load is most of it), a
 * few Redis commands and a part file — which is under ~5 % of 8 pages of OCR (~1–1.7 CPU s a
 * page, native engine); smaller ranges would spread a scan over more workers but pay that cost
 * more often, larger ones leave workers idle at the end of a run (a 200-page scan makes 25
 * jobs: enough for 25 worker slots). docs/scaling.md, "Large documents".
 */
export const SPLIT_PAGES = 8;

/** The folder of a document's part files, under the output folder's hidden .vnplan folder. */
export function partsDir(outDir: string, docId: string): string {
  return join(outDir, '.vnplan', 'parts', docId);
}

export function partPath(outDir: string, docId: string, range: PageRange): string {
  return join(partsDir(outDir, docId), `${range.from}-${range.to}.json`);
}

/** What a part must match to be used: this content of the document, this pipeline version, these OCR options. */
interface PartKey {
  sha256: string;
  pipelineVersion: string;
  ocr: { engine: string | null; languages: string | null; model: string | null };
}

interface PartFile extends PartKey {
  range: PageRange;
  worker: string;
  pages: RecognisedPage[];
}

function partKey(sha: string, pipelineVersion: string, options: JobPipelineOptions): PartKey {
  return { sha256: sha, pipelineVersion, ocr: { engine: options.ocrEngine ?? null, languages: options.ocrLanguages ?? null, model: options.ocrModel ?? null } };
}

function sameKey(a: PartKey, b: PartKey): boolean {
  return a.sha256 === b.sha256 && a.pipelineVersion === b.pipelineVersion && a.ocr.engine === b.ocr.engine && a.ocr.languages === b.ocr.languages && a.ocr.model === b.ocr.model;
}

async function readPart(path: string): Promise<PartFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PartFile;
  } catch {
    return undefined;
  }
}

/** This worker process, as page-range results name it. */
export function workerName(): string {
  return `${hostname()}#${process.pid}`;
}

/**
 * Consecutive ranges over the pages to OCR, each of at most `pagesPerPart` of them, of
 * near-equal sizes (17 pages by 8 → 6, 6, 5); none when the pages fit in one.
 */
export function planRanges(ocrPages: number[], pagesPerPart: number): PageRange[] {
  const n = ocrPages.length;
  if (!Number.isInteger(pagesPerPart) || pagesPerPart < 1 || n <= pagesPerPart) return [];
  const parts = Math.ceil(n / pagesPerPart);
  const ranges: PageRange[] = [];
  let start = 0;
  for (let k = 0; k < parts; k++) {
    const size = Math.floor(n / parts) + (k < n % parts ? 1 : 0);
    ranges.push({ from: ocrPages[start]!, to: ocrPages[start + size - 1]! });
    start += size;
  }
  return ranges;
}

/** The pipeline's stages up to and including OCR; undefined when it has no OCR stage (never split). */
function stagesThroughOcr(pipeline: Pipeline): Pipeline | undefined {
  const ocr = pipeline.stages.findIndex((s) => s.name === 'ocr');
  return ocr < 0 ? undefined : { ...pipeline, stages: pipeline.stages.slice(0, ocr + 1) };
}

/**
 * The page ranges to split a document into, and its number of pages to OCR; undefined when it
 * is not worth splitting or cannot be read (the whole-document job then reports why, with its code).
 */
export async function planSplit(d: { path: string; relPath: string; options: JobPipelineOptions }, pipeline: Pipeline, pagesPerPart: number): Promise<{ ranges: PageRange[]; ocrPages: number } | undefined> {
  const ingest = pipeline.stages.find((s) => s.name === 'ingest');
  if (!ingest || !stagesThroughOcr(pipeline)) return undefined;
  try {
    await checkFileSize(d.path, limitsOf(d.options));
    const bytes = new Uint8Array(await readFile(d.path));
    const type = detectType(bytes);
    let ocrPages: number[];
    if (type === 'text') return undefined;
    if (type === 'pdf') {
      // A PDF with no more pages than a range is never split: no need to read its text layers.
      const { openPdfPages } = await import('../ingest/pdf.js');
      const pdf = await openPdfPages(bytes);
      const pageCount = pdf.numPages;
      await pdf.close();
      if (pageCount <= pagesPerPart) return undefined;
      // Ingest judges each page's text layer; pages to OCR are rendered only later, so nothing is drawn here.
      const doc = await runPipeline({ ...pipeline, stages: [ingest] }, { bytes, relPath: d.relPath, path: d.path }, d.options);
      ocrPages = doc.pages.filter((p) => p.origin === 'ocr').map((p) => p.number);
    } else {
      // Every frame of an image is a page to OCR; the frame count is in the header (nothing decoded).
      const { default: sharp } = await import('sharp');
      const frames = (await sharp(bytes).metadata()).pages ?? 1;
      checkPageCount(frames, limitsOf(d.options));
      ocrPages = Array.from({ length: frames }, (_, k) => k + 1);
    }
    const ranges = planRanges(ocrPages, pagesPerPart);
    return ranges.length > 1 ? { ranges, ocrPages: ocrPages.length } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A page-range job: OCR of its pages, stored as a part file. Skipped when its part is already
 * there, or when the document's record is already current (the document was joined: a
 * redelivered child). Throws VnplanError like a document does (the worker decides on retries).
 */
export async function readPageRange(
  d: PageRangeJobData,
  pipeline: Pipeline,
  extra: { ocrWorkers?: number; onProgress?: StageContext['onProgress'] } = {},
): Promise<PageRangeJobResult> {
  const started = performance.now();
  const result = (status: PageRangeJobResult['status'], pages: number[]): PageRangeJobResult => ({
    docId: d.docId,
    range: d.range,
    pages,
    worker: workerName(),
    status,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  });
  await checkFileSize(d.path, limitsOf(d.options));
  const bytes = new Uint8Array(
    await readFile(d.path).catch((err: unknown) => {
      throw inputReadError(err, d.path);
    }),
  );
  const key = partKey(sha256(bytes), d.pipelineVersion, d.options);
  const path = partPath(d.outDir, d.docId, d.range);
  const existing = await readPart(path);
  // With --force, only a part written by this run counts (an older one is what --force redoes).
  const fresh = !d.force || (d.forcedSince !== undefined && ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0) >= d.forcedSince);
  if (existing && sameKey(existing, key) && fresh) return result('skipped', existing.pages.map((p) => p.number));
  if (await recordIsCurrent({ path: d.path, relPath: d.relPath }, d.docId, d.outDir, pipeline, d.force, d.forcedSince)) return result('skipped', []);
  const throughOcr = stagesThroughOcr(pipeline);
  if (!throughOcr) return result('skipped', []);
  const doc = await runPipeline(throughOcr, { bytes, relPath: d.relPath, path: d.path }, {
    ...d.options,
    pageRange: d.range,
    ...(extra.ocrWorkers ? { ocrWorkers: extra.ocrWorkers } : {}),
    ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
  });
  const pages = doc.pages.filter((p): p is RecognisedPage => p.origin === 'ocr' && p.ocr !== undefined && inPageRange({ pageRange: d.range }, p.number));
  const part: PartFile = { ...key, range: d.range, worker: workerName(), pages };
  const dir = partsDir(d.outDir, d.docId);
  await mkdir(dir, { recursive: true }).catch((err: unknown) => {
    throw outputWriteError(err, dir, d.outDir);
  });
  await writeFileAtomic(path, JSON.stringify(part));
  return result('ok', pages.map((p) => p.number));
}

/**
 * The pages recognised by a split document's children, for the joining job; `missing` lists
 * the ranges without a usable part (deleted, or from another version of the document): the
 * OCR stage then reads those pages itself, so the record is right in any case.
 */
export async function loadParts(
  d: { outDir: string; docId: string; path: string; pipelineVersion: string; options: JobPipelineOptions },
  ranges: PageRange[],
): Promise<{ recognised: RecognisedPages; missing: PageRange[] }> {
  const sha = sha256(
    new Uint8Array(
      await readFile(d.path).catch((err: unknown) => {
        throw inputReadError(err, d.path);
      }),
    ),
  );
  const key = partKey(sha, d.pipelineVersion, d.options);
  const pages: RecognisedPage[] = [];
  const missing: PageRange[] = [];
  for (const range of ranges) {
    const part = await readPart(partPath(d.outDir, d.docId, range));
    if (part && sameKey(part, key)) pages.push(...part.pages);
    else missing.push(range);
  }
  return { recognised: { sha256: sha, pages }, missing };
}

/** Removes a document's part files (after its record is written, or when it failed). */
export async function removeParts(outDir: string, docId: string): Promise<void> {
  await rm(partsDir(outDir, docId), { recursive: true, force: true });
}
