/**
 * Noisy-channel decoding: beam Viterbi over a trigram LM (state = last two syllables), then
 * one both-sides pass that re-scores each position with its chosen neighbours on the left
 * AND the right (two following trigrams), which fixes words whose deciding context lies to
 * the right ("hồ sơ TTHC"). The same pass yields per-token confidence and alternatives.
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

const SHIFT = 2 ** 21;

export function decodeSlots(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): Decision[] {
  const n = slots.length;
  if (n === 0) return [];
  const choice = viterbi(lm, slots, opts);
  const decisions: Decision[] = new Array(n);
  const idAt = (t: number): number => slots[t].ids[choice[t]];
  let scores = new Float64Array(32);
  for (let t = 0; t < n; t++) {
    const slot = slots[t];
    if (slot.candidates.length === 1 && opts.alternatives === 0) { decisions[t] = { index: 0, confidence: 1, alternatives: [] }; continue; }
    const [u, v] = leftContext(lm, slots, t, idAt);
    const x = t + 1 < n && !slots[t + 1].sentenceStart ? idAt(t + 1) : undefined;
    const y = x !== undefined && t + 2 < n && !slots[t + 2].sentenceStart ? idAt(t + 2) : undefined;
    const k = slot.candidates.length;
    if (scores.length < k) scores = new Float64Array(k * 2);
    let best = choice[t];
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      const w = slot.ids[i];
      let sc = -opts.channelWeight * slot.candidates[i].cost + lm.logProb(u, v, w);
      if (opts.bothSides) {
        if (x !== undefined) sc += lm.logProb(v, w, x);
        if (y !== undefined && x !== undefined) sc += lm.logProb(w, x, y);
      }
      scores[i] = sc;
      if (sc > max) { max = sc; if (opts.bothSides) best = i; }
    }
    let total = 0;
    for (let i = 0; i < k; i++) total += Math.exp(scores[i] - max);
    let alternatives: Decision['alternatives'] = [];
    if (opts.alternatives > 0) {
      const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
      alternatives = order.filter((i) => i !== best).slice(0, opts.alternatives).map((i) => ({ word: slot.candidates[i].word, score: Math.exp(scores[i] - max) / total }));
    }
    decisions[t] = { index: best, confidence: Math.exp(scores[best] - max) / total, alternatives };
    choice[t] = best;
  }
  return decisions;
}

function leftContext(lm: DecoderLM, slots: Slot[], t: number, idAt: (t: number) => number): [number, number] {
  if (slots[t].sentenceStart || t === 0) return [lm.startId, lm.startId];
  const v = idAt(t - 1);
  if (slots[t - 1].sentenceStart || t === 1) return [lm.startId, v];
  return [idAt(t - 2), v];
}

interface Hyp { u: number; v: number; score: number; back: number; cand: number }

/** Beam Viterbi; returns the chosen candidate index per slot. */
function viterbi(lm: DecoderLM, slots: Slot[], opts: DecodeOptions): number[] {
  const layers: Hyp[][] = [];
  let prev: Hyp[] = [{ u: lm.startId, v: lm.startId, score: 0, back: -1, cand: -1 }];
  for (let t = 0; t < slots.length; t++) {
    const slot = slots[t];
    const states = new Map<number, Hyp>();
    for (let h = 0; h < prev.length; h++) {
      const hyp = prev[h];
      const u = slot.sentenceStart ? lm.startId : hyp.u;
      const v = slot.sentenceStart ? lm.startId : hyp.v;
      for (let c = 0; c < slot.candidates.length; c++) {
        const w = slot.ids[c];
        const score = hyp.score - opts.channelWeight * slot.candidates[c].cost + lm.logProb(u, v, w);
        // Unknown words (-1) share one state per candidate index so they stay distinct.
        const key = (v + 2) * SHIFT + (w >= 0 ? w + 2 : c);
        const old = states.get(key);
        if (!old || score > old.score) states.set(key, { u: v, v: w, score, back: h, cand: c });
      }
    }
    let next = [...states.values()];
    if (next.length > opts.beam) next = next.sort((a, b) => b.score - a.score).slice(0, opts.beam);
    layers.push(next);
    prev = next;
  }
  const choice = new Array<number>(slots.length);
  let best = 0;
  for (let i = 1; i < prev.length; i++) if (prev[i].score > prev[best].score) best = i;
  for (let t = slots.length - 1; t >= 0; t--) {
    const hyp = layers[t][best];
    choice[t] = hyp.cand;
    best = hyp.back;
  }
  return choice;
}
