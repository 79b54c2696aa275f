/**
 * The language-model interface the decoder needs. The committed model (src/lm,
 * dictionaries/lm) implements it through src/restore/committed-lm.ts; tests and the bench
 * use a small count-based model (tools/lib/count-trigram-lm.ts).
 */

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
