/**
 * The decoder-facing language model: vocabulary ids, log10 scores from the dev-tuned
 * mixture of per-corpus KN n-gram models, unigram counts, and stripped-key → variants lookup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripMarks } from '../lang/fold.js';
import { MixtureModel, NgramComponent } from './model.js';
import { BOS, EOS, NUM, UNK, lmUnit } from './tokenize.js';

interface MixtureSpec { components: string[]; weights: number[] }
export interface LmManifest { order: number; mixtures: Record<string, MixtureSpec>; [k: string]: unknown }

export class Vocabulary {
  readonly words: string[];
  readonly counts: Uint32Array;
  private readonly index = new Map<string, number>();
  private variants?: Map<string, number[]>;

  constructor(tsv: string) {
    const lines = tsv.split('\n').filter((l) => l.length > 0);
    this.words = new Array<string>(lines.length);
    this.counts = new Uint32Array(lines.length);
    lines.forEach((line, i) => {
      const tab = line.lastIndexOf('\t');
      this.words[i] = line.slice(0, tab);
      this.counts[i] = Number(line.slice(tab + 1));
      this.index.set(this.words[i], i);
    });
  }

  idOfUnit(unit: string): number {
    return this.index.get(unit) ?? 0;
  }

  /** Ids whose lowercase mark-stripped form equals `key`, most frequent first (vocab is count-sorted). */
  variantsOf(key: string): number[] {
    if (!this.variants) {
      this.variants = new Map();
      for (let id = 4; id < this.words.length; id++) {
        const k = stripMarks(this.words[id]).toLowerCase();
        const list = this.variants.get(k);
        if (list) list.push(id);
        else this.variants.set(k, [id]);
      }
    }
    return this.variants.get(key.toLowerCase()) ?? [];
  }
}

const CTX_SIZE = 4096;
const CTX_MASK = CTX_SIZE - 1;
/** Slot of an exact (≤ 51-bit) context key. */
function hashSlot(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let x = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  x ^= x >>> 15;
  return x;
}

const NONE = 65535;
const BASE = 65536;

export class LanguageModel {
  readonly order: number;
  readonly unkId = 0;
  readonly bosId = 1;
  readonly eosId = 2;
  readonly numId = 3;
  private readonly scratch = new Int32Array(8);
  /** Context cache (see logProbCached): key per slot, resolved nodes per slot. */
  private readonly ctxHist: Int32Array;
  private readonly ctxStride: number;
  private readonly ctxKeys = new Float64Array(CTX_SIZE).fill(-1);
  private readonly ctxNodes: Int32Array;

  constructor(
    readonly vocab: Vocabulary,
    private readonly mixture: MixtureModel,
    readonly direction: 'fwd' | 'bwd',
    readonly backward?: LanguageModel,
  ) {
    this.order = mixture.order;
    this.ctxHist = new Int32Array(Math.max(1, this.order - 1));
    this.ctxStride = mixture.components.length * Math.max(1, this.order - 1);
    this.ctxNodes = new Int32Array(CTX_SIZE * this.ctxStride);
  }

  get vocabSize(): number { return this.vocab.words.length; }
  get weights(): number[] { return this.mixture.weights; }
  /** The per-corpus components and their weights (per-document re-weighting: src/restore/document-model.ts). */
  get components(): MixtureModel { return this.mixture; }

  /** Id of a token after LM normalisation (lowercase, canonical tone placement, numbers → <num>). */
  vocabId(token: string): number {
    if (token === BOS || token === EOS || token === NUM || token === UNK) return this.vocab.idOfUnit(token);
    return this.vocab.idOfUnit(lmUnit(token));
  }

  word(id: number): string { return this.vocab.words[id] ?? UNK; }
  unigramCount(id: number): number { return this.vocab.counts[id] ?? 0; }
  variantsOf(strippedKey: string): number[] { return this.vocab.variantsOf(strippedKey); }

  /** log10 p(id | history), history oldest..newest (for the backward model: following words, nearest last). */
  logProb(historyIds: ArrayLike<number>, id: number): number {
    return this.logProbCached(historyIds, historyIds.length, id);
  }

  /** logProb without the context cache: walks every trie for the context (reference for tests and benches). */
  logProbUncached(historyIds: ArrayLike<number>, id: number): number {
    return this.mixture.logProb(historyIds, historyIds.length, id);
  }

  /** log10 p(w | u v) without allocating; u/v = -1 for a shorter history. */
  logProb3(u: number, v: number, w: number): number {
    this.scratch[0] = u;
    this.scratch[1] = v;
    return this.logProbCached(this.scratch, 2, w);
  }

  /**
   * logProb(hist[..len), w) — the same value — through a direct-mapped cache of resolved
   * contexts: decoders score many candidate words after one context, and the trie walk for
   * the context is most of a query's cost.
   */
  logProbCached(hist: ArrayLike<number>, len: number, w: number): number {
    const k = this.order - 1;
    if (k > 3) return this.mixture.logProb(hist, len, w);
    const h = this.ctxHist;
    let key = 0;
    for (let j = k - 1, i = len - 1; j >= 0; j--, i--) {
      const id = i >= 0 ? hist[i] : -1;
      h[j] = id;
    }
    for (let j = 0; j < k; j++) key = key * 65537 + (h[j] + 1);
    const slot = hashSlot(key) & CTX_MASK;
    const base = slot * this.ctxStride;
    if (this.ctxKeys[slot] !== key) {
      this.mixture.resolve(h, k, this.ctxNodes, base);
      this.ctxKeys[slot] = key;
    }
    return this.mixture.logProbResolved(this.ctxNodes, base, k, w);
  }

  /**
   * State-based scoring for decoders: a state packs the last order−1 ids in base 65536
   * (65535 = none, oldest in the high digits); start with `initialState()` (= after <s>).
   */
  initialState(): number {
    let s = 0;
    for (let i = 0; i < this.order - 2; i++) s = s * BASE + NONE;
    return s * BASE + this.bosId;
  }

  score(state: number, id: number): { logProb: number; nextState: number } {
    const k = this.order - 1;
    let rest = state;
    for (let i = k - 1; i >= 0; i--) {
      const d = rest % BASE;
      this.scratch[i] = d === NONE ? -1 : d;
      rest = Math.floor(rest / BASE);
    }
    const logProb = this.mixture.logProb(this.scratch, k, id);
    return { logProb, nextState: (state % BASE ** (k - 1)) * BASE + id };
  }

  /** log10 probability of units as one clause <s> … </s> (reversed order for the backward model). */
  sentenceLogProb(tokens: readonly string[]): number {
    const ids = tokens.map((t) => this.vocabId(t));
    if (this.direction === 'bwd') ids.reverse();
    const seq = [this.bosId, ...ids, this.eosId];
    let sum = 0;
    for (let i = 1; i < seq.length; i++) sum += this.mixture.logProb(seq, i, seq[i]);
    return sum;
  }
}

export function loadFromDir(dir: string): LanguageModel {
  const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as LmManifest;
  const vocab = new Vocabulary(readFileSync(join(dir, 'vocab.tsv'), 'utf8'));
  const make = (direction: 'fwd' | 'bwd') => {
    const spec = manifest.mixtures[direction];
    const comps = spec.components.map((f) => new NgramComponent(join(dir, f)));
    return new MixtureModel(comps, spec.weights);
  };
  const backward = manifest.mixtures.bwd ? new LanguageModel(vocab, make('bwd'), 'bwd') : undefined;
  return new LanguageModel(vocab, make('fwd'), 'fwd', backward);
}
