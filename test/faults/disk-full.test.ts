/**
 * A full output disk: never a truncated file in place; the document fails OUTPUT_WRITE_FAILED
 * (path, errno, where to free space), the run stops taking documents (exit 2), and a run whose
 * report cannot be written fails with OUTPUT_WRITE_FAILED (exit 2) with the lock released.
 * The injected fault (a short write then ENOSPC, what a nearly full disk gives) always runs;
 * the real tmpfs runs where the machine lets us mount one.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli.js';
import { exportArchive } from '../../src/export/export.js';
import { docIdFor } from '../../src/output/docid.js';
import { nodeOutputIo, type OutputIo } from '../../src/output/write.js';
import { runFolder } from '../../src/runner/run-folder.js';
import type { RunReport } from '../../src/runner/report.js';
import { copyFixtures, FIXTURES, runnerTestPipeline, tempDir, TEXT_FIXTURES } from '../e2e/helpers.js';
import { tempArchive } from '../query/helpers.js';
import { expectLockReleased, expectOnlyCompleteFiles, runVnplan } from './helpers.js';

/** Writes half of the data of the files `failOn` picks, then fails with ENOSPC. */
function fullDiskIo(failOn: (path: string) => boolean): OutputIo {
  return {
    ...nodeOutputIo,
    async writeNew(path, data) {
      if (!failOn(path)) return nodeOutputIo.writeNew(path, data);
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    },
  };
}

describe('disk full (injected ENOSPC)', () => {
  const inputs = [...TEXT_FIXTURES, '002_d898fe1205fab9b3.txt'].sort();
  const options = (outDir: string) => ({ out: outDir, pipeline: runnerTestPipeline(), concurrency: 1 });

  it('fails the document OUTPUT_WRITE_FAILED, keeps its previous record whole, and stops the run', async () => {
    const inDir = copyFixtures(inputs);
    const outDir = tempDir('out');
    await runFolder(inDir, options(outDir));
    const victim = `${docIdFor(inputs[1]!)}.json`;
    const before = readFileSync(join(outDir, victim), 'utf8');
    const textFile = victim.replace(/\.json$/, '.txt');
    writeFileSync(join(outDir, textFile), 'the previous text'); // tells an untouched .txt from a rewritten one

    const report = await runFolder(inDir, { ...options(outDir), force: true, outputIo: fullDiskIo((p) => p.includes(`${victim}.`)) });
    expect(report.documents.map((d) => d.status)).toEqual(['ok', 'failed']);
    const error = report.documents[1]!.error!;
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toContain(join(outDir, victim));
    expect(error.message).toContain('ENOSPC');
    expect(error.message).toContain(`free space on the filesystem of ${outDir}`);
    expect(report).toMatchObject({ interrupted: true, stopReason: 'output-full' });
    // Neither file of the pair changed: the record failed before anything was renamed.
    expect(readFileSync(join(outDir, victim), 'utf8')).toBe(before);
    expect(readFileSync(join(outDir, textFile), 'utf8')).toBe('the previous text');
    writeFileSync(join(outDir, textFile), JSON.parse(before).text);
    expect(expectOnlyCompleteFiles(outDir)).toBe(inputs.length);
    expectLockReleased(outDir);
  });

  it('throws OUTPUT_WRITE_FAILED (exit 2) when the report cannot be written, lock released', async () => {
    const outDir = tempDir('out');
    const run = runFolder(copyFixtures(inputs), { ...options(outDir), outputIo: fullDiskIo((p) => p.includes('run-report.json')) });
    const err = await run.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
    expect(exitCodeFor(err)).toBe(2);
    expect(existsSync(join(outDir, 'run-report.json'))).toBe(false);
    expect(expectOnlyCompleteFiles(outDir)).toBe(inputs.length);
    expectLockReleased(outDir);
  });
});

/** A tmpfs of `size` mounted on a fresh folder, or the reason it cannot be. */
function mountTmpfs(size: string): { dir: string } | { reason: string } {
  const dir = tempDir('tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (err) {
    return { reason: `cannot mount a tmpfs here (${String((err as { stderr?: Buffer }).stderr ?? err).trim()}); the injected ENOSPC tests above cover the writer` };
  }
}

// With the ocr-only pipeline, 56 KB holds the first record (16 + 12 KB in 4 KB pages), the lock
// owner file and the second .txt, not the second .json (16 KB); the report (4 KB) still fits.
const small = mountTmpfs('56k');
const full = 'dir' in small ? mountTmpfs('16k') : small;
const tiny = 'dir' in small ? mountTmpfs('16k') : small;
const mounted = [small, full, tiny].flatMap((m) => ('dir' in m ? [m.dir] : []));
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', [dir]);
});
const skipReason = 'reason' in small ? small.reason : 'reason' in full ? full.reason : '';
if (skipReason) console.warn(`skipping the real full-disk tests: ${skipReason}`);

describe('disk full (real tmpfs)', () => {
  it.skipIf(Boolean(skipReason))('a 56 KB output: the document that does not fit fails, nothing truncated, exit 2', async () => {
    const outDir = (small as { dir: string }).dir;
    const inDir = copyFixtures(TEXT_FIXTURES);
    copyFileSync(join(FIXTURES, '002_d898fe1205fab9b3.txt'), join(inDir, '002_d898fe1205fab9b3.txt'));
    const res = await runVnplan(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only', '--concurrency', '1']);
    expect(res.code).toBe(2);
    expectOnlyCompleteFiles(outDir);
    expectLockReleased(outDir);
    const report = JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8')) as RunReport;
    expect(report).toMatchObject({ interrupted: true, stopReason: 'output-full' });
    const failed = report.documents.filter((d) => d.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const d of failed) expect(d.error).toMatchObject({ code: 'OUTPUT_WRITE_FAILED', message: expect.stringContaining('ENOSPC') });
  });

  it.skipIf(Boolean(skipReason))('an output already full: OUTPUT_WRITE_FAILED at the start, exit 2, lock released', async () => {
    const outDir = (full as { dir: string }).dir;
    mkdirSync(join(outDir, 'fill'));
    try {
      writeFileSync(join(outDir, 'fill', 'filler'), Buffer.alloc(64 * 1024));
    } catch {
      // ENOSPC: the filesystem is full now, which is the point.
    }
    const res = await runVnplan(['run', copyFixtures([TEXT_FIXTURES[0]!]), '--out', outDir, '--pipeline', 'ocr-only']);
    rmSync(join(outDir, 'fill'), { recursive: true, force: true });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/OUTPUT_WRITE_FAILED: cannot write .*ENOSPC/);
    expectLockReleased(outDir);
  });

  it.skipIf(Boolean(skipReason))('export to a full disk: OUTPUT_WRITE_FAILED and no partial table file left', async () => {
    const { dir, cleanup } = await tempArchive(60, 5);
    try {
      for (const format of ['csv', 'jsonl'] as const) {
        const dest = join((tiny as { dir: string }).dir, format);
        await expect(exportArchive(dir, format, dest)).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED', message: expect.stringContaining('ENOSPC') });
        expect(readdirSync(dest)).toEqual([]);
      }
    } finally {
      await cleanup();
    }
  });
});
