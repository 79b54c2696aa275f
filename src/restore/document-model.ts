/**
 * The document as its own evidence (stripped text): the slots the first pass is unsure of are
 * re-decided with a per-document model built from what the document already settles — the
 * other slots' decisions and the words the document writes with their marks (a clean title, a
 * line that kept its diacritics). Two parts:
 *  - per-document mixture weights: EM over the evidence tokens re-weights the corpus components
 *    of the committed LM (a resolution on communes reads like other text than a decree), and
 *    the unsure slots are re-ranked with both-sides 4-gram context under those weights;
 *  - a syllable and a bigram cache over LM ids, counted only for the words that compete in an
 *    unsure slot (one set lookup per token), which change each unsure candidate's channel cost by
 *      −W_UNIGRAM · ln(count(c) + β)  −  W_BIGRAM · (ln(pairs(left, c) + β) + ln(pairs(c, right) + β))
 *    over the slot's own candidates; with no evidence every candidate moves alike (no change).
 * The default mode applies it in its re-ranking of the slots below its confidence line (in
 * place of the global model, so the cost is that pass's); the accurate mode re-decides its
 * slots below DOCUMENT_UNSURE_BELOW after its full re-ranking.
 * Figures: docs/benchmarks.md (`npm run bench:devdocs`).
 */
import type { LanguageModel } from '../lm/index.js';
import { NgramMemo } from '../lm/memo.js';
import type { MixtureModel } from '../lm/model.js';
import type { Decision } from './decoder.js';
import type { DecoderLM } from './decoder-lm.js';
import { rescoreBothSides, type BothWaysLM, type RescoreOptions } from './rescore.js';
import { ownSlot, type TokenInfo, type TokenSlot } from './slots.js';
import type { Piece } from './tokenize.js';

export interface DocumentModelOptions {
  /** Slots whose decision confidence is below this are re-decided; every other decision is evidence. */
  unsureBelow: number;
  /** Weight (nats per ln share) of the syllable cache. */
  unigramWeight: number;
  /** Weight of the bigram cache (each side). */
  bigramWeight: number;
  /** Add-β smoothing of the shares (in evidence counts). */
  smoothing: number;
  /** Weight of a marked word as evidence, relative to a confident decision. */
  markedWeight: number;
  /** Per-document mixture weights: the global weights count as this many evidence tokens (Infinity: no re-weighting). */
  mixturePrior: number;
  /** Evidence tokens (an even sample) the document's mixture weights are estimated on. */
  mixtureTokens: number;
}

/**
 * Accurate mode: re-decide slots below this confidence; the rest are evidence. Higher
 * re-decides more slots (slower) but leaves less evidence; the default mode re-decides only
 * the slots of its own re-ranking, below its 0.9 line, for speed.
 */
export const DOCUMENT_UNSURE_BELOW = 0.99;
/** Syllable cache weight: kept small, as the document's frequent reading is often another word than the slot's. */
export const DOCUMENT_UNIGRAM_WEIGHT = 0.25;
/** Bigram cache weight, each side: higher trusts the document's own word pairs over the corpus LM. */
export const DOCUMENT_BIGRAM_WEIGHT = 1.5;
/** Smoothing: a single observation moves a share less than many do. */
export const DOCUMENT_SMOOTHING = 0.5;
/** A word the document writes with its marks is surer than any decision of the decoder. */
export const DOCUMENT_MARKED_WEIGHT = 2;

/**
 * Per-document mixture weights: the global weights count as this many evidence tokens, so a
 * short text keeps near them; lower lets a long document move further from them.
 */
export const DOCUMENT_MIXTURE_PRIOR = 10;
/** Evidence tokens the weights are estimated on, an even sample: more cost a query per corpus component each, for little gain. */
export const DOCUMENT_MIXTURE_TOKENS = 500;

