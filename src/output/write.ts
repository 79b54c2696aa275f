/**
 * Output files. Every file is written atomically (temp file in the same folder + rename, by
 * write-file-atomic), so a crash leaves either the old file or the new one, never a partial
 * one; index.jsonl and run-report.json are rewritten whole, never appended in place.
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DocumentRecord } from '../schema/document.js';
import { DocumentRecordSchema } from '../schema/document.js';

export const INDEX_FILE = 'index.jsonl';
export const REPORT_FILE = 'run-report.json';

export function recordPath(outDir: string, docId: string): string {
  return join(outDir, `${docId}.json`);
}

/** The text file goes first: a record JSON on disk always has its text file beside it. */
export async function writeDocument(outDir: string, record: DocumentRecord): Promise<void> {
  await writeFileAtomic(join(outDir, `${record.docId}.txt`), record.text, { encoding: 'utf8' });
  await writeFileAtomic(recordPath(outDir, record.docId), `${JSON.stringify(record, null, 2)}\n`, { encoding: 'utf8' });
}

/** The existing record for a docId, or undefined when missing or unreadable (then redone). */
export async function readRecord(outDir: string, docId: string): Promise<DocumentRecord | undefined> {
  try {
    const parsed = DocumentRecordSchema.safeParse(JSON.parse(await readFile(recordPath(outDir, docId), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeJsonLines(path: string, rows: unknown[]): Promise<void> {
  await writeFileAtomic(path, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''), { encoding: 'utf8' });
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8' });
}

/** write-file-atomic names its temp files "<target>.<decimal hash>"; a killed run can leave them. */
const TEMP_FILE = /\.(json|jsonl|txt)\.\d+$/;

export async function removeStaleTempFiles(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(outDir)) {
    if (!TEMP_FILE.test(name)) continue;
    await unlink(join(outDir, name)).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}
