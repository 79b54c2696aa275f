/**
 * Large scans split into page-range jobs (src/queue/page-jobs.ts) on a real redis-server, with
 * two real `vnplan worker` processes: every page read once, by both workers, and the record
 * the same as a local run's; a page range that fails for good fails the document with its
 * code; a redelivered finished document or page range is skipped; a range whose worker is
 * killed is read by another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Job, Queue, QueueEvents } from 'bullmq';
import { DocumentRecordSchema } from '../../src/schema/document.js';
import { QUEUE_NAME, QUEUE_PREFIX, redisOptionsFromUrl } from '../../src/queue/connection.js';
import { jobOptions, pageJobIdFor, type DocumentJobData, type PageRangeJobData, type PageRangeJobResult, type QueueJobData, type QueueJobResult } from '../../src/queue/jobs.js';
import { partsDir } from '../../src/queue/page-jobs.js';
import { runQueued } from '../../src/queue/run-queued.js';
import type { RunReport } from '../../src/runner/report.js';
import { runCli } from '../support/cli.js';
import { scanStrips } from '../ingest/helpers.js';
import { REDIS_MISSING, startRedis, type TestRedis } from '../support/redis.js';
import { corruptTiffFrame, longScanPdf } from '../support/scan.js';
import { readIndex, startLoggedWorker, type LoggedWorker } from '../support/worker.js';

/**
 * Longer than the queue tests' 3 s: a worker renders PDF pages in its own thread, which on a
 * loaded 2-core CI machine can hold its event loop (and its lock renewals) for seconds.
 */
const STALLED_SECONDS = 20;
/** The test scan: 6 pages, page 5 blank; split into ranges of at most 2 pages → 1-2, 3-4, 5-6. */
const PAGES = 6;
const BLANK_PAGE = 5;
const SPLIT = 2;

const startWorker = (url: string): LoggedWorker => startLoggedWorker(url, STALLED_SECONDS);

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A record without what differs between two runs of one document: when it was made and how long stages took. */
function comparable(path: string): unknown {
  const { createdAt: _c, timings: _t, ...rest } = DocumentRecordSchema.parse(readJson(path));
  return rest;
}

