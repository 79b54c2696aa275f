/** The review server's JSON API (src/review/server.ts), typed for the page. */
export interface DocumentRow {
  docId: string; relPath: string; status: string; kind: string | null; pages: number;
  documentType: string | null; number: string | null; issueDate: string | null; issuer: string | null; title: string | null;
  error: { code: string; message: string; remedy: string } | null;
  lowConfidence: number; corrections: number; stale: number;
}
export interface BBox { x0: number; y0: number; x1: number; y1: number }
export interface Provenance { section: string | null; start: number; end: number; page?: number; bbox?: BBox }
export interface Token { start: number; end: number; input: string; output: string; confidence: number; alternatives: { output: string; score: number }[] }
export interface Field { path: string; label: string; value: string | null; machineValue: string | null; confidence: number; provenance: Provenance | null; humanVerified: { who: string; when: string } | null }
export interface Correction {
  id: string; target: 'text' | 'field'; status: 'applied' | 'moved' | 'stale'; at: { start: number; end: number } | null;
  start?: number; end?: number; field?: string; original: string | null; value: string | null; action?: string;
  before?: string; after?: string; who: string; when: string;
}
export interface Page { number: number; start: number; end: number; origin: string; image: boolean; bboxScale: number }
export interface DocumentView {
  docId: string; relPath: string; kind: string; text: string; pages: Page[];
  lowConfidence: { below: number | null; tokens: Token[]; omitted: number };
  fields: Field[]; items: { kind: string; text: string; provenance: Provenance | null }[];
  corrections: Correction[]; correctionsError?: string;
}
export type CorrectionRequest =
  | { target: 'text'; start: number; end: number; original: string; value: string; action: 'accept' | 'pick' | 'type'; who?: string }
  | { target: 'field'; field: string; original: string | null; value: string | null; who?: string };

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: string; issues?: { path: string; message: string }[] };
  if (!res.ok) throw new Error(`${json.error ?? res.statusText}${json.issues ? `: ${json.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : ''}`);
  return json;
}

export const api = {
  config: () => call<{ user: string; folder: string }>('GET', '/api/config'),
  documents: () => call<{ documents: DocumentRow[] }>('GET', '/api/documents'),
  document: (docId: string) => call<DocumentView>('GET', `/api/documents/${encodeURIComponent(docId)}`),
  correct: (docId: string, body: CorrectionRequest) => call<{ document: DocumentView }>('POST', `/api/documents/${encodeURIComponent(docId)}/corrections`, body),
  undo: (docId: string, id: string) => call<{ document: DocumentView }>('DELETE', `/api/documents/${encodeURIComponent(docId)}/corrections/${encodeURIComponent(id)}`),
  pageUrl: (docId: string, n: number) => `/api/documents/${encodeURIComponent(docId)}/pages/${n}`,
};
