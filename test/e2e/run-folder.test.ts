import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docIdFor } from '../../src/output/docid.js';
import { runFolder } from '../../src/runner/run-folder.js';
import type { IndexEntry } from '../../src/runner/report.js';
import { copyFixtures, readRecords, runnerTestPipeline, tempDir, TEXT_FIXTURES, writeBadInputs, ROOT } from './helpers.js';
import { requireTextStage } from '../../pipelines/guards.js';

const ENCRYPTED = join(ROOT, 'test/data/encrypted.pdf');

function readIndex(outDir: string): IndexEntry[] {
  return readFileSync(join(outDir, 'index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as IndexEntry);
}

describe('runFolder, default pipeline', () => {
  it('writes one valid record per good input and a failed entry with a code per bad one', async () => {
    const inDir = copyFixtures([...TEXT_FIXTURES, '001_text.pdf', '001_page2.png']);
    mkdirSync(join(inDir, 'sub'));
    copyFileSync(join(inDir, TEXT_FIXTURES[0]!), join(inDir, 'sub', 'bản sao.txt'));
    writeFileSync(join(inDir, '.hidden.txt'), 'Không được xử lý.');
    const expectedFailures = writeBadInputs(inDir);
    // A real encrypted PDF (test/data) in addition to the generated one.
    copyFileSync(ENCRYPTED, join(inDir, 'encrypted.pdf'));
    expectedFailures['encrypted.pdf'] = 'PDF_ENCRYPTED';
    const outDir = tempDir('out');
    const report = await runFolder(inDir, { out: outDir, concurrency: 2 });

    const good = [...TEXT_FIXTURES, '001_text.pdf', '001_page2.png', 'sub/bản sao.txt'];
    const records = readRecords(outDir);
    expect(records.map((r) => r.source.relPath).sort()).toEqual([...good].sort());
    for (const r of records) {
      expect(r.docId).toBe(docIdFor(r.source.relPath));
      expect(r.text.length).toBeGreaterThan(100);
      expect(readFileSync(join(outDir, `${r.docId}.txt`), 'utf8')).toBe(r.text);
      expect(r.pages.length).toBeGreaterThan(0);
    }
    const png = records.find((r) => r.source.relPath === '001_page2.png')!;
    expect(png.source.kind).toBe('image');
    expect(png.pages[0]!.origin).toBe('ocr');

    const failed = Object.fromEntries(report.documents.filter((d) => d.status === 'failed').map((d) => [d.relPath, d.error?.code]));
    expect(failed).toEqual(expectedFailures);
    expect(report.totals).toMatchObject({ documents: good.length + Object.keys(expectedFailures).length, ok: good.length, failed: Object.keys(expectedFailures).length });

    const index = readIndex(outDir);
    expect(index.map((e) => e.relPath)).toEqual(report.documents.map((d) => d.relPath).sort());
    expect(index.find((e) => e.relPath === 'empty.txt')).toMatchObject({ status: 'failed', error: { code: 'INPUT_EMPTY' } });
    expect(JSON.parse(readFileSync(join(outDir, 'run-report.json'), 'utf8'))).toEqual(report);
    expect(readdirSync(outDir).filter((n) => n.startsWith('.vnplan.lock'))).toEqual([]);
  });
});

describe('runFolder, incremental', () => {
  const options = (outDir: string) => ({ out: outDir, pipeline: runnerTestPipeline(), concurrency: 2 });

  it('skips up-to-date documents, redoes them with force, and redoes a changed file only', async () => {
    const inDir = copyFixtures(TEXT_FIXTURES);
    const outDir = tempDir('out');
    const first = await runFolder(inDir, options(outDir));
    expect(first.totals).toMatchObject({ ok: 2, skipped: 0, failed: 0 });
    const before = readRecords(outDir).map((r) => r.createdAt);

    const second = await runFolder(inDir, options(outDir));
    expect(second.totals).toMatchObject({ ok: 0, skipped: 2, failed: 0 });
    expect(readRecords(outDir).map((r) => r.createdAt)).toEqual(before);
    expect(readIndex(outDir).map((e) => e.status)).toEqual(['skipped', 'skipped']);

    const forced = await runFolder(inDir, { ...options(outDir), force: true });
    expect(forced.totals).toMatchObject({ ok: 2, skipped: 0 });

    writeFileSync(join(inDir, TEXT_FIXTURES[1]!), readFileSync(join(inDir, TEXT_FIXTURES[1]!), 'utf8') + '\nThêm một dòng.\n');
    const changed = await runFolder(inDir, options(outDir));
    expect(Object.fromEntries(changed.documents.map((d) => [d.relPath, d.status]))).toEqual({ [TEXT_FIXTURES[0]!]: 'skipped', [TEXT_FIXTURES[1]!]: 'ok' });
  });

  it('fails an image-only document in a pipeline without OCR (text-only guard) with OCR_REQUIRED', async () => {
    const inDir = copyFixtures(['001_page2.png', TEXT_FIXTURES[0]!]);
    const base = runnerTestPipeline();
    const withGuard = { ...base, stages: [base.stages[0]!, requireTextStage, ...base.stages.slice(1)] };
    const report = await runFolder(inDir, { ...options(tempDir('out')), pipeline: withGuard });
    expect(report.documents.find((d) => d.relPath === '001_page2.png')).toMatchObject({ status: 'failed', error: { code: 'OCR_REQUIRED' } });
    expect(report.totals.ok).toBe(1);
  });

  it('fails only the document whose output cannot be renamed into place, leaving no temp files', async () => {
    const inDir = copyFixtures(TEXT_FIXTURES);
    const outDir = tempDir('out');
    // A folder where the record should go makes the final rename fail for that document.
    mkdirSync(join(outDir, `${docIdFor(TEXT_FIXTURES[0]!)}.json`));
    const report = await runFolder(inDir, options(outDir));
    expect(report.documents.map((d) => d.status)).toEqual(['failed', 'ok']);
    expect(readdirSync(outDir).filter((n) => /\.\d+$/.test(n))).toEqual([]);
  });

  it('stops taking documents when interrupted, reports it, and a re-run finishes', async () => {
    const inDir = copyFixtures(TEXT_FIXTURES);
    for (let i = 0; i < 6; i++) copyFileSync(join(inDir, TEXT_FIXTURES[0]!), join(inDir, `copy-${i}.txt`));
    const outDir = tempDir('out');
    const controller = new AbortController();
    const report = await runFolder(inDir, {
      ...options(outDir),
      concurrency: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'document') controller.abort();
      },
    });
    expect(report.interrupted).toBe(true);
    expect(report.documents).toHaveLength(1);
    expect(report.documents[0]!.status).toBe('ok');
    expect(existsSync(join(outDir, 'index.jsonl'))).toBe(false);
    const rerun = await runFolder(inDir, options(outDir));
    expect(rerun.totals).toMatchObject({ documents: 8, skipped: 1, ok: 7, failed: 0 });
    expect(readIndex(outDir)).toHaveLength(8);
  });

  it('refuses an input path that is not a folder', async () => {
    await expect(runFolder(join(ROOT, 'no-such-folder'), { out: tempDir('out') })).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
    await expect(runFolder(inFile(), { out: tempDir('out') })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

function inFile(): string {
  return join(copyFixtures([TEXT_FIXTURES[0]!]), TEXT_FIXTURES[0]!);
}
