/**
 * Word-pair lexicons (two-syllable place names of the gazetteer, adjacent syllables of the
 * administrative terms) and the channel bonus for adjacent candidates that spell a pair.
 * The matches between two slots depend only on their templates' words, so they are
 * memoised per template pair; a whole text's term bonus also reuses the boosted slots, since
 * a slot's boosted costs depend only on its matches with its two neighbours (most adjacent
 * word pairs of administrative text match some term pair).
 */
import { changeCost, copySlot, ownSlot, sharing, type SlotTemplate, type TokenSlot } from './slots.js';

/** Memo bounds (entries). */
const MATCH_MEMO_LIMIT = 200_000;
const BOOSTED_MEMO_LIMIT = 100_000;

const NO_MATCHES: readonly number[] = Object.freeze([]);

/** Boosted slots by matches with the left neighbour, then with the right one: [no restart, restart]. */
type BoostedByMatches = Map<readonly number[], Map<readonly number[], [TokenSlot | undefined, TokenSlot | undefined]>>;

export class PairLexicon {
  private readonly matchMemo = new Map<SlotTemplate, Map<SlotTemplate, readonly number[]>>();
  private matchEntries = 0;
  /** Per bonus value. */
  private readonly boostedMemo = new Map<number, BoostedByMatches>();
  private boostedEntries = 0;

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
   * right.candidates[j].word is a lexicon pair. The same array for the same template pair.
   */
  matches(left: SlotTemplate, right: SlotTemplate): readonly number[] {
    let byRight = this.matchMemo.get(left);
    let found = byRight?.get(right);
    if (found !== undefined) return found;
    const list: number[] = [];
    const lefts = left.candidates;
    const rightCandidates = right.candidates;
    for (let i = 0; i < lefts.length; i++) {
      const rights = this.rights.get(lefts[i].word);
      if (rights) for (let j = 0; j < rightCandidates.length; j++) if (rights.has(rightCandidates[j].word)) list.push(i, j);
    }
    found = list.length ? list : NO_MATCHES;
    if (this.matchEntries >= MATCH_MEMO_LIMIT) { this.matchMemo.clear(); this.matchEntries = 0; byRight = undefined; }
    if (byRight === undefined) { byRight = new Map(); this.matchMemo.set(left, byRight); }
    byRight.set(right, found);
    this.matchEntries++;
    return found;
  }

  /**
   * The template slot `pristine` (its template's own shared slot) after the bonus for its
   * matches with both neighbours, shared by every token with the same matches.
   */
  boosted(pristine: TokenSlot, withLeft: readonly number[], withRight: readonly number[], bonus: number): TokenSlot {
    let byLeft = this.boostedMemo.get(bonus);
    if (byLeft === undefined) { byLeft = new Map(); this.boostedMemo.set(bonus, byLeft); }
    let byRight = byLeft.get(withLeft);
    let pair = byRight?.get(withRight);
    const k = pristine.sentenceStart ? 1 : 0;
    const hit = pair?.[k];
    // Non-empty match lists are distinct per template pair, so they identify the template; checked anyway.
    if (hit !== undefined && hit.template === pristine.template) return hit;
    const slot = copySlot(pristine, true);
    addPairBonus(slot, withLeft, withRight, bonus);
    if (this.boostedEntries >= BOOSTED_MEMO_LIMIT) { byLeft.clear(); this.boostedEntries = 0; byRight = undefined; pair = undefined; }
    if (byRight === undefined) { byRight = new Map(); byLeft.set(withLeft, byRight); }
    if (pair === undefined) { pair = [undefined, undefined]; byRight.set(withRight, pair); this.boostedEntries++; }
    pair[k] = sharing(slot);
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
 * (toRight), copying a shared slot before its first change.
 */
export function applyPairBonus(lexicon: PairLexicon, slots: TokenSlot[], i: number, bonus: number, toLeft: boolean, toRight: boolean): void {
  const matches = lexicon.matches(slots[i].template, slots[i + 1].template);
  if (matches.length === 0) return;
  const left = toLeft ? ownSlot(slots, i) : undefined;
  const right = toRight ? ownSlot(slots, i + 1) : undefined;
  for (let m = 0; m < matches.length; m += 2) {
    if (left) changeCost(left, matches[m], left.candidates[matches[m]].cost - bonus);
    if (right) changeCost(right, matches[m + 1], right.candidates[matches[m + 1]].cost - bonus);
  }
}

/**
 * applyPairBonus(lexicon, slots, i, bonus, true, true) for every i with pairs(i) (in order),
 * with the same costs: each slot takes the bonus of its left pair, then of its right pair.
 */
export function applyPairBonusAll(lexicon: PairLexicon, slots: TokenSlot[], bonus: number, pairs: (i: number) => boolean): void {
  const n = slots.length;
  let withLeft = NO_MATCHES;
  for (let i = 0; i < n; i++) {
    const withRight = i + 1 < n && pairs(i) ? lexicon.matches(slots[i].template, slots[i + 1].template) : NO_MATCHES;
    boostSlot(lexicon, slots, i, withLeft, withRight, bonus);
    withLeft = withRight;
  }
}

/**
 * The bonus of the pairs (at − 1, at) and (at, at + 1) (those with pairs(i)) for slot `at`
 * only, as applyPairBonus(…, at − 1, …, false, true) then applyPairBonus(…, at, …, true, false).
 */
export function applyPairBonusAround(lexicon: PairLexicon, slots: TokenSlot[], at: number, bonus: number, pairs: (i: number) => boolean): void {
  const withLeft = at > 0 && pairs(at - 1) ? lexicon.matches(slots[at - 1].template, slots[at].template) : NO_MATCHES;
  const withRight = at + 1 < slots.length && pairs(at) ? lexicon.matches(slots[at].template, slots[at + 1].template) : NO_MATCHES;
  boostSlot(lexicon, slots, at, withLeft, withRight, bonus);
}

/** Slot i with the bonus of its matches: a memoised boosted slot when slot i is its template's own, else its own copy. */
function boostSlot(lexicon: PairLexicon, slots: TokenSlot[], i: number, withLeft: readonly number[], withRight: readonly number[], bonus: number): void {
  if (withLeft.length === 0 && withRight.length === 0) return;
  const slot = slots[i];
  if (slot.candidates === slot.template.candidates) slots[i] = lexicon.boosted(slot, withLeft, withRight, bonus);
  else addPairBonus(ownSlot(slots, i), withLeft, withRight, bonus);
}
