/**
 * The restorer: tokenises, detects whether (and how) the text needs restoration, builds the
 * decoder slots from the channel model, decodes and rebuilds the text line by line with an
 * offset map (output token i ↔ input token i; separators copied verbatim).
 */
import { assemble, type RestoreResult } from './assemble.js';
import { ChannelModel, type ChannelMode, type LearnedChannels, type LookalikeRule } from './channel.js';
import { adaptToDocument, DOCUMENT_MODEL_DEFAULTS, type DocumentModelOptions } from './document-model.js';
import { documentRegions, offerPlaceSyllables, type DocumentPlaces, type LocalPlaces } from './document-places.js';
import { decodeSlots, type Decision, type DecodeOptions } from './decoder.js';
import type { DecoderLM } from './decoder-lm.js';
import { applyNamePrior, NAME_NONE, nameRoles, type NamePrior } from './names.js';
import { bothWaysModel, rescoreBothSides, type RescoreOptions } from './rescore.js';
import { applyPairBonus, applyPairBonusAll, applyPairBonusAround, PairLexicon } from './pairs.js';
import { makeTemplate, ownSlot, SlotBuilder, slotOf, type SlotTable, type TokenInfo, type TokenSlot } from './slots.js';
import { repairEth, repairListLetters, repairRomanMarkers, tokenize, wordsAmongCapitals, type Piece } from './tokenize.js';
import { CASE_ALL_CAPS } from './text.js';
import { boostHeadsBeforeAbbreviations } from './unit-abbreviations.js';
import { markHeadingEnds, romanSyllablesInCaps } from './caps-headings.js';
import { knownEnoughToRestore, markState } from '../lang/evidence.js';
import { foldKey } from '../lang/fold.js';
import { keyHashes, pieceKeys, type CertainContexts } from './certain.js';
import type { ConfidenceCalibration } from './calibration.js';
import type { DAbbreviations } from './abbreviations.js';
import { applyMarkScores, type MarkScores, type NeuralMarkModel, type NeuralRequest } from './neural.js';

export type { RestoreResult, RestoreStats } from './assemble.js';

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
  /** Default mode, stripped text: fix syllables in certain contexts before decoding (dictionaries/restore/certain-contexts.bin); false turns it off. */
  certainContexts?: boolean;
  /** Second pass: re-decide unsure slots with the document's own evidence (document-model.ts); false turns it off, an object tunes it. */
  documentModel?: boolean | Partial<DocumentModelOptions>;
  /**
   * Stripped text, restoreAsync only: the neural mark model (neural.ts) adds its cost to the
   * candidates — of every slot in accurate mode, of the re-ranked unsure slots in the default
   * mode. A number is its weight; false turns it off; absent: NEURAL_BY_MODE.
   */
  neural?: boolean | number;
}

/** Channel weight for English-model OCR garble: higher trusts the garble readings over the LM. */
const GARBLE_CHANNEL_WEIGHT = 1.5;
/**
 * Channel bonuses (nats) per matched candidate, by channel mode: `name` for two capitalised
 * syllables that spell a gazetteer place name, `unit` for a unit word before a capitalised name
 * of that unit ("phuong Thanh Binh" → phường, not phương). Larger bonuses flip common phrases
 * ("các phương án", "Ban Thi đua" → the commune Bản Thi); smaller leave the LM's commoner
 * reading (docs/benchmarks.md, place names).
 */
const PLACE_BONUS: Record<'stripped' | 'garble', { name: number; unit: number }> = {
  stripped: { name: 3, unit: 5 },
  garble: { name: 3, unit: 3 },
};
/**
 * Extra bonus (nats), on top of PLACE_BONUS, for the names of the regions the document is
 * about (document-places.ts): "Tân Thạnh" over the national "Tân Thành" in a Cà Mau resolution.
 * Measured on the 13 merger resolutions of the dev-docs (bench:devdocs, tuned on the odd half;
 * national documents never get a region and stay at 524 errors): stripped, default mode, name/unit
 * 2/2 → 670 errors, 4/2 543, 6/2 485, 6/4 480, 8/2 471, 10/4 459; with the region's rarer
 * syllables offered (PLACE_SYLLABLE_RARE_COST) 4/4 396, 6/4 332, 8/4 317 (odd half 470 / 446 / 441).
 * 6/4 is kept: beyond it the odd half gains ~1 %, and a larger bonus flips more common phrases
 * of a document whose region is found into place names. Garble (English-model OCR of one page
 * per document, 10,337 tokens): none 364 errors, 2/2 355, 4/4 347, 6/4 342.
 */