export const DOCUMENT_MODEL_DEFAULTS: DocumentModelOptions = {
  unsureBelow: DOCUMENT_UNSURE_BELOW,
  unigramWeight: DOCUMENT_UNIGRAM_WEIGHT,
  bigramWeight: DOCUMENT_BIGRAM_WEIGHT,
  smoothing: DOCUMENT_SMOOTHING,
  markedWeight: DOCUMENT_MARKED_WEIGHT,
  mixturePrior: DOCUMENT_MIXTURE_PRIOR,
  mixtureTokens: DOCUMENT_MIXTURE_TOKENS,
};

/** Pair key of two LM ids (vocabularies stay below 2^21, as in lm.ts). */
const PAIR = 2 ** 21;

/**
 * Evidence counts of one document: per LM id, and per adjacent (left, right) pair of ids,
 * restricted to the ids of interest (the candidates of the unsure slots).
 */
export class DocumentModel {
  private readonly words = new Map<number, number>();
  private readonly pairs = new Map<number, number>();
  /** Per left id: total weight of its recorded pairs; per right id likewise. */
  private readonly lefts = new Map<number, number>();
  private readonly rights = new Map<number, number>();

  constructor(private readonly wanted: ReadonlySet<number>) {}

  /** Nothing was recorded. */
  get empty(): boolean { return this.words.size === 0 && this.pairs.size === 0; }

  /** One occurrence of word id `w` with its left neighbour `left` (-1: none), counted with `weight`. */
  observe(left: number, w: number, weight: number): void {
    if (this.wanted.has(w)) this.words.set(w, (this.words.get(w) ?? 0) + weight);
    if (left < 0 || !(this.wanted.has(w) || this.wanted.has(left))) return;
    const key = left * PAIR + w;
    this.pairs.set(key, (this.pairs.get(key) ?? 0) + weight);
    this.lefts.set(left, (this.lefts.get(left) ?? 0) + weight);
    this.rights.set(w, (this.rights.get(w) ?? 0) + weight);
  }

  count(w: number): number { return this.words.get(w) ?? 0; }
  pairCount(left: number, right: number): number { return left < 0 || right < 0 ? 0 : this.pairs.get(left * PAIR + right) ?? 0; }
}

/** An LM id that names a word the LM knows (-1 otherwise). */
function knownId(lm: DecoderLM, id: number): number {
  return id < 0 || id === lm.unkId || id === lm.startId || id === lm.numberId ? -1 : id;
}

/**
 * Re-decides the unsure slots with the document's model: builds it from the other decisions
 * and the marked words, changes the unsure slots' costs by the caches and re-ranks them with
 * both-sides context under the document's mixture weights (or `model` when the LM is not a
 * mixture). Returns the slots the decisions index (changed slots get lists of their own) and
 * the new decisions; the inputs when nothing is unsure.
 */
