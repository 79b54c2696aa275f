/**
 * Row sinks: where export rows go. CSV (csv-stringify, RFC 4180 quoting, UTF-8 with BOM so
 * spreadsheet programs show Vietnamese correctly, formula-like cells escaped: output/csv.ts) and JSONL stream one file per table; SQLite
 * (sql.js, WebAssembly, no native build or download) collects rows in memory and writes one
 * .sqlite file at the end.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Duplex, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CSV_CAST } from '../output/csv.js';
import { writeFileAtomic } from '../output/write.js';
import initSqlJs, { type Database, type Statement } from 'sql.js';
import { TABLE_NAMES, TABLES, type Row, type TableName } from './tables.js';

export interface RowSink {
  write(table: TableName, row: Row): void | Promise<void>;
  close(): Promise<string[]>;
  /** After a failure: removes what was written so far (no partial table files are left). */
  abort(): Promise<void>;
}

async function writeTo(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Table files are streamed to "<file>.<pid>.partial" and renamed into place only when every
 * table is complete, so a full disk or a crash never leaves a truncated table under its name.
 */
function streamedFiles(paths: string[], heads: Array<Duplex | undefined>) {
  let failure: unknown;
  const files = paths.map((path, i) => {
    const temp = `${path}.${process.pid}.partial`;
    const file = createWriteStream(temp);
    const head = heads[i];
    const done = head ? pipeline(head, file) : finished(file);
    done.catch((err: unknown) => (failure ??= err));
    const input: Writable = head ?? file;
    return { path, temp, input, done };
  });
  return {
    inputs: files.map((f) => f.input),
    async write(i: number, chunk: unknown) {
      if (failure) throw failure;
      await writeTo(files[i]!.input, chunk);
    },
    async close(): Promise<string[]> {
      for (const f of files) f.input.end();
      for (const f of files) await f.done;
      for (const f of files) await rename(f.temp, f.path);
      return paths;
    },
    async abort(): Promise<void> {
      for (const f of files) {
        f.input.destroy();
        await unlink(f.temp).catch(() => undefined);
      }
    },
  };
}

export async function csvSink(dir: string, tables: readonly TableName[] = TABLE_NAMES): Promise<RowSink> {
  await mkdir(dir, { recursive: true });
  const paths = tables.map((t) => join(dir, `${t}.csv`));
  const csvs = tables.map((t) => stringify({ header: true, bom: true, columns: TABLES[t].columns.map(([name]) => name), cast: CSV_CAST }));
  const out = streamedFiles(paths, csvs);
  return {
    write: (table, row) => out.write(tables.indexOf(table), row),
    close: () => out.close(),
    abort: () => out.abort(),
  };
}

export async function jsonlSink(dir: string, tables: readonly TableName[] = TABLE_NAMES): Promise<RowSink> {
  await mkdir(dir, { recursive: true });
  const paths = tables.map((t) => join(dir, `${t}.jsonl`));
  const out = streamedFiles(paths, []);
  return {
    write: (table, row) => out.write(tables.indexOf(table), `${JSON.stringify(row)}\n`),
    close: () => out.close(),
    abort: () => out.abort(),
  };
}

const quote = (name: string) => `"${name}"`;

export function createSchemaSql(tables: readonly TableName[] = TABLE_NAMES): string {
  return tables.map((t) => {
    const spec = TABLES[t];
    const cols = spec.columns.map(([n, type]) => `${quote(n)} ${type}`).join(', ');
    const table = `CREATE TABLE ${quote(spec.name)} (${cols}, PRIMARY KEY (${spec.primaryKey.map(quote).join(', ')}));`;
    const indexes = spec.indexes.map((cols) => `CREATE INDEX ${quote(`${spec.name}_${cols.join('_')}`)} ON ${quote(spec.name)} (${cols.map(quote).join(', ')});`);
    return [table, ...indexes].join('\n');
  }).join('\n');
}

export async function sqliteSink(file: string, tables: readonly TableName[] = TABLE_NAMES): Promise<RowSink> {
  const SQL = await initSqlJs();
  const db: Database = new SQL.Database();
  db.run(createSchemaSql(tables));
  db.run('BEGIN');
  const inserts = new Map<TableName, { stmt: Statement; cols: string[] }>(
    tables.map((t) => {
      const cols = TABLES[t].columns.map(([n]) => n);
      const stmt = db.prepare(`INSERT INTO ${quote(t)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      return [t, { stmt, cols }];
    }),
  );
  return {
    write(table, row) {
      const { stmt, cols } = inserts.get(table)!;
      stmt.run(cols.map((c) => row[c] ?? null));
    },
    async close() {
      for (const { stmt } of inserts.values()) stmt.free();
      db.run('COMMIT');
      const bytes = db.export();
      db.close();
      await writeFileAtomic(file, Buffer.from(bytes));
      return [file];
    },
    async abort() {
      // Nothing is on disk before close(); the writer removes its own temp file on failure.
    },
  };
}
