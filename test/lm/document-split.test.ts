import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusSplitter, DOC_HEADER, readCorpusEntries, readCorpusLines, splitOfLine, type Split } from '../../src/lm/corpus.js';
import { readCorpora } from '../../tools/lib/lm-build/sequences.js';

/** The first document id of the form `doc-N` whose hash puts it in `split`. */
function idIn(split: Split): string {
  for (let i = 0; ; i++) if (splitOfLine(`doc-${i}`) === split) return `doc-${i}`;
}

/** A word only the lines of one split's document use. */
const TAG: Record<Split, string> = { train: 'alpha', dev: 'beta', test: 'gamma' };
/** Twelve lines of one document; many enough that a line-by-line split would scatter them. */
const docLines = (tag: string): string[] => Array.from({ length: 12 }, (_, k) => `điều ${k} của văn bản ${tag} quy định về thủ tục hành chính`);

const ids: Record<Split, string> = { train: idIn('train'), dev: idIn('dev'), test: idIn('test') };
const fileLines = (['train', 'dev', 'test'] as const).flatMap((s) => [`${DOC_HEADER}${ids[s]}`, ...docLines(TAG[s]), '']);
const dir = mkdtempSync(join(tmpdir(), 'vnplan-docsplit-'));
const gz = join(dir, 'docs.txt.gz');
writeFileSync(gz, gzipSync(fileLines.join('\n')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('document-level held-out split', () => {
  it('gives every line of a document its document id\'s split, and yields no header', () => {
    const splitOf = corpusSplitter();
    const got = fileLines.map((l) => [l, splitOf(l)] as const);
    for (const [line, split] of got) {
      if (line.startsWith(DOC_HEADER) || line === '') expect(split).toBeUndefined();
    }
    for (const s of ['train', 'dev', 'test'] as const) {
      const mine = got.filter(([l]) => l.includes(` ${TAG[s]} `));
      expect(mine).toHaveLength(12);
      expect(new Set(mine.map(([, split]) => split))).toEqual(new Set([s]));
    }
    // The line rule alone would scatter a document's lines over the splits.
    const lineSplits = new Set(docLines(TAG.dev).map(splitOfLine));
    expect(lineSplits.has('dev') && lineSplits.size === 1).toBe(false);
  });

  it('splits line by line in a file without document headers', () => {
    const splitOf = corpusSplitter();
    const lines = docLines('plain');
    expect(lines.map(splitOf)).toEqual(lines.map(splitOfLine));
  });

  it('reads gzip\'d files by document', async () => {
    const entries: { line: string; split: Split }[] = [];
    for await (const e of readCorpusEntries(gz)) entries.push(e);
    expect(entries).toHaveLength(36);
    expect(entries.filter((e) => e.split === 'test').map((e) => e.line)).toEqual(docLines(TAG.test));
    const dev: string[] = [];
    for await (const line of readCorpusLines(gz, 'dev')) dev.push(line);
    expect(dev).toEqual(docLines(TAG.dev));
  });

  it('keeps held-out documents out of the LM build\'s training stream', async () => {
    const read = await readCorpora([{ name: 'docs', file: gz }], () => {});
    expect(read.lines[0]).toEqual({ train: 12, dev: 12, test: 12 });
    // Every held-out clause comes from its own document; the training stream holds only the training document.
    for (const s of ['dev', 'test'] as const) {
      expect(read[s][0]).toHaveLength(12);
      for (const clause of read[s][0]) expect(clause).toContain(TAG[s]);
    }
    const trainUnits = new Set(Array.from(read.train[0]).filter((id) => id >= 0).map((id) => read.units[id]));
    expect(trainUnits.has(TAG.train)).toBe(true);
    expect(trainUnits.has(TAG.dev) || trainUnits.has(TAG.test)).toBe(false);
  });
});
