import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/query/build-index.js';
import { QueryIndex } from '../../src/query/query.js';
import type { DocumentRecord } from '../../src/schema/document.js';
import { ids, tempArchive } from './helpers.js';

let dir: string;
let records: DocumentRecord[];
let cleanup: () => Promise<void>;
let index: QueryIndex;

beforeAll(async () => {
  ({ dir, records, cleanup } = await tempArchive(300));
  const stats = await buildIndex(dir);
  expect(stats.documents).toBe(300);
  index = await QueryIndex.load(dir);
});
afterAll(() => cleanup());

const all = { limit: 0 };
const expectDocs = (got: Array<{ docId: string }>, want: DocumentRecord[]) => {
  expect(want.length).toBeGreaterThan(0);
  expect(ids(got)).toEqual(ids(want));
};

describe('filters', () => {
  it('document type, accent-insensitive', async () => {
    const res = await index.query({ ...all, type: 'quyet dinh' });
    expectDocs(res.results, records.filter((r) => r.fields.documentType.value === 'Quyết định'));
  });

  it('issuer: fuzzy and accent-insensitive, abbreviations allowed', async () => {
    const want = records.filter((r) => r.fields.issuingBody.name.value === 'Ủy ban nhân dân xã Đại Thắng');
    expectDocs((await index.query({ ...all, issuer: 'uy ban nhan dan xa dai thang' })).results, want);
    expectDocs((await index.query({ ...all, issuer: 'UBND xa Dai Thang' })).results, want);
    // A dropped letter still finds it; a different commune of the same district does not come along.
    expectDocs((await index.query({ ...all, issuer: 'uy ban nhan dan xa dai thng' })).results, want);
  });

  it('place, accent-insensitive', async () => {
    const res = await index.query({ ...all, place: 'duong quy' });
    expectDocs(res.results, records.filter((r) => r.fields.place.value === 'Dương Quỳ'));
  });

  it('issue-date range', async () => {
    const res = await index.query({ ...all, issuedFrom: '2022-03-01', issuedTo: '2023-02-28' });
    expectDocs(res.results, records.filter((r) => (r.fields.issueDate.value ?? '') >= '2022-03-01' && (r.fields.issueDate.value ?? '9') <= '2023-02-28'));
  });

  it('period overlap', async () => {
    const res = await index.query({ ...all, periodFrom: '2024-06-01', periodTo: '2024-06-30' });
    const want = records.filter((r) => {
      const from = r.fields.period.from.value ?? r.fields.issueDate.value;
      const to = r.fields.period.to.value;
      return (!from || from <= '2024-06-30') && (!to || to >= '2024-06-01') && !!(from || to);
    });
    expectDocs(res.results, want);
    // Synthetic periods run from the issue date to 31/12 of that year: a dated 2023 plan is out,
    // an undated plan (open start) running to the end of 2025 is in.
    const dated2023 = records.find((r) => r.fields.period.from.value?.startsWith('2023'))!;
    const undated2025 = records.find((r) => !r.fields.period.from.value && r.fields.period.to.value === '2025-12-31')!;
    expect(ids(res.results)).not.toContain(dated2023.docId);
    expect(ids(res.results)).toContain(undated2025.docId);
  });

  it('deadlines in a date range', async () => {
    const res = await index.query({ ...all, deadlineFrom: '2025-01-01', deadlineTo: '2025-01-15' });
    expectDocs(res.results, records.filter((r) => r.fields.deadlines.some((d) => d.date >= '2025-01-01' && d.date <= '2025-01-15')));
  });

  it('quota unit, and "%" for percentage targets', async () => {
    expectDocs((await index.query({ ...all, quotaUnit: 'ho gia dinh' })).results, records.filter((r) => r.fields.quotas.some((q) => q.items?.some((i) => i.unit === 'hộ gia đình'))));
    expectDocs((await index.query({ ...all, quotaUnit: '%' })).results, records.filter((r) => r.fields.quotas.some((q) => q.percent !== undefined)));
  });

  it('combines filters with AND', async () => {
    const res = await index.query({ ...all, type: 'Kế hoạch', issuer: 'UBND huyen Van Ban', issuedFrom: '2021-01-01' });
    expectDocs(res.results, records.filter((r) => r.fields.documentType.value === 'Kế hoạch' && r.fields.issuingBody.name.value === 'Ủy ban nhân dân huyện Văn Bàn' && (r.fields.issueDate.value ?? '') >= '2021-01-01'));
  });

  it('an empty result is not an error', async () => {
    const res = await index.query({ issuer: 'Bộ Ngoại giao Cộng hòa Pháp' });
    expect(res.total).toBe(0);
  });
});

describe('free text', () => {
  it('ranks documents containing every term first and highlights them', async () => {
    const res = await index.query({ text: 'phong chong thien tai', limit: 10, highlight: 'markdown' });
    const themed = new Set(records.filter((r) => r.text.includes('phòng, chống thiên tai')).map((r) => r.docId));
    expect(themed.size).toBeGreaterThan(10);
    for (const r of res.results) expect(themed.has(r.docId)).toBe(true);
    expect(res.results[0].snippet?.text).toMatch(/\*\*thiên\*\* \*\*tai\*\*/);
    const scores = res.results.map((r) => r.score ?? 0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('accented and unaccented queries give the same ranking', async () => {
    const a = await index.query({ text: 'nông thôn mới', limit: 15 });
    const b = await index.query({ text: 'nong thon moi', limit: 15 });
    expect(a.results.map((r) => r.docId)).toEqual(b.results.map((r) => r.docId));
    expect(a.total).toBeGreaterThan(0);
  });

  it('rarer terms weigh more (BM25 idf)', async () => {
    // "bão lũ" appears only in the disaster theme; "thi đua" in every document.
    const res = await index.query({ text: 'thi dua bao lu', limit: 5 });
    for (const r of res.results) expect(records.find((x) => x.docId === r.docId)!.text).toMatch(/bão lũ/);
  });

  it('--all-terms keeps only documents containing every term', async () => {
    const any = await index.query({ text: 'ban chi dao bao lu', limit: 0 });
    const every = await index.query({ text: 'ban chi dao bao lu', limit: 0, allTerms: true });
    const want = records.filter((r) => /ban chỉ đạo/i.test(r.text) && /bão lũ/.test(r.text));
    expect(ids(every.results)).toEqual(ids(want));
    expect(any.total).toBeGreaterThan(every.total);
    // Full matches rank above partial ones in the default mode.
    expect(new Set(any.results.slice(0, every.total).map((r) => r.docId))).toEqual(new Set(every.results.map((r) => r.docId)));
  });

  it('text search respects the other filters', async () => {
    const res = await index.query({ text: 'chuyen doi so', type: 'thong bao', limit: 0 });
    for (const r of res.results) expect(r.documentType).toBe('Thông báo');
    expect(res.results.length).toBeGreaterThan(0);
  });
});
