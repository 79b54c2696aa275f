/**
 * Query benchmark: 10 000 synthetic records (tools/lib/synthetic-archive.ts) in a temp dir,
 * index build time and size, then median and p95 latency of representative queries (each
 * filter, free text, cites / cited-by, combined). Target: ≤ 200 ms per query once the index
 * is built. Also measured: a no-change incremental refresh (what `vnplan query` does first)
 * and a cold load of the index (a fresh process's first query, minus Node start-up).
 *
 *   npm run bench:query                 # 10 000 records
 *   npm run bench:query -- 2000         # another size
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIndex } from '../../src/query/build-index.js';
import { QueryIndex, type QueryOptions } from '../../src/query/query.js';
import { writeArchive } from '../lib/synthetic-archive.js';

export interface QueryTiming {
  name: string;
  hits: number;
  medianMs: number;
  p95Ms: number;
}

export interface QueryBenchResult {
  documents: number;
  generateMs: number;
  buildMs: number;
  indexBytes: number;
  refreshMs: number;
  coldLoadMs: number;
  queries: QueryTiming[];
  targetMs: number;
  pass: boolean;
}

const TARGET_MS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function benchQuery(options: { documents?: number; repeats?: number; log?: (line: string) => void } = {}): Promise<QueryBenchResult> {
  const documents = options.documents ?? 10_000;
  const repeats = options.repeats ?? 21;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dir = await mkdtemp(join(tmpdir(), 'vnplan-bench-query-'));
  try {
    let t = performance.now();
    const records = await writeArchive(dir, documents, 2024);
    const generateMs = performance.now() - t;
    log(`generated ${documents} records in ${(generateMs / 1000).toFixed(1)} s (${dir})`);

    const build = await buildIndex(dir);
    log(`index build: ${(build.ms / 1000).toFixed(2)} s, ${(build.bytes / 1e6).toFixed(1)} MB`);
    const refresh = await buildIndex(dir);
    log(`no-change refresh (what \`vnplan query\` does first): ${refresh.ms.toFixed(0)} ms`);
    t = performance.now();
    const { index: cold } = await QueryIndex.open(dir);
    await cold.query({ text: 'cai cach hanh chinh', limit: 20 });
    const coldLoadMs = performance.now() - t;
    log(`cold open (refresh + load) + first text query: ${coldLoadMs.toFixed(0)} ms`);

    const cited = records.find((r) => r.fields.number.value && r.fields.references.length > 1)!;
    const queries: Array<[string, QueryOptions]> = [
      ['type', { type: 'quyet dinh' }],
      ['issuer (fuzzy)', { issuer: 'uy ban nhan dan xa dai thang' }],
      ['place', { place: 'long thanh' }],
      ['issue-date range', { issuedFrom: '2023-01-01', issuedTo: '2023-06-30' }],
      ['period overlap', { periodFrom: '2024-03-01', periodTo: '2024-04-30' }],
      ['deadline range', { deadlineFrom: '2025-01-01', deadlineTo: '2025-01-15' }],
      ['quota unit', { quotaUnit: 'ho gia dinh' }],
      ['cites symbol', { cites: '91/2017/NĐ-CP' }],
      ['cited-by', { citedBy: cited.docId }],
      ['free text (3 terms)', { text: 'chuyen doi so' }],
      ['free text (6 terms)', { text: 'cải cách thủ tục hành chính một cửa' }],
      ['combined', { type: 'ke hoach', issuer: 'UBND huyen Vu Ban', issuedFrom: '2022', text: 'an toan giao thong', deadlineFrom: '2023-01-01' }],
    ];
    const index = await QueryIndex.load(dir);
    const timings: QueryTiming[] = [];
    for (const [name, q] of queries) {
      const times: number[] = [];
      let hits = 0;
      // Two untimed runs first: steady-state latency, not JIT warm-up (the cold case is reported above).
      for (let i = 0; i < 2; i++) await index.query({ ...q, limit: 20 });
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        hits = (await index.query({ ...q, limit: 20 })).total;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      timings.push({ name, hits, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) });
    }
    log(`\nquery latency over ${documents} documents, ${repeats} runs each (limit 20, snippets included):`);
    log(`${'query'.padEnd(22)}${'hits'.padStart(7)}${'median ms'.padStart(12)}${'p95 ms'.padStart(10)}`);
    for (const q of timings) log(`${q.name.padEnd(22)}${String(q.hits).padStart(7)}${q.medianMs.toFixed(1).padStart(12)}${q.p95Ms.toFixed(1).padStart(10)}`);
    const pass = timings.every((q) => q.p95Ms <= TARGET_MS);
    log(`target p95 ≤ ${TARGET_MS} ms per query: ${pass ? 'met' : 'NOT met'}`);
    return { documents, generateMs, buildMs: build.ms, indexBytes: build.bytes, refreshMs: refresh.ms, coldLoadMs, queries: timings, targetMs: TARGET_MS, pass };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  const result = await benchQuery({ documents: n });
  process.exitCode = result.pass ? 0 : 1;
}
