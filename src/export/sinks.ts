/**
 * Row sinks: where export rows go. CSV (csv-stringify, RFC 4180 quoting, UTF-8 with BOM so
 * spreadsheet programs show Vietnamese correctly, formula-like cells escaped: output/csv.ts) and JSONL stream one file per table; SQLite
 * (sql.js, WebAssembly, no native build or download) collects rows in memory and writes one
 * .sqlite file at the end.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { CSV_CAST } from '../output/csv.js';
import { writeFileAtomic } from '../output/write.js';
import initSqlJs, { type Database, type Statement } from 'sql.js';
import { TABLE_NAMES, TABLES, type Row, type TableName } from './tables.js';

export interface RowSink {
  write(table: TableName, row: Row): void | Promise<void>;
  close(): Promise<string[]>;
}

async function writeTo(stream: WriteStream | Stringifier, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function endStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function csvSink(dir: string): Promise<RowSink> {
  await mkdir(dir, { recursive: true });
  const files = TABLE_NAMES.map((t) => join(dir, `${t}.csv`));
  const outs = new Map<TableName, { csv: Stringifier; file: WriteStream }>();
  TABLE_NAMES.forEach((t, i) => {
    const file = createWriteStream(files[i]);
    const csv = stringify({ header: true, bom: true, columns: TABLES[t].columns.map(([name]) => name), cast: CSV_CAST });
    csv.pipe(file);
    outs.set(t, { csv, file });
  });
  return {
    write: (table, row) => writeTo(outs.get(table)!.csv, row),
    async close() {
      for (const { csv, file } of outs.values()) {
        csv.end();
        await once(file, 'finish');
      }
      return files;
    },
  };
}

export async function jsonlSink(dir: string): Promise<RowSink> {
  await mkdir(dir, { recursive: true });
  const files = TABLE_NAMES.map((t) => join(dir, `${t}.jsonl`));
  const outs = new Map<TableName, WriteStream>(TABLE_NAMES.map((t, i) => [t, createWriteStream(files[i])]));
  return {
    write: (table, row) => writeTo(outs.get(table)!, `${JSON.stringify(row)}\n`),
    async close() {
      for (const s of outs.values()) await endStream(s);
      return files;
    },
  };
}

const quote = (name: string) => `"${name}"`;

export function createSchemaSql(): string {
  return TABLE_NAMES.map((t) => {
    const spec = TABLES[t];
    const cols = spec.columns.map(([n, type]) => `${quote(n)} ${type}`).join(', ');
    const table = `CREATE TABLE ${quote(spec.name)} (${cols}, PRIMARY KEY (${spec.primaryKey.map(quote).join(', ')}));`;
    const indexes = spec.indexes.map((cols) => `CREATE INDEX ${quote(`${spec.name}_${cols.join('_')}`)} ON ${quote(spec.name)} (${cols.map(quote).join(', ')});`);
    return [table, ...indexes].join('\n');
  }).join('\n');
}

export async function sqliteSink(file: string): Promise<RowSink> {
  const SQL = await initSqlJs();
  const db: Database = new SQL.Database();
  db.run(createSchemaSql());
  db.run('BEGIN');
  const inserts = new Map<TableName, { stmt: Statement; cols: string[] }>(
    TABLE_NAMES.map((t) => {
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
  };
}
