/** pdf.js must not compile functions of an untrusted PDF with eval: isEvalSupported false reaches it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../e2e/helpers.js';

const seen = vi.hoisted(() => [] as Array<Record<string, unknown>>);
vi.mock('pdf-parse', async (importOriginal) => {
  const original = await importOriginal<typeof import('pdf-parse')>();
  class RecordingParse extends original.PDFParse {
    constructor(options: ConstructorParameters<typeof original.PDFParse>[0]) {
      seen.push({ ...options });
      super(options);
    }
  }
  return { ...original, PDFParse: RecordingParse };
});

describe('PDF parsing options', () => {
  it('passes isEvalSupported: false to pdf.js for every PDF parsed', async () => {
    const { ingestPdf } = await import('../../src/ingest/pdf.js');
    const result = await ingestPdf(new Uint8Array(readFileSync(join(FIXTURES, '001_text.pdf'))));
    expect(result.pages.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const options of seen) expect(options.isEvalSupported).toBe(false);
  });
});
