/**
 * A compact count-based trigram model (interpolated absolute discounting with Kneser-Ney
 * continuation unigrams) built from lines of text, behind the decoder's DecoderLM interface.
 * It serves tests (a tiny LM built in the test) and the restore bench when the committed model
 * (src/lm, dictionaries/lm) is not available.
 */
import type { DecoderLM } from '../../src/restore/decoder-lm.js';
import { toToneStyle } from '../../src/lang/syllable.js';
import { foldKey } from '../../src/lang/fold.js';

export const NUMBER_TOKEN = '<num>';
export const START_TOKEN = '<s>';
const WORD = /[\p{L}\p{M}]+|\d+(?:[.,/]\d+)*/gu;
const SHIFT = 2 ** 21;
const DISCOUNT = 0.75;

interface Context { total: number; next: Map<number, number> }

export class CountTrigramLM implements DecoderLM {
  private readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byKey = new Map<string, string[]>();
  private readonly unigram: number[] = [];
  /** Continuation counts: number of distinct left neighbours of w (KN unigram). */
  private readonly continuation: number[] = [];
  private continuationTotal = 0;
  private readonly bigrams = new Map<number, Context>();
  private readonly trigrams = new Map<number, Context>();
  readonly numberId: number;
  readonly startId: number;

  constructor(lines: Iterable<string>, toneStyle: 'old' | 'new' = 'old', minVariantCount = 2) {
    this.startId = this.intern(START_TOKEN);
    this.numberId = this.intern(NUMBER_TOKEN);
    const seenBigram = new Set<number>();
    for (const line of lines) {
      for (const sentence of line.split(/[.;:!?()"“”]+/u)) {
        const tokens = sentence.toLowerCase().match(WORD);
        if (!tokens || tokens.length < 2) continue;
        let u = this.startId;
        let v = this.startId;
        for (const raw of tokens) {
          const w = /^\d/.test(raw) ? this.numberId : this.intern(toToneStyle(raw, toneStyle));
          this.unigram[w] = (this.unigram[w] ?? 0) + 1;
          const bigramKey = v * SHIFT + w;
          if (!seenBigram.has(bigramKey)) {
            seenBigram.add(bigramKey);
            this.continuation[w] = (this.continuation[w] ?? 0) + 1;
            this.continuationTotal++;
          }
          add(this.bigrams, v, w);
          add(this.trigrams, u * SHIFT + v, w);
          u = v;
          v = w;
        }
      }
    }
    for (const word of this.words) {
      if (word.startsWith('<') || !/^[\p{L}\p{M}]+$/u.test(word)) continue;
      // Hapax spellings are mostly typos ("dổi"); they stay in the LM but are not offered as outputs.
      if ((this.unigram[this.ids.get(word)!] ?? 0) < minVariantCount) continue;
      const key = foldKey(word);
      const list = this.byKey.get(key) ?? [];
      list.push(word);
      this.byKey.set(key, list);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => (this.unigram[this.ids.get(b)!] ?? 0) - (this.unigram[this.ids.get(a)!] ?? 0));
  }

  private intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  get vocabularySize(): number { return this.words.length; }

  variantsOf(key: string): readonly string[] { return this.byKey.get(key) ?? []; }

  id(word: string): number { return this.ids.get(word) ?? -1; }

  count(word: string): number { const id = this.ids.get(word); return id === undefined ? 0 : this.unigram[id] ?? 0; }

  readonly order = 3;
  readonly unkId = -1;

  /** Trigram model: the last two history ids; -1 cuts the history, startId drops what precedes it. */
  logProbN(hist: ArrayLike<number>, len: number, w: number): number {
    const v = len >= 1 ? hist[len - 1] : -1;
    if (v < 0) return this.logProb(-1, -1, w);
    if (v === this.startId) return this.logProb(v, v, w);
    return this.logProb(len >= 2 ? hist[len - 2] : -1, v, w);
  }

  logProb(u: number, v: number, w: number): number {
    const vocab = this.words.length;
    // KN continuation unigram, add-one over the vocabulary so unknown words stay finite.
    let p = w < 0 ? 1 / (this.continuationTotal + vocab) : ((this.continuation[w] ?? 0) + 1) / (this.continuationTotal + vocab);
    if (v >= 0) p = interpolate(this.bigrams.get(v), w, p);
    if (u >= 0 && v >= 0) p = interpolate(this.trigrams.get(u * SHIFT + v), w, p);
    return Math.log(p);
  }
}

function add(table: Map<number, Context>, key: number, w: number): void {
  let ctx = table.get(key);
  if (!ctx) { ctx = { total: 0, next: new Map() }; table.set(key, ctx); }
  ctx.total++;
  ctx.next.set(w, (ctx.next.get(w) ?? 0) + 1);
}

function interpolate(ctx: Context | undefined, w: number, lower: number): number {
  if (!ctx) return lower;
  const c = w >= 0 ? ctx.next.get(w) ?? 0 : 0;
  return Math.max(c - DISCOUNT, 0) / ctx.total + (DISCOUNT * ctx.next.size / ctx.total) * lower;
}
