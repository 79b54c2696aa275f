/**
 * Noisy-channel decoding: beam Viterbi over a trigram LM (state = last two syllables), then
 * one both-sides pass that re-scores each position with its chosen neighbours on the left
 * AND the right (two following trigrams), which fixes words whose deciding context lies to
 * the right ("hồ sơ TTHC"). The same pass yields per-token confidence and alternatives.
 *
 * Speed: the lattice lives in typed arrays reused across calls (no per-hypothesis objects),
 * states recombine through a small (candidate × context-group) table instead of a Map, and
 * the beam is a partial selection rather than a sort. The lattice keeps every LM score the
 * Viterbi computed; the both-sides pass reads its trigrams from there whenever the Viterbi
 * scored the same context (most of them), instead of asking the LM again. Decoding runs
 * clause by clause (see viterbi), so those scores are still in cache when the pass reads them.
 * Scores the lattice lacks come from score rows (src/lm/row-cache.ts: one probe per state
 * and candidate list, not per candidate) kept across calls, and only then from the LM —
 * which is why DecoderLM.logProb must be a pure function of its arguments.
 */
import type { Candidate } from './channel.js';
import { ScoreRows } from '../lm/row-cache.js';
import { lattice, STORED_SCORES_LIMIT } from './decoder-lattice.js';
import type { DecoderLM } from './decoder-lm.js';

export interface Slot {
  /** Candidates (lowercase outputs); a fixed slot has exactly one. */
  candidates: Candidate[];
  /** LM ids parallel to candidates (-1 unknown). */
  ids: number[];
  /** LM context restarts before this slot. */
  sentenceStart: boolean;
}

export interface Decision { index: number; confidence: number; alternatives: { word: string; score: number }[] }

export interface DecodeOptions { beam: number; channelWeight: number; bothSides: boolean; alternatives: number }

export function decodeSlots(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): Decision[] {
  const n = slots.length;
  if (n === 0) return [];
  const decisions: Decision[] = new Array(n);
  viterbi(lm, slots, opts, decisions);
  return decisions;
}

/** Shared by every decision without alternatives (one allocation less per token); frozen, so a write throws. */
const NO_ALTERNATIVES = Object.freeze([]) as unknown as Decision['alternatives'];

/** LM scores per (candidate list, context), across calls; cleared when another LM instance decodes. */
const rows = new ScoreRows();
let rowsLM: DecoderLM | undefined;
/** Row kinds: P(w_i | u v) — the Viterbi's; P(x | v w_i); P(y | w_i x) — the both-sides pass's right trigrams. */
const LEFT = 0;
const RIGHT = 1;
const FAR = 2;

/**
 * Upper bound of any LM log-probability (nats) assumed by the beam's skip test. A normalised
 * model gives ≤ 0; the margin covers quantised backoff models that overshoot 1 slightly.
 */
const LOGPROB_BOUND = 0.5;

/**
 * The k-th largest of values[0..m) (k ≤ m); top[0..k) gets the indices of the k largest,
 * best first (ties keep index order), by insertion into a small sorted list — a full sort
 * is wasted on 4–32 survivors.
 */
function kthBest(values: Float64Array, m: number, k: number, top: Int32Array): number {
  let n = 0;
  for (let e = 0; e < m; e++) {
    const s = values[e];
    if (n === k && s <= values[top[n - 1]]) continue;
    let i = n < k ? n++ : n - 1;
    while (i > 0 && values[top[i - 1]] < s) { top[i] = top[i - 1]; i--; }
    top[i] = e;
  }
  return values[top[k - 1]];
}

let choiceBuf = new Int32Array(1024);
/** Per slot: the row cache's list id found by the Viterbi, reused by the both-sides pass while the lists' generation holds. */
let listBuf = new Int32Array(1024);
let listGeneration = -1;
/** Per candidate of the slot being expanded: channel weight × channel cost, read once per state. */
let channelBuf = new Float64Array(64);

/**
 * Beam Viterbi, then the both-sides pass, segment by segment. A segment ends before a
 * clause start (sentenceStart) at which every surviving state descends from the same
 * previous state — always so unless rounding ties split them: the path up to there is then
 * final whatever follows, and no LM context crosses a clause start, so decoding the segment
 * on its own decides exactly what one pass over the whole text decides. Scores keep
 * accumulating across segments (the same floating-point sums as one pass).
 */
