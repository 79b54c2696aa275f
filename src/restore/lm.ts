/**
 * The language-model interface the decoder needs, and a compact count-based trigram model
 * (interpolated absolute discounting with Kneser-Ney continuation unigrams) built from lines
 * of text. The count model serves tests (a tiny LM built in the test) and the bench when the
 * committed model (src/lm, dictionaries/lm) is not available; the decoder only sees DecoderLM.
 */
import { toToneStyle } from './text.js';
import { foldKey } from '../lang/fold.js';

export interface DecoderLM {
  /** Accented lowercase syllables whose skeleton is `key` ("duoc" → ["được", "đuốc", …]). */
  variantsOf(key: string): readonly string[];
  /** Vocabulary id of a lowercase syllable, or -1 when unknown. */
  id(word: string): number;
  /** Id of the number class and of the sentence start. */
  readonly numberId: number;
  readonly startId: number;
  /**
   * Natural-log P(w | u v); ids of -1 mean "unknown"; u = v = -1 gives the unigram prior.
   * Must depend on its arguments only, for the LM instance's lifetime: the decoder keeps the
   * scores it got per instance (src/lm/row-cache.ts) and asks again only for new ones.
   */
  logProb(u: number, v: number, w: number): number;

  // Optional order-N members (additive; absent on LMs that only know trigrams).
  /** N-gram order of logProbN / backwardLogProbN: they use up to order − 1 history ids. */
  readonly order?: number;
  /** Id of the unknown-word unit (what id() returns for an unknown word); -1 when ids are -1 for unknowns. */
  readonly unkId?: number;
  /** Id of the clause end (</s>): forward after the last word; backward = the word "before" the first. */
  readonly endId?: number;
  /**
   * Natural-log forward P(w | hist[0..len)), history oldest..newest; only the last order − 1
   * ids count. -1 in the history means "none" (the history is cut there). startId in the
   * history is the clause start: anything before it is ignored (so [<s>, <s>, x] = [<s>, x]).
   * w as in logProb: -1 or unkId scores the unknown unit minus the OOV penalty.
   */
  logProbN?(hist: ArrayLike<number>, len: number, w: number): number;
  /**
   * Natural-log backward P(w | following words): hist[0..len) are the FOLLOWING words with the
   * nearest LAST (for w_i: [w_{i+3}, w_{i+2}, w_{i+1}]); startId in it means "end of clause"
   * (anything beyond it is ignored); w = endId scores the clause start. Other ids as logProbN.
   */
  backwardLogProbN?(hist: ArrayLike<number>, len: number, w: number): number;
  /** logProbN / backwardLogProbN without the OOV penalty (the model's own <unk> score). */
  rawLogProbN?(hist: ArrayLike<number>, len: number, w: number): number;
  rawBackwardLogProbN?(hist: ArrayLike<number>, len: number, w: number): number;
}

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
