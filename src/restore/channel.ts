/**
 * Channel model P(observed token | syllable) and candidate generation. Candidates come from
 * (1) the observed token's own skeleton (diacritics stripped or misread: principled, not
 * fitted), (2) look-alike rewrites of the skeleton (dictionaries/restore/lookalikes.json),
 * (3) the learned token tables of dictionaries/channel (aligned tesseract eng/vie OCR of
 * rendered corpus text). Costs are -ln P; per-character mark costs come from the learned
 * character confusions when present. Candidates are cached per observed token and mode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelTablePath, readChannelTable } from '../data/index.js';
import type { DecoderLM } from './decoder-lm.js';
import { baseInventory, isValidSyllable } from '../lang/syllable.js';
import { FuzzyIndex } from './fuzzy.js';
import { charSkeleton, hasMarks } from './text.js';
import { foldKey } from '../lang/fold.js';

/** stripped: marks removed, nothing else; garble: English-model OCR; clean: text that kept its marks (or Vietnamese OCR). */
export type ChannelMode = 'stripped' | 'garble' | 'clean';
export interface Candidate { word: string; cost: number }
export interface LookalikeRule { from: string; to: string; cost: number; where: 'any' | 'start' | 'end' }
export interface LearnedTables {
  /** observed (lowercase) → source syllable (lowercase) → count */
  tokenPairs: Map<string, Map<string, number>>;
  sourceCounts: Map<string, number>;
  /** source char → observed substring → P (lowercase) */
  charProbs: Map<string, Map<string, number>>;
}

const MAX_REWRITES = 2;
/**
 * Extra cost (nats) of a tone sibling of a learned token pair's source (garble only; Infinity:
 * none). Garbled dev-docs pages, default mode (tools/bench/garble-oddeven.ts): none 401 errors
 * (odd 159 / even 242), 0.5 394 (157 / 237), 1 393 (156 / 237), 2 401 (159 / 242).
 */
const SIBLING_TONE_COST = 1;
/** Fuzzy (edit-distance) candidates: kept up to this −ln P(observed | syllable), cost scaled by FUZZY_SCALE. */
const FUZZY_MAX_COST = 9;
const FUZZY_SCALE = 1;
/** A variant is a corpus typo when rarer than both of these (count, share of the top variant's count). */
const TYPO_ABSOLUTE = 20;
const TYPO_RATIO = 0.002;
const MAX_CANDIDATES = 24;
const PRIOR_WEIGHT = 0.5;
/** Text that kept its marks rarely has look-alike misreadings: they must be strongly supported. */
const CLEAN_REWRITE_PENALTY = 3;
const CLEAN_KNOWN_PENALTY = 4;

/**
 * Skeleton for look-alike rewriting: like foldKey but é and ó survive, because Latin OCR
 * writes é for ê/ô/ơ/ă and ó for ô/ơ — the rules decide which base letter they stand for.
 */
export function lookalikeSkeleton(lower: string): string {
  let out = '';
  for (const c of lower) out += c === 'é' || c === 'ó' ? c : charSkeleton(c);
  return out;
}

export function loadLookalikes(dictDir: string): LookalikeRule[] {
  const raw = JSON.parse(readFileSync(join(dictDir, 'restore', 'lookalikes.json'), 'utf8')) as { rules: [string, string, number, string][] };
  return raw.rules.map(([from, to, cost, where]) => ({ from, to, cost, where: where as LookalikeRule['where'] }));
}

export interface LearnedChannels { eng?: LearnedTables; vie?: LearnedTables }

/** The learned eng (garbled text) and vie (text that kept its marks) channel tables, when built. */
export function loadLearnedTables(dictDir: string): LearnedChannels {
  const dir = join(dictDir, 'channel');
  return { eng: loadLearnedTable(channelTablePath('eng', dir)), vie: loadLearnedTable(channelTablePath('vie', dir)) };
}