function viterbi(lm: DecoderLM, slots: Slot[], opts: DecodeOptions, decisions: Decision[]): void {
  const n = slots.length;
  const beam = Math.max(1, opts.beam);
  const cw = opts.channelWeight;
  const start = lm.startId;
  let maxK = 1;
  for (let t = 0; t < n; t++) if (slots[t].candidates.length > maxK) maxK = slots[t].candidates.length;
  const L = lattice;
  L.ensure(beam, beam * maxK, maxK);
  if (choiceBuf.length < n) { choiceBuf = new Int32Array(n * 2); listBuf = new Int32Array(n * 2); }
  if (channelBuf.length < maxK) channelBuf = new Float64Array(maxK * 2);
  const choice = choiceBuf;
  const lists = listBuf;
  const channels = channelBuf;
  const { curU, curV, curScore, group, groupV, order, rep } = L;
  if (rowsLM !== lm) { rows.clear(); rowsLM = lm; }
  let count = 1;
  curU[0] = start;
  curV[0] = start;
  curScore[0] = 0;
  let segStart = 0;
  let stored = 0;
  for (let t = 0; t < n; t++) {
    const layer = t - segStart;
    L.ensureLayer(layer, beam);
    const slot = slots[t];
    const ids = slot.ids;
    const cands = slot.candidates;
    const k = cands.length;
    const restart = slot.sentenceStart;
    // Where this layer's LM scores go (none past the limit).
    const need = count * k;
    let at = -1;
    if (stored + need <= STORED_SCORES_LIMIT) {
      L.ensureScores(stored + need);
      at = stored;
      stored += need;
    }
    const lmScores = L.scores;
    L.scoreAt[layer] = at;
    L.expanded[layer] = count;
    // Group current states by context word v (after a restart every state has v = <s>).
    let groups = 0;
    for (let h = 0; h < count; h++) {
      const v = restart ? start : curV[h];
      let g = 0;
      while (g < groups && groupV[g] !== v) g++;
      if (g === groups) groupV[groups++] = v;
      group[h] = g;
    }
    // Candidates sharing an id share a state (v, w): each maps to the first of them, which
    // makes (representative candidate, group) ≡ (v, w), the state key.
    for (let c = 0; c < k; c++) {
      rep[c] = c;
      const w = ids[c];
      if (w < 0) continue;
      for (let d = 0; d < c; d++) if (ids[d] === w) { rep[c] = d; break; }
    }
    const { expU, expV, expScore, expBack, expCand, table } = L;
    table.fill(-1, 0, k * groups);
    // One state and one candidate (a run of fixed syllables): the LM term would add the same
    // amount to every path (decisions unchanged up to rounding), so it is not asked here (the
    // both-sides pass asks it if a neighbour needs it), and the slot needs no score row.
    const constant = count === 1 && k === 1;
    const list = constant ? -2 : rows.listOf(ids, k);
    lists[t] = list;
    // A list id from before a clear (listOf may clear) must not reach the pass: it may name another list now.
    if (rows.generation !== listGeneration) { listGeneration = rows.generation; if (t > segStart) lists.fill(-2, segStart, t); }
    for (let c = 0; c < k; c++) channels[c] = cw * cands[c].cost;
    if (!constant) rows.reserve(count, k);
    let m = 0;
    // Once expansions fill the beam, the beam's last score can only rise:
    // an expansion whose score cannot reach it (LM term at most LOGPROB_BOUND) is skipped
    // without an LM call — it could neither enter the beam nor raise a state that does.
    let floor = -Infinity;
    for (let h = 0; h < count; h++) {
      const u = restart ? start : curU[h];
      const v = restart ? start : curV[h];
      const base = curScore[h];
      const reach = base + LOGPROB_BOUND;
      const g = group[h];
      const row = at + h * k;
      // This context's scores of this candidate list, when they can be cached (-1: ask the LM).
      const cached = constant ? -1 : rows.row(list, LEFT, u, v, k);
      const rowValues = rows.values;
      for (let c = 0; c < k; c++) {
        const channel = channels[c];
        if (reach - channel < floor) {
          if (at >= 0) lmScores[row + c] = NaN;
          continue;
        }
        const w = ids[c];
        // A constant layer's LM term is not asked (see `constant`); NaN tells the pass it was not scored.
        const lp = constant ? 0 : rowScore(lm, rowValues, cached, c, u, v, w);
        if (at >= 0) lmScores[row + c] = constant ? NaN : lp;
        const score = base - channel + lp;
        const cell = rep[c] * groups + g;
        const e = table[cell];
        if (e < 0) {
          table[cell] = m;
          expU[m] = v; expV[m] = w; expScore[m] = score; expBack[m] = h; expCand[m] = c;
          m++;
        } else if (score > expScore[e]) {
          expScore[e] = score; expBack[e] = h; expCand[e] = c;
        }
      }
      if (m >= beam && h + 1 < count) floor = kthBest(expScore, m, beam, L.order);
    }
    // Beam: every expansion when they fit, else the best `beam`, best first.
    let kept = m;
    if (m <= beam) for (let e = 0; e < m; e++) order[e] = e;
    else { kthBest(expScore, m, beam, order); kept = beam; }
    const { back, cand, stateU, stateV } = L;
    const row = layer * beam;
    for (let i = 0; i < kept; i++) {
      const e = order[i];
      curU[i] = expU[e]; curV[i] = expV[e]; curScore[i] = expScore[e];
      back[row + i] = expBack[e];
      cand[row + i] = expCand[e];
      stateU[row + i] = expU[e];
      stateV[row + i] = expV[e];
    }
    L.kept[layer] = kept;
    count = kept;
    if (restart && layer > 0) {
      const from = back[row];
      let shared = true;
      for (let i = 1; i < kept && shared; i++) shared = back[row + i] === from;
      if (shared) {
        lattice.backtrack(choice, segStart, layer - 1, from, beam);
        bothSidesPass(lm, slots, opts, choice, decisions, segStart, t, beam);
        // This layer becomes the first of the next segment.
        for (let i = 0; i < kept; i++) { cand[i] = cand[row + i]; stateU[i] = stateU[row + i]; stateV[i] = stateV[row + i]; }
        L.kept[0] = kept;
        L.expanded[0] = L.expanded[layer];
        if (at >= 0) { L.scores.copyWithin(0, at, at + need); L.scoreAt[0] = 0; stored = need; } else { L.scoreAt[0] = -1; stored = 0; }
        segStart = t;
      }
    }
  }
  // From i = 0, so the loop body runs on every call: in stripped text one state is usually left
  // at the end, and a body that never ran leaves V8 no type feedback — the optimised Viterbi was
  // thrown away and recompiled (~50 ms of compiler time) each time a text ended in two states.
  let best = 0;
  for (let i = 0; i < count; i++) if (curScore[i] > curScore[best]) best = i;
  lattice.backtrack(choice, segStart, n - 1 - segStart, best, beam);
  bothSidesPass(lm, slots, opts, choice, decisions, segStart, n, beam);
}

