/**
 * The decoder's lattice storage (decoder.ts): typed arrays grown on demand and reused by
 * every call, one segment of layers at a time — per layer the surviving states (u, v) with
 * back pointers and candidate indices, the expansion buffers of the layer being built, and
 * every LM score the Viterbi computed, which the both-sides pass reads back.
 */
import { growInt32 } from '../lm/memo.js';

/**
 * Most LM scores the lattice keeps for the both-sides pass (8 bytes each); a longer
 * clause without a segment boundary keeps no more and the pass asks the LM for the rest.
 */
export const STORED_SCORES_LIMIT = 1 << 21;

/** Lattice buffers, grown on demand and reused by every call (decoding is synchronous). */
export class Lattice {
  /** Per segment layer × beam: back pointer into the previous layer, candidate index, state (u, v). */
  back = new Int32Array(1 << 12);
  cand = new Int32Array(1 << 12);
  stateU = new Int32Array(1 << 12);
  stateV = new Int32Array(1 << 12);
  /** Per segment layer: states kept, states expanded into it (the previous layer's), offset of its LM scores (-1: not kept). */
  kept = new Int32Array(1 << 10);
  expanded = new Int32Array(1 << 10);
  scoreAt = new Int32Array(1 << 10);
  /** LM score of expanding state h of the previous layer with candidate c: scores[scoreAt + h·k + c]; NaN = not scored. */
  scores = new Float64Array(1 << 14);
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

  ensure(beam: number, expansions: number, k: number): void {
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

  /** Room for segment layer `layer` (0-based) at this beam; contents kept. */
  ensureLayer(layer: number, beam: number): void {
    if (this.kept.length <= layer) {
      const size = (layer + 1) * 2;
      this.kept = growInt32(this.kept, size); this.expanded = growInt32(this.expanded, size); this.scoreAt = growInt32(this.scoreAt, size);
    }
    const cells = (layer + 1) * beam;
    if (this.back.length < cells) {
      const size = cells * 2;
      this.back = growInt32(this.back, size); this.cand = growInt32(this.cand, size);
      this.stateU = growInt32(this.stateU, size); this.stateV = growInt32(this.stateV, size);
    }
  }

  ensureScores(size: number): void {
    if (this.scores.length < size) {
      const next = new Float64Array(Math.max(size, this.scores.length * 2));
      next.set(this.scores);
      this.scores = next;
    }
  }

  /** Index of the state (u, v) among segment layer `layer`'s states, or -1. */
  stateIndex(layer: number, u: number, v: number, beam: number): number {
    const { stateU, stateV } = this;
    const row = layer * beam;
    const m = this.kept[layer];
    for (let i = 0; i < m; i++) if (stateU[row + i] === u && stateV[row + i] === v) return i;
    return -1;
  }

  /** choice[segStart + j] for segment layers j = last … 0, from state `state` of layer `last`. */
  backtrack(choice: Int32Array, segStart: number, last: number, state: number, beam: number): void {
    const { back, cand } = this;
    for (let j = last; j >= 0; j--) {
      choice[segStart + j] = cand[j * beam + state];
      state = back[j * beam + state];
    }
  }
}

/** The one lattice: decoding is synchronous, so every call reuses it. */
export const lattice = new Lattice();
