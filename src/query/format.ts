/** Rendering query results as an aligned table, JSON or CSV. */
import { stringify } from 'csv-stringify/sync';
import { CSV_CAST } from '../output/csv.js';
import type { QueryResponse } from './query.js';

export type OutputFormat = 'table' | 'json' | 'csv';

const cut = (s: string | null, n: number) => (s ?? '—').length > n ? `${(s ?? '').slice(0, n - 1)}…` : (s ?? '—');

export function renderTable(res: QueryResponse): string {
  const header = ['#', 'docId', 'type', 'number', 'issued', 'issuer', 'title', 'score'];
  const rows = res.results.map((r, i) => [
    String(i + 1), r.docId, cut(r.documentType, 12), cut(r.number, 18), r.issueDate ?? '—', cut(r.issuer, 40), cut(r.title, 50), r.score === null ? '' : r.score.toFixed(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  res.results.forEach((r, i) => {
    out.push(line(rows[i]));
    if (r.snippet) out.push(`    ${r.snippet.text}`);
    for (const c of r.citing ?? []) out.push(`    cites ${c.type} ${c.number ?? ''}${c.date ? ` (${c.date})` : ''}${c.issuer ? ` — ${c.issuer}` : ''}`);
  });
  out.push(`${res.results.length} of ${res.total} document(s) in ${res.ms.toFixed(1)} ms`);
  return `${out.join('\n')}\n`;
}

export function renderCsv(res: QueryResponse): string {
  return stringify(
    res.results.map((r) => ({ ...r, snippet: r.snippet?.text ?? null, citing: r.citing?.map((c) => c.number).join('; ') ?? null })),
    { header: true, cast: CSV_CAST, columns: ['docId', 'documentType', 'number', 'issueDate', 'issuer', 'place', 'title', 'relPath', 'score', 'snippet', 'citing', 'humanVerified'] },
  );
}

export function renderJson(res: QueryResponse): string {
  return `${JSON.stringify({ total: res.total, results: res.results }, null, 2)}\n`;
}

export function render(res: QueryResponse, format: OutputFormat): string {
  return format === 'json' ? renderJson(res) : format === 'csv' ? renderCsv(res) : renderTable(res);
}