const LOCAL_PLACE_BONUS: Record<'stripped' | 'garble', { name: number; unit: number }> = {
  stripped: { name: 6, unit: 4 },
  garble: { name: 6, unit: 4 },
};
/**
 * Viterbi beam by mode: wider finds better paths, narrower decodes faster. Stripped text has
 * few candidates per token, so a narrow beam keeps the default mode fast.
 */
const BEAM = { accurate: 32, stripped: 4, other: 8 } as const;
/** Channel candidates kept per token by mode: more candidates reach rarer right words, fewer decode faster. */
const MAX_CANDIDATES = { accurate: 16, stripped: 8, other: 12 } as const;
/** Accurate-mode re-ranking weights (channel scale, forward and backward LM): how much each side of the context counts. */
const RESCORE_CHANNEL = 1;
const RESCORE_FORWARD = 0.5;
const RESCORE_BACKWARD = 0.5;
/** Default-mode selective re-ranking: first-pass confidence below which a slot is re-ranked (higher re-ranks more slots: slower, more accurate). */
const RESCORE_BELOW = 0.9;
/** Channel candidates of a re-ranked slot in stripped text (wider than the first pass's MAX_CANDIDATES.stripped: reaches rarer words at the cost of LM queries). */
const RESCORE_CANDIDATES = 16;
/** Weight of the name prior's −ln P(variant | skeleton) in name runs: higher trusts the name prior over the LM. */
const NAME_WEIGHT = 1.5;
/** Bonus (nats) per syllable of an administrative-term pair, stripped text only: higher favours mined terms over the LM. */
const TERM_BONUS = 0.7;
/** Bonus (nats) for a body head noun before an abbreviation ("Ban TĐKT", not "Bản TĐKT"), every mode: unit-abbreviations.ts. */
const HEAD_BEFORE_ABBREVIATION_BONUS = 2;

/**
 * The default mode re-ranks its unsure slots with the document's model (document-model.ts):
 * fewer errors on whole documents at some speed (docs/benchmarks.md); false keeps it to the
 * accurate mode.
 */
const DOCUMENT_MODEL_IN_DEFAULT_MODE = true;

/**
 * Weight of the neural model's −ln P(marks) added to a candidate's cost, by mode (0: not used
 * in that mode unless asked). Higher trusts the model over the n-gram decoder: on the dev
 * documents' odd half 0.1 and 0.2 gave the fewest errors, 0.3 more, 1 far more (the model
 * alone gets 94.5 % of the marks right, the decoder 98 %). The default mode leaves it off: the
 * model reads about 50–65 k syllables/s on one core, so even its unsure slots' windows would
 * take the mode far below its 200 k syllables/s (docs/benchmarks.md).
 */
// With the pháp điển LM (bench:devdocs --mode accurate, all 40 stripped documents): off 1,608
// errors (odd 777 / even 831), 0.1 1,592 (785 / 807), 0.2 1,609 (799 / 810). The gain has shrunk
// to national documents (515 → 487 errors at 0.1) and merger resolutions lose a little.
const NEURAL_BY_MODE: Record<'fast' | 'accurate', number> = { fast: 0, accurate: 0.1 };

/** Skeletons of administrative unit names that precede a place name (xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh, thôn, ấp, TP). */
const UNIT_SKELETONS = new Set(['xa', 'phuong', 'tran', 'huyen', 'quan', 'pho', 'tinh', 'thon', 'ap', 'tp']);

/** Piece i is a unit word (any case) right before a number on its line: "Phuong 7", "phuong 1". */
function isUnitBeforeNumber(pieces: readonly Piece[], i: number): boolean {
  const a = pieces[i];
  const b = pieces[i + 1];
  return b !== undefined && a.kind === 'word' && b.kind === 'number' && b.line === a.line && b.start === a.start + a.input.length + 1 && UNIT_SKELETONS.has(foldKey(a.input));
}

/** True when the word before piece i on its line names an administrative unit. */
function afterUnitName(pieces: readonly Piece[], i: number): boolean {
  const before = pieces[i - 1];
  return before !== undefined && before.line === pieces[i].line && UNIT_SKELETONS.has(foldKey(before.input));
}

/**
 * Piece i is a unit word with a number beside it on its line, one space apart: "Phuong 7"
 * (Phường 7), "14 phuong, 79 xa" (14 phường, 79 xã).
 */
function isUnitWordBesideNumber(pieces: readonly Piece[], i: number): boolean {
  if (isUnitBeforeNumber(pieces, i)) return true;
  const a = pieces[i];
  const before = pieces[i - 1];
  return before !== undefined && before.kind === 'number' && before.line === a.line && a.start === before.start + before.input.length + 1 && UNIT_SKELETONS.has(foldKey(a.input));
}

