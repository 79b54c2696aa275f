/**
 * Per-document cache model: words already restored in a document (names, the plan's own
 * terms) are likely to recur. Mixes the n-gram LM with a cache bigram/unigram distribution:
 * p = (1−λ)·p_lm + λ·p_cache, p_cache(w|v) = (c(v w) + c(w)/N) / (c(v) + 1).
 * λ is a parameter: it has not been tuned on document-structured data (the held-out corpus
 * lines are scattered), so callers should tune it on their own dev documents.
 */
import type { LanguageModel } from './language-model.js';

export class DocumentCache {
  private readonly unigrams = new Map<number, number>();
  private readonly bigrams = new Map<number, number>();
  private readonly contexts = new Map<number, number>();
  private total = 0;

  constructor(readonly lm: LanguageModel, readonly weight = 0.1) {}

  /** Record a restored clause (vocabulary ids, without <s>/</s>); <unk> is not cached. */
  observe(ids: readonly number[]): void {
    let prev = this.lm.bosId;
    for (const id of ids) {
      if (id !== this.lm.unkId) {
        this.unigrams.set(id, (this.unigrams.get(id) ?? 0) + 1);
        this.total++;
        const key = prev * 65536 + id;
        this.bigrams.set(key, (this.bigrams.get(key) ?? 0) + 1);
        this.contexts.set(prev, (this.contexts.get(prev) ?? 0) + 1);
      }
      prev = id;
    }
  }

  reset(): void {
    this.unigrams.clear();
    this.bigrams.clear();
    this.contexts.clear();
    this.total = 0;
  }

  /** Cache probability of id after v (0 when the cache is empty). */
  cacheProb(v: number, id: number): number {
    if (this.total === 0) return 0;
    const uni = (this.unigrams.get(id) ?? 0) / this.total;
    if (v < 0) return uni;
    return ((this.bigrams.get(v * 65536 + id) ?? 0) + uni) / ((this.contexts.get(v) ?? 0) + 1);
  }

  /** log10 of the mixed probability; same history convention as LanguageModel.logProb. */
  logProb(historyIds: ArrayLike<number>, id: number): number {
    const base = this.lm.logProb(historyIds, id);
    if (this.total === 0) return base;
    const v = historyIds.length ? historyIds[historyIds.length - 1] : -1;
    return Math.log10((1 - this.weight) * 10 ** base + this.weight * this.cacheProb(v, id));
  }
}
