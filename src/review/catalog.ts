/**
 * What the review page lists and opens: every document of a run's output folder. Rows come
 * from index.jsonl (failed documents included, with their error code and remedy) joined with
 * the records on disk; a record is parsed once per (size, mtime) and kept, so re-listing a
 * folder of thousands of records reads only what changed. Only docIds found here are ever
 * turned into paths.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { correctionStates, type CorrectionState } from '../corrections/apply.js';
import { readCorrections } from '../corrections/store.js';
import type { CorrectionsFile } from '../corrections/schema.js';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { INDEX_FILE } from '../output/write.js';
import { listRecordFiles } from '../query/records.js';
import type { IndexEntry } from '../runner/report.js';
import { DocumentRecordSchema, type DocumentRecord, type LowConfidenceToken } from '../schema/document.js';

export interface DocumentRow {
  docId: string;
  relPath: string;
  status: 'ok' | 'skipped' | 'failed' | 'unlisted';
  kind: string | null;
  pages: number;
  documentType: string | null;
  number: string | null;
  issueDate: string | null;
  issuer: string | null;
  title: string | null;
  error: { code: string; message: string; remedy: string } | null;
  lowConfidence: number;
  corrections: number;
  stale: number;
}

interface CachedRecord { size: number; mtimeMs: number; record: DocumentRecord; lowTokens: LowConfidenceToken[] }

/** The review tokens of a record; records written before restoration.lowConfidence existed fall back to the low-confidence diagnostics. */
export function lowConfidenceTokens(record: DocumentRecord): LowConfidenceToken[] {
  const kept = record.restoration?.lowConfidence?.tokens;
  if (kept) return kept;
  const out: LowConfidenceToken[] = [];
  for (const d of record.diagnostics) {
    if (d.code !== 'restore.low-confidence' || d.position?.offset === undefined || !d.data) continue;
    const output = String(d.data.output ?? '');
    const start = d.position.offset;
    if (record.text.slice(start, start + output.length) !== output) continue;
    out.push({ start, end: start + output.length, input: String(d.data.input ?? ''), output, confidence: Number(d.data.confidence ?? 0), alternatives: [] });
  }
  return out;
}

const DOC_ID = /^[a-z0-9-]{1,128}$/;

export class Catalog {
  private readonly records = new Map<string, CachedRecord>();

  constructor(readonly outDir: string) {}

  /** The record as the run wrote it (machine text), or undefined when docId is not a record of this folder. */
  async record(docId: string): Promise<{ record: DocumentRecord; lowTokens: LowConfidenceToken[] } | undefined> {
    if (!DOC_ID.test(docId)) return undefined;
    const path = join(this.outDir, `${docId}.json`);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const cached = this.records.get(docId);
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) return cached;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return undefined;
    }
    const parsed = DocumentRecordSchema.safeParse(json);
    if (!parsed.success || parsed.data.docId !== docId) return undefined;
    const entry = { size: st.size, mtimeMs: st.mtimeMs, record: parsed.data, lowTokens: lowConfidenceTokens(parsed.data) };
    this.records.set(docId, entry);
    return entry;
  }

  /** The document's corrections with their state against the current record (a damaged file reads as none, with its error). */
  async corrections(record: DocumentRecord): Promise<{ file: CorrectionsFile | undefined; states: CorrectionState[]; error?: string }> {
    try {
      const file = await readCorrections(this.outDir, record.docId);
      return { file, states: file ? correctionStates(record, file.corrections) : [] };
    } catch (err) {
      return { file: undefined, states: [], error: (err as Error).message };
    }
  }

  async list(): Promise<DocumentRow[]> {
    const entries = await this.indexEntries();
    const files = await listRecordFiles(this.outDir);
    const byDocId = new Map<string, IndexEntry | undefined>(entries.map((e) => [e.docId, e]));
    for (const f of files) {
      const docId = f.name.slice(0, -'.json'.length);
      if (DOC_ID.test(docId) && !byDocId.has(docId)) byDocId.set(docId, undefined);
    }
    const rows: DocumentRow[] = [];
    for (const [docId, entry] of byDocId) {
      const loaded = entry?.status === 'failed' ? undefined : await this.record(docId);
      if (!entry && !loaded) continue;
      const r = loaded?.record;
      const f = r?.fields;
      const corrections = r ? await this.corrections(r) : undefined;
      const code = entry?.error?.code;
      const remedy = code && code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : '';
      rows.push({
        docId,
        relPath: r?.source.relPath ?? entry?.relPath ?? docId,
        status: entry?.status ?? 'unlisted',
        kind: r?.source.kind ?? entry?.kind ?? null,
        pages: r?.pages.length ?? entry?.pages ?? 0,
        documentType: f?.documentType.value ?? entry?.documentType ?? null,
        number: f?.number.value ?? entry?.number ?? null,
        issueDate: f?.issueDate.value ?? entry?.issueDate ?? null,
        issuer: f?.issuingBody.name.value ?? entry?.issuingBody ?? null,
        title: f?.title.value ?? entry?.title ?? null,
        error: entry?.error ? { code: entry.error.code, message: stripRemedy(entry.error.message, remedy), remedy } : null,
        lowConfidence: loaded?.lowTokens.length ?? 0,
        corrections: corrections?.file?.corrections.length ?? 0,
        stale: corrections?.states.filter((s) => s.status === 'stale').length ?? 0,
      });
    }
    return rows.sort((a, b) => a.relPath.localeCompare(b.relPath));
  }

  private async indexEntries(): Promise<IndexEntry[]> {
    const text = await readFile(join(this.outDir, INDEX_FILE), 'utf8').catch(() => '');
    const entries: IndexEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as IndexEntry;
        if (typeof e.docId === 'string' && DOC_ID.test(e.docId)) entries.push(e);
      } catch {
        // A damaged line lists nothing; the records on disk are still listed.
      }
    }
    return entries;
  }
}

/** Error messages are "detail — remedy" (src/errors.ts); the page shows the two apart. */
function stripRemedy(message: string, remedy: string): string {
  return remedy && message.endsWith(remedy) ? message.slice(0, -remedy.length).replace(/ — $/, '') || message : message;
}
