/**
 * Accurate-mode re-ranking of a decoded lattice with context on both sides. The first pass
 * (decoder.ts) is a trigram Viterbi; its residual errors are words whose deciding context
 * lies further back or to the right ("UBND huyện tặng Giấy khen"). This pass maximises
 *   Σ_t  −cw·channel(c_t) + α·ln P_fwd(w_t | 3 previous) + β·ln P_bwd(w_t | 3 following)
 * over the slots' candidates by iterated conditional modes started from the Viterbi path:
 * each sweep re-chooses every slot given its current neighbours, scoring every n-gram term
 * the slot takes part in (4 forward, 4 backward, clause ends included). The forward and
 * backward 4-gram models are the committed mixture (src/lm), read through DecoderLM's
 * optional order-N members or, failing that, the committed model itself.
 */
import type { LanguageModel } from '../lm/index.js';
import type { Decision, Slot } from './decoder.js';
import type { DecoderLM } from './lm.js';

const LN10 = Math.log(10);
/** Nats charged for a token the LM does not know (mirrors the first pass's OOV penalty). */
const OOV_PENALTY = 4;
const MAX_SWEEPS = 3;
const MEMO_LIMIT = 2_000_000;

export interface RescoreOptions {
  channelWeight: number;
  /** Weights of the forward and backward log-probabilities. */
  forwardWeight: number;
  backwardWeight: number;
  alternatives: number;
}

/** Forward/backward order-N scoring in natural log; history oldest..newest, -1 = none. */
interface BothWaysLM {
  order: number;
  startId: number;
  endId: number;
  unkId: number;
  forward(hist: Int32Array, w: number): number;
  backward(hist: Int32Array, w: number): number;
}

/** The n-gram models behind a DecoderLM when it exposes them (committed model), else undefined. */
export function bothWaysModel(lm: DecoderLM): BothWaysLM | undefined {
  const model = (lm as DecoderLM & { model?: LanguageModel }).model;
  if (!model || !model.backward || model.order < 3) return viaDecoderMembers(lm);
  const bwd = model.backward;
  const memoF = new Map<number, number>();
  const memoB = new Map<number, number>();
  const span = model.vocabSize + 1;
  const key = (h: Int32Array, w: number): number => (((h[0] + 1) * span + (h[1] + 1)) * span + (h[2] + 1)) * span + w;
  const exactKeys = span ** 4 < Number.MAX_SAFE_INTEGER;
  const cached = (memo: Map<number, number>, m: LanguageModel, h: Int32Array, w: number): number => {
    if (!exactKeys) return m.logProb(h, w) * LN10;
    const k = key(h, w);
    let lp = memo.get(k);
    if (lp === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      lp = m.logProb(h, w) * LN10;
      memo.set(k, lp);
    }
    return lp;
  };
  return {
    order: Math.min(4, model.order),
    startId: model.bosId,
    endId: model.eosId,
    unkId: model.unkId,
    forward: (h, w) => cached(memoF, model, h, w),
    backward: (h, w) => cached(memoB, bwd, h, w),
  };
}

/** The same scoring through DecoderLM's optional order-N members, when an LM offers both directions. */
function viaDecoderMembers(lm: DecoderLM): BothWaysLM | undefined {
  const { logProbN, backwardLogProbN, order, endId, unkId } = lm;
  if (!logProbN || !backwardLogProbN || order === undefined || order < 3 || endId === undefined || unkId === undefined || unkId < 0) return undefined;
  return {
    order: Math.min(4, order), startId: lm.startId, endId, unkId,
    forward: (h, w) => logProbN.call(lm, h, 3, w),
    backward: (h, w) => backwardLogProbN.call(lm, h, 3, w),
  };
}

/**
 * Re-chooses the decisions' candidates with both-sides 4-gram context; returns new decisions
 * (confidence and alternatives from the final local scores). Slots and decisions as from decodeSlots.
 */
