/**
 * Adapter from the committed n-gram model (src/lm, issue 3a; log10 scores, mixture of
 * per-corpus trigrams) to the decoder's DecoderLM (natural log). Variants are restricted to
 * valid Vietnamese syllables seen at least twice, so corpus typos are never offered.
 */
import { isValidSyllable } from '../lang/syllable.js';
import { loadLanguageModel, type LanguageModel } from '../lm/index.js';
import type { DecoderLM } from './lm.js';

const LN10 = Math.log(10);
const MIN_VARIANT_COUNT = 2;
/** Nats subtracted when the decoder keeps a token the LM does not know. */
const OOV_PENALTY = 4;
const MEMO_LIMIT = 500_000;

export class CommittedLM implements DecoderLM {
  private readonly variants = new Map<string, readonly string[]>();
  private readonly memo = new Map<number, number>();
  private readonly ids = new Map<string, number>();
  readonly numberId: number;
  readonly startId: number;

  constructor(readonly model: LanguageModel) {
    this.numberId = model.numId;
    this.startId = model.bosId;
  }

  variantsOf(key: string): readonly string[] {
    let list = this.variants.get(key);
    if (!list) {
      list = this.model.variantsOf(key)
        .filter((id) => this.model.unigramCount(id) >= MIN_VARIANT_COUNT)
        .map((id) => this.model.word(id))
        .filter((w) => isValidSyllable(w));
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
    if (u < 0 && v < 0) return this.model.logProb3(-1, -1, w < 0 ? unk : w) * LN10; // unigram prior
    // The model's history after <s> is just [<s>]: the decoder's (<s>, <s>) start state maps to (-1, <s>).
    const first = u === this.startId && v === this.startId ? -1 : u < 0 ? unk : u;
    const second = v < 0 ? unk : v;
    const word = w < 0 ? unk : w;
    // Memo: the mixture walks three tries per call, and decoding asks the same trigrams often.
    const key = (first + 1) * 4294967296 + second * 65536 + word;
    let lp = this.memo.get(key);
    if (lp === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      lp = this.model.logProb3(first, second, word) * LN10;
      this.memo.set(key, lp);
    }
    // A kept non-syllable must not borrow the whole <unk> mass: that mass is shared by every OOV word.
    return w < 0 || w === unk ? lp - OOV_PENALTY : lp;
  }
}

export function loadCommittedLM(dir?: string): DecoderLM {
  return new CommittedLM(loadLanguageModel(dir));
}
