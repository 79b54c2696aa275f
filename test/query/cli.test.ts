import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { DocumentRecord } from '../../src/schema/document.js';
import { tempArchive } from './helpers.js';
import { runCliInProcess } from '../support/cli.js';

let dir: string;
let records: DocumentRecord[];
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, records, cleanup } = await tempArchive(60, 41));
});
afterAll(() => cleanup());

/** The CLI in this process; exit code and captured output. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCliInProcess(args);
  return { code: r.code ?? -1, out: r.stdout, err: r.stderr };
}

describe('vnplan query', () => {
  it('prints JSON results for a fuzzy, accent-insensitive issuer', async () => {
    const target = records[0].fields.issuingBody.name.value!;
    const plain = target.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
    const { code, out } = await cli('query', dir, '--issuer', plain, '--format', 'json', '--limit', '0');
    expect(code).toBe(0);
    const res = JSON.parse(out) as { total: number; results: Array<{ issuer: string }> };
    expect(res.total).toBe(records.filter((r) => r.fields.issuingBody.name.value === target).length);
    for (const r of res.results) expect(r.issuer).toBe(target);
  });

  it('prints CSV with snippets for free text, and a table by default', async () => {
    const csv = await cli('query', dir, '--text', 'cai cach', '--format', 'csv', '--limit', '3');
    const rows = parse(csv.out, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(rows[0].snippet).toMatch(/«cải» «cách»/i);
    const table = await cli('query', dir, '--type', 'ke hoach', '--issued-from', '2024', '--limit', '2');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^#\s+docId\s+type/);
    expect(table.out).toMatch(/of \d+ document\(s\)/);
  });

  it('exits 2 on usage errors and a missing folder', async () => {
    expect((await cli('query', dir, '--issued-from', '15/02/2024')).code).toBe(2);
    expect((await cli('query', dir, '--format', 'xml')).code).toBe(2);
    const missing = await cli('query', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/INPUT_NOT_FOUND/);
    expect((await cli('query', dir, '--cites', 'hello')).code).toBe(2);
  });

  it('has help with examples', async () => {
    const { out } = await cli('query', '--help');
    expect(out).toMatch(/Examples:[\s\S]*--cites 25\/KH-UBND/);
  });
});

describe('vnplan export', () => {
  it('writes a sqlite file and reports row counts', async () => {
    const file = join(dir, 'x.sqlite');
    const { code, out } = await cli('export', dir, '--format', 'sqlite', '-o', file);
    expect(code).toBe(0);
    expect(out).toMatch(/exported documents 60, references \d+/);
    expect((await readFile(file)).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('requires a valid --format', async () => {
    expect((await cli('export', dir)).code).toBe(2);
    expect((await cli('export', dir, '--format', 'xlsx')).code).toBe(2);
  });
});
