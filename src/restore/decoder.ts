/**
 * Noisy-channel decoding: beam Viterbi over a trigram LM (state = last two syllables), then
 * one both-sides pass that re-scores each position with its chosen neighbours on the left
 * AND the right (two following trigrams), which fixes words whose deciding context lies to
 * the right ("hồ sơ TTHC"). The same pass yields per-token confidence and alternatives.
 *
 * Speed: the lattice lives in typed arrays reused across calls (no per-hypothesis objects),
 * states recombine through a small (candidate × context-group) table instead of a Map, and
 * the beam is a partial selection rather than a sort.
 */
import type { Candidate } from './channel.js';
import type { DecoderLM } from './lm.js';

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
  const choice = viterbi(lm, slots, opts);
  const decisions: Decision[] = new Array(n);
  const start = lm.startId;
  const cw = opts.channelWeight;
  const bothSides = opts.bothSides;
  let scores = scratchScores;
  for (let t = 0; t < n; t++) {
    const slot = slots[t];
    const k = slot.candidates.length;
    if (k === 1 && opts.alternatives === 0) { decisions[t] = { index: 0, confidence: 1, alternatives: NO_ALTERNATIVES }; continue; }
    // Left context from the choices made so far (this pass updates them as it goes).
    let u = start;
    let v = start;
    if (!slot.sentenceStart && t > 0) {
      v = slots[t - 1].ids[choice[t - 1]];
      if (!slots[t - 1].sentenceStart && t > 1) u = slots[t - 2].ids[choice[t - 2]];
    }
    const hasX = t + 1 < n && !slots[t + 1].sentenceStart;
    const x = hasX ? slots[t + 1].ids[choice[t + 1]] : 0;
    const hasY = hasX && t + 2 < n && !slots[t + 2].sentenceStart;
    const y = hasY ? slots[t + 2].ids[choice[t + 2]] : 0;
    if (scores.length < k) scores = scratchScores = new Float64Array(k * 2);
    const ids = slot.ids;
    const cands = slot.candidates;
    let best = choice[t];
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      const w = ids[i];
      let sc = -cw * cands[i].cost + lm.logProb(u, v, w);
      if (bothSides) {
        if (hasX) {
          sc += lm.logProb(v, w, x);
          if (hasY) sc += lm.logProb(w, x, y);
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
  return decisions;
}

/** Shared by every decision without alternatives (one allocation less per token); frozen, so a write throws. */
const NO_ALTERNATIVES = Object.freeze([]) as unknown as Decision['alternatives'];

let scratchScores = new Float64Array(64);
let scratchTaken = new Uint8Array(64);

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

/** Lattice buffers, grown on demand and reused by every call (decoding is synchronous). */
class Lattice {
  /** Per layer × beam: back pointer into the previous layer and the candidate index. */
  back = new Int32Array(1 << 16);
  cand = new Int32Array(1 << 16);
  /** Current layer states: context (u, v), score. */
  curU = new Int32Array(64);
  curV = new Int32Array(64);
  curScore = new Float64Array(64);
  /** Expansions of one layer before the beam cut. */
  expU = new Int32Array(256);
  expV = new Int32Array(256);
  expScore = new Float64Array(256);
  expBack = new Int32Array(256);
  expCand = new Int32Array(256);
  /** (candidate × context group) → expansion index, -1 when none yet. */
  table = new Int32Array(256);
  /** Context group of each current state (states sharing v recombine). */
  group = new Int32Array(64);
  groupV = new Int32Array(64);
  /** Beam order of expansions. */
  order = new Int32Array(64);
  /** Per candidate: the first candidate with the same LM id (itself when unique or unknown). */
  rep = new Int32Array(64);

  ensure(cells: number, beam: number, expansions: number, k: number): void {
    if (this.back.length < cells) { this.back = new Int32Array(cells * 2); this.cand = new Int32Array(cells * 2); }
    if (this.curU.length < beam) {
      this.curU = new Int32Array(beam); this.curV = new Int32Array(beam); this.curScore = new Float64Array(beam);
      this.group = new Int32Array(beam); this.groupV = new Int32Array(beam); this.order = new Int32Array(beam);
    }
    if (this.expU.length < expansions) {
      this.expU = new Int32Array(expansions); this.expV = new Int32Array(expansions); this.expScore = new Float64Array(expansions);
      this.expBack = new Int32Array(expansions); this.expCand = new Int32Array(expansions); this.table = new Int32Array(expansions);
    }
    if (this.rep.length < k) this.rep = new Int32Array(k * 2);
  }
}

const lattice = new Lattice();

/**
 * Upper bound of any LM log-probability (nats) assumed by the beam's skip test. A normalised
 * model gives ≤ 0; the margin covers quantised backoff models that overshoot 1 slightly.
 */
const LOGPROB_BOUND = 0.5;

/** The k-th largest of values[0..m) (k ≤ m), using `top` (length ≥ k) as scratch. */
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

/** Beam Viterbi; returns the chosen candidate index per slot. */
function viterbi(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): number[] {
  const n = slots.length;
  const beam = Math.max(1, opts.beam);
  const cw = opts.channelWeight;
  const start = lm.startId;
  let maxK = 1;
  for (let t = 0; t < n; t++) if (slots[t].candidates.length > maxK) maxK = slots[t].candidates.length;
  const L = lattice;
  L.ensure(n * beam, beam, beam * maxK, maxK);
  const { back, cand, curU, curV, curScore, group, groupV, order, rep } = L;
  let count = 1;
  curU[0] = start;
  curV[0] = start;
  curScore[0] = 0;
  for (let t = 0; t < n; t++) {
    const slot = slots[t];
    const ids = slot.ids;
    const cands = slot.candidates;
    const k = cands.length;
    const restart = slot.sentenceStart;
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
      for (let c = 0; c < k; c++) {
        const channel = cw * cands[c].cost;
        if (reach - channel < floor) continue;
        const w = ids[c];
        const score = base - channel + lm.logProb(u, v, w);
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
    // Beam: the best `beam` expansions, best first (ties keep insertion order), by insertion
    // into a small sorted list — a full sort is wasted on 4–32 survivors.
    let kept = 0;
    if (m <= beam) {
      for (let e = 0; e < m; e++) order[e] = e;
      kept = m;
    } else {
      for (let e = 0; e < m; e++) {
        const s = expScore[e];
        if (kept === beam && s <= expScore[order[kept - 1]]) continue;
        let i = kept < beam ? kept++ : kept - 1;
        while (i > 0 && expScore[order[i - 1]] < s) { order[i] = order[i - 1]; i--; }
        order[i] = e;
      }
    }
    const row = t * beam;
    for (let i = 0; i < kept; i++) {
      const e = order[i];
      curU[i] = expU[e]; curV[i] = expV[e]; curScore[i] = expScore[e];
      back[row + i] = expBack[e];
      cand[row + i] = expCand[e];
    }
    count = kept;
  }
  const choice = new Array<number>(n);
  let best = 0;
  for (let i = 1; i < count; i++) if (curScore[i] > curScore[best]) best = i;
  for (let t = n - 1; t >= 0; t--) {
    choice[t] = cand[t * beam + best];
    best = back[t * beam + best];
  }
  return choice;
}
