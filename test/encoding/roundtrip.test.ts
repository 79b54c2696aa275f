/**
 * Round trip per scheme over test/fixtures/encoding-sample.txt (seed 001 + sentences written
 * for these tests): as raw bytes through decodeText, and as the cp1252 mis-reading a PDF text
 * layer gives through repairLegacyText. Target ≥ 99.9 % of syllables, scheme detected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeLegacy, foldToRepertoire, LEGACY_SCHEMES, misdecode, repairLegacyText } from '../../src/encoding/index.js';

const SAMPLE = readFileSync(new URL('../fixtures/encoding-sample.txt', import.meta.url), 'utf8');

function syllableAccuracy(expected: string, actual: string): number {
  const a = expected.split(/\s+/).filter(Boolean);
  const b = actual.split(/\s+/).filter(Boolean);
  return a.filter((w, i) => b[i] === w).length / a.length;
}

describe.each(LEGACY_SCHEMES)('%s round trip', (scheme) => {
  const expected = foldToRepertoire(scheme, SAMPLE);
  const bytes = encodeLegacy(scheme, expected);

  it('the fixture actually exercises the scheme', () => {
    expect(bytes.some((b) => b >= 0x80)).toBe(true);
    expect(expected.split(/\s+/).length).toBeGreaterThan(2000);
  });

  it('raw bytes: detected and ≥ 99.9 % of syllables back', () => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(scheme);
    expect(decoded.form).toBe('bytes');
    expect(decoded.confidence).toBeGreaterThan(0.9);
    expect(syllableAccuracy(expected, decoded.text)).toBeGreaterThanOrEqual(0.999);
  });

  it('mis-decoded string: detected and ≥ 99.9 % of syllables back', () => {
    const repaired = repairLegacyText(misdecode(bytes));
    expect(repaired.encoding).toBe(scheme);
    expect(repaired.repaired).toBe(true);
    expect(syllableAccuracy(expected, repaired.text)).toBeGreaterThanOrEqual(0.999);
    expect(repaired.runs[repaired.runs.length - 1].end).toBe(repaired.text.length);
  });

  it('the mis-decoded string saved as UTF-8 is repaired by decodeText', () => {
    const decoded = decodeText(new TextEncoder().encode(misdecode(bytes)));
    expect(decoded.encoding).toBe(scheme);
    expect(decoded.form).toBe('misdecoded');
    expect(syllableAccuracy(expected, decoded.text)).toBeGreaterThanOrEqual(0.999);
  });

  it('--encoding forces the scheme', () => {
    const forced = decodeText(bytes.subarray(0, 400), { encoding: scheme });
    expect(forced.encoding).toBe(scheme);
    expect(forced.confidence).toBe(1);
    expect(forced.diagnostics?.[0].code).toBe('encoding.forced');
  });
});

describe('clean Unicode stays as it is', () => {
  it('UTF-8 fixture is not repaired', () => {
    const decoded = decodeText(new TextEncoder().encode(SAMPLE));
    expect(decoded.encoding).toBe('utf8');
    expect(decoded.text).toBe(SAMPLE.normalize('NFC'));
    expect(repairLegacyText(SAMPLE).repaired).toBe(false);
  });
});
