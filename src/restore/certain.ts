/**
 * Certain contexts: skeleton trigrams of the training corpus ("thuc hien nhiem" — the previous,
 * this and the next syllable with marks stripped) in which one spelling of the middle syllable
 * is (nearly) always the one written ("hiện"). In stripped text the default mode fixes such a
 * syllable before decoding, so the Viterbi and the re-ranking spend their LM queries on the
 * syllables that are really in doubt. A trigram never seen (or seen once) falls back to the two
 * one-sided bigrams ("thuc hien ·", "· hien nhiem"): both certain and agreeing, or one certain
 * and frequent (STRONG) while the other side was never seen (seen but split: no); a trigram
 * seen often enough with its spellings split vetoes that fallback. scripts/build-certain.ts
 * builds the table from the LM's train split and prints what it decides on the dev split.
 * The file keys each context by two 32-bit hashes; in memory a lookup compares 47 bits of them.
 */
import { readFileSync } from 'node:fs';
import { skeletonKey } from './text.js';
import type { Piece } from './tokenize.js';

/**
 * Training lines (FNV-1a hash % 100 in [from, to)) the table is not built from, so that the speed
 * bench (scripts/restore-rss.ts) has a long run of text whose contexts it never counted.
 */
export const SPEED_LINES = { from: 2, to: 12 } as const;

const MAGIC = 0x564e4354; // "VNCT"
const VERSION = 3;
/** A context boundary: a line's start or end, a sentence mark, a clause start. */
export const BOUNDARY = '|';
/** Any number as a neighbour ("ngày 15 tháng"). */
const NUMBER = '0';
/** Stands for the side a one-sided bigram context leaves out ("thuc hien ·" and "· hien nhiem"). */
const ANY = '\u0001';
/** Spelling index of a veto: a trigram seen with its spellings split (no bigram fallback). */
const VETO = 0xffffffff;
/** In-memory slot tail of a veto (spelling indices take 1..0xfffe). */
const VETO_TAIL = 0xffff;
/** Spelling-index flag of a one-sided bigram certain enough to decide alone when the other side was never seen. */
const STRONG = 0x80000000;
/** Whether the last find() met a STRONG entry. */
let foundStrong = false;

/** Skeleton of the word piece at an index (the restorer reads it from its token facts). */
export type SkeletonOf = (piece: Piece, index: number) => string;

/**
 * The table's key of every piece: a word's skeleton, '0' for a number, the skeleton of a fixed
 * piece's spelling (stripped text reads "HDND" where the corpus wrote "HĐND").
 */
export function pieceKeys(pieces: readonly Piece[], skeletonOf: SkeletonOf): string[] {
  const keys: string[] = new Array(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    keys[i] = piece.kind === 'number' ? NUMBER : piece.kind === 'fixed' ? skeletonKey(piece.fixed) : skeletonOf(piece, i);
  }
  return keys;
}

/**
 * Whether pieces[i] starts a context: the text's first piece, after a clause mark, or the first
 * of its line (the table counts corpus lines one by one, so a line's edges are all it knows).
 */
function opensContext(pieces: readonly Piece[], i: number): boolean {
  return i === 0 || pieces[i].sentenceStart || pieces[i].line !== pieces[i - 1].line;
}

/** Key of the neighbour before pieces[i], or BOUNDARY. */
export function keyBefore(pieces: readonly Piece[], keys: readonly string[], i: number): string {
  return opensContext(pieces, i) ? BOUNDARY : keys[i - 1];
}

/** Key of the neighbour after pieces[i], or BOUNDARY. */
export function keyAfter(pieces: readonly Piece[], keys: readonly string[], i: number): string {
  return i + 1 < pieces.length && !opensContext(pieces, i + 1) ? keys[i + 1] : BOUNDARY;
}

/** FNV-1a of a key's UTF-16 units. */
function keyHashA(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/** A second, multiplicative hash of a key's UTF-16 units. */
function keyHashB(key: string): number {
  let h = 0x2545f491 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h + key.charCodeAt(i), 0x5bd1e995) ^ (h >>> 13);
  return h;
}

/** Two hashes per key (A at 2i, B at 2i + 1): each piece's key is hashed once, not once per context it is in. */
export function keyHashes(keys: readonly string[]): Int32Array {
  const hashes = new Int32Array(keys.length * 2);
  for (let i = 0; i < keys.length; i++) {
    hashes[2 * i] = keyHashA(keys[i]);
    hashes[2 * i + 1] = keyHashB(keys[i]);
  }
  return hashes;
}

const ANY_A = keyHashA(ANY);
const ANY_B = keyHashB(ANY);
const BOUNDARY_A = keyHashA(BOUNDARY);
const BOUNDARY_B = keyHashB(BOUNDARY);

