/**
 * Distributed runs against a real redis-server (test/support/redis.ts), with real worker
 * processes: `vnplan worker` and `vnplan run --queue` spawned from source as users run them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { DocumentRecordSchema } from '../../src/schema/document.js';
import { QUEUE_NAME, QUEUE_PREFIX, redisOptionsFromUrl } from '../../src/queue/connection.js';
import { jobOptions, type DocumentJobData, type DocumentJobResult } from '../../src/queue/jobs.js';
import type { RunReport } from '../../src/runner/report.js';
import { runCli, startCli } from '../support/cli.js';
import { repoPath } from '../ingest/helpers.js';
import { REDIS_MISSING, startRedis, type TestRedis } from '../support/redis.js';
import { readIndex, startLoggedWorker, type LoggedWorker } from '../support/worker.js';

/** A killed worker's job goes back to the queue after this long (the default is 30 s). */
const STALLED_SECONDS = 3;

const startWorker = (url: string): LoggedWorker => startLoggedWorker(url, STALLED_SECONDS);

describe.skipIf(REDIS_MISSING !== null)(`queued runs on a real Redis${REDIS_MISSING ? ` (skipped: ${REDIS_MISSING})` : ''}`, () => {
  let redis: TestRedis;
  let tmp: string;
  let queue: Queue<DocumentJobData, DocumentJobResult>;
  const workers: LoggedWorker[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    tmp = mkdtempSync(join(tmpdir(), 'vnplan-queue-'));
    queue = new Queue(QUEUE_NAME, { connection: redisOptionsFromUrl(redis.url), prefix: QUEUE_PREFIX });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await queue?.close();
    await redis?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('two workers, one killed with SIGKILL mid-job: every document written once and valid, exit 0', async () => {
    const input = join(tmp, 'in');
    const out = join(tmp, 'out');
    mkdirSync(input);
    // Scans take seconds to OCR, so the kill lands inside a job.
    for (const name of ['a', 'b', 'c', 'd', 'e']) copyFileSync(repoPath('fixtures/001_page2.png'), join(input, `${name}.png`));
    copyFileSync(repoPath('fixtures/004_fc6b9e8615fb3e1b.txt'), join(input, 'plan.txt'));
    const [a, b] = [startWorker(redis.url), startWorker(redis.url)];
    workers.push(a, b);
    await Promise.all([a.next((e) => e.event === 'ready'), b.next((e) => e.event === 'ready')]);

    const run = runCli(['run', input, '--out', out, '--queue', redis.url, '--pipeline', 'ocr-only']);
    const active = await a.next((e) => e.event === 'active' && String(e.relPath).endsWith('.png'));
    a.child.kill('SIGKILL');
    await a.exited;
    const result = await run;
    expect(result.code, result.stderr).toBe(0);

    const index = readIndex(out);
    expect(index.map((e) => e.relPath).sort()).toEqual(['a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'plan.txt']);
    expect(new Set(index.map((e) => e.docId)).size).toBe(6);
    for (const entry of index) {
      expect(entry.status).toBe('ok');
      const record = DocumentRecordSchema.parse(JSON.parse(readFileSync(join(out, `${entry.docId}.json`), 'utf8')));
      expect(record.source.relPath).toBe(entry.relPath);
      expect(existsSync(join(out, `${entry.docId}.txt`))).toBe(true);
    }
    expect(index.find((e) => e.relPath === 'a.png')!.sha256).toBe(index.find((e) => e.relPath === 'b.png')!.sha256);
    const report = JSON.parse(readFileSync(join(out, 'run-report.json'), 'utf8')) as RunReport;
    expect(report.totals).toMatchObject({ documents: 6, ok: 6, failed: 0 });
    expect(report.interrupted).toBe(false);

    // Written once: one finished job per document over both workers; the killed one's job was finished by the other.
    const finished = [...a.events, ...b.events].filter((e) => e.event === 'job' && e.status === 'ok').map((e) => e.relPath);
    expect(finished.sort()).toEqual(['a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'plan.txt']);
    expect(b.events.some((e) => e.event === 'job' && e.relPath === active.relPath)).toBe(true);
    expect(existsSync(join(out, '.vnplan.lock'))).toBe(false);
  });

  it('skips a redelivered job whose record is up to date', async () => {
    const [done] = await queue.getCompleted(0, 0);
    expect(done).toBeDefined();
    const recordFile = join(done!.data.outDir, `${done!.data.docId}.json`);
    const before = statSync(recordFile).mtimeMs;
    const events = new QueueEvents(QUEUE_NAME, { connection: redisOptionsFromUrl(redis.url), prefix: QUEUE_PREFIX });
    try {
      await events.waitUntilReady();
      const again = await queue.add(done!.name, done!.data, jobOptions(`${done!.id}.again`));
      const result = (await again.waitUntilFinished(events, 120_000)) as DocumentJobResult;
      expect(result.report.status).toBe('skipped');
      expect(result.entry.docId).toBe(done!.data.docId);
    } finally {
      await events.close();
    }
    expect(statSync(recordFile).mtimeMs).toBe(before);
  });

  it('fails a permanent failure at once, without retries, and reports it like a local run (exit 1)', async () => {
    const input = join(tmp, 'in-bad');
    const out = join(tmp, 'out-bad');
    mkdirSync(input);
    writeFileSync(join(input, 'broken.pdf'), '%PDF-1.4\nthis is not a PDF body\n%%EOF\n');
    copyFileSync(repoPath('fixtures/003_36ab5c401d102818.txt'), join(input, 'plan.txt'));
    const result = await runCli(['run', input, '--out', out, '--queue', redis.url, '--pipeline', 'ocr-only']);
    expect(result.code, result.stderr).toBe(1);
    const index = readIndex(out);
    expect(index.find((e) => e.relPath === 'broken.pdf')).toMatchObject({ status: 'failed', error: { code: 'PDF_CORRUPT' } });
    expect(index.find((e) => e.relPath === 'plan.txt')).toMatchObject({ status: 'ok' });
    const failed = (await queue.getFailed()).filter((j) => j.name === 'broken.pdf');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attemptsMade).toBe(1);
    expect(workers[1]!.events.some((e) => e.event === 'retry')).toBe(false);
  });

  it('a queued run and a local run on one output folder exclude each other', async () => {
    const input = join(tmp, 'in-lock');
    const out = join(tmp, 'out-lock');
    mkdirSync(input);
    copyFileSync(repoPath('fixtures/001_page2.png'), join(input, 'scan.png'));
    // No worker takes jobs now, so the queued run waits, holding the lock.
    const b = workers[1]!;
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    const queued = startCli(['run', input, '--out', out, '--queue', redis.url]);
    const queuedExit = new Promise<number | null>((resolve) => queued.on('exit', (code) => resolve(code)));
    while (!existsSync(join(out, '.vnplan.lock'))) await new Promise((r) => setTimeout(r, 100));
    const local = await runCli(['run', input, '--out', out]);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/OUTPUT_LOCKED/);
    // A stopped queued run takes its waiting jobs back out of the queue and reports the run as interrupted.
    queued.kill('SIGTERM');
    expect(await queuedExit).toBe(2);
    const report = JSON.parse(readFileSync(join(out, 'run-report.json'), 'utf8')) as RunReport;
    expect(report).toMatchObject({ interrupted: true, stopReason: 'signal' });
    expect(await queue.getWaitingCount()).toBe(0);

    // And the other way round: a local run holds the folder, a queued run is refused.
    const localRun = startCli(['run', input, '--out', out, '--pipeline', 'ocr-only']);
    const localExit = new Promise<number | null>((resolve) => localRun.on('exit', (code) => resolve(code)));
    while (!existsSync(join(out, '.vnplan.lock'))) await new Promise((r) => setTimeout(r, 50));
    const refused = await runCli(['run', input, '--out', out, '--queue', redis.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/OUTPUT_LOCKED/);
    expect(await localExit).toBe(0);
  });
});
