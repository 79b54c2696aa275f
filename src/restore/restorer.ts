/**
 * The restorer: tokenises, detects whether (and how) the text needs restoration, builds the
 * decoder slots from the channel model, decodes and rebuilds the text line by line with an
 * offset map (output token i ↔ input token i; separators copied verbatim).
 */
import type { OffsetMap, RestoredToken } from '../document.js';
import { ChannelModel, type Candidate, type ChannelMode, type LearnedChannels, type LookalikeRule } from './channel.js';
import { decodeSlots, type Decision, type DecodeOptions, type Slot } from './decoder.js';
import type { DecoderLM } from './lm.js';
import { applyNamePrior, nameRoles, type NamePrior } from './names.js';
import { bothWaysModel, rescoreBothSides, type RescoreOptions } from './rescore.js';
import { hasMarks, matchCase, toToneStyle } from './text.js';
import { repairListLetters, repairRomanMarkers, tokenize, type Piece } from './tokenize.js';

export interface RestoreOptions {
  /** 'auto' detects need; 'always' forces the decoder; 'never' copies the text. */
  restore?: 'auto' | 'always' | 'never';
  toneStyle?: 'old' | 'new';
  /** 'fast' (default) or 'accurate' (wider beam). */
  mode?: 'fast' | 'accurate';
  /** Number of alternatives per token in the output (0 = none). */
  alternatives?: number;
  /** Tuning: Viterbi beam and candidates kept per token (defaults by mode). */
  beam?: number;
  maxCandidates?: number;
  channelWeight?: number;
  /**
   * Default mode: slots whose first-pass confidence is below this are re-ranked with the
   * both-sides 4-gram models (accurate mode re-ranks every slot); 0 turns it off.
   */
  rescoreBelow?: number;
  /** Default mode, stripped text: channel candidates offered to a re-ranked slot. */
  rescoreCandidates?: number;
  /** Weight of the person-name prior in detected name runs (0 turns it off). */
  nameWeight?: number;
  /** Stripped text: channel bonus (nats) for candidate pairs inside an administrative term (0 turns it off). */
  termBonus?: number;
}

export interface RestoreStats {
  applied: boolean;
  channelMode: ChannelMode | 'none';
  accentedRatioBefore: number;
  knownRatio: number;
  changedTokens: number;
  totalTokens: number;
  meanConfidence: number;
}

export interface RestoreResult { text: string; tokens: RestoredToken[]; stats: RestoreStats; offsetMap: OffsetMap }

/** Share of marked word tokens above which a text is treated as Vietnamese that kept its marks. */
const CLEAN_RATIO = 0.45;
/** Share of word tokens with any candidate below which the text is not Vietnamese. */
const VIETNAMESE_RATIO = 0.6;
/** Channel weight for English-model OCR garble (tuned 0.8–2 on synthetic garble of the corpus dev split: best 1.3–1.6). */
const GARBLE_CHANNEL_WEIGHT = 1.5;
/** Extra cost of reading a bare short number as a word ("12" = là); flat from 1 to 3 on synthetic garble. */
const NUMBER_AS_WORD_COST = 2;
const PLACE_NAME_BONUS = 3;
const UNKNOWN_KEEP_COST: Record<ChannelMode, number> = { stripped: 3, garble: 3, clean: 0.5 };
/** Accurate-mode re-ranking weights (channel scale, forward and backward LM), tuned on the corpus dev split. */
const RESCORE_CHANNEL = 1;
const RESCORE_FORWARD = 0.5;
const RESCORE_BACKWARD = 0.5;
/** Below this share of marked (and of garbled) tokens the text is plain stripped Vietnamese. */
const STRIPPED_RATIO = 0.03;
/** Default-mode selective re-ranking: first-pass confidence below which a slot is re-ranked (tuned on the dev split). */
const RESCORE_BELOW = 0.9;
/** Channel candidates of a re-ranked slot in stripped text (the first pass keeps 8). */
const RESCORE_CANDIDATES = 16;
/** Weight of the name prior's −ln P(variant | skeleton) in name runs (tuned on dev-split names). */
const NAME_WEIGHT = 1.5;
/** Bonus (nats) per syllable of an administrative-term pair, stripped text only (dev: flat from 0.5 to 1). */
const TERM_BONUS = 0.7;

export class Restorer {
  readonly channel: ChannelModel;

  /** Forward + backward 4-gram scoring for the accurate mode's re-ranking (committed LM only). */
  private readonly bothWays: ReturnType<typeof bothWaysModel>;

  /** Lowercase two-syllable place names ("đại thắng", "cổ lễ") from the gazetteer. */
  private readonly placeNames: ReadonlySet<string>;

