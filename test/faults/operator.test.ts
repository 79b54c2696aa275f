/**
 * Operator faults with their own codes (OUTPUT_NOT_WRITABLE, INPUT_UNREADABLE), entries that
 * fail alone, skipped entries reported, CSV formula cells escaped in every CSV writer, stray
 * JSON reported by query/export, binary refused by `vnplan restore`.
 * Permission faults run the CLI as `nobody` (root ignores permission bits).
 */
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportArchive } from '../../src/export/export.js';
import { CSV_CAST, escapeFormulaCell } from '../../src/output/csv.js';
import { renderCsv } from '../../src/query/format.js';
import { QueryIndex } from '../../src/query/query.js';
import type { RunReport } from '../../src/runner/report.js';
import { runFolder } from '../../src/runner/run-folder.js';
import { copyFixtures, runnerTestPipeline, tempDir, TEXT_FIXTURES } from '../e2e/helpers.js';
import { canDropPrivileges, expectLockReleased, runVnplan } from './helpers.js';

const NO_PRIVILEGE_DROP = 'needs root and setpriv to run the child as nobody (as root, permission bits are ignored)';
if (!canDropPrivileges) console.warn(`skipping the permission-fault tests: ${NO_PRIVILEGE_DROP}`);

/** A folder `nobody` can enter and read (mkdtemp makes 0700 folders). */
function openDir(prefix: string, mode = 0o755): string {
  const dir = tempDir(prefix);
  chmodSync(dir, mode);
  return dir;
}

describe.skipIf(!canDropPrivileges)('permission faults, as an unprivileged user', () => {
  it('unreadable subfolder and file fail those entries, the batch goes on (exit 1); a read-only --out and an unreadable input are exit 2 with their codes', async () => {
    const inDir = copyFixtures(TEXT_FIXTURES, openDir('in'));
    mkdirSync(join(inDir, 'locked'), { mode: 0o755 });
    writeFileSync(join(inDir, 'locked', 'inside.txt'), readFileSync(join(inDir, TEXT_FIXTURES[0]!)));
    chmodSync(join(inDir, 'locked'), 0o000);
    writeFileSync(join(inDir, 'secret.txt'), 'Kế hoạch số 1', { mode: 0o600 });
    symlinkSync('/etc/passwd', join(inDir, 'passwd.txt'));
    const outDir = openDir('out', 0o777);
    const readOnlyOut = openDir('ro'); // root-owned 0755: not writable by nobody
    const unreadableIn = copyFixtures([TEXT_FIXTURES[0]!], openDir('in', 0o700));

    const [batch, readOnly, unreadable] = await Promise.all([
      runVnplan(['run', inDir, '--out', outDir, '--pipeline', 'ocr-only'], { asNobody: true }),
      runVnplan(['run', inDir, '--out', join(readOnlyOut, 'out'), '--pipeline', 'ocr-only'], { asNobody: true }),
      runVnplan(['run', unreadableIn, '--out', join(outDir, 'other'), '--pipeline', 'ocr-only'], { asNobody: true }),
    ]);

    expect(batch.code).toBe(1);
    const report = JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8')) as RunReport;
    const byPath = Object.fromEntries(report.documents.map((d) => [d.relPath, d.error?.code ?? d.status]));
    expect(byPath).toEqual({ [TEXT_FIXTURES[0]!]: 'ok', [TEXT_FIXTURES[1]!]: 'ok', 'locked/': 'INPUT_UNREADABLE', 'secret.txt': 'INPUT_UNREADABLE' });
    expect(report.documents.find((d) => d.relPath === 'locked/')?.error?.message).toMatch(/EACCES/);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'input.symlink-skipped', data: { relPath: 'passwd.txt' } })]);
    expect(batch.stderr).toContain('passwd.txt is a symbolic link');
    expectLockReleased(outDir);

    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toMatch(/error OUTPUT_NOT_WRITABLE: .*EACCES/);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/error INPUT_UNREADABLE: cannot read .*EACCES/);
    chmodSync(join(inDir, 'locked'), 0o755);
  });
});

describe('output faults any user can hit', () => {
  it('an --out that is a file is OUTPUT_NOT_WRITABLE', async () => {
    const file = join(tempDir('out'), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(runFolder(copyFixtures([TEXT_FIXTURES[0]!]), { out: file, pipeline: runnerTestPipeline() })).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE', message: expect.stringContaining('is a file, not a folder') });
    await expect(runFolder(copyFixtures([TEXT_FIXTURES[0]!]), { out: join(file, 'below'), pipeline: runnerTestPipeline() })).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE' });
  });
});

describe('CSV formula cells', () => {
  it('escapes cells starting with = + - @ tab or CR, and nothing else', () => {
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormulaCell(c)).toBe(`'${c}`);
    for (const c of ['Kế hoạch', '1-2', 'a=b', '', ' =x']) expect(escapeFormulaCell(c)).toBe(c);
    expect(CSV_CAST.number(-3)).toBe('-3');
  });

  it('escapes them in both `export --format csv` and `query --format csv`', async () => {
    const inDir = copyFixtures([TEXT_FIXTURES[0]!]);
    const hostile = '=HYPERLINK("https:example.invalid","x").txt'; // no '/' in a file name
    writeFileSync(join(inDir, hostile), readFileSync(join(inDir, TEXT_FIXTURES[0]!)));
    const outDir = tempDir('out');
    await runFolder(inDir, { out: outDir, pipeline: runnerTestPipeline() });
    writeFileSync(join(outDir, 'stray.json'), '[1, 2]');
    writeFileSync(join(outDir, 'notes.json'), '{"hello": "world"}');

    const stats = await exportArchive(outDir, 'csv', join(outDir, 'csv'));
    const rows = parse(readFileSync(join(outDir, 'csv', 'documents.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.relPath).sort()).toEqual([`'${hostile}`, TEXT_FIXTURES[0]]);
    // Stray JSON in the output folder is reported, not silently dropped.
    expect(stats.warnings).toEqual(
      expect.arrayContaining([
        { file: 'stray.json', message: 'not a document record (an array)' },
        { file: 'notes.json', message: 'not a document record (an object without docId/fields)' },
      ]),
    );

    const { index } = await QueryIndex.open(outDir);
    const csv = renderCsv(await index.query({ limit: 0 }));
    const queried = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(queried.map((r) => r.relPath).sort()).toEqual([`'${hostile}`, TEXT_FIXTURES[0]]);
  });
});

describe('vnplan restore', () => {
  it('refuses binary input with UNSUPPORTED_FORMAT', async () => {
    const file = join(tempDir('bin'), 'blob.bin');
    writeFileSync(file, Buffer.from([0x4b, 0x00, 0x01, 0xff, 0x00, 0x68]));
    const res = await runVnplan(['restore', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error UNSUPPORTED_FORMAT');
    expect(res.stdout).toBe('');
  });
});