/** One channel table as lowercase lookup maps; undefined when the table was not built. */
export function loadLearnedTable(path: string): LearnedTables | undefined {
  if (!existsSync(path)) return undefined;
  const tokenPairs = new Map<string, Map<string, number>>();
  const sourceCounts = new Map<string, number>();
  const charCounts = new Map<string, Map<string, number>>();
  const table = readChannelTable(path);
  for (const [obs, row] of Object.entries(table.tokenPairs)) {
    const key = obs.toLowerCase();
    const target = tokenPairs.get(key) ?? new Map<string, number>();
    for (const [src, n] of Object.entries(row)) target.set(src.toLowerCase(), (target.get(src.toLowerCase()) ?? 0) + n);
    tokenPairs.set(key, target);
  }
  for (const [src, n] of Object.entries(table.sourceCounts)) sourceCounts.set(src.toLowerCase(), (sourceCounts.get(src.toLowerCase()) ?? 0) + n);
  for (const [src, row] of Object.entries(table.charConfusionsFolded)) {
    const target = charCounts.get(src) ?? new Map<string, number>();
    for (const [obs, n] of Object.entries(row)) target.set(obs, (target.get(obs) ?? 0) + n);
    charCounts.set(src, target);
  }
  const charProbs = new Map<string, Map<string, number>>();
  for (const [src, row] of charCounts) {
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    charProbs.set(src, new Map([...row].map(([obs, n]) => [obs, n / total])));
  }
  return { tokenPairs, sourceCounts, charProbs };
}

/** Training count of a word when the LM exposes one (committed model or the test count LM). */
function unigramCounter(lm: DecoderLM): ((word: string) => number) | undefined {
  const withCount = lm as DecoderLM & { count?: (word: string) => number; model?: { unigramCount(id: number): number } };
  if (typeof withCount.count === 'function') return (w) => withCount.count!(w);
  const model = withCount.model;
  if (model && typeof model.unigramCount === 'function') return (w) => { const id = lm.id(w); return id < 0 ? 0 : model.unigramCount(id); };
  return undefined;
}