  /** Adjacent syllable pairs inside administrative terms ("thi đua", "đua khen" of "thi đua khen thưởng"): left → rights. */
  private readonly termPairs: ReadonlyMap<string, ReadonlySet<string>>;

  /** Term-pair matches per (left token, right token as written, list sizes): candidate lists are fixed per token, so the search runs once. */
  private readonly termMatches = new Map<string, readonly number[]>();

  constructor(
    readonly lm: DecoderLM, rules: readonly LookalikeRule[], learned?: LearnedChannels, placeNames: Iterable<string> = [],
    /** Prior over person-name syllables (dictionaries/restore/names.json), for name runs. */
    private readonly names?: NamePrior,
    /** Administrative multi-word terms (dictionaries/admin-terms.txt), lowercase surface forms. */
    terms: Iterable<string> = [],
  ) {
    this.channel = new ChannelModel(lm, rules, learned);
    this.bothWays = bothWaysModel(lm);
    this.placeNames = new Set([...placeNames].map((n) => n.toLowerCase()).filter((n) => n.split(' ').length === 2));
    const pairs = new Map<string, Set<string>>();
    for (const term of terms) {
      const syllables = term.toLowerCase().split(' ');
      for (let i = 0; i + 1 < syllables.length; i++) {
        const next = pairs.get(syllables[i]) ?? new Set<string>();
        next.add(syllables[i + 1]);
        pairs.set(syllables[i], next);
      }
    }
    this.termPairs = pairs;
  }

  /**
   * Proper nouns: two adjacent capitalised tokens whose candidates spell a gazetteer place
   * name ("Pai Thang" → Đại Thắng) get a channel bonus — the LM alone knows few local names.
   */
  private boostPlaceNames(pieces: Piece[], slots: Slot[]): void {
    if (this.placeNames.size === 0) return;
    for (let i = 0; i + 1 < pieces.length; i++) this.boostPair(pieces, slots, i, true, true);
  }

  /** The place-name bonus for the pair (i, i + 1), applied to the left and/or right slot. */
  private boostPair(pieces: Piece[], slots: Slot[], i: number, toLeft: boolean, toRight: boolean): void {
    const a = pieces[i];
    const b = pieces[i + 1];
    if (a.kind !== 'word' || b.kind !== 'word' || b.sentenceStart || a.line !== b.line) return;
    if (!/^[\p{Lu}|]/u.test(a.input) || !/^[\p{Lu}|]/u.test(b.input)) return;
    // A bonus below zero on purpose: a place name must outweigh common phrases ("đầu tháng").
    for (const x of slots[i].candidates) {
      for (const y of slots[i + 1].candidates) {
        if (!this.placeNames.has(x.word + ' ' + y.word)) continue;
        if (toLeft) x.cost -= PLACE_NAME_BONUS;
        if (toRight) y.cost -= PLACE_NAME_BONUS;
      }
    }
  }

  /** Term bonus over the whole text, or (with `at`) for the pairs around one rebuilt slot. */
  private boostTerms(pieces: Piece[], slots: Slot[], bonus: number, at?: number): void {
    if (this.termPairs.size === 0) return;
    const from = at === undefined ? 0 : Math.max(0, at - 1);
    const to = at === undefined ? pieces.length - 1 : Math.min(pieces.length - 1, at + 1);
    for (let i = from; i < to; i++) {
      if (pieces[i].kind !== 'word' || pieces[i + 1].kind !== 'word' || pieces[i + 1].sentenceStart) continue;
      bonusForPairs(this.termMatches, pieces[i].input, pieces[i + 1].input, slots[i], slots[i + 1], this.termPairs, bonus, at === undefined || at === i, at === undefined || at === i + 1);
    }
  }

