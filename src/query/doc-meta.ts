/** The per-document summary the query index keeps: everything the filters need, no text. */
import type { DocumentRecord } from '../schema/document.js';
import { foldText } from './fold.js';
import { symbolKey } from './symbols.js';

export interface RefMeta {
  type: string;
  number: string | null;
  /** symbolKey(number); null when the reference has no usable number. */
  key: string | null;
  date: string | null;
  issuer: string | null;
  /** docId of the cited document when it is in the archive (set by resolveCitations). */
  cited: string | null;
}

export interface DocMeta {
  docId: string;
  /** Record file name and its size/mtime: an unchanged file is not re-read on rebuild. */
  file: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  pipelineVersion: string;
  relPath: string;
  documentType: string | null;
  number: string | null;
  numberKey: string | null;
  issuer: string | null;
  issuerParent: string | null;
  place: string | null;
  issueDate: string | null;
  title: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  refs: RefMeta[];
  deadlines: string[];
  /** Folded quota units ("tap the", "ca nhan"); "%" for a percentage target. */
  quotaUnits: string[];
  /** Number of indexed terms in the text (BM25 document length). */
  length: number;
  /** Characters in the record's text: a <docId>.txt of another length is stale and not used. */
  textLength: number;
  /** corrections/<docId>.json as indexed (size, mtime); null or absent: none. */
  corrections?: { size: number; mtimeMs: number } | null;
  /** Human corrections applied to the record (its text then differs from <docId>.txt). */
  humanVerified?: boolean;
}

export function metaFromRecord(record: DocumentRecord, file: { name: string; size: number; mtimeMs: number; corrections?: { size: number; mtimeMs: number } | null }, length: number): DocMeta {
  const f = record.fields;
  const units = new Set<string>();
  for (const q of f.quotas) {
    for (const item of q.items ?? []) units.add(foldText(item.unit).trim());
    if (q.percent !== undefined) units.add('%');
  }
  return {
    docId: record.docId,
    file: file.name,
    size: file.size,
    mtimeMs: file.mtimeMs,
    sha256: record.source.sha256,
    pipelineVersion: record.pipeline.version,
    relPath: record.source.relPath,
    documentType: f.documentType.value,
    number: f.number.value,
    numberKey: f.number.value ? symbolKey(f.number.value) : null,
    issuer: f.issuingBody.name.value,
    issuerParent: f.issuingBody.parent.value,
    place: f.place.value,
    issueDate: f.issueDate.value,
    title: f.title.value,
    periodFrom: f.period.from.value,
    periodTo: f.period.to.value,
    refs: f.references.map((r) => ({ type: r.type, number: r.number, key: r.number ? symbolKey(r.number) : null, date: r.date, issuer: r.issuer, cited: null })),
    deadlines: [...new Set(f.deadlines.map((d) => d.date))].sort(),
    quotaUnits: [...units].sort(),
    length,
    textLength: record.text.length,
    corrections: file.corrections ?? null,
    humanVerified: (record.review?.applied ?? 0) > 0,
  };
}