export function rescoreBothSides(model: BothWaysLM, slots: Slot[], decisions: Decision[], opts: RescoreOptions): Decision[] {
  const n = slots.length;
  const choice = decisions.map((d) => d.index);
  const ids = new Int32Array(n);
  const idOf = (t: number, c: number): number => {
    const id = slots[t].ids[c];
    return id < 0 ? model.unkId : id;
  };
  for (let t = 0; t < n; t++) ids[t] = idOf(t, choice[t]);
  // Clause bounds: clauseStart[t] = first slot of t's clause, clauseEnd[t] = last slot.
  const clauseStart = new Int32Array(n);
  const clauseEnd = new Int32Array(n);
  for (let t = 0; t < n; t++) clauseStart[t] = t === 0 || slots[t].sentenceStart ? t : clauseStart[t - 1];
  for (let t = n - 1; t >= 0; t--) clauseEnd[t] = t === n - 1 || slots[t + 1].sentenceStart ? t : clauseEnd[t + 1];
  const span = model.order - 1;
  const hist = new Int32Array(3);

  /** ln P_fwd(ids[k] | previous) with ids[k] = w; k may be clauseEnd+1 for </s>. */
  const forwardTerm = (k: number, lo: number, hi: number): number => {
    const w = k > hi ? model.endId : ids[k];
    for (let j = 0; j < 3; j++) {
      const p = k - 3 + j;
      hist[j] = j < 3 - span ? -1 : p < lo - 1 ? -1 : p === lo - 1 ? model.startId : ids[p];
    }
    return model.forward(hist, w);
  };
  /** ln P_bwd(ids[k] | following), nearest following last; k may be clauseStart−1 for the clause start. */
  const backwardTerm = (k: number, lo: number, hi: number): number => {
    const w = k < lo ? model.endId : ids[k];
    for (let j = 0; j < 3; j++) {
      const p = k + 3 - j;
      hist[j] = j < 3 - span ? -1 : p > hi + 1 ? -1 : p === hi + 1 ? model.startId : ids[p];
    }
    return model.backward(hist, w);
  };
  /** Every LM term in which slot t takes part. */
  const localLM = (t: number): number => {
    const lo = clauseStart[t];
    const hi = clauseEnd[t];
    let sum = 0;
    if (opts.forwardWeight) {
      let f = 0;
      for (let k = t; k <= Math.min(hi + 1, t + span); k++) f += forwardTerm(k, lo, hi);
      sum += opts.forwardWeight * f;
    }
    if (opts.backwardWeight) {
      let b = 0;
      for (let k = t; k >= Math.max(lo - 1, t - span); k--) b += backwardTerm(k, lo, hi);
      sum += opts.backwardWeight * b;
    }
    return sum;
  };
  const local = (t: number, c: number): number => {
    const slot = slots[t];
    ids[t] = idOf(t, c);
    const oov = slot.ids[c] < 0 ? OOV_PENALTY * (opts.forwardWeight + opts.backwardWeight) : 0;
    return -opts.channelWeight * slot.candidates[c].cost - oov + localLM(t);
  };

  let scores = new Float64Array(32);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let changed = 0;
    for (let t = 0; t < n; t++) {
      const k = slots[t].candidates.length;
      if (k < 2) continue;
      let best = choice[t];
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = local(t, c);
        if (s > max) { max = s; best = c; }
      }
      ids[t] = idOf(t, best);
      if (best !== choice[t]) { choice[t] = best; changed++; }
    }
    if (changed === 0) break;
  }

  const out: Decision[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const k = slots[t].candidates.length;
    if (k < 2 && opts.alternatives === 0) { out[t] = { index: choice[t], confidence: 1, alternatives: [] }; continue; }
    if (scores.length < k) scores = new Float64Array(k * 2);
    let max = -Infinity;
    for (let c = 0; c < k; c++) { scores[c] = local(t, c); if (scores[c] > max) max = scores[c]; }
    ids[t] = idOf(t, choice[t]);
    let total = 0;
    for (let c = 0; c < k; c++) total += Math.exp(scores[c] - max);
    const best = choice[t];
    let alternatives: Decision['alternatives'] = [];
    if (opts.alternatives > 0) {
      const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
      alternatives = order.filter((i) => i !== best).slice(0, opts.alternatives)
        .map((i) => ({ word: slots[t].candidates[i].word, score: Math.exp(scores[i] - max) / total }));
    }
    out[t] = { index: best, confidence: Math.exp(scores[best] - max) / total, alternatives };
  }
  return out;
}
