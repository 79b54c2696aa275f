/**
 * Word-pair lexicons (two-syllable place names of the gazetteer, adjacent syllables of the
 * administrative terms) and the channel bonus for adjacent candidates that spell a pair.
 * The matches between two slots depend only on their templates' words, so they are
 * memoised per template pair; a whole text's term bonus also reuses the boosted slots, since
 * a slot's boosted costs depend only on its template and its two neighbours' templates (most
 * adjacent word pairs of administrative text match some term pair). That memo is keyed by
 * the three template ids in a typed-array table: the bonus pass is one probe per token.
 */
import { changeCost, copySlot, ownSlot, sharing, type SlotTemplate, type TokenSlot } from './slots.js';

/** Memo bounds (entries). */
const MATCH_MEMO_LIMIT = 200_000;
/** log2 of the boosted-slot memo's capacity (half of it is used before clearing). */
const BOOSTED_MEMO_BITS = 17;

/** Not frozen: a frozen array has a map of its own, and the code reading matches would see two. */
const NO_MATCHES: readonly number[] = [];

/**
 * Boosted slots by (left neighbour's template id or 0, template id, right neighbour's
 * template id or 0, restart flag): open addressing over Int32Array keys, slots in a parallel
 * array (null: no pair matched, the slot stays as it is). Starts small and doubles when half
 * full (a fresh memo of the full size costs the first document milliseconds to allocate);
 * at its full size, cleared when half full.
 */
class BoostedMemo {
  private keys: Int32Array;
  private values: (TokenSlot | null | undefined)[];
  private mask: number;
  private size = 0;