/** Score c of the row at `row` (-1: none) when computed, else the LM's, kept in the row. */
function rowScore(lm: DecoderLM, values: Float64Array, row: number, c: number, u: number, v: number, w: number): number {
  let lp = row >= 0 ? values[row + c] : NaN;
  if (lp !== lp) {
    lp = lm.logProb(u, v, w);
    if (row >= 0) values[row + c] = lp;
  }
  return lp;
}

let scratchScores = new Float64Array(64);
let scratchTaken = new Uint8Array(64);

/**
 * Both-sides pass over slots [a, b) of the current segment (a starts a clause or the text;
 * b is the text's end or a clause start): per candidate, the left trigram plus the two right
 * trigrams through the path's next two words; left context from the choices made so far
 * (the pass updates them as it goes). Every score the Viterbi already computed is read from
 * the lattice: the left trigram from the state (u, v) of the previous layer, the right ones
 * from the states (v, w) and (w, x) when they survived the beam — the same values the LM returns.
 */
function bothSidesPass(lm: DecoderLM, slots: Slot[], opts: DecodeOptions, choice: Int32Array, decisions: Decision[], a: number, b: number, beam: number): void {
  const n = slots.length;
  const start = lm.startId;
  const cw = opts.channelWeight;
  const bothSides = opts.bothSides;
  // The lattice's arrays in locals: the loop calls the LM, after which field loads would be redone.
  // The pass never grows them (only the Viterbi does).
  const { scores: stored, scoreAt, expanded } = lattice;
  let scores = scratchScores;
  for (let t = a; t < b; t++) {
    const slot = slots[t];
    const k = slot.candidates.length;
    // One candidate: nothing to choose, and no alternatives to offer.
    if (k === 1) { decisions[t] = { index: 0, confidence: 1, alternatives: NO_ALTERNATIVES }; continue; }
    let u = start;
    let v = start;
    const opensClause = slot.sentenceStart || t === 0;
    if (!opensClause) {
      v = slots[t - 1].ids[choice[t - 1]];
      if (!slots[t - 1].sentenceStart && t > 1) u = slots[t - 2].ids[choice[t - 2]];
    }
    const hasX = t + 1 < n && !slots[t + 1].sentenceStart;
    const x = hasX ? slots[t + 1].ids[choice[t + 1]] : 0;
    const hasY = hasX && t + 2 < n && !slots[t + 2].sentenceStart;
    const y = hasY ? slots[t + 2].ids[choice[t + 2]] : 0;
    if (scores.length < k) scores = scratchScores = new Float64Array(k * 2);
    const layer = t - a;
    // Where the lattice keeps this slot's left scores (-1: not kept). At a clause start every
    // state was expanded in the same context (<s>, <s>): the first that scored a candidate will do.
    const leftAt = scoreAt[layer];
    const leftState = opensClause ? -1 : lattice.stateIndex(layer - 1, u, v, beam);
    const leftRowAt = leftAt < 0 || leftState < 0 ? -1 : leftAt + leftState * k;
    const leftExpanded = opensClause && leftAt >= 0 ? expanded[layer] : 0;
    // Right trigrams: the next layer's scores from state (v, w) of this layer; far ones: the layer after, from state (w, x).
    const kx = hasX ? slots[t + 1].candidates.length : 0;
    const cx = hasX ? choice[t + 1] : 0;
    const rightAt = hasX ? scoreAt[layer + 1] : -1;
    const ky = hasY ? slots[t + 2].candidates.length : 0;
    const cy = hasY ? choice[t + 2] : 0;
    const farAt = hasY ? scoreAt[layer + 2] : -1;
    const ids = slot.ids;
    const cands = slot.candidates;
    let best = choice[t];
    let max = -Infinity;
    // Scores the lattice lacks come from score rows (fetched when first needed), else the LM.
    // The Viterbi's list id unless lists were cleared since (then -2, or a new generation during this pass).
    const list = listBuf[t] !== -2 && rows.generation === listGeneration ? listBuf[t] : rows.listOf(ids, k);
    rows.reserve(3, k);
    const values = rows.values;
    let leftRow = -2;
    let rightRow = -2;
    let farRow = -2;
    for (let i = 0; i < k; i++) {
      const w = ids[i];
      let left = NaN;
      if (leftRowAt >= 0) left = stored[leftRowAt + i];
      else for (let h = 0; h < leftExpanded && left !== left; h++) left = stored[leftAt + h * k + i];
      if (left !== left) {
        if (leftRow === -2) leftRow = rows.row(list, LEFT, u, v, k);
        left = rowScore(lm, values, leftRow, i, u, v, w);
      }
      let sc = -cw * cands[i].cost + left;
      if (bothSides) {
        if (hasX) {
          const rightState = rightAt >= 0 ? lattice.stateIndex(layer, v, w, beam) : -1;
          let right = rightState >= 0 ? stored[rightAt + rightState * kx + cx] : NaN;
          if (right !== right) {
            if (rightRow === -2) rightRow = rows.row(list, RIGHT, v, x, k);
            right = rowScore(lm, values, rightRow, i, v, w, x);
          }
          sc += right;
          if (hasY) {
            const farState = farAt >= 0 ? lattice.stateIndex(layer + 1, w, x, beam) : -1;
            let far = farState >= 0 ? stored[farAt + farState * ky + cy] : NaN;
            if (far !== far) {
              if (farRow === -2) farRow = rows.row(list, FAR, x, y, k);
              far = rowScore(lm, values, farRow, i, w, x, y);
            }
            sc += far;
          }
        }
      }
      scores[i] = sc;
      if (sc > max) { max = sc; if (bothSides) best = i; }
    }
    let total = 0;
    for (let i = 0; i < k; i++) total += Math.exp(scores[i] - max);
    decisions[t] = {
      index: best,
      confidence: Math.exp(scores[best] - max) / total,
      alternatives: opts.alternatives > 0 ? topAlternatives(cands, scores, k, best, opts.alternatives, max, total) : NO_ALTERNATIVES,
    };
    choice[t] = best;
  }
}

/** The `count` best candidates other than `best`, by score (ties: lower index first), as probabilities. */
function topAlternatives(cands: Candidate[], scores: Float64Array, k: number, best: number, count: number, max: number, total: number): Decision['alternatives'] {
  if (scratchTaken.length < k) scratchTaken = new Uint8Array(k * 2);
  const taken = scratchTaken;
  taken.fill(0, 0, k);
  taken[best] = 1;
  const out: Decision['alternatives'] = [];
  for (let a = 0; a < count && a < k - 1; a++) {
    let top = -1;
    for (let i = 0; i < k; i++) if (!taken[i] && (top < 0 || scores[i] > scores[top])) top = i;
    taken[top] = 1;
    out.push({ word: cands[top].word, score: Math.exp(scores[top] - max) / total });
  }
  return out;
}
