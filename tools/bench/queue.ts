/**
 * Distributed-run benchmark: one redis-server (started here on a free port), N `vnplan worker`
 * processes (each --concurrency 1 --ocr-workers 1: one page at a time, the per-worker unit of
 * docs/scaling.md), and `vnplan run --queue` over copies of the scanned page
 * fixtures/001_page2.png. For each N: pages/minute of the whole run (workers already started),
 * and Redis load per job (commands, network bytes, from INFO before and after).
 *   npx tsx tools/bench/queue.ts [--workers 1,2] [--pages 8] [--pipeline default]
 * With --split: one long image-only scan instead (--pages pages of fixtures/001_scan.pdf
 * repeated, default 200), split into page-range jobs of --split-pages pages (default
 * SPLIT_PAGES): wall time and the pages each worker read.
 *   npx tsx tools/bench/queue.ts --split [--pages 200] [--split-pages 8] [--workers 1,2]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunReport } from '../../src/runner/report.js';
import { SPLIT_PAGES } from '../../src/queue/page-jobs.js';
import { startRedis } from '../../test/support/redis.js';
import { onJsonLines } from '../../test/support/worker.js';
import { longScanPdf, SCAN_FIXTURE } from '../../test/support/scan.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface QueueBenchRow {
  workers: number;
  pages: number;
  wallSeconds: number;
  pagesPerMinute: number;
  /** Redis commands per document job (enqueue, take, lock renewals, progress, finish, the run's reads). */
  redisCommandsPerJob: number;
  redisBytesPerJob: number;
  /** Redis memory per finished job kept for KEEP_FINISHED_SECONDS. */
  redisMemoryBytesPerJob: number;
  /** --split: page-range jobs of the scan, and the pages each worker process read (by pid). */
  parts?: number;
  pagesPerWorker?: number[];
}

export interface QueueBenchResult {
  fixture: string;
  pipeline: string;
  rows: QueueBenchRow[];
  /** pages/min with the most workers over pages/min with one. */
  speedup: number | null;
}

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

function redisInfo(url: string): { calls: number; bytes: number; memory: number } {
  const info = spawnSync('redis-cli', ['-u', url, 'info', 'all'], { encoding: 'utf8' }).stdout;
  let calls = 0;
  for (const m of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) calls += Number(m[1]);
  const num = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { calls, bytes: num('total_net_input_bytes') + num('total_net_output_bytes'), memory: num('used_memory') };
}

/** Worker processes with their JSON log events (stderr). */
async function startWorkers(url: string, n: number): Promise<ChildProcess[] & { events: Record<string, unknown>[][] }> {
  const workers = Array.from({ length: n }, () => cli(['worker', '--queue', url, '--concurrency', '1', '--ocr-workers', '1']));
  const events = workers.map((w) => {
    const log: Record<string, unknown>[] = [];
    onJsonLines(w.stderr!, (e) => log.push(e));
    return log;
  });
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((res, rej) => {
          let err = '';
          w.stderr!.on('data', (d: Buffer) => {
            err += d.toString();
            if (err.includes('"event":"ready"')) res();
          });
          w.on('exit', (code) => rej(new Error(`worker exited ${code}: ${err}`)));
        }),
    ),
  );
  return Object.assign(workers, { events });
}

export async function benchQueue(
  opts: { workers?: number[]; pages?: number; pipeline?: string; split?: boolean; splitPages?: number; log?: (s: string) => void } = {},
): Promise<QueueBenchResult> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const pages = opts.pages ?? (opts.split ? 200 : 8);
  const pipeline = opts.pipeline ?? 'default';
  const tmp = mkdtempSync(join(tmpdir(), 'vnplan-bench-queue-'));
  const input = join(tmp, 'in');
  mkdirSync(input);
  if (opts.split) writeFileSync(join(input, `scan-${pages}-pages.pdf`), await longScanPdf(pages));
  else for (let i = 0; i < pages; i++) copyFileSync(join(ROOT, 'fixtures/001_page2.png'), join(input, `scan-${String(i).padStart(3, '0')}.png`));
  const splitArgs = opts.split ? ['--split-pages', String(opts.splitPages ?? SPLIT_PAGES)] : [];
  const redis = await startRedis();
  const rows: QueueBenchRow[] = [];
  try {
    for (const n of opts.workers ?? [1, 2]) {
      const workers = await startWorkers(redis.url, n);
      const out = join(tmp, `out-${n}`);
      const before = redisInfo(redis.url);
      const t0 = performance.now();
      const code = await new Promise<number | null>((res) => cli(['run', input, '--out', out, '--queue', redis.url, '--pipeline', pipeline, ...splitArgs]).on('exit', res));
      const wallSeconds = (performance.now() - t0) / 1000;
      const after = redisInfo(redis.url);
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((res) => (w.exitCode !== null ? res(null) : w.on('exit', res)))));
      const report = JSON.parse(readFileSync(join(out, 'run-report.json'), 'utf8')) as RunReport;
      if (code !== 0) throw new Error(`vnplan run --queue exited ${code}`);
      const jobs = report.totals.documents;
      const row: QueueBenchRow = {
        workers: n,
        pages: report.totals.pages,
        wallSeconds: Number(wallSeconds.toFixed(1)),
        pagesPerMinute: Number(((report.totals.pages / wallSeconds) * 60).toFixed(2)),
        redisCommandsPerJob: Math.round((after.calls - before.calls) / jobs),
        redisBytesPerJob: Math.round((after.bytes - before.bytes) / jobs),
        redisMemoryBytesPerJob: Math.round((after.memory - before.memory) / jobs),
        ...(opts.split
          ? {
              parts: workers.events.flat().filter((e) => e.event === 'split')[0]?.parts as number,
              pagesPerWorker: workers.events.map((log) => log.filter((e) => e.event === 'job' && e.status === 'ok' && Array.isArray(e.recognised)).reduce((n, e) => n + (e.recognised as number[]).length, 0)),
            }
          : {}),
      };
      rows.push(row);
      log(JSON.stringify(row));
    }
  } finally {
    await redis.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  return { fixture: opts.split ? `${SCAN_FIXTURE} pages repeated to ${pages}` : 'fixtures/001_page2.png', pipeline, rows, speedup: first && last && rows.length > 1 ? Number((last.pagesPerMinute / first.pagesPerMinute).toFixed(2)) : null };
}

function listArg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1].split(',') : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await benchQueue({
    workers: listArg('workers')?.map(Number),
    pages: listArg('pages')?.map(Number)[0],
    pipeline: listArg('pipeline')?.[0],
    split: process.argv.includes('--split'),
    splitPages: listArg('split-pages')?.map(Number)[0],
  });
  console.log(JSON.stringify(result, null, 2));
  console.table(result.rows);
  if (result.speedup !== null) console.log(`speed-up ${result.speedup}× with ${result.rows.at(-1)!.workers} workers`);
}
