/**
 * Building the query index incrementally: a record file whose size and mtime match the
 * previous build (and so whose source sha256 and pipeline version are those stored) keeps its
 * summary and postings; only new or rewritten records are parsed. Removed records drop out.
 * Citations are re-resolved over the whole archive each build, since a new document can be
 * the target of old references.
 *
 * Fast path: the runner writes every record by rename (src/output/write.ts), which updates the
 * folder's mtime; while that mtime equals the one stored at the last build no record can have
 * been added, replaced or removed, so the 10 000 stat calls are skipped. A file edited in
 * place does not touch the folder mtime: `--rebuild` (force) covers that case.
 */
import type { DocumentRecord } from '../schema/document.js';
import { resolveCitations } from './citations.js';
import { metaFromRecord, type DocMeta } from './doc-meta.js';
import { terms } from './fold.js';
import { mkdir, stat } from 'node:fs/promises';
import { indexDir, readStoredMeta, readTermTable, rewriteMeta, termTableMatches, termTableToMap, writeIndex, type PostingsMap, type StoredMeta } from './index-store.js';
import { listRecordFiles, loadRecordFile, type LoadWarning } from './records.js';
import { correctionsDir } from '../corrections/store.js';

export interface BuildStats {
  documents: number;
  /** Records parsed this build (new or changed). */
  indexed: number;
  reused: number;
  removed: number;
  warnings: LoadWarning[];
  /** False when nothing changed and the stored index was used as is. */
  written: boolean;
  bytes: number;
  ms: number;
}

/** Term frequencies of a record's restored text (folded terms). */
export function termFrequencies(record: DocumentRecord): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms(record.text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

export async function buildIndex(outDir: string, options: { force?: boolean } = {}): Promise<BuildStats> {
  return (await refreshIndex(outDir, options)).stats;
}

/** Build or refresh the index; also returns the stored summaries so a caller need not re-read them. */
export async function refreshIndex(outDir: string, options: { force?: boolean } = {}): Promise<{ stats: BuildStats; stored: StoredMeta }> {
  const started = performance.now();
  // The index folder is created before the folder's mtime is taken: creating it changes that mtime.
  await mkdir(indexDir(outDir), { recursive: true });
  // Corrections are written by rename into corrections/, which changes that folder's mtime (not outDir's).
  const dirMtimeMs = (await stat(outDir)).mtimeMs + ((await stat(correctionsDir(outDir)).catch(() => undefined))?.mtimeMs ?? 0);
  const stored = options.force ? null : await readStoredMeta(outDir);
  const old = stored && (await termTableMatches(outDir, stored.buildId)) ? stored : null;
  if (old && old.dirMtimeMs === dirMtimeMs) {
    const n = old.docs.length;
    return { stats: { documents: n, indexed: 0, reused: n, removed: 0, warnings: old.warnings, written: false, bytes: 0, ms: performance.now() - started }, stored: old };
  }
  const files = await listRecordFiles(outDir);
  const oldByFile = new Map<string, { meta: DocMeta; ordinal: number }>();
  if (old) old.docs.forEach((meta, ordinal) => oldByFile.set(meta.file, { meta, ordinal }));

  const docs: DocMeta[] = [];
  const oldToNew = new Map<number, number>();
  const fresh: Array<{ ordinal: number; tf: Map<string, number> }> = [];
  const warnings: LoadWarning[] = [];
  for (const file of files) {
    const prev = oldByFile.get(file.name);
    if (prev && prev.meta.size === file.size && prev.meta.mtimeMs === file.mtimeMs && sameStamp(prev.meta.corrections ?? null, file.corrections)) {
      oldToNew.set(prev.ordinal, docs.length);
      docs.push(prev.meta);
      continue;
    }
    const result = await loadRecordFile(file);
    if (result.warning) warnings.push(result.warning);
    if (!('record' in result)) continue;
    const tf = termFrequencies(result.record);
    let length = 0;
    for (const n of tf.values()) length += n;
    fresh.push({ ordinal: docs.length, tf });
    docs.push(metaFromRecord(result.record, file, length));
  }
  const removed = old ? old.docs.length - oldToNew.size : 0;
  if (old && fresh.length === 0 && removed === 0) {
    // Same records (e.g. only a non-record file changed): keep the postings, note the new mtime.
    const { stored: kept } = await rewriteMeta(outDir, old, dirMtimeMs, warnings);
    return { stats: { documents: docs.length, indexed: 0, reused: docs.length, removed: 0, warnings, written: false, bytes: 0, ms: performance.now() - started }, stored: kept };
  }

  const postings: PostingsMap = new Map();
  // Postings are read only now that something changed; a no-change refresh is stats only.
  const oldTable = old && oldToNew.size ? await readTermTable(outDir, old.buildId) : null;
  // Replaced between the check and now (another process rebuilt it): start over from scratch.
  if (old && oldToNew.size && !oldTable) return refreshIndex(outDir, { force: true });
  if (oldTable) {
    for (const [term, pairs] of termTableToMap(oldTable)) {
      const kept: number[] = [];
      for (let i = 0; i < pairs.length; i += 2) {
        const ordinal = oldToNew.get(pairs[i]);
        if (ordinal !== undefined) kept.push(ordinal, pairs[i + 1]);
      }
      if (kept.length) postings.set(term, kept);
    }
  }
  for (const { ordinal, tf } of fresh) {
    for (const [term, n] of tf) {
      const list = postings.get(term);
      if (list) list.push(ordinal, n);
      else postings.set(term, [ordinal, n]);
    }
  }
  // Postings stay sorted by ordinal so a merge or early stop could rely on it.
  if (oldTable && fresh.length) for (const list of postings.values()) sortPairs(list);

  resolveCitations(docs);
  const { bytes, stored: written } = await writeIndex(outDir, docs, postings, { dirMtimeMs, warnings });
  return {
    stats: { documents: docs.length, indexed: fresh.length, reused: oldToNew.size, removed, warnings, written: true, bytes, ms: performance.now() - started },
    stored: written,
  };
}

function sameStamp(a: { size: number; mtimeMs: number } | null, b: { size: number; mtimeMs: number } | null): boolean {
  return a === b || (a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

function sortPairs(list: number[]): void {
  let sorted = true;
  for (let i = 2; i < list.length && sorted; i += 2) sorted = list[i - 2] < list[i];
  if (sorted) return;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  pairs.forEach(([o, n], i) => {
    list[2 * i] = o;
    list[2 * i + 1] = n;
  });
}
