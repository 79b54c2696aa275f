import { describe, expect, it } from 'vitest';
import { DocumentFieldsSchema, documentJsonSchema } from '../src/schema/document.js';

describe('output schema', () => {
  it('rejects a record whose scalar field lacks confidence', () => {
    const r = DocumentFieldsSchema.shape.number.safeParse({ value: '05/KH-UBND', provenance: null });
    expect(r.success).toBe(false);
  });
  it('emits a JSON Schema with the fields analysts query', () => {
    const js = documentJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(js.properties.fields.properties ?? {})).toEqual(
      expect.arrayContaining(['documentType', 'number', 'issuingBody', 'references', 'quotas', 'deadlines', 'signer']),
    );
  });
});
