import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/query/build-index.js';
import { INDEX_DIR } from '../../src/query/index-store.js';
import { QueryIndex } from '../../src/query/query.js';
import type { DocumentRecord } from '../../src/schema/document.js';
import { generateRecords } from '../../tools/lib/synthetic-archive.js';
import { tempArchive } from './helpers.js';

let dir: string;
let records: DocumentRecord[];
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, records, cleanup } = await tempArchive(40, 21));
});
afterEach(() => cleanup());

describe('incremental index', () => {
  it('re-reads only changed, new and removed records', async () => {
    const first = await buildIndex(dir);
    expect(first).toMatchObject({ documents: 40, indexed: 40, reused: 0, written: true });
    expect(first.bytes).toBeGreaterThan(0);

    const again = await buildIndex(dir);
    expect(again).toMatchObject({ documents: 40, indexed: 0, reused: 40, written: false });

    // Change one record's text, delete one, add one.
    const changed = structuredClone(records[3]);
    changed.text += '\nBổ sung nội dung thi đua phòng chống đuối nước cho trẻ em.';
    await writeFile(join(dir, `${changed.docId}.json`), JSON.stringify(changed));
    const future = new Date(Date.now() + 5000);
    await utimes(join(dir, `${changed.docId}.json`), future, future);
    await rm(join(dir, `${records[7].docId}.json`));
    const added = [...generateRecords(41, 21)][40];
    await writeFile(join(dir, `${added.docId}.json`), JSON.stringify(added));

    const third = await buildIndex(dir);
    expect(third).toMatchObject({ documents: 40, indexed: 2, reused: 38, removed: 2, written: true });
    const index = await QueryIndex.load(dir);
    const hits = (await index.query({ text: 'duoi nuoc tre em' })).results;
    expect(hits[0].docId).toBe(changed.docId);
    expect(hits[0].snippet?.text).toContain('«đuối» «nước» cho «trẻ» «em»');
    expect(hits[1].score!).toBeLessThan(hits[0].score! / 2);
    expect(index.byDocId.has(records[7].docId)).toBe(false);
    expect(index.byDocId.has(added.docId)).toBe(true);

    // The merged postings rank exactly like a fresh build.
    const merged = await index.query({ text: 'cai cach hanh chinh', limit: 0 });
    await buildIndex(dir, { force: true });
    const fresh = await (await QueryIndex.load(dir)).query({ text: 'cai cach hanh chinh', limit: 0 });
    expect(merged.results.map((r) => [r.docId, r.score])).toEqual(fresh.results.map((r) => [r.docId, r.score]));
  });

  it('tolerates a corrupt or invalid record with a warning and indexes the rest', async () => {
    await writeFile(join(dir, 'broken-0000.json'), '{"docId": "broken", "fields": {');
    await writeFile(join(dir, 'invalid-0000.json'), JSON.stringify({ docId: 'invalid', fields: {}, schemaVersion: '1.0.0' }));
    const stats = await buildIndex(dir);
    expect(stats.documents).toBe(40);
    expect(stats.warnings.map((w) => w.file).sort()).toEqual(['broken-0000.json', 'invalid-0000.json']);
    expect(stats.warnings[0].message).toMatch(/unreadable JSON|not a valid document record/);
    // run-report.json (written by the generator as the runner does) is not a record and not a warning.
    expect(stats.warnings.some((w) => w.file === 'run-report.json')).toBe(false);
    // A refresh that changes nothing still reports the skipped files.
    const again = await buildIndex(dir);
    expect(again.written).toBe(false);
    expect(again.warnings.map((w) => w.file).sort()).toEqual(['broken-0000.json', 'invalid-0000.json']);
  });

  it('skips the stat pass while the folder is unchanged; --rebuild catches an in-place edit', async () => {
    await buildIndex(dir);
    const edited = structuredClone(records[0]);
    edited.text += '\nNội dung bổ sung về phòng cháy chữa cháy rừng.';
    // Written in place (not by rename as the runner does): the folder mtime does not change.
    const path = join(dir, `${edited.docId}.json`);
    const before = (await stat(dir)).mtimeMs;
    await writeFile(path, JSON.stringify(edited));
    expect((await stat(dir)).mtimeMs).toBe(before);
    expect((await buildIndex(dir)).indexed).toBe(0);
    const forced = await buildIndex(dir, { force: true });
    expect(forced).toMatchObject({ indexed: 40, written: true });
    expect((await (await QueryIndex.load(dir)).query({ text: 'chay rung' })).results[0].docId).toBe(edited.docId);
  });

  it('rebuilds when the index files disagree (e.g. a crash between writes)', async () => {
    await buildIndex(dir);
    const termsPath = join(dir, INDEX_DIR, 'terms.json');
    const terms = JSON.parse(await readFile(termsPath, 'utf8'));
    await writeFile(termsPath, JSON.stringify({ ...terms, buildId: 'stale' }));
    const stats = await buildIndex(dir);
    expect(stats).toMatchObject({ indexed: 40, written: true });
    expect((await (await QueryIndex.load(dir)).query({ text: 'thi dua' })).total).toBe(40);
  });
});
