/**
 * OCR benchmark on the scanned fixture (fixtures/001_scan.pdf, 300 dpi A4 pages of seed 001):
 * for each model variant, seconds per page and pages/minute with 1 and 2 workers, syllable
 * accuracy and CER against the exact text drawn on the pages (test/data/001_scan.lines.txt),
 * scored with the project's judge (../shared/tools/textmetrics.mjs), and peak RSS.
 *   npx tsx tools/bench/ocr.ts [--models 4.0.0,4.0.0_best_int] [--workers 1,2] [--preprocess none,median] [--pages N]
 * Preprocessing time is included in the OCR time (it runs inside recognizeImage).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { recognizeImage, terminateOcr } from '../../src/ocr/pool.js';
import { MODEL_VARIANTS, DEFAULT_MODEL } from '../../src/ocr/model.js';
import { DEFAULT_PREPROCESS, OCR_PREPROCESS, type OcrPreprocess as Preprocess } from '../../src/ocr/preprocess.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const METRICS = resolve(ROOT, '../shared/tools/textmetrics.mjs');


export interface BenchOcrOptions {
  models?: string[];
  workers?: number[];
  preprocess?: Preprocess[];
  /** Limit the number of pages (for a quick run). */
  maxPages?: number;
  log?: (line: string) => void;
}

export interface BenchOcrRow {
  model: string;
  workers: number;
  preprocess: Preprocess;
  pages: number;
  /** Wall time to start the workers (model load) before the first page. */
  startSeconds: number;
  /** Process RSS (worker threads included) once the workers are up. */
  rssAfterStartMB: number;
  secondsPerPage: number;
  cpuSecondsPerPage: number;
  pagesPerMinute: number;
  meanConfidence: number;
  accuracy?: number;
  cer?: number;
}

export interface BenchOcrResult {
  fixture: string;
  defaultModel: string;
  defaultPreprocess: string;
  rows: BenchOcrRow[];
  peakRssMB: number;
  scorer: string | null;
}

type Scorer = (gold: string, hyp: string) => { accuracy: number; cer: number };

async function loadScorer(log: (s: string) => void): Promise<Scorer | null> {
  if (!existsSync(METRICS)) {
    log(`(accuracy skipped: ${METRICS} not found — ../shared is absent)`);
    return null;
  }
  const mod = (await import(pathToFileURL(METRICS).href)) as { score: Scorer };
  return mod.score;
}

/** A small blank page: recognising it starts the pool's workers before timing begins. */
async function warmUp(model: string, workers: number): Promise<void> {
  const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toBuffer();
  await Promise.all(Array.from({ length: workers }, () => recognizeImage(blank, { model, workers })));
}

export async function benchOcr(opts: BenchOcrOptions = {}): Promise<BenchOcrResult> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const fixture = join(ROOT, 'fixtures/001_scan.pdf');
  const gold = (await readFile(join(ROOT, 'test/data/001_scan.lines.txt'), 'utf8')).replace(/\f/g, '');
  const scorer = await loadScorer(log);
  const { pages } = await ingestPdf(new Uint8Array(await readFile(fixture)));
  const images = pages.slice(0, opts.maxPages ?? pages.length).map((p) => p.image as Uint8Array);
  const goldText = opts.maxPages ? null : gold;
  const rows: BenchOcrRow[] = [];
  for (const model of opts.models ?? [...MODEL_VARIANTS]) {
    for (const preprocess of opts.preprocess ?? OCR_PREPROCESS) {
      for (const workers of opts.workers ?? [1, 2]) {
        const start0 = performance.now();
        await warmUp(model, workers);
        const startSeconds = (performance.now() - start0) / 1000;
        const rssAfterStartMB = Math.round(process.memoryUsage().rss / 2 ** 20);
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const results = await Promise.all(images.map((img) => recognizeImage(img, { model, workers, preprocess })));
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        // CPU time of all threads (workers included): robust when other jobs share the cores.
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        await terminateOcr();
        const hyp = results.map((r) => r.text).join('\n');
        const scored = scorer && goldText ? scorer(goldText, hyp) : null;
        const row: BenchOcrRow = {
          model,
          workers,
          preprocess,
          pages: images.length,
          startSeconds: round(startSeconds),
          rssAfterStartMB,
          secondsPerPage: round(seconds / images.length),
          cpuSecondsPerPage: round(cpuSeconds / images.length),
          pagesPerMinute: round((60 * images.length) / seconds),
          meanConfidence: round(results.reduce((s, r) => s + r.confidence, 0) / results.length),
          ...(scored ? { accuracy: scored.accuracy, cer: scored.cer } : {}),
        };
        rows.push(row);
        log(JSON.stringify(row));
      }
    }
  }
  return {
    fixture: 'fixtures/001_scan.pdf',
    defaultModel: DEFAULT_MODEL,
    defaultPreprocess: DEFAULT_PREPROCESS,
    rows,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    scorer: scorer ? '../shared/tools/textmetrics.mjs' : null,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function listArg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1].split(',') : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await benchOcr({
    models: listArg('models'),
    workers: listArg('workers')?.map(Number),
    preprocess: listArg('preprocess') as Preprocess[] | undefined,
    maxPages: listArg('pages')?.map(Number)[0],
  });
  console.log(JSON.stringify(result, null, 2));
  console.log('\nmodel            workers  preprocess  s/page  cpu-s/page  pages/min  conf   accuracy  CER');
  for (const r of result.rows) {
    console.log(
      `${r.model.padEnd(16)} ${String(r.workers).padStart(7)}  ${r.preprocess.padEnd(10)} ${r.secondsPerPage.toFixed(2).padStart(6)}  ${r.cpuSecondsPerPage.toFixed(2).padStart(10)}  ${r.pagesPerMinute.toFixed(1).padStart(9)}  ${r.meanConfidence.toFixed(1).padStart(5)}  ${r.accuracy?.toFixed(4) ?? '   n/a'}    ${r.cer?.toFixed(4) ?? 'n/a'}`,
    );
  }
  console.log(`peak RSS ${result.peakRssMB} MB (default model ${result.defaultModel})`);
}
