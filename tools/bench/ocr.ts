/**
 * OCR benchmark on the scanned fixture (fixtures/001_scan.pdf, 6 A4 pages of seed 001): the
 * same pages through each engine (tesseract.js and the system tesseract), resolution and
 * pre-filter, side by side in one run: CPU seconds per page (Tesseract + pre-filter; the PDF
 * rendering is done once beforehand and not counted), wall seconds, syllable accuracy and CER
 * against the exact text drawn on the pages (test/data/001_scan.lines.txt), scored with the
 * project's judge (../shared/tools/textmetrics.mjs).
 *   npx tsx tools/bench/ocr.ts [--engines tesseractjs,native] [--dpi auto,300,200] [--preprocess none,gray,median]
 *                              [--models 4.0.0_best_int,system] [--workers 1,2] [--pages N]
 * CPU is counted for every thread of this process (tesseract.js workers) plus finished child
 * processes (native tesseract, from /proc/self/stat), so it stays meaningful when other jobs
 * share the cores — wall time does not.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { recognizeImage, resolveEngine, terminateOcr } from '../../src/ocr/recognize.js';
import { DEFAULT_MODEL } from '../../src/ocr/model.js';
import { DEFAULT_PREPROCESS, OCR_PREPROCESS, type OcrPreprocess as Preprocess } from '../../src/ocr/preprocess.js';
import type { OcrEngine } from '../../src/ocr/settings.js';
import { BLANK_CHECK_DPI, inkStats } from '../../src/ocr/blank.js';
import { chooseOcrDpi } from '../../src/ocr/resolution.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project's judge: the shared copy when present (../shared in the main checkout), else the test copy. */
const METRICS = [resolve(ROOT, '../shared/tools/textmetrics.mjs'), resolve(ROOT, 'test/support/textmetrics.mjs')].find((p) => existsSync(p)) ?? '';

export interface BenchOcrOptions {
  engines?: Exclude<OcrEngine, 'auto'>[];
  /** Models per engine; default: tesseract.js DEFAULT_MODEL, native the installed one (or DEFAULT_MODEL). */
  models?: string[];
  /** Render resolutions; 'auto' = chosen per page as the OCR stage does (default). */
  dpis?: (number | 'auto')[];
  workers?: number[];
  preprocess?: Preprocess[];
  /** Limit the number of pages (for a quick run). */
  maxPages?: number;
  log?: (line: string) => void;
}

export interface BenchOcrRow {
  engine: string;
  model: string;
  /** A number, or 'auto 150–210' for per-page choice. */
  dpi: number | string;
  workers: number;
  preprocess: Preprocess;
  pages: number;
  /** Wall time to start the workers (model load) before the first page. */
  startSeconds: number;
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
  if (!METRICS) {
    log('(accuracy skipped: textmetrics.mjs not found)');
    return null;
  }
  const mod = (await import(pathToFileURL(METRICS).href)) as { score: Scorer };
  return mod.score;
}

/** CPU seconds of finished child processes (cutime + cstime of /proc/self/stat); 0 off Linux. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", fields start at state (3rd): cutime is the 16th, cstime the 17th. Ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6 + childCpuSeconds();
}

/** A small blank page: recognising it starts tesseract.js's workers before timing begins. */
async function warmUp(engine: OcrEngine, model: string, workers: number): Promise<void> {
  const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toBuffer();
  await Promise.all(Array.from({ length: workers }, () => recognizeImage(blank, { engine, model, workers })));
}

/**
 * The fixture's pages rendered at `dpi` (PNG), or with 'auto' each at the resolution the OCR
 * stage chooses from its text size (src/ocr/resolution.ts).
 */
async function renderPages(dpi: number | 'auto', maxPages?: number): Promise<{ image: Uint8Array; dpi: number }[]> {
  const ingested = await ingestPdf(new Uint8Array(await readFile(join(ROOT, 'fixtures/001_scan.pdf'))));
  try {
    const pages = ingested.pages.slice(0, maxPages ?? ingested.pages.length);
    const out: { image: Uint8Array; dpi: number }[] = [];
    for (const p of pages) {
      const chosen = dpi === 'auto' ? chooseOcrDpi((await inkStats((await p.render!(BLANK_CHECK_DPI)).data)).lineRows, BLANK_CHECK_DPI) : dpi;
      out.push({ image: (await p.render!(chosen)).data, dpi: chosen });
    }
    return out;
  } finally {
    await ingested.close();
  }
}