  // Starts tiny (see RunShapeTable in tokenize.ts): the doubling path runs before V8 optimises the bonus pass.
  constructor(private readonly capacityLog2: number, initialLog2 = 6) {
    const capacity = 1 << Math.min(initialLog2, capacityLog2);
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity * 3);
    this.values = new Array<TokenSlot | null | undefined>(capacity).fill(undefined);
  }

  /** Doubles the table (re-inserting every entry), or empties it at its full size. */
  private makeRoom(): void {
    const capacity = this.values.length;
    if (capacity >= 1 << this.capacityLog2) { this.values.fill(undefined); this.size = 0; return; }
    const { keys, values } = this;
    this.mask = capacity * 2 - 1;
    this.keys = new Int32Array(capacity * 6);
    this.values = new Array<TokenSlot | null | undefined>(capacity * 2).fill(undefined);
    this.size = 0;
    for (let i = 0; i < capacity; i++) {
      const value = values[i];
      if (value !== undefined) this.set(keys[3 * i], keys[3 * i + 1], keys[3 * i + 2], value);
    }
  }

  private static hash(left: number, middle: number, right: number): number {
    let h = Math.imul(left ^ Math.imul(middle, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(right, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  }

  /** The stored slot (null: unchanged), or undefined when absent. `right` carries the restart flag in its low bit. */
  get(left: number, middle: number, right: number): TokenSlot | null | undefined {
    const k = this.keys;
    for (let i = BoostedMemo.hash(left, middle, right) & this.mask; ; i = (i + 1) & this.mask) {
      const value = this.values[i];
      if (value === undefined) return undefined;
      if (k[3 * i] === left && k[3 * i + 1] === middle && k[3 * i + 2] === right) return value;
    }
  }

  set(left: number, middle: number, right: number, value: TokenSlot | null): void {
    if (this.size * 2 >= this.values.length) this.makeRoom();
    let i = BoostedMemo.hash(left, middle, right) & this.mask;
    while (this.values[i] !== undefined) i = (i + 1) & this.mask;
    this.keys[3 * i] = left;
    this.keys[3 * i + 1] = middle;
    this.keys[3 * i + 2] = right;
    this.values[i] = value;
    this.size++;
  }
}

export class PairLexicon {
  private readonly matchMemo = new Map<SlotTemplate, Map<SlotTemplate, readonly number[]>>();
  private matchEntries = 0;
  /** Per bonus value. */
  private readonly boostedMemos = new Map<number, BoostedMemo>();

  constructor(private readonly rights: ReadonlyMap<string, ReadonlySet<string>>) {}

  /** Lexicon of the given (left, right) word pairs. */
  static of(pairs: Iterable<readonly [string, string]>): PairLexicon {
    const rights = new Map<string, Set<string>>();
    for (const [left, right] of pairs) {
      const set = rights.get(left) ?? new Set<string>();
      set.add(right);
      rights.set(left, set);
    }
    return new PairLexicon(rights);
  }

  /** Number of distinct left words (0: no pairs). */
  get size(): number { return this.rights.size; }

  /**
   * Flattened (i, j) index pairs, left-major, where left.candidates[i].word →
   * right.candidates[j].word is a lexicon pair (memoised per template pair, unless one of them has one candidate).
   */
  matches(left: SlotTemplate, right: SlotTemplate): readonly number[] {
    // Beside a one-candidate slot (a fixed syllable) the search is as cheap as the memo, and
    // the pairs are too many to keep.
    if (left.candidates.length === 1 || right.candidates.length === 1) return this.search(left, right);
    let byRight = this.matchMemo.get(left);
    let found = byRight?.get(right);
    if (found !== undefined) return found;
    found = this.search(left, right);
    if (this.matchEntries >= MATCH_MEMO_LIMIT) { this.matchMemo.clear(); this.matchEntries = 0; byRight = undefined; }
    if (byRight === undefined) { byRight = new Map(); this.matchMemo.set(left, byRight); }
    byRight.set(right, found);
    this.matchEntries++;
    return found;
  }

  private search(left: SlotTemplate, right: SlotTemplate): readonly number[] {
    let list: number[] | undefined;
    const lefts = left.candidates;
    const rightCandidates = right.candidates;
    for (let i = 0; i < lefts.length; i++) {
      const rights = this.rights.get(lefts[i].word);
      if (rights) for (let j = 0; j < rightCandidates.length; j++) if (rights.has(rightCandidates[j].word)) (list ??= []).push(i, j);
    }
    return list ?? NO_MATCHES;
  }

  /**
   * Slot i of `slots` (its template's own shared slot) after the bonus for its matches with
   * the neighbours whose template ids are `leftId` and `rightId` (0: no pair on that side),
   * shared by every token with the same three templates; `pristine` itself when nothing matched.
   */
  boosted(slots: readonly TokenSlot[], i: number, leftId: number, rightId: number, bonus: number): TokenSlot {
    let memo = this.boostedMemos.get(bonus);
    if (memo === undefined) { memo = new BoostedMemo(BOOSTED_MEMO_BITS); this.boostedMemos.set(bonus, memo); }
    const pristine = slots[i];
    const middle = pristine.template.id;
    const right = rightId * 2 + (pristine.sentenceStart ? 1 : 0);
    const hit = memo.get(leftId, middle, right);
    if (hit !== undefined) return hit ?? pristine;
    const withLeft = leftId ? this.matches(slots[i - 1].template, pristine.template) : NO_MATCHES;
    const withRight = rightId ? this.matches(pristine.template, slots[i + 1].template) : NO_MATCHES;
    if (withLeft.length === 0 && withRight.length === 0) { memo.set(leftId, middle, right, null); return pristine; }
    const slot = copySlot(pristine, true);
    addPairBonus(slot, withLeft, withRight, bonus);
    memo.set(leftId, middle, right, sharing(slot));
    return slot;
  }
}

/** Lowers the matched candidates of a slot with its own list: as the right word of `withLeft`, then as the left word of `withRight`. */
function addPairBonus(slot: TokenSlot, withLeft: readonly number[], withRight: readonly number[], bonus: number): void {
  for (let m = 0; m < withLeft.length; m += 2) changeCost(slot, withLeft[m + 1], slot.candidates[withLeft[m + 1]].cost - bonus);
  for (let m = 0; m < withRight.length; m += 2) changeCost(slot, withRight[m], slot.candidates[withRight[m]].cost - bonus);
}

/**
 * Subtracts `bonus` from the costs of the matched candidates of slots i (toLeft) and i + 1
 * (toRight), copying a shared slot before its first change. With `once`, a candidate gains the
 * bonus once however many candidates of the neighbour it pairs with (place names of both
 * gazetteer eras: "Bán" pairs with Văn and Vân, and a bonus per pair would outweigh the LM by
 * that multiple); without, once per pair.
 */
export function applyPairBonus(lexicon: PairLexicon, slots: TokenSlot[], i: number, bonus: number, toLeft: boolean, toRight: boolean, once = false): void {
  // A slot with one candidate gains nothing from a bonus (every path through it gets it).
  toLeft &&= slots[i].candidates.length > 1;
  toRight &&= slots[i + 1].candidates.length > 1;
  if (!toLeft && !toRight) return;
  const matches = lexicon.matches(slots[i].template, slots[i + 1].template);
  if (matches.length === 0) return;
  const left = toLeft ? ownSlot(slots, i) : undefined;
  const right = toRight ? ownSlot(slots, i + 1) : undefined;
  const doneLeft = once ? new Set<number>() : undefined;
  const doneRight = once ? new Set<number>() : undefined;
  for (let m = 0; m < matches.length; m += 2) {
    if (left && !doneLeft?.has(matches[m])) {
      doneLeft?.add(matches[m]);
      changeCost(left, matches[m], left.candidates[matches[m]].cost - bonus);
    }
    if (right && !doneRight?.has(matches[m + 1])) {
      doneRight?.add(matches[m + 1]);
      changeCost(right, matches[m + 1], right.candidates[matches[m + 1]].cost - bonus);
    }
  }
}

/**
 * applyPairBonus(lexicon, slots, i, bonus, true, true) for every i with pairs(i) (in order),
 * with the same costs: each slot takes the bonus of its left pair, then of its right pair.
 */
export function applyPairBonusAll(lexicon: PairLexicon, slots: TokenSlot[], bonus: number, pairs: (i: number) => boolean): void {
  const n = slots.length;
  let hasLeft = false;
  for (let i = 0; i < n; i++) {
    const hasRight = i + 1 < n && pairs(i);
    if (hasLeft || hasRight) boostSlot(lexicon, slots, i, hasLeft, hasRight, bonus);
    hasLeft = hasRight;
  }
}

/**
 * The bonus of the pairs (at − 1, at) and (at, at + 1) (those with pairs(i)) for slot `at`
 * only, as applyPairBonus(…, at − 1, …, false, true) then applyPairBonus(…, at, …, true, false).
 */
export function applyPairBonusAround(lexicon: PairLexicon, slots: TokenSlot[], at: number, bonus: number, pairs: (i: number) => boolean): void {
  const hasLeft = at > 0 && pairs(at - 1);
  const hasRight = at + 1 < slots.length && pairs(at);
  if (hasLeft || hasRight) boostSlot(lexicon, slots, at, hasLeft, hasRight, bonus);
}

/**
 * Slot i with the bonus of its matches with the neighbours flagged: a memoised boosted slot
 * when slot i is its template's own, else its own copy. (A neighbour's template is the same
 * whether or not that neighbour was boosted already.)
 */
function boostSlot(lexicon: PairLexicon, slots: TokenSlot[], i: number, hasLeft: boolean, hasRight: boolean, bonus: number): void {
  const slot = slots[i];
  // One candidate: a bonus would lower every path through it alike (fixed syllables, most of stripped text).
  if (slot.candidates.length < 2) return;
  if (slot.candidates === slot.template.candidates) {
    slots[i] = lexicon.boosted(slots, i, hasLeft ? slots[i - 1].template.id : 0, hasRight ? slots[i + 1].template.id : 0, bonus);
    return;
  }
  const withLeft = hasLeft ? lexicon.matches(slots[i - 1].template, slot.template) : NO_MATCHES;
  const withRight = hasRight ? lexicon.matches(slot.template, slots[i + 1].template) : NO_MATCHES;
  if (withLeft.length === 0 && withRight.length === 0) return;
  addPairBonus(ownSlot(slots, i), withLeft, withRight, bonus);
}