/** The ordered combination of three key hashes (murmur3's mixing steps). */
function combine(seed: number, prev: number, cur: number, next: number): number {
  let h = Math.imul(seed ^ prev, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ cur, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ next, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The two context hashes of the last hashContext call (module-level numbers: no tuple per lookup). */
let contextA = 0;
let contextB = 0;

function hashContext(prevA: number, prevB: number, curA: number, curB: number, nextA: number, nextB: number): void {
  contextA = combine(0x3c6ef372, prevA, curA, nextA);
  contextB = combine(0x5be0cd19, prevB, curB, nextB);
}

function hashKeys(prev: string, cur: string, next: string): void {
  hashContext(keyHashA(prev), keyHashB(prev), keyHashA(cur), keyHashB(cur), keyHashA(next), keyHashB(next));
}

/** Minimum count and share of the most frequent spelling for a context to be certain. */
export interface Certainty { minCount: number; minShare: number }

interface Context { prev: string; cur: string; next: string; spellings: Map<string, number> }

/** Counts of spellings per skeleton context, from correct text (the build script's side). */
export class ContextCounts {
  private readonly trigrams = new Map<string, Context>();
  private readonly bigrams = new Map<string, Context>();

  /** Adds the words of one tokenized line of correct text. */
  add(pieces: readonly Piece[], skeletonOf: SkeletonOf): void {
    const keys = pieceKeys(pieces, skeletonOf);
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].kind !== 'word') continue;
      const before = keyBefore(pieces, keys, i);
      const after = keyAfter(pieces, keys, i);
      const word = pieces[i].input.toLowerCase();
      count(this.trigrams, before, keys[i], after, word);
      count(this.bigrams, before, keys[i], ANY, word);
      count(this.bigrams, ANY, keys[i], after, word);
    }
  }

  get size(): number { return this.trigrams.size; }

  /**
   * The certain contexts: trigrams by `trigram` (a trigram seen minCount times or more but not
   * certain is kept as a veto), one-sided bigrams by `bigram`, flagged STRONG by `oneSided`.
   */
  certain(trigram: Certainty, bigram: Certainty, oneSided?: Certainty): CertainContexts {
    const words: string[] = [];
    const wordIndex = new Map<string, number>();
    const entries: [number, number, number][] = [];
    /** vetoFrom: the count from which an uncertain context is kept as a veto (Infinity: none). */
    const collect = (contexts: Map<string, Context>, { minCount, minShare }: Certainty, vetoFrom: number, strong?: Certainty): void => {
      for (const { prev, cur, next, spellings } of contexts.values()) {
        let total = 0;
        let best = '';
        let bestCount = 0;
        for (const [word, n] of spellings) {
          total += n;
          if (n > bestCount) { bestCount = n; best = word; }
        }
        let w = VETO;
        if (total >= minCount && bestCount >= minShare * total) {
          w = wordIndex.get(best) ?? words.length;
          if (w === words.length) { words.push(best); wordIndex.set(best, w); }
          if (strong && total >= strong.minCount && bestCount >= strong.minShare * total) w = (w | STRONG) >>> 0;
        } else if (total < vetoFrom) continue;
        hashKeys(prev, cur, next);
        entries.push([contextA, contextB, w]);
      }
    };
    collect(this.trigrams, trigram, trigram.minCount);
    // With one-sided decisions, every bigram seen twice is kept (as a veto when not certain): an
    // absent side then means a side the corpus did not know.
    collect(this.bigrams, bigram, oneSided ? 2 : Infinity, oneSided);
    // Sorted, so the file is the same whatever the corpus's line order.
    entries.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    return new CertainContexts(words, Uint32Array.from(entries, (e) => e[0]), Uint32Array.from(entries, (e) => e[1]), Uint32Array.from(entries, (e) => e[2]));
  }
}

function count(contexts: Map<string, Context>, prev: string, cur: string, next: string, word: string): void {
  const key = `${prev}\u0000${cur}\u0000${next}`;
  let context = contexts.get(key);
  if (!context) contexts.set(key, (context = { prev, cur, next, spellings: new Map() }));
  context.spellings.set(word, (context.spellings.get(word) ?? 0) + 1);
}

export class CertainContexts {
  /**
   * Open addressing, two numbers per slot (8 bytes: the probe of a lookup is one cache line):
   * the first context hash, then the second's high 16 bits over the slot's tail — spelling
   * index + 1, VETO_TAIL for a veto, 0 for an empty slot.
   */
  private readonly table: Uint32Array;
  private readonly mask: number;