export function adaptToDocument(
  lm: DecoderLM, model: BothWaysLM, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], decisions: Decision[],
  rescore: RescoreOptions, opts: DocumentModelOptions = DOCUMENT_MODEL_DEFAULTS,
): { slots: TokenSlot[]; decisions: Decision[] } {
  const n = slots.length;
  // The slots to re-decide: rescore.only when given (the default mode's re-ranked slots), else by confidence.
  const unsure = new Uint8Array(n);
  const wanted = new Set<number>();
  let count = 0;
  for (let t = 0; t < n; t++) {
    const slot = slots[t];
    if (slot.candidates.length < 2 || pieces[t].kind !== 'word') continue;
    if (rescore.only ? rescore.only[t] === 0 : decisions[t].confidence >= opts.unsureBelow) continue;
    unsure[t] = 1;
    count++;
    for (const id of slot.ids) if (knownId(lm, id) >= 0) wanted.add(id);
  }
  if (count === 0) return { slots, decisions };

  // Per token: its id as evidence (chosen, or written for a marked word) and its weight (0: no evidence).
  const chosen = new Int32Array(n);
  const weight = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    if (pieces[t].kind === 'word' && infos[t].marked) {
      chosen[t] = knownId(lm, lm.id(infos[t].lower));
      weight[t] = opts.markedWeight;
    } else {
      chosen[t] = knownId(lm, slots[t].ids[decisions[t].index]);
      weight[t] = unsure[t] ? 0 : 1;
    }
    if (chosen[t] < 0) weight[t] = 0;
  }
  /** The evidence id left of token t in its clause, or -1. */
  const leftOf = (t: number): number => (t > 0 && !slots[t].sentenceStart && weight[t - 1] > 0 ? chosen[t - 1] : -1);
  const doc = new DocumentModel(wanted);
  if (opts.unigramWeight > 0 || opts.bigramWeight > 0) for (let t = 0; t < n; t++) if (weight[t] > 0) doc.observe(leftOf(t), chosen[t], weight[t]);
  const evidence = new Int32Array(n);
  const clauseStart = new Uint8Array(n);
  for (let t = 0; t < n; t++) { evidence[t] = weight[t] > 0 ? chosen[t] : -1; clauseStart[t] = slots[t].sentenceStart ? 1 : 0; }
  const mixture = opts.mixturePrior < Infinity ? documentMixture(lm, evidence, clauseStart, opts.mixturePrior, opts.mixtureTokens) : undefined;
  const rerank = (used: TokenSlot[]): { slots: TokenSlot[]; decisions: Decision[] } =>
    ({ slots: used, decisions: rescoreBothSides(mixture?.model ?? model, used, decisions, { ...rescore, only: unsure }) });
  if (doc.empty) return rerank(slots);

  const out = slots.slice();
  const beta = opts.smoothing;
  let changed = false;
  for (let t = 0; t < n; t++) {
    if (!unsure[t]) continue;
    const slot = slots[t];
    const k = slot.candidates.length;
    const left = leftOf(t);
    const right = t + 1 < n && !slots[t + 1].sentenceStart && weight[t + 1] > 0 ? chosen[t + 1] : -1;
    let uni = 0;
    let fromLeft = 0;
    let toRight = 0;
    for (let c = 0; c < k; c++) {
      const id = knownId(lm, slot.ids[c]);
      if (id < 0) continue;
      uni += doc.count(id);
      fromLeft += doc.pairCount(left, id);
      toRight += doc.pairCount(id, right);
    }
    if (uni === 0 && fromLeft === 0 && toRight === 0) continue;
    const own = ownSlot(out, t);
    for (let c = 0; c < k; c++) {
      const id = knownId(lm, slot.ids[c]);
      let delta = 0;
      if (uni > 0) delta -= opts.unigramWeight * Math.log((id < 0 ? 0 : doc.count(id)) + beta);
      if (fromLeft > 0) delta -= opts.bigramWeight * Math.log((id < 0 ? 0 : doc.pairCount(left, id)) + beta);
      if (toRight > 0) delta -= opts.bigramWeight * Math.log((id < 0 ? 0 : doc.pairCount(id, right)) + beta);
      own.candidates[c] = { word: own.candidates[c].word, cost: own.candidates[c].cost + delta / rescore.channelWeight };
    }
    changed = true;
  }
  return rerank(changed ? out : slots);
}

/** Per-document mixture weights: EM iterations over the evidence tokens. */
const EM_ITERATIONS = 8;
/** log2 of the memos' capacity (32 bytes an entry): per component and direction 4 MB (kept across documents), per direction 2 MB for the mixed scores. */
const COMPONENT_MEMO_BITS = 17;
const MIXED_MEMO_BITS = 16;
/** Per model and direction: each component's probabilities (kept across documents) and the document's mixed log-probabilities. */
const componentMemos = new WeakMap<LanguageModel, { components: [NgramMemo[], NgramMemo[]]; mixed: [NgramMemo, NgramMemo] }>();

/**
 * Forward and backward scoring with mixture weights re-estimated on the document's evidence
 * (EM over the evidence tokens' forward probabilities under each corpus component, the global
 * weights counting as `prior` tokens); the backward weights are the global backward ones scaled
 * by the same per-component ratio. Undefined when the LM is not a mixture.
 */
