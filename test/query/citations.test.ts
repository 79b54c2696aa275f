import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/query/build-index.js';
import { QueryIndex } from '../../src/query/query.js';
import { symbolKey } from '../../src/query/symbols.js';
import type { DocumentRecord } from '../../src/schema/document.js';
import { generateRecords } from '../../tools/lib/synthetic-archive.js';
import { ids, tempArchive } from './helpers.js';

describe('citation graph on a generated archive', () => {
  let dir: string;
  let records: DocumentRecord[];
  let cleanup: () => Promise<void>;
  let index: QueryIndex;
  beforeAll(async () => {
    ({ dir, records, cleanup } = await tempArchive(250, 5));
    await buildIndex(dir);
    index = await QueryIndex.load(dir);
  });
  afterAll(() => cleanup());

  it('--cites a symbol finds every document with that reference, in any spelling', async () => {
    const want = records.filter((r) => r.fields.references.some((x) => x.number === '91/2017/NĐ-CP'));
    const res = await index.query({ cites: '91 / 2017 / nd-cp', limit: 0 });
    expect(want.length).toBeGreaterThan(0);
    expect(ids(res.results)).toEqual(ids(want));
    expect(res.results[0].citing?.[0].number).toBe('91/2017/NĐ-CP');
  });

  it('resolves references to archived documents, and --cited-by follows them', async () => {
    // A citing document whose cited number is unique in the archive: the edge must resolve.
    const byKey = new Map<string, DocumentRecord[]>();
    for (const r of records) {
      const k = r.fields.number.value && symbolKey(r.fields.number.value);
      if (k) byKey.set(k, [...(byKey.get(k) ?? []), r]);
    }
    const edges = records.flatMap((src) =>
      src.fields.references.flatMap((ref) => {
        const targets = ref.number ? byKey.get(symbolKey(ref.number)!) ?? [] : [];
        return targets.length === 1 ? [{ src, target: targets[0] }] : [];
      }),
    );
    expect(edges.length).toBeGreaterThan(20);
    const { src } = edges[0];
    const wantTargets = edges.filter((e) => e.src === src).map((e) => e.target);
    const res = await index.query({ citedBy: src.docId, limit: 0 });
    expect(ids(res.results)).toEqual(ids(wantTargets));
    // And by the citing document's own number.
    if (src.fields.number.value && byKey.get(symbolKey(src.fields.number.value)!)!.length === 1) {
      expect(ids((await index.query({ citedBy: src.fields.number.value, limit: 0 })).results)).toEqual(ids(wantTargets));
    }
    // --cites with a docId lists documents whose references resolve to it.
    const target = edges[0].target;
    const citing = edges.filter((e) => e.target === target).map((e) => e.src);
    expect(ids((await index.query({ cites: target.docId, limit: 0 })).results)).toEqual(ids([...new Set(citing)]));
  });
});

describe('citation resolution among documents sharing a number', () => {
  let dir: string;
  let docs: Record<'a' | 'b' | 'c' | 'd', DocumentRecord>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vnplan-cite-'));
    // Three documents: two districts each issue "25/KH-UBND"; the third cites the Trực Ninh one,
    // and a fourth, with no number of its own, cites the Vụ Bản one by date.
    const [a, b, c, d] = [...generateRecords(4, 99)].map((r) => structuredClone(r));
    const set = (r: DocumentRecord, number: string | null, issuer: string, date: string | null) => {
      r.fields.number.value = number;
      r.fields.issuingBody.name.value = issuer;
      r.fields.issueDate.value = date;
    };
    set(a, '25/KH-UBND', 'Ủy ban nhân dân huyện Trực Ninh', '2024-02-20');
    set(b, '25/KH-UBND', 'Ủy ban nhân dân huyện Vụ Bản', '2023-01-16');
    set(c, '08/KH-UBND', 'Ủy ban nhân dân thị trấn Cổ Lễ', '2024-03-01');
    set(d, null, 'Ủy ban nhân dân xã Đại Thắng', '2023-02-10');
    const ref = (number: string, date: string | null, issuer: string | null) => ({ type: 'Kế hoạch', number, date, issuer, subject: null, text: `Kế hoạch số ${number}`, confidence: 0.9, provenance: null });
    c.fields.references = [ref('25/KH-UBND', '2024-02-20', 'UBND huyện Trực Ninh')];
    d.fields.references = [ref('25/KH-UBND', '2023-01-16', null)];
    a.fields.references = [ref('25/KH-UBND', null, null)];
    b.fields.references = [];
    for (const r of [a, b, c, d]) await writeFile(join(dir, `${r.docId}.json`), JSON.stringify(r));
    await buildIndex(dir);
    docs = { a, b, c, d };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses date and issuer to pick the cited document, and leaves ties unresolved', async () => {
    const { a, b, c, d } = docs;
    const index = await QueryIndex.load(dir);
    expect(ids((await index.query({ citedBy: c.docId })).results)).toEqual([a.docId]);
    expect(ids((await index.query({ citedBy: d.docId })).results)).toEqual([b.docId]);
    // a cites "25/KH-UBND" with no date or issuer: only b remains (a cannot cite itself).
    expect(ids((await index.query({ citedBy: a.docId })).results)).toEqual([b.docId]);
    // --cites by symbol matches all three citing documents regardless of resolution.
    expect(ids((await index.query({ cites: '25/kh-ubnd' })).results)).toEqual(ids([a, c, d]));
    expect(ids((await index.query({ cites: b.docId })).results)).toEqual(ids([a, d]));
  });
});
