/**
 * Decoder slots from shared templates. A slot's candidate list and LM ids depend only on the
 * token as written, the channel mode and the list size, so they are built once per distinct
 * (token, mode, size) and shared by every occurrence. A slot whose costs a bonus or prior
 * changes (place names, administrative terms, person names) gets its own list first, and a
 * changed candidate is a new object (copy-on-write: ownSlot, changeCost); the decoder and the
 * re-ranker only read slots.
 * Per-token facts the restorer needs (lowercase form, marks, case pattern…) are kept per
 * distinct token the same way (TokenInfo).
 */
import type { Candidate, ChannelMode, ChannelModel } from './channel.js';
import type { Slot } from './decoder.js';
import type { DecoderLM } from './decoder-lm.js';
import { caseShape, englishOcrSignature, hasMarks, type CaseShape } from './text.js';
import type { Piece } from './tokenize.js';

/** Extra cost of reading a bare short number as a word ("12" = là): higher keeps numbers, lower lets garbled words that look like numbers be read. */
const NUMBER_AS_WORD_COST = 2;
/** Cost of keeping a token as written when the channel offers other readings. */
const UNKNOWN_KEEP_COST: Record<ChannelMode, number> = { stripped: 3, garble: 3, clean: 0.5 };
/** Cache bounds (entries): a long-running process sees an open-ended set of tokens (word templates live in TokenInfo). */
const TEMPLATE_LIMIT = 100_000;
const INFO_LIMIT = 200_000;

/** The shared candidate list and LM ids of every token with the same (input, mode, list size). */
export interface SlotTemplate {
  /** Unique per template built in this process (from 1): the pair memos' numeric key. */
  readonly id: number;
  readonly candidates: readonly Candidate[];
  readonly ids: readonly number[];
  /** The slots that use the template unchanged: [no restart before it, restart] (built on first use). */
  readonly shared: [TokenSlot | undefined, TokenSlot | undefined];
}

/** A decoder slot that knows its template (the key of the pair memos). */
export interface TokenSlot extends Slot {
  readonly template: SlotTemplate;
  /** Used by more than one token (a template's slot, a memoised boosted slot): copy before changing (ownSlot). */
  readonly shared: boolean;
}

/** Facts about one distinct token as written (kept per process, not per occurrence). */
export interface TokenInfo {
  lower: string;
  /** Carries a Vietnamese mark or đ. */
  marked: boolean;
  /** Carries a mark of English-model OCR (a digit or & ¢ € |, capital Đ read as P, Ợ as Q): see englishOcrSignature. */
  englishOcrSign: boolean;
  /** Starts with a capital (or "|", Latin OCR's Đ). */
  capitalised: boolean;
  caseShape: CaseShape;
  /** The garble channel offers it a reading (-1: not asked yet). */
  known: -1 | 0 | 1;
  /** It offers one that needs no search (-1: not asked yet; 0: only `known` can tell). */
  knownAtAGlance: -1 | 0 | 1;
  /** Its word templates, by SlotTable id (filled on first use). */
  readonly words: (SlotTemplate | undefined)[];
}

/**
 * Tests freeze every template (a write into a shared candidate then throws instead of
 * leaking into other tokens); off in production, where frozen arrays and objects would make
 * the decoder's reads polymorphic.
 */
let freezeTemplates = false;

/** Freeze templates built from now on (a check for tests); returns the previous setting. */
export function setTemplateFreezing(on: boolean): boolean {
  const before = freezeTemplates;
  freezeTemplates = on;
  return before;
}

let nextTemplateId = 1;

/** A template over a new candidate list and its LM ids (the lists must not be changed afterwards). */
export function makeTemplate(candidates: Candidate[], ids: number[]): SlotTemplate {
  if (freezeTemplates) {
    freezeCandidates(candidates);
    Object.freeze(ids);
  }
  return { id: nextTemplateId++, candidates, ids, shared: [undefined, undefined] };
}

/** A slot about to be shared by several tokens: frozen too when tests ask for it. */
export function sharing(slot: TokenSlot): TokenSlot {
  if (freezeTemplates) freezeCandidates(slot.candidates);
  return slot;
}