export function documentMixture(
  lm: DecoderLM, evidence: Int32Array, clauseStart: Uint8Array, prior: number, maxTokens: number,
): { model: BothWaysLM; weights: number[] } | undefined {
  const model = (lm as DecoderLM & { model?: LanguageModel }).model;
  const fwd = model?.components;
  const bwd = model?.backward?.components;
  if (!model || !fwd || !bwd || fwd.components.length < 2 || model.order < 4 || model.vocabSize >= 0xffff) return undefined;
  const m = fwd.components.length;
  const n = evidence.length;
  // Component probabilities of (a sample of) the evidence tokens after their 3 previous ids.
  const step = Math.max(1, Math.ceil(n / maxTokens));
  const probs: number[] = [];
  const hist = new Int32Array(3);
  for (let t = 0; t < n; t += step) {
    if (evidence[t] < 0) continue;
    let cut = false;
    for (let j = 2, p = t - 1; j >= 0; j--, p--) {
      if (cut || p < 0) { hist[j] = cut ? -1 : model.bosId; cut = true; continue; }
      if (clauseStart[p + 1]) { hist[j] = model.bosId; cut = true; continue; }
      hist[j] = evidence[p] < 0 ? model.unkId : evidence[p];
    }
    for (let i = 0; i < m; i++) probs.push(fwd.components[i].prob(hist, 3, evidence[t]));
  }
  const tokens = probs.length / m;
  if (tokens === 0) return undefined;
  let weights = fwd.weights.slice();
  for (let it = 0; it < EM_ITERATIONS; it++) {
    const next = fwd.weights.map((g) => prior * g);
    for (let k = 0; k < tokens; k++) {
      let total = 0;
      for (let i = 0; i < m; i++) total += weights[i] * probs[k * m + i];
      if (total <= 0) continue;
      for (let i = 0; i < m; i++) next[i] += (weights[i] * probs[k * m + i]) / total;
    }
    weights = next.map((x) => x / (tokens + prior));
  }
  const forwardWeights = weights;
  const ratio = forwardWeights.map((w, i) => w / fwd.weights[i]);
  let sum = 0;
  const backwardWeights = bwd.weights.map((w, i) => { sum += w * ratio[i]; return w * ratio[i]; });
  for (let i = 0; i < m; i++) backwardWeights[i] /= sum;
  // Re-ranking asks the same 4-grams again and again (every candidate, every sweep, every
  // document): memoised as the committed model's scores are (16 bits per id, +1 so that −1 = none is 0).
  let memos = componentMemos.get(model);
  if (memos === undefined) {
    memos = {
      components: [fwd.components.map(() => new NgramMemo(COMPONENT_MEMO_BITS)), bwd.components.map(() => new NgramMemo(COMPONENT_MEMO_BITS))],
      mixed: [new NgramMemo(MIXED_MEMO_BITS), new NgramMemo(MIXED_MEMO_BITS)],
    };
    componentMemos.set(model, memos);
  }
  // The mixed scores hold for this document's weights only: emptied (in O(1)) per document.
  memos.mixed[0].clear();
  memos.mixed[1].clear();
  const { components: [componentsF, componentsB], mixed: [mixedF, mixedB] } = memos;
  const mix = (mixedMemo: NgramMemo, memo: NgramMemo[], mixture: MixtureModel, weights: number[], h: Int32Array, w: number): number => {
    const hi = (((h[0] + 1) << 16) | (h[1] + 1)) >>> 0;
    const lo = (((h[2] + 1) << 16) | w) >>> 0;
    let lp = mixedMemo.get(hi, lo);
    if (lp === lp) return lp;
    let p = 0;
    for (let i = 0; i < m; i++) {
      let q = memo[i].get(hi, lo);
      if (q !== q) {
        q = mixture.components[i].prob(h, 3, w);
        memo[i].set(hi, lo, q);
      }
      p += weights[i] * q;
    }
    lp = Math.log(p);
    mixedMemo.set(hi, lo, lp);
    return lp;
  };
  return {
    weights: forwardWeights,
    model: {
      order: 4, startId: model.bosId, endId: model.eosId, unkId: model.unkId,
      forward: (h, w) => mix(mixedF, componentsF, fwd, forwardWeights, h, w),
      backward: (h, w) => mix(mixedB, componentsB, bwd, backwardWeights, h, w),
    },
  };
}
