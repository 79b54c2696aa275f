/**
 * Adapter from the committed n-gram model (src/lm, issue 3a; log10 scores, mixture of
 * per-corpus trigrams) to the decoder's DecoderLM (natural log). Variants are restricted to
 * valid Vietnamese syllables seen at least twice, so corpus typos are never offered.
 */
import { isValidSyllable } from '../lang/syllable.js';
import { loadLanguageModel, type LanguageModel } from '../lm/index.js';
import { KeyMemo, NgramMemo } from '../lm/memo.js';
import type { DecoderLM } from './decoder-lm.js';

const LN10 = Math.log(10);
const MIN_VARIANT_COUNT = 2;
/** Nats subtracted when the decoder keeps a token the LM does not know. */
const OOV_PENALTY = 4;
const MEMO_LIMIT = 500_000;
/** Memo keys of unigram-prior queries: above every trigram key (< 65537² · 65536 < 2^48). */
const UNIGRAM_KEY = 2 ** 50;

export class CommittedLM implements DecoderLM {
  private readonly variants = new Map<string, readonly string[]>();
  /**
   * Trigram memo, kept small (256 KB, stays in cache): the decoder keeps its own score rows
   * (src/lm/row-cache.ts), so few repeats reach this memo, and a large one only added a
   * cache miss to every new trigram.
   */
  private readonly memo3 = new KeyMemo(14);
  private readonly ids = new Map<string, number>();
  readonly numberId: number;
  readonly startId: number;
  readonly endId: number;
  readonly unkId: number;
  readonly order: number;
  /** Order-N memos (32 MB each), made on first use: the default restorer never asks for them. */
  private memoNLazy?: NgramMemo;
  private memoBLazy?: NgramMemo;
  private get memoN(): NgramMemo { return (this.memoNLazy ??= new NgramMemo(20)); }
  private get memoB(): NgramMemo { return (this.memoBLazy ??= new NgramMemo(20)); }
  private readonly scratch = new Int32Array(3);
  /** The first order − 1 entries of scratch: the history passed to the model. */
  private readonly history: Int32Array;
  /** Natural-log backward model (following words, nearest last); absent when the model has none. */
  readonly backwardLogProbN?: (hist: ArrayLike<number>, len: number, w: number) => number;
  /** backwardLogProbN without the OOV penalty. */
  readonly rawBackwardLogProbN?: (hist: ArrayLike<number>, len: number, w: number) => number;

  constructor(readonly model: LanguageModel) {
    this.numberId = model.numId;
    this.startId = model.bosId;
    this.endId = model.eosId;
    this.unkId = model.unkId;
    this.order = Math.min(4, model.order);
    this.history = this.scratch.subarray(0, this.order - 1);
    const backward = model.backward;
    if (backward) {
      this.backwardLogProbN = (hist, len, w) => this.scoreN(backward, this.memoB, hist, len, w, OOV_PENALTY);
      this.rawBackwardLogProbN = (hist, len, w) => this.scoreN(backward, this.memoB, hist, len, w, 0);
    }
  }

  /** Natural-log forward P(w | history), see DecoderLM.logProbN. */
  logProbN(hist: ArrayLike<number>, len: number, w: number): number {
    return this.scoreN(this.model, this.memoN, hist, len, w, OOV_PENALTY);
  }

  /** logProbN without the OOV penalty (the model's own <unk> score). */
  rawLogProbN(hist: ArrayLike<number>, len: number, w: number): number {
    return this.scoreN(this.model, this.memoN, hist, len, w, 0);
  }

  private scoreN(model: LanguageModel, memo: NgramMemo, hist: ArrayLike<number>, len: number, w: number, oovPenalty: number): number {
    const k = this.order - 1;
    const h = this.scratch;
    // Right-align the last k history ids; the clause start cuts what precedes it.
    let cut = false;
    for (let j = k - 1, i = len - 1; j >= 0; j--, i--) {
      const id = cut || i < 0 ? -1 : hist[i];
      h[j] = id;
      if (id === this.startId || id < 0) cut = true;
    }
    for (let j = k; j < 3; j++) h[j] = -1;
    const unk = this.unkId;
    const word = w < 0 ? unk : w;
    // 16 bits per id (+1 so that -1 = none is 0): the whole 4-gram is the memo key.
    const hiKey = (((h[0] + 1) << 16) | (h[1] + 1)) >>> 0;
    const loKey = (((h[2] + 1) << 16) | word) >>> 0;
    let lp = memo.get(hiKey, loKey);
    if (lp !== lp) {
      lp = model.logProbCached(this.history, this.history.length, word) * LN10;
      memo.set(hiKey, loKey, lp);
    }
    return word === unk ? lp - oovPenalty : lp;
  }

  variantsOf(key: string): readonly string[] {
    let list = this.variants.get(key);
    if (!list) {
      // A loop, not filter/map: arrays that kind V8 makes differently in its builtins and its
      // optimised code, and a memoised list of the other kind made V8 recompile its readers.
      const words: string[] = [];
      for (const id of this.model.variantsOf(key)) {
        if (this.model.unigramCount(id) < MIN_VARIANT_COUNT) continue;
        const word = this.model.word(id);
        if (isValidSyllable(word)) words.push(word);
      }
      list = words;
      if (this.variants.size >= MEMO_LIMIT) this.variants.clear();
      this.variants.set(key, list);
    }
    return list;
  }

  /** vocabId normalises (canonical tone placement) on every call: memoised per word. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = word ? this.model.vocabId(word) : this.model.unkId;
      if (this.ids.size < MEMO_LIMIT) this.ids.set(word, id);
    }
    return id;
  }

  logProb(u: number, v: number, w: number): number {
    const unk = this.model.unkId;
    const word = w < 0 ? unk : w;
    let key: number;
    let first: number;
    let second: number;
    if (u < 0 && v < 0) {
      // Unigram prior: above every trigram key.
      key = UNIGRAM_KEY + word;
      first = -1;
      second = -1;
    } else {
      // The model's history after <s> is just [<s>]: the decoder's (<s>, <s>) start state maps to (-1, <s>).
      first = u === this.startId && v === this.startId ? -1 : u < 0 ? unk : u;
      second = v < 0 ? unk : v;
      key = ((first + 1) * 65537 + second + 1) * 65536 + word;
    }
    // Memo: the mixture walks three tries per call, and decoding asks the same trigrams often.
    let lp = this.memo3.get(key);
    if (lp !== lp) {
      lp = this.model.logProb3(first, second, word) * LN10;
      this.memo3.set(key, lp);
    }
    // A kept non-syllable must not borrow the whole <unk> mass: that mass is shared by every OOV word.
    // (The unigram prior, u = v = -1, has always been returned without the penalty.)
    return word === unk && key < UNIGRAM_KEY ? lp - OOV_PENALTY : lp;
  }
}

export function loadCommittedLM(dir?: string): DecoderLM {
  return new CommittedLM(loadLanguageModel(dir));
}