  restore(input: string, options: RestoreOptions = {}): RestoreResult {
    const text = repairListLetters(repairRomanMarkers(input.split('\n'))).join('\n');
    const pieces = tokenize(text);
    const words = pieces.filter((p) => p.kind === 'word');
    const marked = words.filter((p) => hasMarks(p.input)).length;
    const known = words.filter((p) => this.channel.candidates(p.input, 'garble').length > 0).length;
    const accentedRatioBefore = words.length ? marked / words.length : 0;
    const knownRatio = words.length ? known / words.length : 0;
    const policy = options.restore ?? 'auto';
    const apply = policy === 'always' || (policy === 'auto' && words.length > 0 && knownRatio >= VIETNAMESE_RATIO);
    if (!apply) {
      return {
        text: input,
        tokens: pieces.map((p) => ({ input: p.input, output: p.input, start: p.start, end: p.start + p.input.length, confidence: 1 })),
        stats: { applied: false, channelMode: 'none', accentedRatioBefore, knownRatio, changedTokens: 0, totalTokens: pieces.length, meanConfidence: 1 },
        offsetMap: [{ outStart: 0, outEnd: input.length, inStart: 0, inEnd: input.length }],
      };
    }
    const garbleChars = words.filter((p) => /[\d&¢€|]/u.test(p.input)).length / Math.max(1, words.length);
    const mode: ChannelMode = accentedRatioBefore >= CLEAN_RATIO ? 'clean' : accentedRatioBefore < STRIPPED_RATIO && garbleChars < STRIPPED_RATIO ? 'stripped' : 'garble';
    const decodeOptions: DecodeOptions = {
      // Stripped text has few candidates per token: a narrow beam keeps the default mode fast.
      beam: options.beam ?? (options.mode === 'accurate' ? 32 : mode === 'stripped' ? 4 : 8),
      channelWeight: options.channelWeight ?? (mode === 'garble' ? GARBLE_CHANNEL_WEIGHT : 1),
      bothSides: true,
      alternatives: options.alternatives ?? 0,
    };
    const maxCandidates = options.maxCandidates ?? (options.mode === 'accurate' ? 16 : mode === 'stripped' ? 8 : 12);
    const slots = pieces.map((p) => this.slotFor(p, mode, maxCandidates));
    if (mode !== 'clean') this.boostPlaceNames(pieces, slots);
    // Administrative terms: a small bonus for candidate pairs that spell a mined multi-word term.
    // It pays on stripped dev text (257 → 237 errors); on synthetic garble it did not (220 → 226).
    const termBonus = mode === 'stripped' ? options.termBonus ?? TERM_BONUS : 0;
    if (termBonus > 0) this.boostTerms(pieces, slots, termBonus);
    // Person names ("Ông Nguyen Quang Hai"): their syllables follow the name prior, not the LM alone.
    const nameWeight = options.nameWeight ?? NAME_WEIGHT;
    const roles = mode !== 'clean' && this.names && nameWeight > 0 ? nameRoles(pieces, slots, text, this.names) : undefined;
    const names = roles && this.names ? { roles, prior: this.names, weight: nameWeight } : undefined;
    if (names) for (let i = 0; i < slots.length; i++) applyNamePrior(slots[i], roles![i], names.prior, names.weight);
    const rescore: RescoreOptions = { channelWeight: decodeOptions.channelWeight * RESCORE_CHANNEL, forwardWeight: RESCORE_FORWARD, backwardWeight: RESCORE_BACKWARD, alternatives: decodeOptions.alternatives };
    const rescoreBelow = options.mode === 'accurate' ? Infinity : options.rescoreBelow ?? RESCORE_BELOW;
    // Stripped text: the Viterbi sees few candidates (fast); re-ranked slots get a wider list.
    const widen = mode === 'stripped' && options.mode !== 'accurate' ? Math.max(maxCandidates, options.rescoreCandidates ?? RESCORE_CANDIDATES) : maxCandidates;
    const decode = (s: Slot[]): { slots: Slot[]; decisions: Decision[] } => {
      const first = decodeSlots(this.lm, s, decodeOptions);
      if (!this.bothWays || rescoreBelow <= 0) return { slots: s, decisions: first };
      if (rescoreBelow === Infinity) return { slots: s, decisions: rescoreBothSides(this.bothWays, s, first, rescore) };
      return this.rerankUnsure(this.bothWays, pieces, s, first, { ...rescore, below: rescoreBelow, widen: widen > maxCandidates ? widen : 0, mode, termBonus, names });
    };
    let { slots: finalSlots, decisions } = decode(slots);
    if (mode === 'garble') {
      // Second pass over the first pass's output as text that has its marks (clean channel):
      // it fixes words whose marks the first pass got wrong, and makes restore idempotent
      // (restoring the output again would run exactly this clean pass).
      const refined = pieces.map((p, i) => this.refineSlot(p, finalSlots[i], decisions[i].index, maxCandidates));
      // The clean pass must see the place names too, or "tháng" wins back "Đại Thắng".
      this.boostPlaceNames(pieces, refined);
      if (names) for (let i = 0; i < refined.length; i++) applyNamePrior(refined[i], names.roles[i], names.prior, names.weight);
      ({ slots: finalSlots, decisions } = decode(refined));
    }
    const style = options.toneStyle ?? 'old';
    return assemble(input, text, pieces, finalSlots, decisions, style, { accentedRatioBefore, knownRatio, mode });
  }

