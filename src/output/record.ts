/** VDoc -> the validated output record (src/schema/document.ts). */
import { diag } from '../diagnostics.js';
import type { VDoc } from '../document.js';
import { VnplanError } from '../errors.js';
import type { DocumentFields, DocumentRecord } from '../schema/document.js';
import { DocumentFieldsSchema, DocumentRecordSchema, SCHEMA_VERSION } from '../schema/document.js';
import { docIdFor } from './docid.js';
import { emptyFields } from './empty-fields.js';
import { forEachCharPage, locate } from './locate.js';

export interface RecordMeta {
  pipeline: { name: string; version: string };
  /** ISO timestamp; defaults to now. */
  createdAt?: string;
  /** Keep per-token restoration details (large); off by default. */
  restoreTokens?: boolean;
}

/** [start, end) of each page's text within the final text; empty pages get an empty range. */
export function pageRanges(doc: VDoc): DocumentRecord['pages'] {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  forEachCharPage(doc, (i, p) => {
    // Separators inserted between lines belong to no page; ranges start and end on content.
    if (p === undefined || /\s/.test(doc.text[i]!)) return;
    if (!first.has(p)) first.set(p, i);
    last.set(p, i + 1);
  });
  let cursor = 0;
  return doc.pages.map((page) => {
    const start = first.get(page.number) ?? cursor;
    const end = last.get(page.number) ?? start;
    cursor = end;
    return {
      number: page.number,
      origin: page.origin,
      ...(page.confidence !== undefined ? { confidence: page.confidence } : {}),
      ...(page.needsRestoration !== undefined ? { needsRestoration: page.needsRestoration } : {}),
      start,
      end,
    };
  });
}

/** Fills page/bbox on every provenance object found anywhere in the fields (returns a copy). */
export function locateProvenances<T>(doc: VDoc, value: T): T {
  if (Array.isArray(value)) return value.map((v) => locateProvenances(doc, v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'provenance' && v && typeof v === 'object' && 'start' in v && 'end' in v) {
      const prov = v as { start: number; end: number };
      out[key] = { ...prov, ...locate(doc, prov.start, prov.end) };
    } else out[key] = locateProvenances(doc, v);
  }
  return out as T;
}

export function toRecord(doc: VDoc, meta: RecordMeta): DocumentRecord {
  const diagnostics = [...doc.diagnostics];
  let fields: DocumentFields = emptyFields();
  if (doc.fields) {
    const parsed = DocumentFieldsSchema.safeParse(doc.fields);
    if (parsed.success) fields = locateProvenances(doc, parsed.data);
    else {
      diagnostics.push(
        diag('output', 'error', 'output.fields-invalid', `Extracted fields do not match the schema; emitted empty fields: ${parsed.error.message.slice(0, 500)}`),
      );
    }
  } else if (doc.outline) {
    fields = { ...fields, sections: doc.outline };
  }
  const restoration = doc.restoration
    ? (() => {
        const { tokens, ...rest } = doc.restoration;
        return meta.restoreTokens && tokens ? { ...rest, tokens } : rest;
      })()
    : undefined;
  const candidate = {
    schemaVersion: SCHEMA_VERSION,
    docId: docIdFor(doc.source.relPath),
    source: {
      path: doc.source.path,
      relPath: doc.source.relPath,
      sha256: doc.source.sha256,
      bytes: doc.source.bytes,
      ...(doc.source.mime ? { mime: doc.source.mime } : {}),
      kind: doc.source.kind ?? 'text',
      ...(doc.source.encoding ? { encoding: doc.source.encoding } : {}),
    },
    pipeline: meta.pipeline,
    createdAt: meta.createdAt ?? new Date().toISOString(),
    timings: doc.timings,
    diagnostics,
    pages: pageRanges(doc),
    ...(restoration ? { restoration } : {}),
    text: doc.text,
    fields,
  };
  const result = DocumentRecordSchema.safeParse(candidate);
  if (!result.success) throw new VnplanError('INTERNAL', `The output record does not match the schema: ${result.error.message.slice(0, 1000)}`);
  return result.data;
}
