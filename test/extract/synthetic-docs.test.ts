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
import { runText } from './helpers.js';
import { alignedQuotaFacts, nameKey, quotaFacts, sectionPaths, type SectionLike } from '../support/fields.js';
import { readTestFixture, TEST_FIXTURES } from '../support/fixtures.js';

const dir = join(TEST_FIXTURES, 'synthetic');
const ids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

it('has synthetic documents to check', () => {
  expect(ids.length).toBeGreaterThanOrEqual(10);
});

describe.each(ids)('synthetic %s', (id) => {
  const doc = runText(readTestFixture('synthetic', `${id}.txt`));
  const f = doc.fields!;
  const exp = JSON.parse(readTestFixture('synthetic', `${id}.json`));

  it('validates and reads the header', () => {
    expect(() => DocumentFieldsSchema.parse(f)).not.toThrow();
    expect([f.documentType.value, f.number.value, f.place.value, f.issueDate.value]).toEqual([exp.documentType, exp.number, exp.place, exp.issueDate]);
    expect(nameKey(f.issuingBody.name.value)).toBe(nameKey(exp.issuingBody.name));
    expect(nameKey(f.issuingBody.parent.value)).toBe(nameKey(exp.issuingBody.parent));
    expect(f.title.value).toBe(exp.title);
    expect([f.period.from.value, f.period.to.value]).toEqual([exp.period.from, exp.period.to]);
  });
  it('reads the outline', () => {
    expect(sectionPaths(f.sections as SectionLike[])).toEqual(sectionPaths(exp.sections));
  });
  it('reads references, quotas, deadlines and awards', () => {
    expect(f.references.map((r) => `${r.type}|${r.number}|${r.date}`).sort()).toEqual(exp.references.map((r: { type: string; number: string; date: string }) => `${r.type}|${r.number}|${r.date}`).sort());
    expect(alignedQuotaFacts(f.quotas, exp.quotas)).toEqual(quotaFacts(exp.quotas));
    expect(f.deadlines.map((d) => `${d.date}|${d.kind}|${d.section}`).sort()).toEqual(exp.deadlines.map((d: { date: string; kind: string; section: string }) => `${d.date}|${d.kind}|${d.section}`).sort());
    expect(f.awards.map((a) => a.value).sort()).toEqual([...exp.awards].sort());
  });
  it('reads the signer and the recipients', () => {
    expect(f.signer.name.value).toBe(exp.signer.name);
    expect(nameKey(f.signer.title.value)).toBe(nameKey(exp.signer.title));
    expect(nameKey(f.signer.onBehalfOf.value)).toBe(nameKey(exp.signer.onBehalfOf));
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
  it('keeps each attached part apart, with its own outline and offsets into the whole text', () => {
    const want = (exp.attachments ?? []) as { documentType: string; title: string; period: { from: string | null; to: string | null }; sections: SectionLike[]; quotas: unknown[]; deadlines: { date: string; kind: string; section: string }[]; awards: string[] }[];
    const got = f.attachments ?? [];
    expect(got.length).toBe(want.length);
    const at = (p: { start: number; end: number } | null) => (p ? doc.text.slice(p.start, p.end).replace(/\s+/g, ' ') : null);
    want.forEach((w, i) => {
      const g = got[i]!;
      expect([g.documentType.value, g.title.value, g.period.from.value, g.period.to.value]).toEqual([w.documentType, w.title, w.period.from, w.period.to]);
      expect(sectionPaths(g.sections as SectionLike[])).toEqual(sectionPaths(w.sections));
      expect(alignedQuotaFacts(g.quotas, w.quotas as never)).toEqual(quotaFacts(w.quotas as never));
      expect(g.deadlines.map((d) => `${d.date}|${d.kind}|${d.section}`).sort()).toEqual(w.deadlines.map((d) => `${d.date}|${d.kind}|${d.section}`).sort());
      expect(g.awards.map((a) => a.value).sort()).toEqual([...w.awards].sort());
      expect(at(g.title.provenance)).toBe(g.title.value);
      for (const q of g.quotas) expect(at(q.provenance)).toBe(q.text);
      for (const d of g.deadlines) expect(at(d.provenance)).toBe(d.text);
      expect(g.span.start).toBeGreaterThan(0);
    });
    // The main outline ends before the first part: its numbering is the main document's own.
    if (got.length) for (const n of f.sections) expect(n.span.end).toBeLessThanOrEqual(got[0]!.span.start);
  });
});