  constructor(
    readonly words: readonly string[],
    private readonly contextHashA: Uint32Array,
    private readonly contextHashB: Uint32Array,
    /** Per context: index into words, or VETO. */
    private readonly spellingIndex: Uint32Array,
  ) {
    if (words.length > 0xfffe) throw new Error(`certain-contexts table: ${words.length} spellings, at most 65,534 fit`);
    let capacity = 16;
    while (capacity < contextHashA.length * 2) capacity *= 2;
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let e = 0; e < contextHashA.length; e++) {
      const w = spellingIndex[e] === VETO ? VETO : (spellingIndex[e] & ~STRONG) >>> 0;
      if (w !== VETO && w >= words.length) throw new Error(`certain-contexts table damaged (spelling ${w} of ${words.length}): run npm run build:certain`);
      let slot = contextHashA[e] & this.mask;
      while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = contextHashA[e];
      const strongBit = w !== VETO && spellingIndex[e] & STRONG ? STRONG : 0;
      this.table[slot * 2 + 1] = (strongBit | (contextHashB[e] & 0x7fff0000) | (w === VETO ? VETO_TAIL : w + 1)) >>> 0;
    }
  }

  /** Contexts in the table, vetoes included. */
  get size(): number { return this.contextHashA.length; }

  /** Vetoes: trigrams seen with their spellings split and, with one-sided decisions, bigrams seen twice but not certain. */
  get vetoes(): number {
    let n = 0;
    for (const w of this.spellingIndex) if (w === VETO) n++;
    return n;
  }

  /** The tail of the context hashed last: spelling index + 1, VETO_TAIL, or 0 when it is not in the table. */
  private find(): number {
    const a = contextA;
    const b = contextB & 0x7fff0000;
    const table = this.table;
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const tail = table[slot * 2 + 1];
      if (tail === 0) {
        foundStrong = false;
        return 0;
      }
      if (table[slot * 2] === a && (tail & 0x7fff0000) === b) {
        foundStrong = tail >= STRONG;
        return tail & 0xffff;
      }
    }
  }

  /** The certain spelling of `cur` between `prev` and `next` (keys as pieceKeys, keyBefore and keyAfter give them), if any. */
  lookup(prev: string, cur: string, next: string): string | undefined {
    return this.lookupHashed(keyHashA(prev), keyHashB(prev), keyHashA(cur), keyHashB(cur), keyHashA(next), keyHashB(next));
  }

  /** lookup for pieces[i], from the pieces' keyHashes (the neighbours keyBefore and keyAfter would give). */
  lookupAt(pieces: readonly Piece[], hashes: Int32Array, i: number): string | undefined {
    const before = !opensContext(pieces, i);
    const after = i + 1 < pieces.length && !opensContext(pieces, i + 1);
    return this.lookupHashed(
      before ? hashes[2 * i - 2] : BOUNDARY_A, before ? hashes[2 * i - 1] : BOUNDARY_B,
      hashes[2 * i], hashes[2 * i + 1],
      after ? hashes[2 * i + 2] : BOUNDARY_A, after ? hashes[2 * i + 3] : BOUNDARY_B,
    );
  }

  private lookupHashed(prevA: number, prevB: number, curA: number, curB: number, nextA: number, nextB: number): string | undefined {
    hashContext(prevA, prevB, curA, curB, nextA, nextB);
    let tail = this.find();
    if (tail === VETO_TAIL) return undefined;
    if (tail === 0) {
      hashContext(prevA, prevB, curA, curB, ANY_A, ANY_B);
      const left = this.find();
      const leftStrong = foundStrong;
      hashContext(ANY_A, ANY_B, curA, curB, nextA, nextB);
      const right = this.find();
      if (left !== 0 && left !== VETO_TAIL && left === right) tail = left;
      else if (left === 0 && right !== 0 && right !== VETO_TAIL && foundStrong) tail = right;
      else if (right === 0 && left !== 0 && left !== VETO_TAIL && leftStrong) tail = left;
      else return undefined;
    }
    return this.words[tail - 1];
  }

  /** Binary file: magic, version, context count, word-list length (bytes), the three arrays, the words joined by "\n". */
  encode(): Buffer {
    const words = Buffer.from(this.words.join('\n'), 'utf8');
    const n = this.contextHashA.length;
    const out = Buffer.alloc(16 + 12 * n + words.length);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(VERSION, 4);
    out.writeUInt32LE(n, 8);
    out.writeUInt32LE(words.length, 12);
    for (let e = 0; e < n; e++) {
      out.writeUInt32LE(this.contextHashA[e], 16 + 4 * e);
      out.writeUInt32LE(this.contextHashB[e], 16 + 4 * (n + e));
      out.writeUInt32LE(this.spellingIndex[e], 16 + 4 * (2 * n + e));
    }
    words.copy(out, 16 + 12 * n);
    return out;
  }

  /** Reads encode's format; a wrong magic, version, length or spelling index throws (the message says how to rebuild). */
  static decode(data: Buffer): CertainContexts {
    if (data.length < 16 || data.readUInt32LE(0) !== MAGIC || data.readUInt32LE(4) !== VERSION) throw new Error('not a certain-contexts table (or another version): run npm run build:certain');
    const n = data.readUInt32LE(8);
    const wordBytes = data.readUInt32LE(12);
    if (data.length !== 16 + 12 * n + wordBytes) throw new Error('certain-contexts table truncated: run npm run build:certain');
    const array = (at: number): Uint32Array => {
      const copy = new Uint32Array(n);
      for (let e = 0; e < n; e++) copy[e] = data.readUInt32LE(at + 4 * e);
      return copy;
    };
    const words = data.subarray(16 + 12 * n).toString('utf8').split('\n');
    return new CertainContexts(words, array(16), array(16 + 4 * n), array(16 + 8 * n));
  }

  static load(path: string): CertainContexts {
    return CertainContexts.decode(readFileSync(path));
  }
}