  /**
   * Default mode: both-sides 4-gram re-ranking of the slots whose first-pass confidence is
   * below `below` only; confident slots stay as decoded and serve as context. With `widen`,
   * a re-ranked slot is rebuilt with that many channel candidates (the first pass keeps few
   * for speed, and the right word is sometimes beyond them). Returns the slots the decisions index.
   */
  private rerankUnsure(
    model: NonNullable<Restorer['bothWays']>, pieces: Piece[], slots: Slot[], first: Decision[],
    opts: RescoreOptions & { below: number; widen: number; mode: ChannelMode; termBonus: number; names?: { roles: Int8Array; prior: NamePrior; weight: number } },
  ): { slots: Slot[]; decisions: Decision[] } {
    const n = first.length;
    const only = new Uint8Array(n);
    let selected = 0;
    for (let t = 0; t < n; t++) if (first[t].confidence < opts.below) { only[t] = 1; selected++; }
    if (selected === 0) return { slots, decisions: first };
    let used = slots;
    let decisions = first;
    if (opts.widen > 0) {
      used = slots.slice();
      decisions = first.slice();
      for (let t = 0; t < n; t++) {
        if (!only[t] || pieces[t].kind !== 'word') continue;
        const wide = this.slotFor(pieces[t], opts.mode, opts.widen);
        if (wide.candidates.length <= slots[t].candidates.length) continue;
        // The narrow list is a prefix of the wide one (same channel order): find the chosen word in it.
        const word = slots[t].candidates[first[t].index].word;
        const index = wide.candidates.findIndex((c) => c.word === word);
        if (index < 0) continue;
        used[t] = wide;
        decisions[t] = { ...first[t], index };
        // The rebuilt slot needs the place-name bonus its narrow version had.
        if (this.placeNames.size > 0) {
          if (t > 0) this.boostPair(pieces, used, t - 1, false, true);
          if (t + 1 < n) this.boostPair(pieces, used, t, true, false);
        }
        if (opts.names) applyNamePrior(wide, opts.names.roles[t], opts.names.prior, opts.names.weight);
        if (opts.termBonus > 0) this.boostTerms(pieces, used, opts.termBonus, t);
      }
    }
    return { slots: used, decisions: rescoreBothSides(model, used, decisions, { ...opts, only }) };
  }

  /** Clean-channel slot around a first-pass choice; fixed and number choices stay as chosen. */
  private refineSlot(piece: Piece, slot: Slot, chosen: number, maxCandidates: number): Slot {
    if (piece.kind !== 'word') return { candidates: [slot.candidates[chosen]], ids: [slot.ids[chosen]], sentenceStart: slot.sentenceStart };
    const word = slot.candidates[chosen].word;
    if (slot.ids[chosen] < 0) return { candidates: [slot.candidates[chosen]], ids: [-1], sentenceStart: slot.sentenceStart };
    return this.slotFor({ ...piece, input: word }, 'clean', maxCandidates);
  }

  private slotFor(piece: Piece, mode: ChannelMode, maxCandidates: number): Slot {
    const lm = this.lm;
    if (piece.kind === 'fixed') {
      // Symbols that start with a number ("595/KH-UBND", "91/2017/NĐ-CP") read as numbers to the LM ("số <num>").
      const id = /^\d/.test(piece.fixed) ? lm.numberId : lm.id(piece.fixed.toLowerCase());
      return { candidates: [{ word: piece.fixed, cost: 0 }], ids: [id], sentenceStart: piece.sentenceStart };
    }
    if (piece.kind === 'number') {
      const candidates: Candidate[] = [{ word: piece.input, cost: 0 }];
      const ids = [lm.numberId];
      // Only English-model OCR turns syllables into digits ("12" = là); elsewhere a number is a number.
      if (piece.mayBeWord && mode === 'garble') {
        for (const c of this.channel.candidates(piece.input, 'garble')) {
          candidates.push({ word: c.word, cost: c.cost + NUMBER_AS_WORD_COST });
          ids.push(lm.id(c.word));
        }
      }
      return { candidates, ids, sentenceStart: piece.sentenceStart };
    }
    // Stripped text has no OCR garble: letters with digits are units and codes ("m2", "h5n1"), kept.
    if (mode === 'stripped' && /\d/.test(piece.input)) return { candidates: [{ word: piece.input.toLowerCase(), cost: 0 }], ids: [-1], sentenceStart: piece.sentenceStart };
    const all = this.channel.candidates(piece.input, mode);
    const found = all.length > maxCandidates ? all.slice(0, maxCandidates) : all;
    const lower = piece.input.toLowerCase();
    // Copies: place-name boosts adjust costs per occurrence, never in the channel cache.
    const candidates = found.map((c) => ({ ...c }));
    if (!found.some((c) => c.word === lower)) candidates.push({ word: lower, cost: found.length ? UNKNOWN_KEEP_COST[mode] : 0 });
    // Only offered syllables carry LM ids; a kept garble token ("x&", "caa") is out of vocabulary.
    const offered = new Set(found.map((c) => c.word));
    return { candidates, ids: candidates.map((c) => (offered.has(c.word) ? lm.id(c.word) : -1)), sentenceStart: piece.sentenceStart };
  }
}

