/**
 * Synthetic documents of the genre (test/fixtures/synthetic/*.txt, each with a hand-written
 * *.json in the annotation shape of the seeds): Quyết định with articles, Công văn with
 * V/v and Kính gửi, Thông báo with a blank number and date, a party committee's Kế hoạch,
 * a web-export layout with everything on one line, Markdown, interleaved header columns.
 * Every field is checked, and every provenance span must point at its value.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentFieldsSchema } from '../../src/schema/document.js';
import { FIXTURES, readFixture, runText } from './helpers.js';

const dir = join(FIXTURES, 'synthetic');
const ids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
const body = (s: string | null | undefined) => (s ?? '').normalize('NFC').toLocaleLowerCase('vi').replace(/ủy ban nhân dân/g, 'ubnd').replace(/\s+/g, ' ').trim();
type Sec = { number: string; title: string; children?: Sec[] };
const paths = (ss: Sec[], p = ''): string[] => ss.flatMap((s) => {
  const q = p ? `${p}.${s.number}` : s.number;
  return [`${q} ${s.title}`, ...paths(s.children ?? [], q)];
});
type Q = { percent?: number; items?: { count: number; unit: string }[]; section: string | null };
const quotaFacts = (qs: Q[]) => qs.flatMap((x) => [...(x.items ?? []).map((i) => `${i.count} ${i.unit}@${x.section}`), ...(x.percent != null ? [`${x.percent}%@${x.section}`] : [])]).sort();

it('has synthetic documents to check', () => {
  expect(ids.length).toBeGreaterThanOrEqual(10);
});

describe.each(ids)('synthetic %s', (id) => {
  const doc = runText(readFixture('synthetic', `${id}.txt`));
  const f = doc.fields!;
  const exp = JSON.parse(readFixture('synthetic', `${id}.json`));

  it('validates and reads the header', () => {
    expect(() => DocumentFieldsSchema.parse(f)).not.toThrow();
    expect([f.documentType.value, f.number.value, f.place.value, f.issueDate.value]).toEqual([exp.documentType, exp.number, exp.place, exp.issueDate]);
    expect(body(f.issuingBody.name.value)).toBe(body(exp.issuingBody.name));
    expect(body(f.issuingBody.parent.value)).toBe(body(exp.issuingBody.parent));
    expect(f.title.value).toBe(exp.title);
    expect([f.period.from.value, f.period.to.value]).toEqual([exp.period.from, exp.period.to]);
  });
  it('reads the outline', () => {
    expect(paths(f.sections as Sec[])).toEqual(paths(exp.sections));
  });
  it('reads references, quotas, deadlines and awards', () => {
    expect(f.references.map((r) => `${r.type}|${r.number}|${r.date}`).sort()).toEqual(exp.references.map((r: { type: string; number: string; date: string }) => `${r.type}|${r.number}|${r.date}`).sort());
    expect(quotaFacts(f.quotas)).toEqual(quotaFacts(exp.quotas));
    expect(f.deadlines.map((d) => `${d.date}|${d.kind}|${d.section}`).sort()).toEqual(exp.deadlines.map((d: { date: string; kind: string; section: string }) => `${d.date}|${d.kind}|${d.section}`).sort());
    expect(f.awards.map((a) => a.value).sort()).toEqual([...exp.awards].sort());
  });
  it('reads the signer and the recipients', () => {
    expect(f.signer.name.value).toBe(exp.signer.name);
    expect(body(f.signer.title.value)).toBe(body(exp.signer.title));
    expect(body(f.signer.onBehalfOf.value)).toBe(body(exp.signer.onBehalfOf));
    expect(f.recipients.map((r) => r.value)).toEqual(exp.recipients);
  });
  it('gives every value a span of the text that holds it', () => {
    const at = (p: { start: number; end: number } | null) => (p ? doc.text.slice(p.start, p.end).replace(/\s+/g, ' ') : null);
    for (const r of f.references) expect(at(r.provenance)).toBe(r.text);
    for (const d of f.deadlines) expect(at(d.provenance)).toBe(d.text);
    for (const q of f.quotas) expect(at(q.provenance)).toBe(q.text);
    for (const r of f.recipients) expect(at(r.provenance)).toBe(r.value);
    if (f.number.value) expect(at(f.number.provenance)!.replace(/\s/g, '')).toBe(f.number.value);
    if (f.signer.name.value) expect(at(f.signer.name.provenance)).toBe(f.signer.name.value);
    for (const n of [f.documentType, f.title, f.issueDate, f.place]) {
      if (n.value) expect(n.provenance!.end).toBeGreaterThan(n.provenance!.start);
    }
  });
});