/** Latin letters, Vietnamese marked letters (either case) and digits only. */
const VIETNAMESE_LETTERS = /^[a-z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/iu;

/**
 * Whether a source word of the learned token pairs may be offered. The LM keeps frequent units
 * that are no Vietnamese reading: IPA or other scripts ("đôngː", from the encyclopedia) and
 * corpus typos with a marked vowel that no syllable has ("thưc" for thực). Abbreviations
 * ("CTĐT", "GV"), capitalised syllables and the token as written ("&" kept as "&") stay.
 */
function isPlausibleReading(word: string): boolean {
  if (!VIETNAMESE_LETTERS.test(word)) return false;
  const lower = word.toLowerCase();
  // A mark on a vowel (đ's bar aside: "CTĐT" stays) makes the word a would-be syllable.
  return !hasMarks(lower.replace(/đ/gu, 'd')) || isValidSyllable(lower);
}

/**
 * How English-model OCR writes the horned u (ư, ươ's first letter) beside a plain u: the
 * multi-letter readings of the ư family in dictionaries/channel/ocr-eng.json's character table
 * (ư → w 17 %, ur 3 %, uw 2 %, ir 2 %, wr 1 %; ừ → ir 53 %), which no Vietnamese skeleton
 * contains. Longest first.
 */
const HORN_READINGS = /uwr|uw|ur|wr|ir|w/gu;
/**
 * Extra cost (nats) of the fuzzy search over a token with its horn readings read back to u
 * (garble only). Garbled dev-docs pages, default mode, with SIBLING_TONE_COST 1: without 393
 * errors (odd 156 / even 237), 0.5 and 1 388 (153 / 235), 2 390 (155 / 235), 3.5 393.
 */
const HORN_READING_COST = 1;

/** A garbled token with its horn readings replaced by u ("phuwrong" → "phuong"). */
export function withoutHornReadings(lower: string): string {
  return lower.replace(HORN_READINGS, 'u');
}

/** The five tone marks (grave, acute, tilde, hook, dot below), not the vowel marks (ư ơ â ă ê ô). */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** A syllable without its tone mark ("phường" → "phương"). */
export function withoutTone(word: string): string {
  return word.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

/** Memo bounds (entries): OCR garble makes the set of distinct tokens open-ended over a long run. */
const CACHE_LIMIT = 100_000;

/** The candidate memo's key of a lowercase token in a channel mode. */
function cacheKey(mode: ChannelMode, lower: string): string {
  return mode + '\u0000' + lower;
}

export class ChannelModel {
  private readonly cache = new Map<string, Candidate[]>();
  private readonly variantMemo = new Map<string, readonly string[]>();
  private fuzzy?: FuzzyIndex;

  constructor(
    private readonly lm: DecoderLM,
    private readonly rules: readonly LookalikeRule[],
    private readonly learnedByModel: LearnedChannels = {},
  ) {}

  private learnedFor(mode: ChannelMode): LearnedTables | undefined {
    return mode === 'garble' ? this.learnedByModel.eng : mode === 'clean' ? this.learnedByModel.vie : undefined;
  }

  /** Candidates for an observed word token (any case), best first, at most MAX_CANDIDATES. */
  candidates(observed: string, mode: ChannelMode): Candidate[] {
    const lower = observed.normalize('NFC').toLowerCase();
    const key = cacheKey(mode, lower);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const best = new Map<string, number>();
    this.eachOffer(lower, mode, (word, cost) => {
      const old = best.get(word);
      if (old === undefined || cost < old) best.set(word, cost);
      return false;
    });
    if (/^[\p{L}\p{M}]+$/u.test(lower) && mode === 'clean' && this.lm.variantsOf(lookalikeSkeleton(lower)).includes(lower)) {
      // Text that kept its marks: a known syllable is changed only on overwhelming LM evidence,
      // which keeps correct text untouched and makes restoration idempotent.
      for (const [word, cost] of best) best.set(word, cost + CLEAN_KNOWN_PENALTY);
      best.set(lower, 0);
    }
    // Rank (for truncation only) by channel cost minus a unigram prior, so a frequent word whose
    // lost mark is slightly rarer ("căn" for "can") is not cut off behind rare ones.
    const rank = (c: Candidate): number => c.cost - PRIOR_WEIGHT * this.lm.logProb(-1, -1, this.lm.id(c.word));
    const list = [...best].map(([word, cost]) => ({ word, cost })).sort((a, b) => rank(a) - rank(b)).slice(0, MAX_CANDIDATES);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, list);
    return list;
  }

  /**
   * Every (word, cost) the channel offers for a lowercase token, to `take`; stops as soon as
   * `take` returns true (then returns true): offersGarbleReading only asks whether there is one.
   */
  private eachOffer(lower: string, mode: ChannelMode, take: (word: string, cost: number) => boolean): boolean {
    const skeleton = lookalikeSkeleton(lower);
    const learned = this.learnedFor(mode);
    // Stripped text: a token that is a syllable skeleton only lost its marks; anything else may be a misreading.
    // Letters of one or two characters ("c)", "cm") are list markers and units, never rewritten here.
    const plainSyllable = mode === 'stripped' && /^[a-z]+$/.test(lower) && (lower.length <= 2 || this.lm.variantsOf(skeleton).length > 0);
    const keys = plainSyllable ? new Map([[skeleton, 0]]) : this.rewrites(skeleton);
    for (const [key, rewriteCost] of keys) {
      const penalty = rewriteCost === 0 ? 0 : rewriteCost + (mode === 'clean' ? CLEAN_REWRITE_PENALTY : 0);
      for (const word of mode === 'clean' ? this.lm.variantsOf(key) : this.plausibleVariants(key)) {
        if (take(word, penalty + (rewriteCost === 0 ? this.markCost(lower, word, mode, learned) : this.looseMarkCost(mode)))) return true;
      }
    }
    // A lone "d" that lost its bar: list letters and legal references ("điểm đ khoản 1") use đ.
    // Neither letter is a syllable, so only the LM (which has both as units) can choose.
    if (lower === 'd' && mode !== 'clean' && this.lm.id('đ') >= 0 && this.lm.id('d') >= 0) {
      if (take('d', 0) || take('đ', mode === 'stripped' ? 0 : this.looseMarkCost(mode))) return true;
    }
    const pairs = learned?.tokenPairs.get(lower);
    if (pairs) {
      for (const [word, n] of pairs) {
        if (this.lm.id(word) < 0 || (word !== lower && !isPlausibleReading(word))) continue;
        const total = learned!.sourceCounts.get(word) ?? n;
        const cost = -Math.log(Math.min(1, (n + 0.5) / (total + 1))) + (mode === 'clean' && word !== lower ? CLEAN_REWRITE_PENALTY : 0);
        if (take(word, cost)) return true;
        // The tone siblings of a learned reading ("phuwong" read from phương, so from phường too):
        // the sample saw the commoner sibling, and English-model OCR rarely shows the tone.
        if (mode === 'garble' && SIBLING_TONE_COST < Infinity && hasMarks(word)) {
          const toneless = withoutTone(word);
          for (const sibling of this.plausibleVariants(foldKey(word))) {
            if (sibling !== word && withoutTone(sibling) === toneless && take(sibling, cost + SIBLING_TONE_COST)) return true;
          }
        }
      }
    }
    // A lone consonant ("cán b," = cán bộ) is no word either; list markers ("b)") are fixed by the tokenizer.
    const loneConsonant = /^[bcdđghklmnpqrstvx]$/u.test(lower);
    if (mode === 'garble' && learned && (loneConsonant || ([...lower].length >= 2 && this.lm.variantsOf(foldKey(lower)).length === 0))) {
      // Not the skeleton of any syllable ("chtc", "hi¢u"): search near skeletons under the learned char channel.
      const fuzzy = this.fuzzyIndex(learned);
      for (const sk of fuzzy.neighbours(lower)) {
        for (const word of this.plausibleVariants(sk)) {
          const cost = fuzzy.cost(word, lower, FUZZY_MAX_COST);
          if (cost <= FUZZY_MAX_COST && take(word, FUZZY_SCALE * cost)) return true;
        }
      }
      // Horn readings the per-character table scores apart ("phuwrong", "Phurde", "Avurong"): the
      // token with each read back to u, searched again at a fixed extra cost.
      const hornless = withoutHornReadings(lower);
      if (hornless !== lower && HORN_READING_COST < FUZZY_MAX_COST) {
        const bound = FUZZY_MAX_COST - HORN_READING_COST;
        for (const sk of fuzzy.neighbours(hornless)) {
          for (const word of this.plausibleVariants(sk)) {
            const cost = fuzzy.cost(word, hornless, bound);
            if (cost <= bound && take(word, FUZZY_SCALE * (cost + HORN_READING_COST))) return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True when candidates(observed, 'garble') offers any reading. A token whose look-alike
   * skeleton is itself a syllable skeleton with plausible variants is answered without
   * building the list: the rewrite search keeps that skeleton at cost 0 and offers those
   * variants. (The restorer asks this of every distinct word to tell Vietnamese text.)
   */
  offersGarbleReading(observed: string): boolean {
    const lower = observed.normalize('NFC').toLowerCase();
    if (this.offersReadingAtAGlance(lower)) return true;
    const listed = this.cache.get(cacheKey('garble', lower));
    if (listed) return listed.length > 0;
    // Whether any reading exists, not which are best: the first offer will do (a short token's fuzzy search is long).
    return this.eachOffer(lower, 'garble', () => true);
  }

  /**
   * True when offersGarbleReading needs no search to say yes: the token's look-alike skeleton
   * is a syllable skeleton with plausible variants. `lower`: NFC, lowercase.
   */
  offersReadingAtAGlance(lower: string): boolean {
    const skeleton = lookalikeSkeleton(lower);
    return !/[éó]/u.test(skeleton) && this.lm.variantsOf(skeleton).length > 0 && this.plausibleVariants(skeleton).length > 0;
  }

  private fuzzyIndex(learned: LearnedTables): FuzzyIndex {
    if (!this.fuzzy) {
      const skeletons = new Set(baseInventory().map((b) => foldKey(b)).filter((k) => this.lm.variantsOf(k).length > 0));
      this.fuzzy = new FuzzyIndex(skeletons, learned.charProbs);
    }
    return this.fuzzy;
  }

  /**
   * Variants of a skeleton without the corpus's rare misspellings: a spelling seen a handful
   * of times beside a dominant one ("phẩu" 3× beside "phẫu" 11,846×) is a typo in the corpus,
   * and its sparse n-gram contexts ("gây tê phẩu") would otherwise let it win. Text that
   * kept its marks still recognises such spellings (clean mode uses the full list).
   */
  private plausibleVariants(key: string): readonly string[] {
    let list = this.variantMemo.get(key);
    if (list) return list;
    const all = this.lm.variantsOf(key);
    const count = unigramCounter(this.lm);
    if (!count || all.length < 2) list = all;
    else {
      const top = Math.max(...all.map(count));
      list = all.filter((w) => { const n = count(w); return n >= TYPO_ABSOLUTE || n >= TYPO_RATIO * top; });
    }
    if (this.variantMemo.size >= CACHE_LIMIT) this.variantMemo.clear();
    this.variantMemo.set(key, list);
    return list;
  }

  /** Skeleton keys reachable with ≤ MAX_REWRITES look-alike rewrites that the LM knows. */
  private rewrites(skeleton: string): Map<string, number> {
    const found = new Map<string, number>();
    const visit = (s: string, from: number, depth: number, cost: number): void => {
      if (!/[éó]/u.test(s) && this.lm.variantsOf(s).length > 0) {
        const old = found.get(s);
        if (old === undefined || cost < old) found.set(s, cost);
      }
      if (depth === MAX_REWRITES) return;
      for (let i = from; i < s.length; i++) {
        for (const rule of this.rules) {
          if (!s.startsWith(rule.from, i)) continue;
          if (rule.where === 'start' && i !== 0) continue;
          if (rule.where === 'end' && i + rule.from.length !== s.length) continue;
          const next = s.slice(0, i) + rule.to + s.slice(i + rule.from.length);
          if (next.length === 0) continue;
          // Free rules only resolve a kept marked letter (é → e); they do not use up the rewrite budget.
          visit(next, i + rule.to.length, rule.cost === 0 ? depth : depth + 1, cost + rule.cost);
        }
      }
    };
    visit(skeleton, 0, 0, 0);
    return found;
  }

  /** Mark cost when the observed token has the candidate's skeleton: compare char by char. */
  private markCost(observed: string, word: string, mode: ChannelMode, learnedTables: LearnedTables | undefined): number {
    if (observed === word) return 0;
    const obs = [...observed];
    const src = [...word];
    if (obs.length !== src.length) return this.looseMarkCost(mode);
    let cost = 0;
    for (let i = 0; i < src.length; i++) {
      const o = obs[i];
      const s = src[i];
      if (o === s) continue;
      const base = charSkeleton(s);
      const learned = learnedTables?.charProbs.get(s)?.get(o);
      if (o === base) {
        // A lost mark: free in stripped text, cheap in garbled text, costly in text that keeps its marks.
        cost += mode === 'stripped' ? 0 : mode === 'garble' ? Math.min(1, -Math.log(learned ?? 0.8)) * 0.5 : 3;
      } else {
        cost += learned !== undefined ? Math.min(4, Math.max(0.2, -Math.log(learned))) : mode === 'garble' ? 2 : 3.5;
      }
    }
    return cost;
  }

  private looseMarkCost(mode: ChannelMode): number { return mode === 'clean' ? 2.5 : 0.3; }
}
