import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../src/export/export.js';
import { TABLES } from '../../src/export/tables.js';
import type { DocumentRecord } from '../../src/schema/document.js';
import { tempArchive } from '../query/helpers.js';

let dir: string;
let records: DocumentRecord[];
let cleanup: () => Promise<void>;
const TRICKY_TITLE = 'Kế hoạch "thi đua", năm 2024\ndòng hai; có dấu phẩy';

beforeAll(async () => {
  ({ dir, records, cleanup } = await tempArchive(200, 31));
  // A value that needs CSV quoting: quotes, comma, newline.
  records[0].fields.title.value = TRICKY_TITLE;
  await writeFile(join(dir, `${records[0].docId}.json`), JSON.stringify(records[0]));
  await writeFile(join(dir, 'corrupt.json'), '{ not json');
});
afterAll(() => cleanup());

const expected = () => ({
  documents: records.length,
  references: records.reduce((n, r) => n + r.fields.references.length, 0),
  quotas: records.reduce((n, r) => n + r.fields.quotas.length, 0),
  deadlines: records.reduce((n, r) => n + r.fields.deadlines.length, 0),
  sections: records.reduce((n, r) => {
    const count = (xs: DocumentRecord['fields']['sections']): number => xs.reduce((k, x) => k + 1 + count(x.children), 0);
    return n + count(r.fields.sections);
  }, 0),
  // No corrections folder here: the corrections table is written empty.
  corrections: 0,
});

describe('export', () => {
  it('csv: one quoted, BOM-prefixed file per table, readable by a CSV parser', async () => {
    const dest = join(dir, 'csv-out');
    const stats = await exportArchive(dir, 'csv', dest);
    expect(stats.rows).toEqual(expected());
    expect(stats.warnings.map((w) => w.file)).toEqual(['corrupt.json']);
    const docs = parse(await readFile(join(dest, 'documents.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(docs).toHaveLength(200);
    expect(Object.keys(docs[0])).toEqual(TABLES.documents.columns.map(([c]) => c));
    expect(docs.find((d) => d.docId === records[0].docId)!.title).toBe(TRICKY_TITLE);
    const refs = parse(await readFile(join(dest, 'references.csv')), { bom: true, columns: true }) as Record<string, string>[];
    const first = records.find((r) => r.fields.references.length)!;
    const row = refs.find((r) => r.docId === first.docId && r.idx === '0')!;
    expect(row.text).toBe(first.fields.references[0].text);
    expect(row.number).toBe(first.fields.references[0].number ?? '');
  });

  it('jsonl: one JSON object per line, with nulls kept', async () => {
    const dest = join(dir, 'jsonl-out');
    const stats = await exportArchive(dir, 'jsonl', dest);
    expect(stats.rows).toEqual(expected());
    const lines = (await readFile(join(dest, 'deadlines.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(expected().deadlines);
    const rec = records[5];
    const mine = lines.filter((l) => l.docId === rec.docId);
    expect(mine.map((l) => [l.date, l.kind])).toEqual(rec.fields.deadlines.map((d) => [d.date, d.kind]));
    const sections = (await readFile(join(dest, 'sections.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const sub = sections.find((s) => s.docId === rec.docId && s.path === 'I.1');
    expect(sub).toMatchObject({ parentPath: 'I', depth: 2, title: 'Mục đích' });
  });

  it('sqlite: tables with keys and indexes, queryable with sql.js, citations resolved', async () => {
    const file = join(dir, 'plans.sqlite');
    const stats = await exportArchive(dir, 'sqlite', file);
    const SQL = await initSqlJs();
    const db = new SQL.Database(await readFile(file));
    const count = (sql: string) => db.exec(sql)[0].values[0][0];
    const want = expected();
    for (const t of Object.keys(want) as Array<keyof typeof want>) expect(count(`SELECT count(*) FROM "${t}"`)).toBe(want[t]);
    expect(stats.rows).toEqual(want);
    const indexes = db.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")[0].values.flat();
    expect(indexes).toContain('references_citedDocId');
    // Every resolved citation points at a document row with the same number key.
    const bad = count(`SELECT count(*) FROM "references" r LEFT JOIN documents d ON d.docId = r.citedDocId
      WHERE r.citedDocId IS NOT NULL AND (d.docId IS NULL OR d.numberKey <> r.numberKey)`);
    expect(bad).toBe(0);
    expect(count('SELECT count(*) FROM "references" WHERE citedDocId IS NOT NULL')).toBeGreaterThan(10);
    const title = db.exec('SELECT title FROM documents WHERE docId = ?', [records[0].docId])[0].values[0][0];
    expect(title).toBe(TRICKY_TITLE);
    db.close();
  });
});
