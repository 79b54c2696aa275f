import { describe, expect, it } from 'vitest';
import { detectType, looksBinary, looksLikeUtf16 } from '../../src/ingest/detect.js';

const bytes = (...b: number[]) => new Uint8Array([...b, 0x41, 0x42, 0x43, 0x44]);
const ascii = (s: string) => new TextEncoder().encode(s);

describe('detectType (magic bytes)', () => {
  it('recognises PDF, PNG, JPEG and both TIFF byte orders', () => {
    expect(detectType(ascii('%PDF-1.7\n%âãÏÓ'))).toBe('pdf');
    expect(detectType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(detectType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(detectType(bytes(0x49, 0x49, 0x2a, 0x00))).toBe('tiff');
    expect(detectType(bytes(0x4d, 0x4d, 0x00, 0x2a))).toBe('tiff');
  });

  it('finds a PDF header preceded by junk, as PDF readers do', () => {
    expect(detectType(ascii('\r\n garbage\n%PDF-1.4\n'))).toBe('pdf');
  });

  it('falls back to text, whatever the content looks like by name', () => {
    expect(detectType(ascii('KẾ HOẠCH phát động thi đua'))).toBe('text');
    expect(detectType(ascii('%PD'))).toBe('text');
    expect(detectType(ascii('II* looks like tiff but is not'))).toBe('text');
  });
});

describe('binary and UTF-16 heuristics', () => {
  it('sees UTF-16 without BOM as text, not binary', () => {
    const le = new Uint8Array(Buffer.from('Kế hoạch số 08/KH-UBND ngày 15/01/2024', 'utf16le'));
    expect(looksLikeUtf16(le)).toBe(true);
    expect(looksBinary(le)).toBe(false);
  });

  it('flags NUL bytes and control-character soup as binary', () => {
    expect(looksBinary(new Uint8Array([0x41, 0x00, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47]))).toBe(true);
    const controls = new Uint8Array(200).map((_, i) => (i % 4 === 0 ? 0x01 : 0x61));
    expect(looksBinary(controls)).toBe(true);
    expect(looksBinary(ascii('plain text\twith\ttabs\r\nand lines\f'))).toBe(false);
  });
});
