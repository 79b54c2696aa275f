/**
 * `npm run bench`: every figure the README quotes, in one run.
 *   1. OCR CPU seconds per page on fixtures/001_scan.pdf, tesseract.js and native side by side
 *      on the same pages, at the per-page resolution and at 300 dpi (default pre-filter, 1 and 2
 *      workers, accuracy against the drawn text) — the full engine × resolution × pre-filter
 *      matrix is `npm run bench:ocr`;
 *   2. `vnplan run` over fixtures/ with 1 and 2 workers (documents in flight = OCR workers = N),
 *      each in a fresh output folder: pages/minute and peak RSS of the whole CLI process
 *      (from /usr/bin/time -v; null where that tool is not installed);
 *   3. query latency over a generated archive (tools/bench/query.ts, issue 5);
 *   4. legacy-encoding detection and round trip (tools/bench/encoding.ts, issue 6);
 *   5. distributed runs (tools/bench/queue.ts): pages/minute with 1 and 2 `vnplan worker`s on a
 *      local redis-server, Redis load per job (skipped when redis-server is not installed).
 *
 *   npm run bench [-- --quick] [--input fixtures] [--workers 1,2] [--skip ocr,run,query,encoding,queue]
 * --quick: 1 worker, OCR on one page, 2 000 query records: a smoke run of every part.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../../src/runner/report.js';
import { DEFAULT_MODEL } from '../../src/ocr/model.js';
import { DEFAULT_PREPROCESS } from '../../src/ocr/preprocess.js';
import { benchOcr, type BenchOcrResult } from './ocr.js';
import { benchQuery, type QueryBenchResult } from './query.js';
import { benchEncoding, formatEncodingBench, type EncodingBenchResult } from './encoding.js';
import { benchQueue, type QueueBenchResult } from './queue.js';
import { REDIS_MISSING } from '../../test/support/redis.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIME = '/usr/bin/time';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export interface RunBenchRow {
  workers: number;
  documents: number;
  ok: number;
  failed: number;
  pages: number;
  wallSeconds: number;
  pagesPerMinute: number;
  peakRssMB: number | null;
}

function runOnce(input: string, workers: number): Promise<RunBenchRow> {
  const out = mkdtempSync(join(tmpdir(), 'vnplan-bench-'));
  const cli = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli.ts'), 'run', input, '--out', out, '--force', '--concurrency', String(workers), '--ocr-workers', String(workers)];
  const useTime = existsSync(TIME);
  const [cmd, ...args] = useTime ? [TIME, '-v', ...cli] : cli;
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0 && code !== 1) return reject(new Error(`vnplan run exited ${code}:\n${stderr.slice(-2000)}`));
      const report = JSON.parse(readFileSync(join(out, 'run-report.json'), 'utf8')) as RunReport;
      rmSync(out, { recursive: true, force: true });
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolvePromise({
        workers,
        documents: report.totals.documents,
        ok: report.totals.ok,
        failed: report.totals.failed,
        pages: report.totals.pages,
        wallSeconds: Number(wallSeconds.toFixed(2)),
        pagesPerMinute: Number(((report.totals.pages / wallSeconds) * 60).toFixed(1)),
        peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null,
      });
    });
  });
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const quick = process.argv.includes('--quick');
  const input = resolve(arg('input') ?? join(ROOT, 'fixtures'));
  const workers = (arg('workers') ?? (quick ? '1' : '1,2')).split(',').map(Number);
  const skip = new Set((arg('skip') ?? '').split(',').filter(Boolean));
  const result: { quick: boolean; ocr?: BenchOcrResult; run?: RunBenchRow[]; query?: QueryBenchResult; encoding?: EncodingBenchResult; queue?: QueueBenchResult; totalSeconds?: number } = { quick };

  if (!skip.has('ocr')) {
    log(`bench 1/5: OCR of fixtures/001_scan.pdf (tesseract.js ${DEFAULT_MODEL} and native, preprocess ${DEFAULT_PREPROCESS}, workers ${workers.join(',')})…`);
    result.ocr = await benchOcr({ engines: ['tesseractjs', 'native'], dpis: quick ? ['auto'] : ['auto', 300], preprocess: [DEFAULT_PREPROCESS], workers, ...(quick ? { maxPages: 1 } : {}), log });
  }
  if (!skip.has('run')) {
    result.run = [];
    for (const w of workers) {
      log(`bench 2/5: vnplan run ${input} with ${w} worker(s)…`);
      result.run.push(await runOnce(input, w));
    }
  }
  if (!skip.has('query')) {
    log('bench 3/5: query latency (tools/bench/query.ts)…');
    result.query = await benchQuery({ ...(quick ? { documents: 2000, repeats: 5 } : {}), log });
  }
  if (!skip.has('encoding')) {
    log('bench 4/5: legacy encodings (tools/bench/encoding.ts)…');
    result.encoding = benchEncoding();
  }
  if (!skip.has('queue')) {
    if (REDIS_MISSING) log(`bench 5/5: skipped (${REDIS_MISSING})`);
    else {
      log('bench 5/5: distributed runs, 1 and 2 workers (tools/bench/queue.ts)…');
      result.queue = await benchQueue({ workers: quick ? [1] : [1, 2], pages: quick ? 2 : 8, log });
    }
  }
  result.totalSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

  console.log(JSON.stringify(result, null, 2));
  if (result.ocr) {
    console.log(`\nOCR, ${result.ocr.fixture} (${result.ocr.defaultModel}, ${result.ocr.defaultPreprocess}; accuracy by ${result.ocr.scorer ?? 'n/a'})`);
    console.table(result.ocr.rows.map((r) => ({ engine: r.engine, model: r.model, dpi: r.dpi, workers: r.workers, pages: r.pages, 's/page': r.secondsPerPage, 'cpu-s/page': r.cpuSecondsPerPage, 'pages/min': r.pagesPerMinute, startSeconds: r.startSeconds, accuracy: r.accuracy ?? null, cer: r.cer ?? null })));
    console.log(`OCR process peak RSS ${result.ocr.peakRssMB} MB`);
  }
  if (result.run) {
    console.log(`\nvnplan run ${input} (wall time includes process start and model loading)`);
    console.table(result.run);
  }
  if (result.query) {
    const q = result.query;
    console.log(`\nquery over ${q.documents} records: index build ${(q.buildMs / 1000).toFixed(1)} s, cold load ${q.coldLoadMs.toFixed(0)} ms; target p95 ≤ ${q.targetMs} ms ${q.pass ? 'met' : 'NOT met'}`);
    console.table(q.queries.map((t) => ({ query: t.name, hits: t.hits, 'median ms': Number(t.medianMs.toFixed(1)), 'p95 ms': Number(t.p95Ms.toFixed(1)) })));
  }
  if (result.queue) {
    console.log(`\ndistributed run, ${result.queue.rows[0]?.pages ?? 0} scanned pages (${result.queue.fixture}), pipeline ${result.queue.pipeline}; workers --concurrency 1 --ocr-workers 1`);
    console.table(result.queue.rows);
    if (result.queue.speedup !== null) console.log(`speed-up with ${result.queue.rows.at(-1)!.workers} workers: ${result.queue.speedup}×`);
  }
  if (result.encoding) console.log(`\nlegacy encodings\n${formatEncodingBench(result.encoding)}`);
  console.log(`\nbench total ${result.totalSeconds} s${quick ? ' (--quick)' : ''}`);
}

await main();