function freezeCandidates(candidates: Candidate[]): void {
  for (const c of candidates) Object.freeze(c);
  Object.freeze(candidates);
}

/** The slot for one occurrence: the template's shared slot for this restart flag. */
export function slotOf(template: SlotTemplate, sentenceStart: boolean): TokenSlot {
  const k = sentenceStart ? 1 : 0;
  let slot = template.shared[k];
  if (slot === undefined) {
    slot = { candidates: template.candidates as Candidate[], ids: template.ids as number[], sentenceStart, template, shared: true };
    template.shared[k] = slot;
  }
  return slot;
}

/**
 * slots[i] with a candidate list of its own, ready for changeCost: a shared slot is replaced
 * by a copy with its own list (the candidate objects stay shared until changeCost replaces them).
 */
export function ownSlot(slots: TokenSlot[], i: number): TokenSlot {
  const slot = slots[i];
  if (!slot.shared) return slot;
  const owned = copySlot(slot, false);
  slots[i] = owned;
  return owned;
}

/** A slot like `slot` with a candidate list of its own; `shared`: it will be handed to several tokens. */
export function copySlot(slot: TokenSlot, shared: boolean): TokenSlot {
  return { candidates: slot.candidates.slice(), ids: slot.ids, sentenceStart: slot.sentenceStart, template: slot.template, shared };
}

/**
 * Sets candidate j's cost in a slot with its own list (ownSlot, copySlot). The candidate
 * object is replaced, never written: it may still be the template's, which other tokens share.
 */
export function changeCost(slot: Slot, j: number, cost: number): void {
  slot.candidates[j] = { word: slot.candidates[j].word, cost };
}

/** Slot templates and token facts over one LM and channel, cached per process (bounded). */
export class SlotBuilder {
  private readonly infos = new Map<string, TokenInfo>();
  /** Slot tables per `${mode}:${maxCandidates}`. */
  private readonly tables = new Map<string, SlotTable>();
  /** Number templates: [plain, may be a garbled word (garble mode)], per input. */
  private readonly numbers = [new Map<string, SlotTemplate>(), new Map<string, SlotTemplate>()];
  private readonly fixed = new Map<string, SlotTemplate>();

  constructor(private readonly lm: DecoderLM, private readonly channel: ChannelModel) {}

  /** Facts about a token as written. */
  info(input: string): TokenInfo {
    let info = this.infos.get(input);
    if (info === undefined) {
      info = {
        lower: input.toLowerCase(), marked: hasMarks(input), englishOcrSign: englishOcrSignature(input),
        capitalised: /^[\p{Lu}|]/u.test(input), caseShape: caseShape(input), known: -1, knownAtAGlance: -1, words: [],
      };
      if (this.infos.size >= INFO_LIMIT) this.infos.clear();
      this.infos.set(input, info);
    }
    return info;
  }

  /** True when the garble channel offers the token any reading (the "is this Vietnamese" test). */
  known(input: string, info: TokenInfo): boolean {
    if (info.known < 0) info.known = this.channel.offersGarbleReading(input) ? 1 : 0;
    return info.known === 1;
  }

  /**
   * True when known() is true without a fuzzy search (ChannelModel.offersReadingAtAGlance);
   * false when only known() can tell. Whatever earlier texts asked: the same for every text.
   */
  knownAtAGlance(input: string, info: TokenInfo): boolean {
    if (info.knownAtAGlance < 0) info.knownAtAGlance = this.channel.offersReadingAtAGlance(input.normalize('NFC').toLowerCase()) ? 1 : 0;
    return info.knownAtAGlance === 1;
  }

  /** The slots for a channel mode and candidate list size (look it up once per text, not per token). */
  table(mode: ChannelMode, maxCandidates: number): SlotTable {
    const key = `${mode}:${maxCandidates}`;
    let table = this.tables.get(key);
    if (table === undefined) {
      table = new SlotTable(this, this.tables.size, mode, maxCandidates);
      this.tables.set(key, table);
    }
    return table;
  }