export class Restorer {
  readonly channel: ChannelModel;

  /** Forward + backward 4-gram scoring for the accurate mode's re-ranking (committed LM only). */
  private readonly bothWays: ReturnType<typeof bothWaysModel>;

  /** Gazetteer place names (both eras) as lowercase pairs of adjacent syllables ("đại" → "thắng", "trà" → "my"). */
  private readonly placeNames: PairLexicon;

  /** Unit word → first syllable of a gazetteer name of that unit ("phường" → "thanh", "xã" → "đại"). */
  private readonly unitPairs: PairLexicon;

  /** Adjacent syllable pairs inside administrative terms ("thi đua", "đua khen" of "thi đua khen thưởng"). */
  private readonly termPairs: PairLexicon;

  /** Slot templates and per-token facts, shared by all calls. */
  private readonly slots: SlotBuilder;

  /** Loads the neural mark model on first use (restoreAsync); undefined: no neural model. */
  neuralLoader: (() => Promise<NeuralMarkModel>) | undefined;
  private neuralModel: Promise<NeuralMarkModel> | undefined;

  /** The gazetteer by region, for a document's own places (document-places.ts); undefined: national names only. */
  documentPlaces: DocumentPlaces | undefined;
  /** Builds documentPlaces on first use (a few hundred ms: kept out of the restorer's load). */
  documentPlacesLoader: (() => DocumentPlaces) | undefined;

  /** Maps the decoder's confidences to calibrated ones in results (dictionaries/restore/confidence-calibration.json); the text does not depend on it. */
  calibration: ConfidenceCalibration | undefined;
  /** Capital abbreviations the corpus writes with Đ (dictionaries/restore/d-abbreviations.json); absent: D kept. */
  abbreviations: DAbbreviations | undefined;

  constructor(
    readonly lm: DecoderLM, rules: readonly LookalikeRule[], learned?: LearnedChannels, placeNames: Iterable<string> = [],
    /** Prior over person-name syllables (dictionaries/restore/names.json), for name runs. */
    private readonly names?: NamePrior,
    /** Administrative multi-word terms (dictionaries/admin-terms.txt), lowercase surface forms. */
    terms: Iterable<string> = [],
    /** Skeleton trigrams whose middle syllable is certain (src/restore/certain.ts). */
    private readonly certain?: CertainContexts,
  ) {
    this.channel = new ChannelModel(lm, rules, learned);
    this.bothWays = bothWaysModel(lm);
    this.slots = new SlotBuilder(lm, this.channel);
    const places: [string, string][] = [];
    const units: [string, string][] = [];
    for (const fullName of placeNames) {
      // "phường Thanh Bình": the unit is the leading lowercase words (none for a bare name).
      const words = fullName.split(' ');
      let start = 0;
      while (start < words.length - 1 && words[start] === words[start].toLowerCase()) start++;
      const syllables = fullName.toLowerCase().split(' ');
      if (start > 0) units.push([syllables[start - 1], syllables[start]]);
      for (let i = start; i + 1 < syllables.length; i++) places.push([syllables[i], syllables[i + 1]]);
    }
    this.placeNames = PairLexicon.of(places);
    this.unitPairs = PairLexicon.of(units);
    const pairs: [string, string][] = [];
    for (const term of terms) {
      const syllables = term.toLowerCase().split(' ');
      for (let i = 0; i + 1 < syllables.length; i++) pairs.push([syllables[i], syllables[i + 1]]);
    }
    this.termPairs = PairLexicon.of(pairs);
  }

