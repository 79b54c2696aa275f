/**
 * `exportArchive`: every valid record in out/ into flat tables. The query index is built (or
 * refreshed) first, because the references table carries the citation graph's resolution
 * (citedDocId), which needs the whole archive.
 */
import { outputWriteError } from '../errors.js';
import { QueryIndex } from '../query/query.js';
import { readRecords, type LoadWarning } from '../query/records.js';
import { csvSink, jsonlSink, sqliteSink, type RowSink } from './sinks.js';
import { TABLE_NAMES, rowsOf, type TableName } from './tables.js';

export type ExportFormat = 'csv' | 'jsonl' | 'sqlite';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'sqlite'];

export interface ExportStats {
  format: ExportFormat;
  files: string[];
  rows: Record<TableName, number>;
  warnings: LoadWarning[];
  ms: number;
}

export interface ExportOptions {
  /** Only the text rows of the corrections table: a training set of corrected tokens. */
  correctionsOnly?: boolean;
}

/** `dest` is a folder for csv/jsonl (one file per table) and a file for sqlite. */
export async function exportArchive(outDir: string, format: ExportFormat, dest: string, options: ExportOptions = {}): Promise<ExportStats> {
  const started = performance.now();
  const { index } = await QueryIndex.open(outDir);
  const tables: readonly TableName[] = options.correctionsOnly ? ['corrections'] : TABLE_NAMES;
  const sink: RowSink = await (format === 'csv' ? csvSink(dest, tables) : format === 'jsonl' ? jsonlSink(dest, tables) : sqliteSink(dest, tables)).catch((err: unknown) => {
    throw outputWriteError(err, dest, dest);
  });
  try {
    return await fillSink(outDir, index, sink, format, started, tables, options.correctionsOnly ?? false);
  } catch (err) {
    await sink.abort();
    throw outputWriteError(err, dest, dest);
  }
}

async function fillSink(outDir: string, index: QueryIndex, sink: RowSink, format: ExportFormat, started: number, only: readonly TableName[], textCorrectionsOnly: boolean): Promise<ExportStats> {
  const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  const warnings: LoadWarning[] = [];
  const seen = new Set<string>();
  for await (const record of readRecords(outDir, warnings)) {
    // Two files claiming one docId would break the tables' keys; the first one wins.
    if (seen.has(record.docId)) {
      warnings.push({ file: `${record.docId}.json`, message: 'duplicate docId; skipped' });
      continue;
    }
    seen.add(record.docId);
    const ord = index.byDocId.get(record.docId);
    const citedDocIds = ord === undefined ? [] : index.docs[ord].refs.map((r) => r.cited);
    const tables = rowsOf(record, { citedDocIds });
    for (const t of only) {
      const selected = textCorrectionsOnly ? tables[t].filter((row) => row.target === 'text') : tables[t];
      for (const row of selected) await sink.write(t, row);
      rows[t] += selected.length;
    }
  }
  const files = await sink.close();
  return { format, files, rows, warnings, ms: performance.now() - started };
}