  /** @internal (SlotTable) */
  wordTemplate(input: string, mode: ChannelMode, maxCandidates: number): SlotTemplate {
    const lower = input.toLowerCase();
    // Stripped text has no OCR garble: letters with digits are units and codes ("m2", "h5n1"), kept.
    if (mode === 'stripped' && /\d/.test(input)) return makeTemplate([{ word: lower, cost: 0 }], [-1]);
    const all = this.channel.candidates(input, mode);
    const found = all.length > maxCandidates ? all.slice(0, maxCandidates) : all;
    // Built by push, not map(): map's arrays are "holey" to V8, the other templates' literals are
    // not, and each new kind that reaches the decoder's hot functions made V8 recompile them
    // (the Viterbi 6–7 times per run instead of 3, ~50 ms of compiler time each).
    const candidates: Candidate[] = [];
    // Only offered syllables carry LM ids; a kept garble token ("x&", "caa") is out of vocabulary.
    const ids: number[] = [];
    for (const c of found) {
      candidates.push({ word: c.word, cost: c.cost });
      ids.push(this.lm.id(c.word));
    }
    if (!found.some((c) => c.word === lower)) {
      candidates.push({ word: lower, cost: found.length ? UNKNOWN_KEEP_COST[mode] : 0 });
      ids.push(-1);
    }
    return makeTemplate(candidates, ids);
  }

  /** @internal (SlotTable) */
  numberTemplate(input: string, mayBeWord: boolean): SlotTemplate {
    const table = this.numbers[mayBeWord ? 1 : 0];
    let template = table.get(input);
    if (template === undefined) {
      const candidates: Candidate[] = [{ word: input, cost: 0 }];
      const ids = [this.lm.numberId];
      // Only English-model OCR turns syllables into digits ("12" = là); elsewhere a number is a number.
      if (mayBeWord) {
        for (const c of this.channel.candidates(input, 'garble')) {
          candidates.push({ word: c.word, cost: c.cost + NUMBER_AS_WORD_COST });
          ids.push(this.lm.id(c.word));
        }
      }
      template = makeTemplate(candidates, ids);
      if (table.size >= TEMPLATE_LIMIT) table.clear();
      table.set(input, template);
    }
    return template;
  }

  /** The one-candidate template of a fixed spelling (fixed pieces; syllables fixed by certain contexts). */
  fixedTemplate(fixed: string): SlotTemplate {
    let template = this.fixed.get(fixed);
    if (template === undefined) {
      // Symbols that start with a number ("595/KH-UBND", "91/2017/NĐ-CP") read as numbers to the LM ("số <num>").
      const id = /^\d/.test(fixed) ? this.lm.numberId : this.lm.id(fixed.toLowerCase());
      template = makeTemplate([{ word: fixed, cost: 0 }], [id]);
      if (this.fixed.size >= TEMPLATE_LIMIT) this.fixed.clear();
      this.fixed.set(fixed, template);
    }
    return template;
  }
}

/** Slots of one channel mode and candidate list size; word templates live in the tokens' TokenInfo. */
export class SlotTable {
  constructor(
    private readonly builder: SlotBuilder,
    /** Index of the table's word templates in TokenInfo.words. */
    private readonly id: number,
    readonly mode: ChannelMode, readonly maxCandidates: number,
  ) {}

  /** The slot of a piece; `info` is builder.info(piece.input). */
  slotFor(piece: Piece, info: TokenInfo): TokenSlot {
    if (piece.kind === 'fixed') return slotOf(this.builder.fixedTemplate(piece.fixed), piece.sentenceStart);
    if (piece.kind === 'number') return slotOf(this.builder.numberTemplate(piece.input, piece.mayBeWord && this.mode === 'garble'), piece.sentenceStart);
    return this.wordSlotOf(piece.input, info, piece.sentenceStart);
  }

  /** The slot of a word token (any case). */
  wordSlot(input: string, sentenceStart: boolean): TokenSlot {
    return this.wordSlotOf(input, this.builder.info(input), sentenceStart);
  }

  private wordSlotOf(input: string, info: TokenInfo, sentenceStart: boolean): TokenSlot {
    let template = info.words[this.id];
    if (template === undefined) {
      template = this.builder.wordTemplate(input, this.mode, this.maxCandidates);
      info.words[this.id] = template;
    }
    return slotOf(template, sentenceStart);
  }
}