function assemble(
  input: string, text: string, pieces: Piece[], slots: Slot[], decisions: ReturnType<typeof decodeSlots>, style: 'old' | 'new',
  info: { accentedRatioBefore: number; knownRatio: number; mode: ChannelMode },
): RestoreResult {
  let out = '';
  let cursor = 0;
  const offsetMap: OffsetMap = [];
  const tokens: RestoredToken[] = [];
  let changed = 0;
  let confidenceSum = 0;
  const copy = (upTo: number): void => {
    if (upTo <= cursor) return;
    // Roman-marker repair keeps lengths, so separators are copied from the repaired text.
    offsetMap.push({ outStart: out.length, outEnd: out.length + upTo - cursor, inStart: cursor, inEnd: upTo });
    out += text.slice(cursor, upTo);
    cursor = upTo;
  };
  pieces.forEach((piece, i) => {
    copy(piece.start);
    const decision = decisions[i];
    const chosen = slots[i].candidates[decision.index].word;
    let output: string;
    if (piece.kind === 'fixed') output = piece.fixed;
    // A number stays as written unless a word was chosen for it (the clean pass keeps index 0 for either).
    else if (piece.kind === 'number' && /^\d/.test(chosen)) output = piece.input;
    else if (chosen === piece.input.toLowerCase()) output = piece.input;
    else output = matchCase(piece.input, styled(chosen, style));
    const start = out.length;
    offsetMap.push({ outStart: start, outEnd: start + output.length, inStart: piece.start, inEnd: piece.start + piece.input.length });
    out += output;
    cursor = piece.start + piece.input.length;
    if (output !== piece.input) changed++;
    confidenceSum += decision.confidence;
    tokens.push({
      input: piece.input, output, start, end: start + output.length, confidence: round(decision.confidence),
      ...(decision.alternatives.length ? { alternatives: decision.alternatives.map((a) => ({ output: matchCase(piece.input, toToneStyle(a.word, style)), score: round(a.score) })) } : {}),
    });
  });
  copy(text.length);
  void input;
  return {
    text: out,
    tokens,
    stats: {
      applied: true, channelMode: info.mode, accentedRatioBefore: round(info.accentedRatioBefore), knownRatio: round(info.knownRatio),
      changedTokens: changed, totalTokens: pieces.length, meanConfidence: round(pieces.length ? confidenceSum / pieces.length : 1),
    },
    offsetMap,
  };
}

const styleMemo = { old: new Map<string, string>(), new: new Map<string, string>() };
function styled(word: string, style: 'old' | 'new'): string {
  const memo = styleMemo[style];
  let out = memo.get(word);
  if (out === undefined) {
    out = toToneStyle(word, style);
    if (memo.size < 100_000) memo.set(word, out);
  }
  return out;
}

function round(x: number): number { return Math.round(x * 1000) / 1000; }

const NO_MATCHES: readonly number[] = [];

/** Subtracts `bonus` from candidates x (left) and y (right) whenever x → y is a pair of `pairs`. */
function bonusForPairs(
  pairMatchMemo: Map<string, readonly number[]>, leftInput: string, rightInput: string, left: Slot, right: Slot, pairs: ReadonlyMap<string, ReadonlySet<string>>,
  bonus: number, toLeft: boolean, toRight: boolean,
): void {
  const key = `${left.candidates.length}:${right.candidates.length}:${leftInput}\u0000${rightInput}`;
  let matches = pairMatchMemo.get(key);
  if (matches === undefined) {
    const found: number[] = [];
    left.candidates.forEach((x, i) => {
      const rights = pairs.get(x.word);
      if (rights) right.candidates.forEach((y, j) => { if (rights.has(y.word)) found.push(i, j); });
    });
    matches = found.length ? found : NO_MATCHES;
    if (pairMatchMemo.size >= 200_000) pairMatchMemo.clear();
    pairMatchMemo.set(key, matches);
  }
  for (let m = 0; m < matches.length; m += 2) {
    if (toLeft) left.candidates[matches[m]].cost -= bonus;
    if (toRight) right.candidates[matches[m + 1]].cost -= bonus;
  }
}
