import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOutput } from '../../src/runner/lock.js';
import { DocumentRecordSchema } from '../../src/schema/document.js';
import { copyFixtures, FIXTURES, readRecords, runCli, startCli, tempDir, TEXT_FIXTURES, writeBadInputs } from './helpers.js';

describe('vnplan CLI exit codes', () => {
  it('exits 0 when every document is processed, and 0 again when all are skipped', async () => {
    const inDir = copyFixtures(TEXT_FIXTURES);
    const outDir = tempDir('out');
    const first = await runCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 processed, 0 skipped .* 0 failed/);
    // Not a TTY: progress goes to stderr as JSON lines.
    const events = first.stderr.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string });
    expect(events.map((e) => e.event)).toEqual(['start', 'document', 'document', 'end']);
    const again = await runCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 processed, 2 skipped/);
  });

  it('exits 1 when some documents fail, with their codes in the report', async () => {
    const inDir = copyFixtures([TEXT_FIXTURES[0]!]);
    writeBadInputs(inDir);
    const outDir = tempDir('out');
    const r = await runCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only', '--concurrency', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED empty.txt: INPUT_EMPTY');
    const report = JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8')) as { totals: { ok: number; failed: number } };
    expect(report.totals).toMatchObject({ ok: 1, failed: 4 });
  });

  it('exits 2 on usage errors, with a hint for typos', async () => {
    const inDir = copyFixtures([TEXT_FIXTURES[0]!]);
    // Independent processes: started together to keep the test short.
    const [unknownPipeline, missing, badFlag, unknownCommand, badEncoding] = await Promise.all([
      runCli(['run', inDir, '--out', tempDir('out'), '--pipeline', 'textonly']),
      runCli(['run', join(inDir, 'missing'), '--out', tempDir('out')]),
      runCli(['run', inDir, '--concurrency', '0']),
      runCli(['frobnicate']),
      runCli(['run', inDir, '--out', tempDir('out'), '--encoding', 'tcvn-5']),
    ]);
    expect(unknownPipeline.code).toBe(2);
    expect(unknownPipeline.stderr).toContain('USAGE');
    expect(unknownPipeline.stderr).toContain('Did you mean "text-only"?');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('INPUT_NOT_FOUND');
    expect(badFlag.code).toBe(2);
    expect(unknownCommand.code).toBe(2);
    expect(badEncoding.code).toBe(2);
    expect(badEncoding.stderr).toContain('Did you mean "tcvn3"?');
  });

  it('refuses a second run on a locked output folder with exit 2 and OUTPUT_LOCKED', async () => {
    const inDir = copyFixtures([TEXT_FIXTURES[0]!]);
    const outDir = tempDir('out');
    const release = await lockOutput(outDir);
    try {
      const r = await runCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('OUTPUT_LOCKED');
      expect(readdirSync(outDir).filter((n) => n.endsWith('.json') && !n.startsWith('.'))).toEqual([]);
    } finally {
      await release();
    }
  });

  it('leaves only complete files after kill -9 mid-run, and a re-run finishes the rest', async () => {
    const inDir = tempDir('many');
    const text = readFileSync(join(FIXTURES, TEXT_FIXTURES[0]!), 'utf8');
    const total = 120;
    for (let i = 0; i < total; i++) writeFileSync(join(inDir, `doc-${String(i).padStart(3, '0')}.txt`), `${text}\nBản số ${i}.\n`);
    const outDir = tempDir('out');
    const child = startCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only', '--concurrency', '1']);
    const countJson = () => (existsSync(outDir) ? readdirSync(outDir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).length : 0);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (countJson() >= 5) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the run finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('close', r));
    expect(existsSync(join(outDir, 'run-report.json'))).toBe(false);
    const partial = readRecords(outDir); // throws if any JSON is partial or invalid
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(total);

    const rerun = await runCli(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8')) as { totals: { ok: number; skipped: number } };
    expect(report.totals.skipped).toBeGreaterThanOrEqual(partial.length);
    expect(report.totals.ok + report.totals.skipped).toBe(total);
    expect(readRecords(outDir)).toHaveLength(total);
    expect(readdirSync(outDir).filter((n) => /\.\d+$/.test(n))).toEqual([]);
  });
});

describe('vnplan extract and help', () => {
  it('prints a valid document record on stdout', async () => {
    const file = join(copyFixtures([TEXT_FIXTURES[0]!]), TEXT_FIXTURES[0]!);
    const r = await runCli(['extract', file, '--pipeline', 'ocr-only', '--compact']);
    expect(r.code, r.stderr).toBe(0);
    const record = DocumentRecordSchema.parse(JSON.parse(r.stdout));
    expect(record.source.relPath).toBe(TEXT_FIXTURES[0]);
    expect(record.text).toContain('KẾ HOẠCH');
  });
  it('exits 1 for a document that fails and 2 for a missing file', async () => {
    const dir = tempDir('x');
    writeFileSync(join(dir, 'empty.txt'), '');
    const [failed, missing] = await Promise.all([runCli(['extract', join(dir, 'empty.txt')]), runCli(['extract', join(dir, 'nope.txt')])]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('INPUT_EMPTY');
    expect(failed.stderr).toContain('Re-export or re-scan it');
    expect(missing.code).toBe(2);
  });
  it('restores diacritics from stdin, and prints details with --json', async () => {
    const plain = await runCli(['restore'], 'thyc hién nhiém vu\n');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('thực hiện nhiệm vụ\n');
    const json = await runCli(['restore', '-', '--json'], 'thyc hién nhiém vu');
    const parsed = JSON.parse(json.stdout) as { text: string; stats: { changedTokens: number }; tokens: unknown[] };
    expect(parsed.text).toBe('thực hiện nhiệm vụ');
    expect(parsed.stats.changedTokens).toBeGreaterThan(0);
    expect(parsed).not.toHaveProperty('offsetMap');
  });
  it('documents the exit codes, error codes and every command in --help', async () => {
    const [r, run] = await Promise.all([runCli(['--help']), runCli(['run', '--help'])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*0 [\s\S]*1 [\s\S]*2 /);
    for (const cmd of ['run', 'extract', 'restore', 'ocr', 'query', 'export']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    expect(r.stdout).toMatch(/ENCODING_UNKNOWN\s+.*--encoding/);
    expect(run.code).toBe(0);
    for (const option of ['--concurrency', '--force', '--pipeline', '--encoding', '--ocr-workers', 'OUTPUT_LOCKED']) expect(run.stdout).toContain(option);
  });
});