  /**
   * Proper nouns: two adjacent capitalised tokens whose candidates spell a gazetteer place
   * name ("Pai Thang" → Đại Thắng) get a channel bonus — the LM alone knows few local names.
   */
  private boostPlaceNames(pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], mode: ChannelMode, local?: LocalPlaces): void {
    if (this.placeNames.size === 0) return;
    for (let i = 0; i + 1 < pieces.length; i++) this.boostPair(pieces, infos, slots, i, true, true, mode, local);
  }

  /** The place-name bonus for the pair (i, i + 1), applied to the left and/or right slot. */
  private boostPair(pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], i: number, toLeft: boolean, toRight: boolean, mode: ChannelMode, local?: LocalPlaces): void {
    const kind = mode === 'stripped' ? 'stripped' : 'garble';
    const bonus = PLACE_BONUS[kind];
    const localBonus = LOCAL_PLACE_BONUS[kind];
    const a = pieces[i];
    const b = pieces[i + 1];
    if (a.kind !== 'word' || b.sentenceStart || a.line !== b.line) return;
    if (b.kind === 'number') {
      // "Phuong 7", "phuong 1": the unit word of a numbered ward (the gazetteer's "phường 7").
      if (toLeft && isUnitBeforeNumber(pieces, i)) applyPairBonus(this.unitPairs, slots, i, bonus.unit, true, false, true);
      return;
    }
    if (b.kind !== 'word' || !infos[i + 1].capitalised) return;
    if (!infos[i].capitalised) {
      // "phuong Thanh Binh": the unit word before a place name of that unit.
      if (this.isUnitWordBeforeName(pieces, infos, i)) {
        applyPairBonus(this.unitPairs, slots, i, bonus.unit, toLeft, toRight, true);
        if (local) applyPairBonus(local.units, slots, i, localBonus.unit, toLeft, toRight, true);
      }
      return;
    }
    // In ALL CAPS every word is capitalised ("THONG TIN" would read Thường Tân): there a place
    // name follows the name of its unit ("XÃ ĐẠI THẮNG", "HUYỆN CHÂU THÀNH").
    if (infos[i].caseShape === CASE_ALL_CAPS && infos[i + 1].caseShape === CASE_ALL_CAPS && !afterUnitName(pieces, i)) return;
    // A bonus below zero on purpose: a place name must outweigh common phrases ("đầu tháng").
    applyPairBonus(this.placeNames, slots, i, bonus.name, toLeft, toRight, true);
    if (local) applyPairBonus(local.names, slots, i, localBonus.name, toLeft, toRight, true);
  }

  /** Term bonus over the whole text, or (with `at`) for the pairs around one rebuilt slot (that slot only). */
  private boostTerms(pieces: readonly Piece[], slots: TokenSlot[], bonus: number, at?: number): void {
    if (this.termPairs.size === 0) return;
    const isPair = (i: number): boolean => pieces[i].kind === 'word' && pieces[i + 1].kind === 'word' && !pieces[i + 1].sentenceStart;
    if (at === undefined) applyPairBonusAll(this.termPairs, slots, bonus, isPair);
    else applyPairBonusAround(this.termPairs, slots, at, bonus, isPair);
  }

  /** Restores `input` without the neural model (it runs asynchronously: restoreAsync). */
  restore(input: string, options: RestoreOptions = {}): RestoreResult {
    const steps = this.steps(input, options, false);
    let step = steps.next();
    while (!step.done) step = steps.next(undefined);
    return step.value;
  }

  /** Restores `input`, with the neural mark model where the options and the mode call for it (neuralLoader). */
  async restoreAsync(input: string, options: RestoreOptions = {}): Promise<RestoreResult> {
    if (!this.neuralLoader || options.neural === false) return this.restore(input, options);
    const steps = this.steps(input, options, true);
    let step = steps.next();
    while (!step.done) {
      const request = step.value;
      this.neuralModel ??= this.neuralLoader();
      this.neuralModel.catch(() => { this.neuralModel = undefined; });
      const scores = await (await this.neuralModel).score(request.pieces, request.wanted, request.caseShapes);
      step = steps.next(scores);
    }
    return step.value;
  }

  /**
   * The restoration, as steps: it yields a request for the neural model's scores when it wants
   * them (only if `neuralAvailable`) and goes on with the answer (undefined: without them).
   */
  private *steps(input: string, options: RestoreOptions, neuralAvailable: boolean): Generator<NeuralRequest, RestoreResult, MarkScores | undefined> {
    const lines = input.split('\n');
    const repaired = repairListLetters(repairRomanMarkers(repairEth(lines)));
    // Repairs are rare: the text itself when no line changed.
    const text = repaired.every((line, i) => line === lines[i]) ? input : repaired.join('\n');
    const pieces = tokenize(text);
    wordsAmongCapitals(pieces, (lower) => this.lm.variantsOf(foldKey(lower)).length > 0);
    const n = pieces.length;
    const infos: TokenInfo[] = new Array(n);
    let words = 0;
    let marked = 0;
    let known = 0;
    let ocrSigned = 0;
    /** Words whose reading only a fuzzy search can tell (foreign words, codes, heavy garble). */
    const searchable: number[] = [];
    for (let i = 0; i < n; i++) {
      const piece = pieces[i];
      const info = this.slots.info(piece.input);
      infos[i] = info;
      if (piece.kind !== 'word') continue;
      words++;
      if (info.marked) marked++;
      if (this.slots.knownAtAGlance(piece.input, info)) known++;
      else searchable.push(i);
      if (info.englishOcrSign) ocrSigned++;
    }
    // ALL CAPS headings flattened into a line (a table row, a signature block).
    markHeadingEnds(pieces, infos);
    romanSyllablesInCaps(pieces, infos);
    const policy = options.restore ?? 'auto';
    // The fuzzy searches (near a tenth of the time on stripped text) only until the decision is
    // certain: in clearly Vietnamese text the syllables at a glance settle it alone.
    const vietnamese = (k: number): boolean => knownEnoughToRestore(k, words);
    const knownAfterSearch = (s: number): boolean => this.slots.known(pieces[searchable[s]].input, infos[searchable[s]]);
    let searched = 0;
    for (; policy === 'auto' && searched < searchable.length && !vietnamese(known) && vietnamese(known + searchable.length - searched); searched++) {
      if (knownAfterSearch(searched)) known++;
    }
    const accentedRatioBefore = words ? marked / words : 0;
    let knownRatio = words ? known / words : 0;
    const apply = policy === 'always' || (policy === 'auto' && vietnamese(known));
    if (!apply) {
      return {
        text: input,
        tokens: pieces.map((p) => ({ input: p.input, output: p.input, start: p.start, end: p.start + p.input.length, confidence: 1 })),
        stats: { applied: false, channelMode: 'none', accentedRatioBefore, knownRatio, changedTokens: 0, totalTokens: pieces.length, meanConfidence: 1 },
        offsetMap: [{ outStart: 0, outEnd: input.length, inStart: 0, inEnd: input.length }],
      };
    }
    const ocrSignShare = ocrSigned / Math.max(1, words);
    const mode: ChannelMode = markState(accentedRatioBefore, ocrSignShare);
    // Stripped and garbled text write every Đ as D: "TT-BLDTBXH" → "TT-BLĐTBXH" where the corpus always writes Đ.
    if (mode !== 'clean' && this.abbreviations) this.abbreviations.applyTo(pieces, (lower) => this.lm.variantsOf(foldKey(lower)).length > 0);
    const decodeOptions: DecodeOptions = {
      beam: options.beam ?? (options.mode === 'accurate' ? BEAM.accurate : mode === 'stripped' ? BEAM.stripped : BEAM.other),
      channelWeight: options.channelWeight ?? (mode === 'garble' ? GARBLE_CHANNEL_WEIGHT : 1),
      bothSides: true,
      alternatives: options.alternatives ?? 0,
    };
    const maxCandidates = options.maxCandidates ?? (options.mode === 'accurate' ? MAX_CANDIDATES.accurate : mode === 'stripped' ? MAX_CANDIDATES.stripped : MAX_CANDIDATES.other);
    const slots: TokenSlot[] = new Array(n);
    const table = this.slots.table(mode, maxCandidates);
    for (let i = 0; i < n; i++) slots[i] = table.slotFor(pieces[i], infos[i]);
    // Garbled text's slots hold every word's garble readings: the rest of the count is free now.
    if (mode === 'garble') {
      for (; searched < searchable.length; searched++) if (knownAfterSearch(searched)) known++;
      knownRatio = known / words;
    }
    // Person names ("Ông Nguyen Quang Hai"): their syllables follow the name prior, not the LM alone.
    const nameWeight = options.nameWeight ?? NAME_WEIGHT;
    const roles = mode !== 'clean' && this.names && nameWeight > 0 ? nameRoles(pieces, slots, text, this.names) : undefined;
    const names = roles && this.names ? { roles, prior: this.names, weight: nameWeight } : undefined;
    // Before the bonuses below, which then skip the fixed slots (and pair with their spelling only).
    if (mode === 'stripped' && options.mode !== 'accurate' && options.certainContexts !== false) this.fixCertain(pieces, infos, slots, roles);
    // The document's own places: the regions it is about, and the gazetteer syllables the LM lacks.
    if (mode !== 'clean' && !this.documentPlaces && this.documentPlacesLoader) this.documentPlaces = this.documentPlacesLoader();
    const local = mode !== 'clean' && this.documentPlaces ? this.localPlaces(pieces, infos, slots) : undefined;
    if (mode !== 'clean') this.boostPlaceNames(pieces, infos, slots, mode, local);
    // Administrative terms: a small bonus for candidate pairs that spell a mined multi-word term.
    // Stripped text only: on garbled text the bonus did not lower the errors.
    const termBonus = mode === 'stripped' ? options.termBonus ?? TERM_BONUS : 0;
    if (termBonus > 0) this.boostTerms(pieces, slots, termBonus);
    boostHeadsBeforeAbbreviations(pieces, infos, slots, HEAD_BEFORE_ABBREVIATION_BONUS);
    if (names) this.applyNames(slots, names, pieces);
    const rescore: RescoreOptions = { channelWeight: decodeOptions.channelWeight * RESCORE_CHANNEL, forwardWeight: RESCORE_FORWARD, backwardWeight: RESCORE_BACKWARD, alternatives: decodeOptions.alternatives };
    const rescoreBelow = options.mode === 'accurate' ? Infinity : options.rescoreBelow ?? RESCORE_BELOW;
    // Stripped text: the Viterbi sees few candidates (fast); re-ranked slots get a wider list.
    const widen = mode === 'stripped' && options.mode !== 'accurate' ? Math.max(maxCandidates, options.rescoreCandidates ?? RESCORE_CANDIDATES) : maxCandidates;
    // The document as evidence for the slots in doubt, in stripped text only: in garbled text it
    // moved first-pass choices that garble's clean pass then keeps but a restore of the output
    // (clean text) changes back — restore would no longer be idempotent on the seeds.
    const document = mode !== 'stripped' || options.documentModel === false || (options.mode !== 'accurate' && !DOCUMENT_MODEL_IN_DEFAULT_MODE && !options.documentModel) ? undefined
      : typeof options.documentModel === 'object' ? { ...DOCUMENT_MODEL_DEFAULTS, ...options.documentModel } : DOCUMENT_MODEL_DEFAULTS;
    // The neural model reads stripped text (it was trained on skeletons), with its weight by mode.
    const neuralOption = options.neural ?? NEURAL_BY_MODE[options.mode === 'accurate' ? 'accurate' : 'fast'];
    const neuralWeight = !neuralAvailable || mode !== 'stripped' ? 0 : neuralOption === true ? 1 : neuralOption === false ? 0 : neuralOption;
    const caseShapes = (i: number) => infos[i].caseShape;
    const restorer = this;
    function* decode(s: TokenSlot[], document?: DocumentModelOptions): Generator<NeuralRequest, { slots: TokenSlot[]; decisions: Decision[] }, MarkScores | undefined> {
      const everywhere = rescoreBelow === Infinity;
      // Accurate mode: the model's cost on every slot, before the first pass.
      if (neuralWeight > 0 && everywhere) applyMarkScores(s, yield { pieces, wanted: undefined, caseShapes }, neuralWeight);
      const first = decodeSlots(restorer.lm, s, decodeOptions);
      if (!restorer.bothWays || rescoreBelow <= 0) return { slots: s, decisions: first };
      if (everywhere) {
        const all = rescoreBothSides(restorer.bothWays, s, first, rescore);
        // Accurate mode: then its unsure slots again, with the document's model.
        return document ? adaptToDocument(restorer.lm, restorer.bothWays, pieces, infos, s, all, rescore, document) : { slots: s, decisions: all };
      }
      const only = unsureSlots(first, rescoreBelow);
      // Default mode: the model's scores for the windows that hold an unsure slot only.
      const neural = neuralWeight > 0 && only.includes(1) ? { scores: yield { pieces, wanted: only, caseShapes }, weight: neuralWeight } : undefined;
      return restorer.rerankUnsure(restorer.bothWays, pieces, infos, s, first, { ...rescore, only, widen: widen > maxCandidates ? widen : 0, mode, termBonus, names, document, neural, local });
    }
    let { slots: finalSlots, decisions } = yield* decode(slots, document);
    /** Decisions whose confidences are reported (same choices as `decisions`). */
    let reported: Decision[] | undefined;
    if (mode === 'garble') {
      // Second pass over the first pass's output as text that has its marks (clean channel):
      // it fixes words whose marks the first pass got wrong, and makes restore idempotent
      // (restoring the output again would run exactly this clean pass).
      const refined: TokenSlot[] = new Array(n);
      const cleanTable = this.slots.table('clean', maxCandidates);
      for (let i = 0; i < n; i++) refined[i] = this.refineSlot(pieces[i], finalSlots[i], decisions[i].index, cleanTable);
      // The clean pass must see the place names too, or "tháng" wins back "Đại Thắng".
      this.boostPlaceNames(pieces, infos, refined, mode, local);
      boostHeadsBeforeAbbreviations(pieces, infos, refined, HEAD_BEFORE_ABBREVIATION_BONUS);
      if (names) this.applyNames(refined, names);
      const garbled = decisions;
      ({ slots: finalSlots, decisions } = yield* decode(refined));
      reported = garbleConfidences(garbled, decisions);
    }
    const style = options.toneStyle ?? 'old';
    const calibrate = this.calibration?.mapper(mode, options.mode === 'accurate' ? 'accurate' : 'fast');
    return assemble(text, pieces, infos, finalSlots, reported ?? decisions, style, { accentedRatioBefore, knownRatio, mode, calibrate });
  }

  /**
   * Stripped text, default mode: a syllable whose skeleton context is certain in the training
   * corpus keeps only that spelling (when the channel offers it), so decoding spends its LM
   * queries on the syllables in doubt. Name runs are left to the name prior.
   */
  private fixCertain(pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], roles: Int8Array | undefined): void {
    const certain = this.certain;
    if (!certain) return;
    const hashes = keyHashes(pieceKeys(pieces, (_piece, i) => (infos[i].marked ? foldKey(infos[i].lower) : infos[i].lower)));
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (piece.kind !== 'word' || infos[i].marked || (roles && roles[i] !== NAME_NONE)) continue;
      const slot = slots[i];
      if (slot.candidates.length < 2) continue;
      // A capitalised word that may spell a place name with a neighbour ("HOP CHAU" = Hợp Châu)
      // is left to the decoder and the gazetteer bonus: the corpus contexts know few local names.
      if (infos[i].capitalised && this.mayBePlaceName(slots, i)) continue;
      // Likewise the unit word before such a name ("phuong Thanh Binh": phường, not phương).
      if (this.isUnitWordBeforeName(pieces, infos, i) && this.unitPairs.matches(slot.template, slots[i + 1].template).length > 0) continue;
      // And a unit word beside a number ("Phuong 7", "14 phuong"): the corpus's certain contexts
      // are mostly its own few phrases; left to the decoder, "phường" of the 40 dev-docs went from
      // 56 errors to 23, and the whole-document errors (default mode) from 1,679 to 1,650.
      if (isUnitWordBesideNumber(pieces, i)) continue;
      const word = certain.lookupAt(pieces, hashes, i);
      if (word === undefined) continue;
      let c = 0;
      while (c < slot.candidates.length && slot.candidates[c].word !== word) c++;
      if (c === slot.candidates.length) continue;
      slots[i] = slotOf(this.slots.fixedTemplate(word), slot.sentenceStart);
    }
  }

  /** The document's regions (document-places.ts) with the gazetteer syllables the LM lacks offered to its capitalised words. */
  private localPlaces(pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[]): LocalPlaces | undefined {
    const places = this.documentPlaces;
    if (!places) return undefined;
    const local = places.local(documentRegions(places, pieces, infos, slots));
    if (local) offerPlaceSyllables(places, local, pieces, infos, slots);
    return local;
  }

  /**
   * Piece i is a lowercase unit word ("phuong", "xa") followed by a capitalised word with one
   * space between: "xã, Trưởng phòng" and "xã - Trưởng ban" (punctuation between) are not names.
   */
  private isUnitWordBeforeName(pieces: readonly Piece[], infos: readonly TokenInfo[], i: number): boolean {
    const a = pieces[i];
    const b = pieces[i + 1];
    return b !== undefined && b.kind === 'word' && b.line === a.line && b.start === a.start + a.input.length + 1 && infos[i + 1].capitalised
      && !infos[i].capitalised && UNIT_SKELETONS.has(foldKey(a.input));
  }

  /** Whether slot i's candidates spell a gazetteer place name with a candidate of a neighbour. */
  private mayBePlaceName(slots: readonly TokenSlot[], i: number): boolean {
    if (this.placeNames.size === 0) return false;
    return (i > 0 && this.placeNames.matches(slots[i - 1].template, slots[i].template).length > 0)
      || (i + 1 < slots.length && this.placeNames.matches(slots[i].template, slots[i + 1].template).length > 0);
  }

  /** The name prior on the slots of detected name runs (each such slot gets its own costs first). */
  private applyNames(slots: TokenSlot[], names: { roles: Int8Array; prior: NamePrior; weight: number }, pieces?: readonly Piece[]): void {
    for (let i = 0; i < slots.length; i++) if (names.roles[i] !== NAME_NONE) applyNamePrior(ownSlot(slots, i), names.roles[i], names.prior, names.weight, pieces?.[i].input);
  }

  /**
   * Default mode: both-sides 4-gram re-ranking of the slots whose first-pass confidence is
   * below `below` only; confident slots stay as decoded and serve as context. With `widen`,
   * a re-ranked slot is rebuilt with that many channel candidates (the first pass keeps few
   * for speed, and the right word is sometimes beyond them). Returns the slots the decisions index.
   */
  private rerankUnsure(
    model: NonNullable<Restorer['bothWays']>, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[], first: Decision[],
    opts: RescoreOptions & {
      /** The slots to re-rank (unsureSlots). */
      only: Uint8Array;
      widen: number; mode: ChannelMode; termBonus: number; names?: { roles: Int8Array; prior: NamePrior; weight: number };
      /** Re-rank with the document's own model (document-model.ts) instead of the global one. */
      document?: DocumentModelOptions;
      /** The neural model's scores, added to the re-ranked slots' candidates (applyMarkScores). */
      neural?: { scores: MarkScores | undefined; weight: number };
      /** The document's regions' place names (document-places.ts). */
      local?: LocalPlaces;
    },
  ): { slots: TokenSlot[]; decisions: Decision[] } {
    const n = first.length;
    const only = opts.only;
    if (!only.includes(1)) return { slots, decisions: first };
    let used = slots;
    let decisions = first;
    if (opts.widen > 0) {
      used = slots.slice();
      decisions = first.slice();
      const wideTable = this.slots.table(opts.mode, opts.widen);
      for (let t = 0; t < n; t++) {
        if (!only[t] || pieces[t].kind !== 'word') continue;
        const wide = wideTable.wordSlot(pieces[t].input, pieces[t].sentenceStart);
        if (wide.candidates.length <= slots[t].candidates.length) continue;
        // The narrow list is a prefix of the wide one (same channel order): find the chosen word in it.
        const word = slots[t].candidates[first[t].index].word;
        // A plain loop, not findIndex with a closure over `word` (a context per re-ranked slot).
        let index = 0;
        while (index < wide.candidates.length && wide.candidates[index].word !== word) index++;
        if (index === wide.candidates.length) continue;
        used[t] = wide;
        decisions[t] = { ...first[t], index };
        // The rebuilt slot needs the place-name bonus its narrow version had.
        if (this.placeNames.size > 0) {
          if (t > 0) this.boostPair(pieces, infos, used, t - 1, false, true, opts.mode, opts.local);
          if (t + 1 < n) this.boostPair(pieces, infos, used, t, true, false, opts.mode, opts.local);
        }
        if (opts.names && opts.names.roles[t] !== NAME_NONE) applyNamePrior(ownSlot(used, t), opts.names.roles[t], opts.names.prior, opts.names.weight, pieces[t].input);
        if (opts.termBonus > 0) this.boostTerms(pieces, used, opts.termBonus, t);
        boostHeadsBeforeAbbreviations(pieces, infos, used, HEAD_BEFORE_ABBREVIATION_BONUS, t);
      }
    }
    if (opts.neural?.scores) {
      if (used === slots) used = slots.slice();
      applyMarkScores(used, opts.neural.scores, opts.neural.weight, only);
    }
    if (opts.document) return adaptToDocument(this.lm, model, pieces, infos, used, decisions, { ...opts, only }, opts.document);
    return { slots: used, decisions: rescoreBothSides(model, used, decisions, { ...opts, only }) };
  }

  /** Clean-channel slot around a first-pass choice; fixed and number choices stay as chosen. */
  private refineSlot(piece: Piece, slot: TokenSlot, chosen: number, cleanTable: SlotTable): TokenSlot {
    const candidate = slot.candidates[chosen];
    // The chosen candidate keeps the cost the first pass gave it (bonuses included), in a template of its own.
    if (piece.kind !== 'word') return slotOf(makeTemplate([{ word: candidate.word, cost: candidate.cost }], [slot.ids[chosen]]), slot.sentenceStart);
    if (slot.ids[chosen] < 0) return slotOf(makeTemplate([{ word: candidate.word, cost: candidate.cost }], [-1]), slot.sentenceStart);
    return cleanTable.wordSlot(candidate.word, piece.sentenceStart);
  }
}

/** The slots whose first-pass confidence is below `below` (1 = re-rank). */
function unsureSlots(first: readonly Decision[], below: number): Uint8Array {
  const only = new Uint8Array(first.length);
  for (let t = 0; t < first.length; t++) if (first[t].confidence < below) only[t] = 1;
  return only;
}

/**
 * Reported confidences of garbled text. The final (clean) pass sees one spelling per word — the
 * first pass's choice, written with its marks — so its confidences are ~1 everywhere and say
 * nothing about the garble. The first pass, under the garble channel, is where the readings
 * competed: a token is as sure as the less sure of the two passes.
 */
function garbleConfidences(garbled: readonly Decision[], clean: readonly Decision[]): Decision[] {
  return clean.map((d, i) => {
    const first = garbled[i].confidence;
    return first < d.confidence ? { ...d, confidence: first } : d;
  });
}
