/**
 * The flat tables an analyst opens: one row per document, reference, quota, deadline and
 * outline section, each keyed by docId. One definition drives CSV, JSONL and SQLite so the
 * three formats always have the same columns.
 */
import type { DocumentRecord, OutlineNode } from '../schema/document.js';
import { symbolKey } from '../query/symbols.js';

export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL';
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface TableSpec {
  name: string;
  columns: ReadonlyArray<readonly [name: string, type: ColumnType]>;
  primaryKey: readonly string[];
  /** Extra SQLite indexes (column lists) for the usual analyst joins and filters. */
  indexes: ReadonlyArray<readonly string[]>;
}

/** Context beyond the record itself: the citation graph's resolution of each reference. */
export interface RowContext {
  /** citedDocIds[i] is the archived document that references[i] cites, if any. */
  citedDocIds: ReadonlyArray<string | null>;
}

export const TABLES = {
  documents: {
    name: 'documents',
    columns: [
      ['docId', 'TEXT'], ['relPath', 'TEXT'], ['sha256', 'TEXT'], ['kind', 'TEXT'], ['pipelineVersion', 'TEXT'], ['createdAt', 'TEXT'],
      ['documentType', 'TEXT'], ['number', 'TEXT'], ['numberKey', 'TEXT'], ['issuer', 'TEXT'], ['issuerParent', 'TEXT'], ['place', 'TEXT'],
      ['issueDate', 'TEXT'], ['issueDatePrecision', 'TEXT'], ['title', 'TEXT'], ['periodFrom', 'TEXT'], ['periodTo', 'TEXT'],
      ['signerName', 'TEXT'], ['signerTitle', 'TEXT'], ['signerOnBehalfOf', 'TEXT'], ['awards', 'TEXT'], ['recipients', 'TEXT'],
      ['pages', 'INTEGER'], ['textLength', 'INTEGER'], ['restorationApplied', 'INTEGER'], ['restorationConfidence', 'REAL'],
      ['warnings', 'INTEGER'], ['minFieldConfidence', 'REAL'],
      ['humanVerified', 'INTEGER'], ['corrections', 'INTEGER'], ['staleCorrections', 'INTEGER'],
    ],
    primaryKey: ['docId'],
    indexes: [['numberKey'], ['issueDate'], ['issuer'], ['documentType']],
  },
  references: {
    name: 'references',
    columns: [
      ['docId', 'TEXT'], ['idx', 'INTEGER'], ['type', 'TEXT'], ['number', 'TEXT'], ['numberKey', 'TEXT'], ['date', 'TEXT'], ['issuer', 'TEXT'],
      ['subject', 'TEXT'], ['text', 'TEXT'], ['citedDocId', 'TEXT'], ['confidence', 'REAL'], ['section', 'TEXT'], ['start', 'INTEGER'], ['end', 'INTEGER'],
    ],
    primaryKey: ['docId', 'idx'],
    indexes: [['numberKey'], ['citedDocId']],
  },
  quotas: {
    name: 'quotas',
    columns: [
      ['docId', 'TEXT'], ['idx', 'INTEGER'], ['text', 'TEXT'], ['items', 'TEXT'], ['totalCount', 'REAL'], ['units', 'TEXT'], ['percent', 'REAL'],
      ['subject', 'TEXT'], ['qualifier', 'TEXT'], ['section', 'TEXT'], ['confidence', 'REAL'], ['start', 'INTEGER'], ['end', 'INTEGER'],
    ],
    primaryKey: ['docId', 'idx'],
    indexes: [['units']],
  },
  deadlines: {
    name: 'deadlines',
    columns: [
      ['docId', 'TEXT'], ['idx', 'INTEGER'], ['date', 'TEXT'], ['kind', 'TEXT'], ['text', 'TEXT'], ['action', 'TEXT'], ['who', 'TEXT'],
      ['section', 'TEXT'], ['confidence', 'REAL'], ['start', 'INTEGER'], ['end', 'INTEGER'],
    ],
    primaryKey: ['docId', 'idx'],
    indexes: [['date']],
  },
  sections: {
    name: 'sections',
    columns: [
      ['docId', 'TEXT'], ['path', 'TEXT'], ['parentPath', 'TEXT'], ['number', 'TEXT'], ['kind', 'TEXT'], ['depth', 'INTEGER'], ['ord', 'INTEGER'],
      ['title', 'TEXT'], ['start', 'INTEGER'], ['end', 'INTEGER'], ['confidence', 'REAL'],
    ],
    // Outline paths can repeat when a document misnumbers its headings, so ord is the key.
    primaryKey: ['docId', 'ord'],
    indexes: [['docId', 'path']],
  },
  /**
   * Human corrections (vnplan review): text tokens and fields, with the machine's and the
   * person's value; `vnplan export --corrections-only` writes the text rows alone, a training
   * set of corrected tokens (input → machine output → human value, with context).
   */
  corrections: {
    name: 'corrections',
    columns: [
      ['docId', 'TEXT'], ['id', 'TEXT'], ['target', 'TEXT'], ['status', 'TEXT'], ['field', 'TEXT'], ['start', 'INTEGER'], ['end', 'INTEGER'],
      ['input', 'TEXT'], ['original', 'TEXT'], ['value', 'TEXT'], ['changed', 'INTEGER'], ['action', 'TEXT'], ['confidence', 'REAL'],
      ['alternatives', 'TEXT'], ['before', 'TEXT'], ['after', 'TEXT'], ['who', 'TEXT'], ['when', 'TEXT'],
    ],
    primaryKey: ['docId', 'id'],
    indexes: [['target', 'status']],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

const prov = (p: { start: number; end: number; section?: string | null } | null) => ({ start: p?.start ?? null, end: p?.end ?? null });

function walkSections(nodes: OutlineNode[], parent: string | null, out: OutlineNode[][], parents: (string | null)[]): void {
  for (const n of nodes) {
    out.push([n]);
    parents.push(parent);
    walkSections(n.children, n.path, out, parents);
  }
}

/** Rows of every table for one record. */
export function rowsOf(record: DocumentRecord, ctx: RowContext): Record<TableName, Row[]> {
  const f = record.fields;
  const scalars = [f.documentType, f.number, f.issuingBody.name, f.place, f.issueDate, f.title].filter((x) => x.value !== null);
  const documents: Row[] = [{
    docId: record.docId, relPath: record.source.relPath, sha256: record.source.sha256, kind: record.source.kind,
    pipelineVersion: record.pipeline.version, createdAt: record.createdAt,
    documentType: f.documentType.value, number: f.number.value, numberKey: f.number.value ? symbolKey(f.number.value) : null,
    issuer: f.issuingBody.name.value, issuerParent: f.issuingBody.parent.value, place: f.place.value,
    issueDate: f.issueDate.value, issueDatePrecision: f.issueDate.value ? (f.issueDate.precision ?? 'day') : null, title: f.title.value,
    periodFrom: f.period.from.value, periodTo: f.period.to.value,
    signerName: f.signer.name.value, signerTitle: f.signer.title.value, signerOnBehalfOf: f.signer.onBehalfOf.value,
    awards: f.awards.map((a) => a.value).filter(Boolean).join('; ') || null,
    recipients: f.recipients.map((a) => a.value).filter(Boolean).join('; ') || null,
    pages: record.pages.length, textLength: record.text.length,
    restorationApplied: record.restoration ? Number(record.restoration.applied) : null,
    restorationConfidence: record.restoration?.meanConfidence ?? null,
    warnings: record.diagnostics.filter((d) => d.severity !== 'info').length,
    minFieldConfidence: scalars.length ? Math.min(...scalars.map((x) => x.confidence)) : null,
    humanVerified: Number((record.review?.applied ?? 0) > 0), corrections: record.review?.corrections ?? 0,
    staleCorrections: record.review ? record.review.corrections - record.review.applied : 0,
  }];
  const corrections: Row[] = (record.review?.items ?? []).map((c) => ({
    docId: record.docId, id: c.id, target: c.target, status: c.status, field: c.field ?? null, start: c.start ?? null, end: c.end ?? null,
    input: c.input ?? null, original: c.original, value: c.value, changed: Number(c.original !== c.value), action: c.action ?? null,
    confidence: c.confidence ?? null, alternatives: c.alternatives?.join('; ') ?? null, before: c.before ?? null, after: c.after ?? null,
    who: c.who, when: c.when,
  }));
  const references: Row[] = f.references.map((r, idx) => ({
    docId: record.docId, idx, type: r.type, number: r.number, numberKey: r.number ? symbolKey(r.number) : null, date: r.date,
    issuer: r.issuer, subject: r.subject, text: r.text, citedDocId: ctx.citedDocIds[idx] ?? null, confidence: r.confidence,
    section: r.provenance?.section ?? null, ...prov(r.provenance),
  }));
  const quotas: Row[] = f.quotas.map((q, idx) => ({
    docId: record.docId, idx, text: q.text,
    items: q.items?.map((i) => `${i.count} ${i.unit}`).join('; ') ?? null,
    totalCount: q.items ? q.items.reduce((s, i) => s + i.count, 0) : null,
    units: q.items?.map((i) => i.unit).join('; ') ?? null,
    percent: q.percent ?? null, subject: q.subject ?? null, qualifier: q.qualifier ?? null, section: q.section,
    confidence: q.confidence, ...prov(q.provenance),
  }));
  const deadlines: Row[] = f.deadlines.map((d, idx) => ({
    docId: record.docId, idx, date: d.date, kind: d.kind, text: d.text, action: d.action ?? null, who: d.who ?? null,
    section: d.section, confidence: d.confidence, ...prov(d.provenance),
  }));
  const nodes: OutlineNode[][] = [];
  const parents: (string | null)[] = [];
  walkSections(f.sections, null, nodes, parents);
  const sections: Row[] = nodes.map(([n], ord) => ({
    docId: record.docId, path: n.path, parentPath: parents[ord], number: n.number, kind: n.kind,
    depth: n.path.split('.').length, ord, title: n.title, start: n.span.start, end: n.span.end, confidence: n.confidence,
  }));
  return { documents, references, quotas, deadlines, sections, corrections };
}
