import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageSeparator } from '../../src/cli/ocr.js';
import { runCliInProcess } from '../support/cli.js';
import { repoPath } from '../ingest/helpers.js';

/** `vnplan ocr …` in this process; its stdout. */
async function ocrStdout(args: string[]): Promise<string> {
  const r = await runCliInProcess(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

// The text-layer PDF needs no OCR, which keeps this CLI test fast; OCR itself is in ocr.test.ts.
describe('vnplan ocr', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints each page after a separator line', async () => {
    const out = await ocrStdout(['ocr', repoPath('fixtures/001_text.pdf')]);
    const separators = out.split('\n').filter((l) => /^-+ page \d+\/\d+ -+$/.test(l));
    expect(separators.length).toBeGreaterThan(1);
    expect(out.startsWith(`${pageSeparator(1, separators.length)}\n`)).toBe(true);
    expect(out).toContain('KẾ HOẠCH');
  });

  it('prints JSON pages with --json', async () => {
    const out = await ocrStdout(['ocr', repoPath('fixtures/001_text.pdf'), '--json']);
    const json = JSON.parse(out) as { kind: string; pages: { number: number; origin: string; text: string; words: unknown[] }[] };
    expect(json.kind).toBe('pdf-text');
    expect(json.pages[0]).toMatchObject({ number: 1, origin: 'text-layer', words: [] });
    expect(json.pages[0].text).toContain('Long Thành');
  });

  it('rejects an unknown model variant', async () => {
    const r = await runCliInProcess(['ocr', repoPath('fixtures/001_text.pdf'), '--model', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nope/);
  });
});
