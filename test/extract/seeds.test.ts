import { describe, expect, it } from 'vitest';
import { DocumentFieldsSchema } from '../../src/schema/document.js';
import { runText } from './helpers.js';
import { nameKey as norm, quotaFacts } from '../support/fields.js';
import { expectedFields as expected, goldText, SEED_IDS, seedText } from '../support/fixtures.js';

describe.each(SEED_IDS)('seed %s (gold text)', (id) => {
  const doc = runText(goldText(id));
  const f = doc.fields!;
  const exp = expected(id);

  it('validates against DocumentFieldsSchema', () => {
    expect(() => DocumentFieldsSchema.parse(f)).not.toThrow();
  });
  it('reads the header fields', () => {
    expect(f.documentType.value).toBe(exp.documentType);
    expect(f.number.value).toBe(exp.number);
    expect(f.issueDate.value).toBe(exp.issueDate);
    expect(f.place.value).toBe(exp.place);
    expect(norm(f.issuingBody.name.value)).toBe(norm(exp.issuingBody.name));
    expect(norm(f.issuingBody.parent.value)).toBe(norm(exp.issuingBody.parent));
    expect(f.title.value).toBe(exp.title);
    expect(f.period.from.value).toBe(exp.period.from);
    expect(f.period.to.value).toBe(exp.period.to);
  });
  it('finds every cited document with its number and date', () => {
    const got = f.references.map((r) => `${r.number}|${r.date}`).sort();
    const want = exp.references.map((r: { number: string | null; date: string | null }) => `${r.number}|${r.date}`).sort();
    expect(got).toEqual(want);
  });
  it('finds quotas, deadlines, awards, recipients and the signer', () => {
    expect(quotaFacts(f.quotas)).toEqual(quotaFacts(exp.quotas));
    expect(f.deadlines.map((d) => `${d.date}|${d.kind}|${d.section}`)).toEqual(exp.deadlines.map((d: { date: string; kind: string; section: string }) => `${d.date}|${d.kind}|${d.section}`));
    expect(f.awards.map((a) => a.value)).toEqual(expect.arrayContaining(exp.awards));
    expect(f.awards).toHaveLength(exp.awards.length);
    expect(f.recipients.map((r) => r.value)).toEqual(exp.recipients);
    expect(f.signer.name.value).toBe(exp.signer.name);
    expect(norm(f.signer.title.value)).toBe(norm(exp.signer.title));
  });
  it('gives provenance offsets that point at the value in the text', () => {
    for (const d of f.deadlines) expect(doc.text.slice(d.provenance!.start, d.provenance!.end).replace(/\s+/g, ' ')).toBe(d.text);
    for (const r of f.references) expect(doc.text.slice(r.provenance!.start, r.provenance!.end).replace(/\s+/g, ' ')).toBe(r.text);
    if (f.number.value) expect(doc.text.slice(f.number.provenance!.start, f.number.provenance!.end)).toBe(f.number.value);
  });
});

describe('garbled seeds without restoration', () => {
  it.each(SEED_IDS)('%s extracts without crashing and validates', (id) => {
    const doc = runText(seedText(id));
    expect(() => DocumentFieldsSchema.parse(doc.fields)).not.toThrow();
    expect(doc.fields!.documentType.value).toBe('Kế hoạch');
  });
  it('also works on text that skipped normalize (un-joined lines)', () => {
    const doc = runText(seedText('003_36ab5c401d102818'), false);
    expect(doc.fields!.number.value).toBe('05/KH-UBND');
    expect(doc.fields!.issueDate.value).toBe('2023-02-10');
  });
});
