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
import { NgramMemo } from '../lm/memo.js';
import type { Decision, Slot } from './decoder.js';
import type { DecoderLM } from './decoder-lm.js';

const LN10 = Math.log(10);
/** Nats charged for a token the LM does not know (mirrors the first pass's OOV penalty). */
const OOV_PENALTY = 4;
const MAX_SWEEPS = 3;
/** log2 of each memo's capacity (32 bytes a slot: 2^17 = 4 MB per direction): larger memos hit more often but miss the CPU cache. */
const MEMO_BITS = 17;

export interface RescoreOptions {
  channelWeight: number;
  /** Weights of the forward and backward log-probabilities. */
  forwardWeight: number;
  backwardWeight: number;
  alternatives: number;
  /**
   * Slots to re-rank (1) — the rest keep their first-pass decision and serve as fixed context.
   * Absent: every slot. The default mode passes the first pass's low-confidence slots only.
   */
  only?: Uint8Array;
}

/** Forward/backward order-N scoring in natural log; history oldest..newest, -1 = none. */
export interface BothWaysLM {
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
  if (!model || !model.backward || model.order < 3 || model.vocabSize >= 0xffff) return viaDecoderMembers(lm);
  const bwd = model.backward;
  const order = Math.min(4, model.order);
  // The model reads the last order−1 ids of the history it is given.
  const scratch = new Int32Array(3);
  const history = scratch.subarray(3 - (order - 1));
  // Allocation-free memo: the whole 4-gram (16 bits per id, +1 so that −1 = none is 0) is the key.
  const cached = (memo: NgramMemo, m: LanguageModel, h: Int32Array, w: number): number => {
    const hi = (((h[0] + 1) << 16) | (h[1] + 1)) >>> 0;
    const lo = (((h[2] + 1) << 16) | w) >>> 0;
    let lp = memo.get(hi, lo);
    if (lp !== lp) {
      scratch[0] = h[0]; scratch[1] = h[1]; scratch[2] = h[2];
      lp = m.logProb(history, w) * LN10;
      memo.set(hi, lo, lp);
    }
    return lp;
  };
  const memoF = new NgramMemo(MEMO_BITS);
  const memoB = new NgramMemo(MEMO_BITS);
  return {
    order,
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

/** Scratch arrays reused across calls (grown on demand): no per-token allocation. */
let scratchSize = 0;
let choiceBuf = new Int32Array(0);
let idsBuf = new Int32Array(0);
let dirtyBuf = new Uint8Array(0);
let listBuf = new Int32Array(0);
let loBuf = new Int32Array(0);
let hiBuf = new Int32Array(0);
let confBuf = new Float64Array(0);
let scoresBuf = new Float64Array(64);
function ensureScratch(n: number): void {
  if (n <= scratchSize) return;
  scratchSize = Math.max(n, scratchSize * 2, 1024);
  choiceBuf = new Int32Array(scratchSize);
  idsBuf = new Int32Array(scratchSize);
  dirtyBuf = new Uint8Array(scratchSize);
  listBuf = new Int32Array(scratchSize);
  loBuf = new Int32Array(scratchSize);
  hiBuf = new Int32Array(scratchSize);
  confBuf = new Float64Array(scratchSize);
}

/**
 * Re-chooses the decisions' candidates with both-sides 4-gram context; returns new decisions
 * (confidence and alternatives from the final local scores). Slots and decisions as from
 * decodeSlots. With `opts.only`, just those slots are re-ranked (the others are context);
 * the cost is proportional to the re-ranked slots, not to the text: a slot is re-evaluated
 * in a later sweep only when a neighbour within the n-gram span changed.
 */
export function rescoreBothSides(model: BothWaysLM, slots: Slot[], decisions: Decision[], opts: RescoreOptions): Decision[] {
  const n = slots.length;
  const only = opts.only;
  ensureScratch(n);
  const choice = choiceBuf;
  const ids = idsBuf;
  const dirty = dirtyBuf;
  const list = listBuf;
  const clauseLo = loBuf;
  const clauseHi = hiBuf;
  const conf = confBuf;
  const span = model.order - 1;
  const unk = model.unkId;
  for (let t = 0; t < n; t++) {
    const c = decisions[t].index;
    choice[t] = c;
    const id = slots[t].ids[c];
    ids[t] = id < 0 ? unk : id;
    dirty[t] = 0;
  }
  // The slots to re-rank, with their clause bounds as far as the n-gram span reaches
  // (a bound further than span + 1 away never enters a term: span + 1 stands for it).
  let m = 0;
  for (let t = 0; t < n; t++) {
    if (slots[t].candidates.length < 2 || (only && only[t] === 0)) continue;
    let lo = t;
    while (lo > 0 && lo > t - span - 1 && !slots[lo].sentenceStart) lo--;
    let hi = t;
    while (hi < n - 1 && hi < t + span + 1 && !slots[hi + 1].sentenceStart) hi++;
    list[m] = t;
    clauseLo[m] = lo;
    clauseHi[m] = hi;
    dirty[t] = 1;
    m++;
  }
  if (m === 0) return decisions;
  const hist = new Int32Array(3);
  const fw = opts.forwardWeight;
  const bw = opts.backwardWeight;

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
  /** Channel + every LM term in which slot t takes part, with candidate c in it. */
  const local = (t: number, c: number, lo: number, hi: number): number => {
    const slot = slots[t];
    const id = slot.ids[c];
    ids[t] = id < 0 ? unk : id;
    let sum = -opts.channelWeight * slot.candidates[c].cost - (id < 0 ? OOV_PENALTY * (fw + bw) : 0);
    if (fw) {
      let f = 0;
      const last = Math.min(hi + 1, t + span);
      for (let k = t; k <= last; k++) f += forwardTerm(k, lo, hi);
      sum += fw * f;
    }
    if (bw) {
      let b = 0;
      const first = Math.max(lo - 1, t - span);
      for (let k = t; k >= first; k--) b += backwardTerm(k, lo, hi);
      sum += bw * b;
    }
    return sum;
  };
  /** Scores every candidate of list entry i into scoresBuf; returns the best (first of ties). */
  const evaluate = (i: number): number => {
    const t = list[i];
    const k = slots[t].candidates.length;
    if (scoresBuf.length < k) scoresBuf = new Float64Array(k * 2);
    const scores = scoresBuf;
    let best = choice[t];
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const sc = local(t, c, clauseLo[i], clauseHi[i]);
      scores[c] = sc;
      if (sc > max) { max = sc; best = c; }
    }
    let total = 0;
    for (let c = 0; c < k; c++) total += Math.exp(scores[c] - max);
    conf[t] = 1 / total;
    return best;
  };

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let changed = 0;
    for (let i = 0; i < m; i++) {
      const t = list[i];
      if (!dirty[t]) continue;
      dirty[t] = 0;
      const best = evaluate(i);
      const id = slots[t].ids[best];
      ids[t] = id < 0 ? unk : id;
      if (best !== choice[t]) {
        choice[t] = best;
        changed++;
        // Neighbours whose n-gram terms include t must be looked at again.
        for (let p = Math.max(0, t - span); p <= Math.min(n - 1, t + span); p++) if (p !== t) dirty[p] = 1;
      }
    }
    if (changed === 0) break;
  }

  const out = decisions.slice();
  for (let i = 0; i < m; i++) {
    const t = list[i];
    const slot = slots[t];
    let confidence = conf[t];
    if (dirty[t] || opts.alternatives > 0) {
      // A neighbour changed after t's last evaluation (sweep limit), or alternatives are wanted: score again, keep the choice.
      evaluate(i);
      const scores = scoresBuf;
      const k = slot.candidates.length;
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (scores[c] > max) max = scores[c];
      let total = 0;
      for (let c = 0; c < k; c++) total += Math.exp(scores[c] - max);
      confidence = Math.exp(scores[choice[t]] - max) / total;
      const id = slot.ids[choice[t]];
      ids[t] = id < 0 ? unk : id;
      dirty[t] = 0;
      if (opts.alternatives > 0) {
        const best = choice[t];
        const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => scores[b] - scores[a]);
        const alternatives = order.filter((c) => c !== best).slice(0, opts.alternatives)
          .map((c) => ({ word: slot.candidates[c].word, score: Math.exp(scores[c] - max) / total }));
        out[t] = { index: best, confidence, alternatives };
        continue;
      }
    }
    out[t] = { index: choice[t], confidence, alternatives: [] };
  }
  return out;
}
