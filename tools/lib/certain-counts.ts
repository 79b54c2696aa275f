/**
 * The build side of the certain-contexts table (src/restore/certain.ts): counts of spellings
 * per skeleton context in correct text, and the table of the contexts that are certain.
 * Narrow contexts first (trigrams and one-sided bigrams, ContextCounts); then, over the same
 * text, the wide windows (WideContextCounts) at the positions the narrow table leaves open.
 */
import { ANY, CertainContexts, contextKeys, keyAfter, keyBefore, keyHashes, pieceKeys, STRONG, trigramHashes, VETO, wideHashes, type SkeletonOf } from '../../src/restore/certain.js';
import type { Piece } from '../../src/restore/tokenize.js';

/** Minimum count and share of the most frequent spelling for a context to be certain. */
export interface Certainty { minCount: number; minShare: number }

/** A context's spellings and how often each was written. */
type Spellings = Map<string, number>;
/** Contexts by their keys joined: the keys, and the spellings seen there. */
type ContextMap = Map<string, { keys: string[]; spellings: Spellings }>;

function count(contexts: ContextMap, keys: string[], word: string): void {
  const id = keys.join('\u0000');
  let context = contexts.get(id);
  if (!context) contexts.set(id, (context = { keys, spellings: new Map() }));
  context.spellings.set(word, (context.spellings.get(word) ?? 0) + 1);
}

/** The table's entries and spellings, built up context by context. */
class EntryList {
  readonly words: string[];
  private readonly wordIndex = new Map<string, number>();
  readonly entries: [number, number, number][];

  constructor(base?: CertainContexts) {
    this.words = base ? [...base.words] : [];
    this.words.forEach((word, i) => this.wordIndex.set(word, i));
    this.entries = base ? Array.from(base.contextHashA, (a, e) => [a, base.contextHashB[e], base.spellingIndex[e]]) : [];
  }

  /**
   * Adds a context of `spellings` when certain by `certainty` (flagged STRONG when also certain
   * by `strong`), or as a veto when seen `vetoFrom` times or more (Infinity: never).
   */
  add([a, b]: [number, number], spellings: Spellings, certainty: Certainty, vetoFrom: number, strong?: Certainty): void {
    let total = 0;
    let best = '';
    let bestCount = 0;
    for (const [word, n] of spellings) {
      total += n;
      if (n > bestCount) { bestCount = n; best = word; }
    }
    let w = VETO;
    if (total >= certainty.minCount && bestCount >= certainty.minShare * total) {
      w = this.wordIndex.get(best) ?? this.words.length;
      if (w === this.words.length) { this.words.push(best); this.wordIndex.set(best, w); }
      if (strong && total >= strong.minCount && bestCount >= strong.minShare * total) w = (w | STRONG) >>> 0;
    } else if (total < vetoFrom) return;
    this.entries.push([a, b, w]);
  }

  table(): CertainContexts {
    return CertainContexts.fromEntries(this.words, this.entries);
  }
}

/** Counts of spellings per narrow context (trigram and one-sided bigrams) from correct text. */
export class ContextCounts {
  private readonly trigrams: ContextMap = new Map();
  private readonly bigrams: ContextMap = new Map();

  /** Adds the words of one tokenized line of correct text. */
  add(pieces: readonly Piece[], skeletonOf: SkeletonOf): void {
    const keys = pieceKeys(pieces, skeletonOf);
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].kind !== 'word') continue;
      const before = keyBefore(pieces, keys, i);
      const after = keyAfter(pieces, keys, i);
      const word = pieces[i].input.toLowerCase();
      count(this.trigrams, [before, keys[i], after], word);
      count(this.bigrams, [before, keys[i], ANY], word);
      count(this.bigrams, [ANY, keys[i], after], word);
    }
  }

  get size(): number { return this.trigrams.size; }

  /**
   * The certain contexts: trigrams by `trigram` (a trigram seen minCount times or more but not
   * certain is kept as a veto), one-sided bigrams by `bigram`, flagged STRONG by `oneSided`.
   */
  certain(trigram: Certainty, bigram: Certainty, oneSided?: Certainty): CertainContexts {
    const list = new EntryList();
    for (const { keys: [prev, cur, next], spellings } of this.trigrams.values()) list.add(trigramHashes(prev, cur, next), spellings, trigram, trigram.minCount);
    // With one-sided decisions, every bigram seen twice is kept (as a veto when not certain): an
    // absent side then means a side the corpus did not know.
    for (const { keys: [prev, cur, next], spellings } of this.bigrams.values()) list.add(trigramHashes(prev, cur, next), spellings, bigram, oneSided ? 2 : Infinity, oneSided);
    return list.table();
  }
}

/**
 * Counts of spellings per wide window — five syllables, and the two four-syllable ones — at
 * the positions of correct text that a narrow table leaves open: the statistics of exactly the
 * syllables the restorer will ask the wide windows about.
 */
export class WideContextCounts {
  private readonly windows: ContextMap = new Map();
  /** Word positions seen, and those of them counted (left open by the narrow table). */
  wordPositions = 0;
  openPositions = 0;

  constructor(private readonly narrow: CertainContexts) {}

  add(pieces: readonly Piece[], skeletonOf: SkeletonOf): void {
    const keys = pieceKeys(pieces, skeletonOf);
    const hashes = keyHashes(keys);
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].kind !== 'word') continue;
      this.wordPositions++;
      if (this.narrow.lookupAt(pieces, hashes, i) !== undefined) continue;
      this.openPositions++;
      const [p2, p1, cur, n1, n2] = contextKeys(pieces, keys, i);
      const word = pieces[i].input.toLowerCase();
      count(this.windows, [p2, p1, cur, n1, n2], word);
      count(this.windows, [p2, p1, cur, ANY, ANY], word);
      count(this.windows, [ANY, ANY, cur, n1, n2], word);
    }
  }

  get size(): number { return this.windows.size; }

  /**
   * The narrow table plus the certain windows by `certainty`. A four-syllable window seen
   * minCount times with its spellings split is kept as a veto (that side then counts as seen);
   * a split five-syllable window is not kept, as lookups fall back to its sides either way.
   */
  certain(certainty: Certainty): CertainContexts {
    const list = new EntryList(this.narrow);
    for (const { keys, spellings } of this.windows.values()) {
      const whole = keys[1] !== ANY && keys[3] !== ANY;
      list.add(wideHashes(keys as [string, string, string, string, string]), spellings, certainty, whole ? Infinity : certainty.minCount);
    }
    return list.table();
  }
}
