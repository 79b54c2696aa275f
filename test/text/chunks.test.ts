import { describe, expect, it } from 'vitest';
import { chunkRanges, firstChunkEnd, MAX_CHUNK_CHARS } from '../../src/text/chunks.js';
import { SourcePoints } from '../../src/text/source-points.js';
import { appendOffsetSegments } from '../../src/stages/restore.js';
import { toNormalizedOffset } from '../../src/output/locate.js';
import type { OffsetMap } from '../../src/document.js';

function pieces(text: string, max: number): string[] {
  const ranges = chunkRanges(text, max);
  for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
  expect(ranges[0]!.start).toBe(0);
  expect(ranges[ranges.length - 1]!.end).toBe(text.length);
  for (const r of ranges) expect(r.end - r.start).toBeLessThanOrEqual(max);
  return ranges.map((r) => text.slice(r.start, r.end));
}

describe('chunkRanges', () => {
  it('keeps a text of at most one chunk whole', () => {
    const text = 'Một hai ba.\n\nBốn.';
    expect(chunkRanges(text)).toEqual([{ start: 0, end: text.length }]);
    expect(chunkRanges('x'.repeat(MAX_CHUNK_CHARS))).toHaveLength(1);
    expect(chunkRanges('')).toEqual([{ start: 0, end: 0 }]);
  });
  it('cuts after a paragraph break before a line break, and after a line break before a space', () => {
    const text = 'aaaa bbbb\ncccc dddd\n\neeee ffff\ngggg';
    expect(pieces(text, 24)).toEqual(['aaaa bbbb\ncccc dddd\n\n', 'eeee ffff\ngggg']);
    expect(pieces('aaaa bbbb\ncccc dddd eeee', 16)).toEqual(['aaaa bbbb\n', 'cccc dddd eeee']);
  });
  it('splits an over-long line after a sentence end, else at a space, else at the limit', () => {
    expect(pieces('Câu một đây. Câu hai dài hơn một chút', 24)).toEqual(['Câu một đây. ', 'Câu hai dài hơn một chút']);
    expect(pieces('aaa bbb ccc ddd eee fff ggg', 12)).toEqual(['aaa bbb ccc ', 'ddd eee fff ', 'ggg']);
    expect(pieces('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
  it('never cuts inside a surrogate pair or before a combining mark', () => {
    const emoji = `${'x'.repeat(9)}😀${'y'.repeat(9)}`;
    for (const p of pieces(emoji, 10)) expect(/\p{Cs}/u.test(p)).toBe(false);
    const decomposed = 'a\u0301'.repeat(12);
    for (const p of pieces(decomposed, 5)) expect(/^\p{M}/u.test(p)).toBe(false);
  });
  it('tells a stream reader where the first chunk ends once the text is longer than a chunk', () => {
    expect(firstChunkEnd('aaaa bbbb', 16)).toBeUndefined();
    expect(firstChunkEnd('aaaa bbbb\ncccc dddd eeee', 16)).toBe(10);
  });
});

describe('SourcePoints', () => {
  it('answers like an array of points, page lookups included', () => {
    const points = new SourcePoints();
    const expected: { page: number; line: number; column: number }[] = [];
    let seed = 7;
    for (let run = 0; run < 300; run++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const page = 1 + (run >> 5);
      const line = run % 7;
      const count = seed % 9;
      points.push(page, line, count, (k) => k * 2 + run);
      for (let k = 0; k < count; k++) expected.push({ page, line, column: k * 2 + run });
    }
    expect(points.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      expect(points.at(i)).toEqual(expected[i]);
      expect(points.pageAt(i)).toBe(expected[i]!.page);
    }
    expect(points.at(expected.length)).toBeUndefined();
    expect(points.at(-1)).toEqual(expected[expected.length - 1]);
  });
});

describe('appendOffsetSegments', () => {
  it('merges length-keeping neighbours without changing any mapped offset', () => {
    // Tokens that keep their length, some that change it (restored words), and separators.
    const raw: OffsetMap = [];
    let out = 0;
    let inp = 0;
    let seed = 3;
    for (let i = 0; i < 400; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const inLen = 1 + (seed % 5);
      const outLen = seed % 3 === 0 ? inLen + 1 : inLen;
      raw.push({ outStart: out, outEnd: out + outLen, inStart: inp, inEnd: inp + inLen });
      out += outLen;
      inp += inLen;
    }
    const merged: OffsetMap = [];
    appendOffsetSegments(merged, raw.slice(0, 150), 0, 0);
    const shifted = raw.slice(150).map((s) => ({ outStart: s.outStart - raw[150]!.outStart, outEnd: s.outEnd - raw[150]!.outStart, inStart: s.inStart - raw[150]!.inStart, inEnd: s.inEnd - raw[150]!.inStart }));
    appendOffsetSegments(merged, shifted, raw[150]!.outStart, raw[150]!.inStart);
    expect(merged.length).toBeLessThan(raw.length);
    for (let o = 0; o <= out; o++) {
      expect(toNormalizedOffset(merged, o, 'start')).toBe(toNormalizedOffset(raw, o, 'start'));
      expect(toNormalizedOffset(merged, o, 'end')).toBe(toNormalizedOffset(raw, o, 'end'));
    }
  });
});
