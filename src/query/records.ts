/**
 * Reading the runner's output folder: every out/<docId>.json that is a document record.
 * run-report.json, index.jsonl, .txt files and dot-folders (our index) are not records and are
 * skipped silently; any other .json that is unreadable, not a record at all (wrong shape) or
 * fails DocumentRecordSchema is skipped with a warning, so one damaged or stray file never
 * hides the rest of the archive and is never dropped unnoticed.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { applyCorrections } from '../corrections/apply.js';
import { correctionsStamp, readCorrections } from '../corrections/store.js';
import { DocumentRecordSchema, type DocumentRecord } from '../schema/document.js';

/** Files the runner writes beside the records (src/output/write.ts). */
const NON_RECORD_FILES = new Set(['run-report.json', 'index.json', 'package.json']);

export interface RecordFile {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
  /** Size and mtime of corrections/<docId>.json, null when the document has none. */
  corrections: { size: number; mtimeMs: number } | null;
}

export interface LoadWarning {
  file: string;
  message: string;
}

export async function listRecordFiles(outDir: string): Promise<RecordFile[]> {
  const names = (await readdir(outDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.') && !NON_RECORD_FILES.has(n)).sort();
  // stat in parallel batches: at 10 000 records one-by-one awaits dominate a no-change refresh.
  const files: RecordFile[] = [];
  const hasCorrections = (await stat(join(outDir, 'corrections')).catch(() => undefined))?.isDirectory() ?? false;
  const BATCH = 256;
  for (let i = 0; i < names.length; i += BATCH) {
    const batch = names.slice(i, i + BATCH);
    const stats = await Promise.all(batch.map((name) => stat(join(outDir, name)).catch(() => undefined)));
    const stamps = await Promise.all(batch.map((name) => (hasCorrections ? correctionsStamp(outDir, name.slice(0, -5)) : null)));
    batch.forEach((name, k) => {
      const st = stats[k];
      if (st?.isFile()) files.push({ name, path: join(outDir, name), size: st.size, mtimeMs: st.mtimeMs, corrections: stamps[k] ?? null });
    });
  }
  return files;
}

export type LoadResult = { record: DocumentRecord; warning?: LoadWarning } | { warning: LoadWarning };

/** Parse one file into a record, or a warning saying why it is not one. */
export async function loadRecordFile(file: RecordFile): Promise<LoadResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file.path, 'utf8'));
  } catch (err) {
    return { warning: { file: file.name, message: `unreadable JSON: ${(err as Error).message}` } };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || !('docId' in json) || !('fields' in json)) {
    const shape = Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json === 'object' ? 'an object without docId/fields' : `a ${typeof json}`;
    return { warning: { file: file.name, message: `not a document record (${shape})` } };
  }
  const parsed = DocumentRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { warning: { file: file.name, message: `not a valid document record: ${issue?.path.join('.')}: ${issue?.message}` } };
  }
  // Human corrections (vnplan review) are applied to every record read; a damaged corrections
  // file leaves the record as the run wrote it, with a warning.
  try {
    const corrections = await readCorrections(dirname(file.path), parsed.data.docId);
    return { record: applyCorrections(parsed.data, corrections).record };
  } catch (err) {
    return { record: parsed.data, warning: { file: `corrections/${parsed.data.docId}.json`, message: `${(err as Error).message}; not applied` } };
  }
}

/** Every valid record in the folder, with warnings for the files that were skipped. */
export async function* readRecords(outDir: string, warnings: LoadWarning[]): AsyncGenerator<DocumentRecord> {
  for (const file of await listRecordFiles(outDir)) {
    const result = await loadRecordFile(file);
    if (result.warning) warnings.push(result.warning);
    if ('record' in result) yield result.record;
  }
}
