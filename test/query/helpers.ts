/** A temporary synthetic archive shared by the tests of one file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentRecord } from '../../src/schema/document.js';
import { writeArchive } from '../../tools/lib/synthetic-archive.js';

export async function tempArchive(count: number, seed = 11): Promise<{ dir: string; records: DocumentRecord[]; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vnplan-query-'));
  const records = await writeArchive(dir, count, seed);
  return { dir, records, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const ids = (xs: Array<{ docId: string }>) => xs.map((x) => x.docId).sort();