export async function benchOcr(opts: BenchOcrOptions = {}): Promise<BenchOcrResult> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const gold = (await readFile(join(ROOT, 'test/data/001_scan.lines.txt'), 'utf8')).replace(/\f/g, '');
  const scorer = await loadScorer(log);
  const goldText = opts.maxPages ? null : gold;
  const rows: BenchOcrRow[] = [];
  for (const dpi of opts.dpis ?? ['auto']) {
    const pages = await renderPages(dpi, opts.maxPages);
    const images = pages.map((p) => p.image);
    const dpiLabel = dpi === 'auto' ? `auto ${Math.min(...pages.map((p) => p.dpi))}-${Math.max(...pages.map((p) => p.dpi))}` : dpi;
    for (const engine of opts.engines ?? ['tesseractjs', 'native']) {
      if (engine === 'native' && !resolveEngineOrNull('native')) {
        log('(native engine skipped: the tesseract program is not installed)');
        continue;
      }
      for (const requested of opts.models ?? [undefined]) {
        let model: string;
        try {
          model = resolveEngine({ engine, ...(requested ? { model: requested } : {}) }).model;
        } catch (err) {
          log(`(${engine} ${requested} skipped: ${(err as Error).message})`);
          continue;
        }
        for (const preprocess of opts.preprocess ?? OCR_PREPROCESS) {
          for (const workers of opts.workers ?? [1]) {
            const start0 = performance.now();
            await warmUp(engine, model, workers);
            const startSeconds = (performance.now() - start0) / 1000;
            const t0 = performance.now();
            const cpu0 = cpuSeconds();
            const results = await Promise.all(pages.map((p) => recognizeImage(p.image, { engine, model, workers, preprocess, dpi: p.dpi })));
            const seconds = (performance.now() - t0) / 1000;
            const cpu = cpuSeconds() - cpu0;
            await terminateOcr();
            const hyp = results.map((r) => r.text).join('\n');
            const scored = scorer && goldText ? scorer(goldText, hyp) : null;
            const row: BenchOcrRow = {
              engine,
              model,
              dpi: dpiLabel,
              workers,
              preprocess,
              pages: images.length,
              startSeconds: round(startSeconds),
              secondsPerPage: round(seconds / images.length),
              cpuSecondsPerPage: round(cpu / images.length),
              pagesPerMinute: round((60 * images.length) / seconds),
              meanConfidence: round(results.reduce((s, r) => s + r.confidence, 0) / results.length),
              ...(scored ? { accuracy: round(scored.accuracy), cer: round(scored.cer) } : {}),
            };
            rows.push(row);
            log(JSON.stringify(row));
          }
        }
      }
    }
  }
  return {
    fixture: 'fixtures/001_scan.pdf',
    defaultModel: DEFAULT_MODEL,
    defaultPreprocess: DEFAULT_PREPROCESS,
    rows,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    scorer: scorer ? METRICS.slice(ROOT.length - ROOT.split('/').pop()!.length) : null,
  };
}

function resolveEngineOrNull(engine: OcrEngine): boolean {
  try {
    resolveEngine({ engine });
    return true;
  } catch {
    return false;
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function listArg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1].split(',') : undefined;
}

export function formatOcrRows(rows: BenchOcrRow[]): string[] {
  const lines = ['engine       model                    dpi  workers  pre-filter  s/page  cpu-s/page  pages/min  conf   accuracy  CER'];
  for (const r of rows) {
    lines.push(
      `${r.engine.padEnd(12)} ${r.model.padEnd(16)} ${String(r.dpi).padStart(11)}  ${String(r.workers).padStart(7)}  ${r.preprocess.padEnd(10)} ${r.secondsPerPage.toFixed(2).padStart(6)}  ${r.cpuSecondsPerPage.toFixed(2).padStart(10)}  ${r.pagesPerMinute.toFixed(1).padStart(9)}  ${r.meanConfidence.toFixed(1).padStart(5)}  ${r.accuracy?.toFixed(4) ?? '   n/a'}    ${r.cer?.toFixed(4) ?? 'n/a'}`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await benchOcr({
    engines: listArg('engines') as BenchOcrOptions['engines'],
    models: listArg('models'),
    dpis: listArg('dpi')?.map((d) => (d === 'auto' ? 'auto' : Number(d))),
    workers: listArg('workers')?.map(Number),
    preprocess: listArg('preprocess') as Preprocess[] | undefined,
    maxPages: listArg('pages')?.map(Number)[0],
  });
  console.log(JSON.stringify(result, null, 2));
  console.log(`\n${formatOcrRows(result.rows).join('\n')}`);
  console.log(`peak RSS ${result.peakRssMB} MB`);
}
