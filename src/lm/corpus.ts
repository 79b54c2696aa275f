/**
 * Corpus access with the deterministic held-out rule: a line goes to 'test' when
 * FNV-1a(line) % 100 === 0, to 'dev' when it is 1, else to 'train'. Only 'train' lines are
 * counted by the builder; 'dev' tunes mixture weights; 'test' is for benches. Raw corpus text
 * is read from ../shared/corpus at build/bench time only and never written into the repo.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export type Split = 'train' | 'dev' | 'test';

export const HELD_OUT_RULE = 'FNV-1a 32-bit hash of the UTF-8 line: %100==0 → test, %100==1 → dev, else train';

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(s, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOfLine(line: string): Split {
  const r = fnv1a(line) % 100;
  return r === 0 ? 'test' : r === 1 ? 'dev' : 'train';
}

/** Lines of a gzip'd corpus file belonging to `split` (all lines when split is undefined). */
export async function* readCorpusLines(gzPath: string, split?: Split): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(gzPath).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    if (split === undefined || splitOfLine(line) === split) yield line;
  }
}
