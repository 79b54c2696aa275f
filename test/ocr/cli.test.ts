import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { registerOcrCommand, pageSeparator } from '../../src/cli/ocr.js';
import { repoPath } from '../ingest/helpers.js';

async function runCli(args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const program = new Command().exitOverride();
    registerOcrCommand(program);
    await program.parseAsync(['node', 'vnplan', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

// The text-layer PDF needs no OCR, which keeps this CLI test fast; OCR itself is in ocr.test.ts.
describe('vnplan ocr', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints each page after a separator line', async () => {
    const out = await runCli(['ocr', repoPath('fixtures/001_text.pdf')]);
    const separators = out.split('\n').filter((l) => /^-+ page \d+\/\d+ -+$/.test(l));
    expect(separators.length).toBeGreaterThan(1);
    expect(out.startsWith(`${pageSeparator(1, separators.length)}\n`)).toBe(true);
    expect(out).toContain('KẾ HOẠCH');
  });

  it('prints JSON pages with --json', async () => {
    const out = await runCli(['ocr', repoPath('fixtures/001_text.pdf'), '--json']);
    const json = JSON.parse(out) as { kind: string; pages: { number: number; origin: string; text: string; words: unknown[] }[] };
    expect(json.kind).toBe('pdf-text');
    expect(json.pages[0]).toMatchObject({ number: 1, origin: 'text-layer', words: [] });
    expect(json.pages[0].text).toContain('Long Thành');
  });

  it('rejects an unknown model variant', async () => {
    await expect(runCli(['ocr', repoPath('fixtures/001_text.pdf'), '--model', 'nope'])).rejects.toThrow(/nope/);
  });
});
