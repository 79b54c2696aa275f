/**
 * Output files. Every file is written atomically: the whole content goes to a temp file in the
 * same folder, is checked written in full and fsynced, and only then renamed over the target,
 * so a crash, a kill or a full disk leaves the old file or the new one, never a partial one.
 * index.jsonl and run-report.json are rewritten whole, never appended in place.
 *
 * The file system calls go through `OutputIo` so tests can inject faults (a short write
 * followed by ENOSPC, as a full disk gives) without a full disk.
 */
import { unlinkSync } from 'node:fs';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { outputWriteError } from '../errors.js';
import type { DocumentRecord } from '../schema/document.js';
import { DocumentRecordSchema } from '../schema/document.js';

export const INDEX_FILE = 'index.jsonl';
export const REPORT_FILE = 'run-report.json';

/** The file system operations an atomic write needs. */
export interface OutputIo {
  /** Creates `path` (which must not exist) with all of `data`, flushed to disk (fsync) before resolving. */
  writeNew(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeOutputIo: OutputIo = {
  async writeNew(path, data) {
    const file = await open(path, 'wx', 0o666);
    try {
      // FileHandle.writeFile loops until every byte is written: a short write (what a nearly
      // full disk returns before ENOSPC) continues, and the ENOSPC that follows rejects.
      await file.writeFile(data, typeof data === 'string' ? { encoding: 'utf8' } : undefined);
      await file.sync();
    } finally {
      await file.close();
    }
  },
  rename,
  unlink,
};

let tempCounter = 0;

/**
 * Temp files being written. A process that exits meanwhile (an abandoned document after a
 * second SIGINT/SIGTERM) removes them on its way out; after kill -9 the next run does.
 */
const pendingTemps = new Set<string>();
let exitHookInstalled = false;

function trackTemp(path: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const temp of pendingTemps) {
        try {
          unlinkSync(temp);
        } catch {
          // Already renamed or never created.
        }
      }
    });
  }
  pendingTemps.add(path);
}

/** Temp files are "<target>.<digits>", recognised (and removed) by removeStaleTempFiles. */
function tempPathFor(path: string): string {
  tempCounter = (tempCounter + 1) % 1_000_000;
  return `${path}.${process.pid}${String(tempCounter).padStart(6, '0')}`;
}

/**
 * Writes files atomically as a group: every temp file is written in full first, then all are
 * renamed, so a full disk fails before any target changes. Failures throw OUTPUT_WRITE_FAILED
 * (or OUTPUT_NOT_WRITABLE for permissions) naming the path and errno; temp files are removed.
 */
export async function writeFilesAtomic(files: Array<{ path: string; data: string | Uint8Array }>, io: OutputIo = nodeOutputIo): Promise<void> {
  const temps = files.map((f) => tempPathFor(f.path));
  temps.forEach(trackTemp);
  let current = files[0]?.path ?? '';
  try {
    for (const [i, f] of files.entries()) {
      current = f.path;
      await io.writeNew(temps[i]!, f.data);
    }
    for (const [i, f] of files.entries()) {
      current = f.path;
      await io.rename(temps[i]!, f.path);
    }
  } catch (err) {
    for (const temp of temps) await io.unlink(temp).catch(() => undefined);
    throw outputWriteError(err, current, dirname(current));
  } finally {
    for (const temp of temps) pendingTemps.delete(temp);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, io: OutputIo = nodeOutputIo): Promise<void> {
  await writeFilesAtomic([{ path, data }], io);
}

export function recordPath(outDir: string, docId: string): string {
  return join(outDir, `${docId}.json`);
}

/**
 * The text file and the record are written as a group (a full disk changes neither), the text
 * renamed first: a record JSON on disk always has its text file beside it.
 */
export async function writeDocument(outDir: string, record: DocumentRecord, io: OutputIo = nodeOutputIo): Promise<void> {
  await writeFilesAtomic(
    [
      { path: join(outDir, `${record.docId}.txt`), data: record.text },
      { path: recordPath(outDir, record.docId), data: `${JSON.stringify(record, null, 2)}\n` },
    ],
    io,
  );
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

export async function writeJsonLines(path: string, rows: unknown[], io: OutputIo = nodeOutputIo): Promise<void> {
  await writeFileAtomic(path, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''), io);
}

export async function writeJson(path: string, value: unknown, io: OutputIo = nodeOutputIo): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, io);
}

/** Temp files of writeFileAtomic (and of write-file-atomic, used before): "<target>.<digits>". */
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
