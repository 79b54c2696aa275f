/**
 * Running a query against a built index: structured filters, citation filters (--cites,
 * --cited-by) and free text, combined with AND. Text search loads the postings lazily, so
 * filter-only queries never read postings.bin.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VnplanError } from '../errors.js';
import { refreshIndex, type BuildStats } from './build-index.js';
import type { DocMeta, RefMeta } from './doc-meta.js';
import { compileFilters, type QueryFilters } from './filters.js';
import { readStoredMeta, readTermTable, type StoredMeta, type TermTable } from './index-store.js';
import { makeSnippet, type HighlightStyle, type Snippet } from './snippet.js';
import { symbolKey } from './symbols.js';
import { queryTerms, searchText } from './text-search.js';
import { loadRecordFile } from './records.js';

export interface QueryOptions extends QueryFilters {
  /** Documents citing this number/symbol, or this docId. */
  cites?: string;
  /** Documents cited by the document(s) with this number/symbol or docId (resolved in the archive). */
  citedBy?: string;
  /** Free text over the restored text, ranked by BM25. */
  text?: string;
  /** With `text`: only documents containing every term (default: any term, fuller matches first). */
  allTerms?: boolean;
  limit?: number;
  highlight?: HighlightStyle;
}

export interface QueryResult {
  docId: string;
  documentType: string | null;
  number: string | null;
  issueDate: string | null;
  issuer: string | null;
  place: string | null;
  title: string | null;
  relPath: string;
  score: number | null;
  snippet: Snippet | null;
  /** True when human corrections (vnplan review) were applied to the record. */
  humanVerified: boolean;
  /** For --cites: the matching references as written. */
  citing?: Array<Pick<RefMeta, 'type' | 'number' | 'date' | 'issuer'>>;
}

export interface QueryResponse {
  total: number;
  results: QueryResult[];
  ms: number;
}

export class QueryIndex {
  private table: TermTable | null = null;
  readonly byDocId: Map<string, number>;

  private constructor(
    readonly outDir: string,
    readonly stored: StoredMeta,
  ) {
    this.byDocId = new Map(stored.docs.map((d, i) => [d.docId, i]));
  }

  /** Refresh the index (unless `update` is false) and open it, reading meta.json once. */
  static async open(outDir: string, options: { update?: boolean; force?: boolean } = {}): Promise<{ index: QueryIndex; stats: BuildStats | null }> {
    if (options.update === false && !options.force) return { index: await QueryIndex.load(outDir), stats: null };
    const { stats, stored } = await refreshIndex(outDir, { force: options.force });
    return { index: new QueryIndex(outDir, stored), stats };
  }

  static async load(outDir: string): Promise<QueryIndex> {
    const stored = await readStoredMeta(outDir);
    if (!stored) throw new VnplanError('INPUT_NOT_FOUND', `no query index in ${outDir} (build it with buildIndex or \`vnplan query\`)`);
    return new QueryIndex(outDir, stored);
  }

  get docs(): DocMeta[] {
    return this.stored.docs;
  }

  async terms(): Promise<TermTable> {
    this.table ??= await readTermTable(this.outDir, this.stored.buildId);
    if (!this.table) throw new VnplanError('INTERNAL', `the query index in ${this.outDir} is incomplete; rebuild it with --rebuild`);
    return this.table;
  }

  /** Documents identified by a docId or by their own number/symbol. */
  resolveDocs(idOrSymbol: string): DocMeta[] {
    const ord = this.byDocId.get(idOrSymbol);
    if (ord !== undefined) return [this.docs[ord]];
    const key = symbolKey(idOrSymbol);
    return key ? this.docs.filter((d) => d.numberKey === key) : [];
  }

  async query(options: QueryOptions): Promise<QueryResponse> {
    const started = performance.now();
    const docs = this.docs;
    const preds = compileFilters(docs, options);
    if (options.cites) {
      const key = symbolKey(options.cites);
      const asDoc = this.byDocId.has(options.cites) ? options.cites : null;
      if (!key && !asDoc) throw new VnplanError('USAGE', `--cites: "${options.cites}" is neither a document number (e.g. 25/KH-UBND) nor a docId`);
      preds.push((d) => d.refs.some((r) => (asDoc ? r.cited === asDoc : r.key === key)));
    }
    if (options.citedBy) {
      const citing = this.resolveDocs(options.citedBy);
      const targets = new Set(citing.flatMap((d) => d.refs.map((r) => r.cited).filter((x): x is string => !!x)));
      preds.push((d) => targets.has(d.docId));
    }
    const allowed = new Uint8Array(docs.length);
    let count = 0;
    docs.forEach((d, i) => {
      if (preds.every((p) => p(d))) {
        allowed[i] = 1;
        count++;
      }
    });

    let ranked: Array<{ ordinal: number; score: number | null }>;
    const qTerms = options.text ? queryTerms(options.text) : [];
    if (qTerms.length) {
      ranked = searchText(await this.terms(), docs, options.text!, allowed, options.allTerms);
    } else {
      ranked = [];
      allowed.forEach((ok, i) => ok && ranked.push({ ordinal: i, score: null }));
      // Newest first; plain string comparison (ISO dates), not localeCompare, which is far slower.
      const date = (o: number) => docs[o].issueDate ?? '';
      ranked.sort((a, b) => (date(a.ordinal) < date(b.ordinal) ? 1 : date(a.ordinal) > date(b.ordinal) ? -1 : a.ordinal - b.ordinal));
    }
    const limit = options.limit ?? 20;
    const top = limit > 0 ? ranked.slice(0, limit) : ranked;
    const citeKey = options.cites ? symbolKey(options.cites) : null;
    const results: QueryResult[] = [];
    for (const { ordinal, score } of top) {
      const d = docs[ordinal];
      const snippet = qTerms.length ? makeSnippet(await this.text(d), qTerms, options.highlight ?? 'guillemets') : null;
      const result: QueryResult = {
        docId: d.docId,
        documentType: d.documentType,
        number: d.number,
        issueDate: d.issueDate,
        issuer: d.issuer,
        place: d.place,
        title: d.title,
        relPath: d.relPath,
        score: score === null ? null : Math.round(score * 1000) / 1000,
        snippet,
        humanVerified: d.humanVerified ?? false,
      };
      if (options.cites) {
        result.citing = d.refs
          .filter((r) => (citeKey ? r.key === citeKey : r.cited === options.cites))
          .map(({ type, number, date, issuer }) => ({ type, number, date, issuer }));
      }
      results.push(result);
    }
    return { total: qTerms.length ? ranked.length : count, results, ms: performance.now() - started };
  }

  /** The restored text: the runner's <docId>.txt (small, fast) unless stale, else the record's. */
  private async text(d: DocMeta): Promise<string> {
    if (d.humanVerified) {
      // Corrected text is the record's with the corrections applied, not the runner's .txt.
      const file = { name: d.file, path: join(this.outDir, d.file), size: d.size, mtimeMs: d.mtimeMs, corrections: d.corrections ?? null };
      const loaded = await loadRecordFile(file);
      if ('record' in loaded) return loaded.record.text;
    }
    const txt = await readFile(join(this.outDir, `${d.docId}.txt`), 'utf8').catch(() => null);
    if (txt !== null && txt.length === d.textLength) return txt;
    const record = JSON.parse(await readFile(join(this.outDir, d.file), 'utf8')) as { text?: string };
    return record.text ?? '';
  }
}