describe.skipIf(REDIS_MISSING !== null)(`large scans split over workers on a real Redis${REDIS_MISSING ? ` (skipped: ${REDIS_MISSING})` : ''}`, () => {
  let redis: TestRedis;
  let tmp: string;
  let queue: Queue<QueueJobData, QueueJobResult>;
  const workers: LoggedWorker[] = [];

  beforeAll(async () => {
    // Its own database: queue.test.ts may run at the same time on the same Redis (.ci/run).
    redis = await startRedis({ db: 1 });
    tmp = mkdtempSync(join(tmpdir(), 'vnplan-split-'));
    queue = new Queue(QUEUE_NAME, { connection: redisOptionsFromUrl(redis.url), prefix: QUEUE_PREFIX });
    const started = [startWorker(redis.url), startWorker(redis.url)];
    workers.push(...started);
    await Promise.all(started.map((w) => w.ready));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await queue?.close();
    await redis?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('splits a scan into page ranges read once each by both workers; the record equals a local run', async () => {
    const input = join(tmp, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'long.pdf'), await longScanPdf(PAGES, [BLANK_PAGE]));
    const out = join(tmp, 'out');
    const progress: { done: number; total: number }[] = [];
    const report = await runQueued(input, {
      out,
      queue: redis.url,
      splitPages: SPLIT,
      shutdownAtEnd: false,
      onEvent: (e) => void (e.type === 'progress' && e.stage === 'ocr' && progress.push({ done: e.done, total: e.total })),
    });
    expect(report.totals).toMatchObject({ documents: 1, ok: 1, failed: 0 });
    const [entry] = readIndex(out);
    expect(entry).toMatchObject({ relPath: 'long.pdf', status: 'ok', pages: PAGES });

    const events: Record<string, unknown>[] = workers.flatMap((w) => w.events.map((e) => ({ ...e, worker: w.child.pid })));
    expect(events.filter((e) => e.event === 'split')).toEqual([expect.objectContaining({ relPath: 'long.pdf', pages: PAGES, parts: 3 })]);
    // Every page recognised exactly once, over both workers.
    const ranges = events.filter((e) => e.event === 'job' && e.pages !== undefined);
    expect(ranges.every((e) => e.status === 'ok')).toBe(true);
    expect(ranges.flatMap((e) => e.recognised as number[]).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(ranges.map((e) => e.worker)).size).toBe(2);
    // The children's return values name the worker process that read them.
    const parent = events.find((e) => e.event === 'split')!.jobId as string;
    const results = await Promise.all([{ from: 1, to: 2 }, { from: 3, to: 4 }, { from: 5, to: 6 }].map(async (range) => (await Job.fromId(queue, pageJobIdFor(parent, range)))!.returnvalue as PageRangeJobResult));
    expect(results.map((r) => r.pages)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(new Set(results.map((r) => r.worker)).size).toBe(2);
    // The joining job took all pages from the parts (none read again) and removed them.
    expect(events.find((e) => e.event === 'job' && e.jobId === parent)).toMatchObject({ status: 'ok', recognised: PAGES });
    expect(events.some((e) => e.event === 'parts-missing')).toBe(false);
    expect(existsSync(partsDir(out, entry!.docId))).toBe(false);
    // The run shows the OCR progress of the document as a whole, summed over its ranges.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.total === PAGES)).toBe(true);
    expect(progress.at(-1)!.done).toBe(PAGES);

    const localOut = join(tmp, 'out-local');
    const local = await runCli(['run', input, '--out', localOut, '--ocr-workers', '1']);
    expect(local.code, local.stderr).toBe(0);
    expect(comparable(join(out, `${entry!.docId}.json`))).toEqual(comparable(join(localOut, `${entry!.docId}.json`)));
    expect(readFileSync(join(out, `${entry!.docId}.txt`), 'utf8')).toBe(readFileSync(join(localOut, `${entry!.docId}.txt`), 'utf8'));
    expect(readIndex(out)).toEqual(readIndex(localOut));
    const [queued, here] = [readJson<RunReport>(join(out, 'run-report.json')), readJson<RunReport>(join(localOut, 'run-report.json'))];
    expect({ ...queued.totals, seconds: 0 }).toEqual({ ...here.totals, seconds: 0 });
  }, 600_000);

  it('skips a redelivered finished document, and a redelivered finished page range', async () => {
    const [done] = (await queue.getCompleted(0, -1)).filter((j) => (j.data as DocumentJobData).parts !== undefined);
    expect(done).toBeDefined();
    const d = done!.data as DocumentJobData;
    const recordFile = join(d.outDir, `${d.docId}.json`);
    const before = statSync(recordFile).mtimeMs;
    const events = new QueueEvents(QUEUE_NAME, { connection: redisOptionsFromUrl(redis.url), prefix: QUEUE_PREFIX });
    try {
      await events.waitUntilReady();
      const again = await queue.add(done!.name, d, jobOptions(`${done!.id}.again`));
      expect(await again.waitUntilFinished(events, 120_000)).toMatchObject({ report: { status: 'skipped', docId: d.docId } });
      const child = await Job.fromId<PageRangeJobData, PageRangeJobResult>(queue as unknown as Queue<PageRangeJobData, PageRangeJobResult>, pageJobIdFor(done!.id!, d.parts![0]!));
      const childAgain = await queue.add(child!.name, child!.data, jobOptions(`${child!.id}.again`));
      expect(await childAgain.waitUntilFinished(events, 120_000)).toMatchObject({ status: 'skipped', pages: [] });
    } finally {
      await events.close();
    }
    expect(statSync(recordFile).mtimeMs).toBe(before);
    // A redelivered range of a joined document leaves no part behind.
    expect(existsSync(partsDir(d.outDir, d.docId))).toBe(false);
  }, 300_000);

  it('fails the document with the code of a page range that fails for good, as a local run does (exit 1)', async () => {
    const input = join(tmp, 'in-bad');
    mkdirSync(input);
    const [a, b] = await scanStrips();
    const tiff = await sharp([a!, b!, a!, b!], { join: { animated: true } }).tiff({ compression: 'deflate' }).toBuffer();
    // Frame 3 does not decode; its directory is intact, so the document is split before that is known.
    writeFileSync(join(input, 'frames.tiff'), corruptTiffFrame(new Uint8Array(tiff), 3));
    const out = join(tmp, 'out-bad');
    const run = await runCli(['run', input, '--out', out, '--queue', redis.url, '--split-pages', '1']);
    expect(run.code, run.stderr).toBe(1);
    const [entry] = readIndex(out);
    expect(entry).toMatchObject({ relPath: 'frames.tiff', status: 'failed', error: { code: 'IMAGE_CORRUPT' } });
    const events = workers.flatMap((w) => w.events);
    expect(events.find((e) => e.event === 'split' && e.relPath === 'frames.tiff')).toMatchObject({ pages: 4, parts: 4 });
    // Not retried: one attempt of the failing range.
    expect(events.filter((e) => e.event === 'job' && e.relPath === 'frames.tiff' && e.pages === '3-3').map((e) => e.status)).toEqual(['failed']);
    expect(events.some((e) => e.event === 'retry' && e.relPath === 'frames.tiff')).toBe(false);

    const localOut = join(tmp, 'out-bad-local');
    const local = await runCli(['run', input, '--out', localOut]);
    expect(local.code).toBe(1);
    expect(readIndex(out)).toEqual(readIndex(localOut));
    // The parts of the ranges that were read are removed with the failed document (ranges
    // still being read when it failed remove their own part when they end).
    for (let waited = 0; waited < 60_000 && existsSync(partsDir(out, entry!.docId)); waited += 200) await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(partsDir(out, entry!.docId))).toBe(false);
  }, 300_000);

  it('a worker killed while reading a range: another worker reads it, the record is written once (exit 0)', async () => {
    const input = join(tmp, 'in-kill');
    mkdirSync(input);
    const [a, b] = await scanStrips();
    writeFileSync(join(input, 'strips.tiff'), await sharp([a!, b!, a!, b!], { join: { animated: true } }).tiff({ compression: 'deflate' }).toBuffer());
    const out = join(tmp, 'out-kill');
    const run = runCli(['run', input, '--out', out, '--queue', redis.url, '--split-pages', '1']);
    // Kill the first worker as soon as it starts a range.
    const [victim, survivor] = workers;
    const seen = victim!.events.length;
    while (!victim!.events.slice(seen).some((e) => e.event === 'active' && e.relPath === 'strips.tiff' && e.pages !== undefined)) await new Promise((r) => setTimeout(r, 20));
    const killed = victim!.events.slice(seen).find((e) => e.event === 'active' && e.pages !== undefined)!.pages as string;
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(readIndex(out)).toEqual([expect.objectContaining({ relPath: 'strips.tiff', status: 'ok', pages: 4 })]);
    // The killed worker's range was read by the other one after its lock ran out; the document was joined once.
    const done = survivor!.events.filter((e) => e.event === 'job' && e.relPath === 'strips.tiff');
    expect(done.some((e) => e.pages === killed && e.status === 'ok')).toBe(true);
    expect(done.filter((e) => e.pages === undefined).map((e) => e.status)).toEqual(['ok']);
    expect(existsSync(partsDir(out, readIndex(out)[0]!.docId))).toBe(false);
  }, 300_000);
});
