/**
 * Corpus access with the deterministic held-out rule: a line goes to 'test' when
 * FNV-1a(line) % 100 === 0, to 'dev' when it is 1, else to 'train'. In a file with document
 * boundaries (a `### doc <id>` line opens each document) the rule applies to the document id
 * instead, and every line of the document goes where its document goes: a held-out line must
 * not have its own document's other lines in training. The header lines are not text and are
 * never yielded. Only 'train' lines are counted by the builder; 'dev' tunes mixture weights;
 * 'test' is for benches. Raw corpus text is read from ../shared/corpus at build/bench time only
 * and never written into the repo.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export type Split = 'train' | 'dev' | 'test';

export const HELD_OUT_RULE = 'FNV-1a 32-bit hash of the UTF-8 line (in files with `### doc <id>` lines: of the document id, for all its lines): %100==0 → test, %100==1 → dev, else train';

/** Opens a document in corpus files with document boundaries. */
export const DOC_HEADER = '### doc ';

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

/**
 * The split of each line of one corpus file, read in order: a function that returns a text
 * line's split, or undefined for lines that are not text (blank, document headers). Lines
 * before the first header (or in a file without headers) are split line by line.
 */
export function corpusSplitter(): (line: string) => Split | undefined {
  let documentSplit: Split | undefined;
  return (line) => {
    if (!line.trim()) return undefined;
    if (line.startsWith(DOC_HEADER)) {
      documentSplit = splitOfLine(line.slice(DOC_HEADER.length).trim());
      return undefined;
    }
    return documentSplit ?? splitOfLine(line);
  };
}

/** Text lines of a gzip'd corpus file with their split (documents kept whole: see corpusSplitter). */
export async function* readCorpusEntries(gzPath: string): AsyncGenerator<{ line: string; split: Split }> {
  const rl = createInterface({ input: createReadStream(gzPath).pipe(createGunzip()), crlfDelay: Infinity });
  const splitOf = corpusSplitter();
  for await (const line of rl) {
    const split = splitOf(line);
    if (split !== undefined) yield { line, split };
  }
}

/** Text lines of a gzip'd corpus file belonging to `split` (all text lines when split is undefined). */
export async function* readCorpusLines(gzPath: string, split?: Split): AsyncGenerator<string> {
  for await (const entry of readCorpusEntries(gzPath)) if (split === undefined || entry.split === split) yield entry.line;
}
