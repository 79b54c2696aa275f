import { describe, expect, it } from 'vitest';
import { restoreText } from '../../src/restore/index.js';
import { restoreStream, type RestoredChunk } from '../../src/restore/stream.js';

async function* bytesOf(text: string, pieceBytes: number): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  // Pieces cut through multi-byte characters on purpose.
  for (let i = 0; i < bytes.length; i += pieceBytes) yield bytes.subarray(i, i + pieceBytes);
}

describe('restoreStream', () => {
  const paragraph = 'thuc hien nhiem vu cai cach hanh chinh cua xa Dai Thang.';

  it('gives exactly what restoreText gives for an input of one chunk', async () => {
    const chunks: RestoredChunk[] = [];
    const stats = await restoreStream(bytesOf(paragraph, 7), {}, (c) => {
      chunks.push(c);
    });
    const whole = await restoreText(paragraph);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.result.text).toBe(whole.text);
    expect(chunks[0]!.result.tokens).toEqual(whole.tokens);
    expect(stats).toEqual(whole.stats);
  });

  it('restores a long input chunk by chunk, in order, with token offsets into the whole output', async () => {
    const input = Array.from({ length: 8 }, () => paragraph).join('\n');
    const chunks: RestoredChunk[] = [];
    const stats = await restoreStream(bytesOf(input, 5), { chunkChars: 3 * paragraph.length }, (c) => {
      chunks.push(c);
    });
    expect(chunks.length).toBeGreaterThan(2);
    const output = chunks.map((c) => c.result.text).join('');
    const single = (await restoreText(`${paragraph}\n`)).text;
    expect(output.split('\n')).toEqual(Array.from({ length: 8 }, () => single.trimEnd()));
    for (const c of chunks) for (const t of c.result.tokens) expect(output.slice(t.start, t.end)).toBe(t.output);
    expect(stats.totalTokens).toBe(chunks.reduce((n, c) => n + c.result.stats.totalTokens, 0));
    expect(chunks.map((c) => c.inStart)).toEqual([0, ...chunks.slice(0, -1).map((c, i) => chunks.slice(0, i + 1).reduce((n, d) => n + d.result.offsetMap[d.result.offsetMap.length - 1]!.inEnd, 0))]);
  });
});
