/**
 * Pass over the corpora: tokenise every line (splits by line, or by document where the file
 * marks documents), send train lines to a per-source id stream,
 * keep dev/test clauses (as units) for tuning and evaluation, count unit frequencies.
 */
import { isValidSyllable } from '../../../src/lang/syllable.js';
import { readCorpusEntries } from '../../../src/lm/corpus.js';
import { BOS, EOS, NUM, UNK, tokenizeForLM } from '../../../src/lm/tokenize.js';

export interface CorpusSource {
  name: string;
  file: string;
  /** Further files read into the same component (one merged stream, each split by its own rule). */
  also?: string[];
}

class IntBuffer {
  data = new Int32Array(1 << 20);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array { return this.data.subarray(0, this.length); }
}

export interface ReadCorpora {
  /** Per source: training stream of provisional unit ids, -1 between clauses. */
  train: Int32Array[];
  dev: string[][][];
  /** Per source, per file read into it: that file's dev clauses (tuning weighs each file's set equally). */
  devByFile: string[][][][];
  test: string[][][];
  units: string[];
  counts: number[];
  lines: { train: number; dev: number; test: number }[];
}

export async function readCorpora(sources: CorpusSource[], log: (m: string) => void): Promise<ReadCorpora> {
  const ids = new Map<string, number>();
  const units: string[] = [];
  const counts: number[] = [];
  const idOf = (u: string): number => {
    let id = ids.get(u);
    if (id === undefined) {
      id = units.length;
      ids.set(u, id);
      units.push(u);
      counts.push(0);
    }
    counts[id]++;
    return id;
  };
  const out: ReadCorpora = { train: [], dev: [], devByFile: [], test: [], units, counts, lines: [] };
  for (const src of sources) {
    const buf = new IntBuffer();
    const dev: string[][] = [];
    const devByFile: string[][][] = [];
    const test: string[][] = [];
    const lines = { train: 0, dev: 0, test: 0 };
    const t0 = Date.now();
    // Files with document boundaries are split by document (src/lm/corpus.ts).
    for (const file of [src.file, ...(src.also ?? [])]) {
      const fileDev: string[][] = [];
      devByFile.push(fileDev);
      for await (const { line, split } of readCorpusEntries(file)) {
        lines[split]++;
        const clauses = tokenizeForLM(line);
        if (split === 'dev') {
          dev.push(...clauses);
          fileDev.push(...clauses);
        }
        else if (split === 'test') test.push(...clauses);
        else {
          for (const clause of clauses) {
            for (const u of clause) buf.push(idOf(u));
            buf.push(-1);
          }
        }
      }
    }
    out.train.push(buf.view());
    out.dev.push(dev);
    out.devByFile.push(devByFile);
    out.test.push(test);
    out.lines.push(lines);
    log(`${src.name}: ${lines.train} train / ${lines.dev} dev / ${lines.test} test lines, ${buf.length} train tokens+breaks, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return out;
}

export interface Vocabulary { words: string[]; counts: Uint32Array; index: Map<string, number> }

/**
 * Vocabulary: specials, then valid syllables seen ≥ minSyllable times and other units seen
 * ≥ minOther times, most frequent first, capped so ids fit 16 bits.
 */
export function selectVocabulary(read: ReadCorpora, minSyllable: number, minOther: number, cap = 65535): Vocabulary {
  const specials = [UNK, BOS, EOS, NUM];
  const order = read.units
    .map((u, i) => i)
    .filter((i) => !specials.includes(read.units[i]))
    .filter((i) => read.counts[i] >= (isValidSyllable(read.units[i]) ? minSyllable : minOther))
    .sort((a, b) => read.counts[b] - read.counts[a])
    .slice(0, cap - specials.length);
  const words = [...specials, ...order.map((i) => read.units[i])];
  const counts = new Uint32Array(words.length);
  const index = new Map(words.map((w, i) => [w, i]));
  const numIdx = read.units.indexOf(NUM);
  if (numIdx >= 0) counts[3] = read.counts[numIdx];
  order.forEach((i, k) => { counts[k + specials.length] = read.counts[i]; });
  let unk = 0;
  read.counts.forEach((c, i) => { if (!index.has(read.units[i])) unk += c; });
  counts[0] = unk;
  return { words, counts, index };
}

/** Remap a provisional stream to final ids as [BOS w… EOS]* (Uint16: vocab ≤ 65535). */
export function toSentences(stream: Int32Array, provisional: string[], vocab: Vocabulary): Uint16Array {
  const map = new Int32Array(provisional.length);
  provisional.forEach((u, i) => { map[i] = vocab.index.get(u) ?? 0; });
  let breaks = 0;
  for (let i = 0; i < stream.length; i++) if (stream[i] < 0) breaks++;
  const out = new Uint16Array(stream.length + breaks);
  let k = 0;
  let open = false;
  for (let i = 0; i < stream.length; i++) {
    const t = stream[i];
    if (!open) { out[k++] = 1; open = true; }
    if (t < 0) { out[k++] = 2; open = false; } else out[k++] = map[t];
  }
  return out.subarray(0, k);
}
