/**
 * Certain contexts: skeleton trigrams of the training corpus ("thuc hien nhiem" — the previous,
 * this and the next syllable with marks stripped) in which one spelling of the middle syllable
 * is (nearly) always the one written ("hiện"). In stripped text the default mode fixes such a
 * syllable before decoding, so the Viterbi and the re-ranking spend their LM queries on the
 * syllables that are really in doubt: on the dev split 80–85 % of syllables have a certain
 * context, and the table is wrong on fewer than 3 in 10,000 of them (scripts/build-certain.ts
 * prints the figures). Built from the LM's train split only; keyed by two 32-bit hashes of the
 * context (no strings in memory), valued by an index into the list of spellings.
 */
import { readFileSync } from 'node:fs';
import type { Piece } from './tokenize.js';

/**
 * Training lines (FNV-1a hash % 100 in [from, to)) the table is not built from, so that the speed
 * bench (scripts/restore-rss.ts) has a long run of text whose contexts it never counted.
 */
export const SPEED_LINES = { from: 2, to: 12 } as const;

const MAGIC = 0x564e4354; // "VNCT"
const VERSION = 2;
/** A context boundary: text start, a sentence mark or a clause start. */
export const BOUNDARY = '|';
/** Any number as a neighbour ("ngày 15 tháng"). */
const NUMBER = '0';

/** Skeleton of the word piece at an index (the restorer reads it from its token facts). */
export type SkeletonOf = (piece: Piece, index: number) => string;

/** The table's key of every piece: a word's skeleton, '0' for a number, a fixed piece's spelling. */
export function pieceKeys(pieces: readonly Piece[], skeletonOf: SkeletonOf): string[] {
  const keys: string[] = new Array(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    keys[i] = piece.kind === 'number' ? NUMBER : piece.kind === 'fixed' ? piece.fixed.toLowerCase() : skeletonOf(piece, i);
  }
  return keys;
}

/** Key of the neighbour before pieces[i]: no context crosses a clause start. */
export function keyBefore(pieces: readonly Piece[], keys: readonly string[], i: number): string {
  return i > 0 && !pieces[i].sentenceStart ? keys[i - 1] : BOUNDARY;
}

/** Key of the neighbour after pieces[i]. */
export function keyAfter(pieces: readonly Piece[], keys: readonly string[], i: number): string {
  return i + 1 < pieces.length && !pieces[i + 1].sentenceStart ? keys[i + 1] : BOUNDARY;
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
let hashA = 0;
let hashB = 0;

function hashContext(prevA: number, prevB: number, curA: number, curB: number, nextA: number, nextB: number): void {
  hashA = combine(0x3c6ef372, prevA, curA, nextA);
  hashB = combine(0x5be0cd19, prevB, curB, nextB);
}

/** Stands for the side a bigram context leaves out ("thuc hien ·" and "· hien nhiem"). */
const EITHER = '\u0001';
const EITHER_A = keyHashA(EITHER);
const EITHER_B = keyHashB(EITHER);
const BOUNDARY_A = keyHashA(BOUNDARY);
const BOUNDARY_B = keyHashB(BOUNDARY);

/** Minimum count and share of the most frequent spelling for a context to be certain. */
export interface Certainty { minCount: number; minShare: number }

/** Counts of spellings per skeleton context, from correct text (the build script's side). */
export class ContextCounts {
  /** "prev cur next", "prev cur ·" and "· cur next" → spelling → count. */
  private readonly trigrams = new Map<string, Map<string, number>>();
  private readonly bigrams = new Map<string, Map<string, number>>();

  /** Adds the words of one tokenized line of correct text. */
  add(pieces: readonly Piece[], skeletonOf: SkeletonOf): void {
    const keys = pieceKeys(pieces, skeletonOf);
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].kind !== 'word') continue;
      const before = keyBefore(pieces, keys, i);
      const after = keyAfter(pieces, keys, i);
      const word = pieces[i].input.toLowerCase();
      count(this.trigrams, `${before} ${keys[i]} ${after}`, word);
      count(this.bigrams, `${before} ${keys[i]} ${EITHER}`, word);
      count(this.bigrams, `${EITHER} ${keys[i]} ${after}`, word);
    }
  }

  get size(): number { return this.trigrams.size; }

  /**
   * The certain contexts: trigrams by `trigram`, one-sided bigrams by `bigram` (a syllable
   * whose trigram is not certain is fixed only when both its bigrams are, and agree).
   */
  certain(trigram: Certainty, bigram: Certainty): CertainContexts {
    const words: string[] = [];
    const wordIndex = new Map<string, number>();
    const entries: [number, number, number][] = [];
    const collect = (counts: Map<string, Map<string, number>>, { minCount, minShare }: Certainty): void => {
      for (const [key, spellings] of counts) {
        let total = 0;
        let best = '';
        let bestCount = 0;
        for (const [word, n] of spellings) {
          total += n;
          if (n > bestCount) { bestCount = n; best = word; }
        }
        if (total < minCount || bestCount < minShare * total) continue;
        let w = wordIndex.get(best);
        if (w === undefined) { w = words.length; words.push(best); wordIndex.set(best, w); }
        const [prev, cur, next] = key.split(' ');
        hashContext(keyHashA(prev), keyHashB(prev), keyHashA(cur), keyHashB(cur), keyHashA(next), keyHashB(next));
        entries.push([hashA, hashB, w]);
      }
    };
    collect(this.trigrams, trigram);
    collect(this.bigrams, bigram);
    // Sorted, so the file is the same whatever the corpus's line order.
    entries.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    return new CertainContexts(words, Uint32Array.from(entries, (e) => e[0]), Uint32Array.from(entries, (e) => e[1]), Uint32Array.from(entries, (e) => e[2]));
  }
}

function count(counts: Map<string, Map<string, number>>, key: string, word: string): void {
  let spellings = counts.get(key);
  if (!spellings) counts.set(key, (spellings = new Map()));
  spellings.set(word, (spellings.get(word) ?? 0) + 1);
}

export class CertainContexts {
  /**
   * Open addressing, two numbers per slot (8 bytes: the probe of a lookup is one cache line):
   * the first key hash, then the second's high 16 bits over the spelling index + 1 (0 = empty).
   */
  private readonly table: Uint32Array;
  private readonly mask: number;

  constructor(readonly words: readonly string[], private readonly keyA: Uint32Array, private readonly keyB: Uint32Array, private readonly word: Uint32Array) {
    if (words.length >= 0xffff) throw new Error(`certain-contexts table: ${words.length} spellings, at most 65,534 fit`);
    let capacity = 16;
    while (capacity < keyA.length * 2) capacity *= 2;
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let e = 0; e < keyA.length; e++) {
      let slot = keyA[e] & this.mask;
      while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = keyA[e];
      this.table[slot * 2 + 1] = ((keyB[e] & 0xffff0000) | (word[e] + 1)) >>> 0;
    }
  }

  get size(): number { return this.keyA.length; }

  /** Spelling index + 1 of the context hashed last (0: not in the table). */
  private find(): number {
    const a = hashA;
    const b = hashB & 0xffff0000;
    const table = this.table;
    for (let slot = a & this.mask; ; slot = (slot + 1) & this.mask) {
      const tail = table[slot * 2 + 1];
      if (tail === 0) return 0;
      if (table[slot * 2] === a && ((tail & 0xffff0000) >>> 0) === b >>> 0) return tail & 0xffff;
    }
  }

  /** The certain spelling of `cur` between `prev` and `next` (keys as pieceKeys, keyBefore and keyAfter give them), if any. */
  lookup(prev: string, cur: string, next: string): string | undefined {
    return this.lookupHashed(keyHashA(prev), keyHashB(prev), keyHashA(cur), keyHashB(cur), keyHashA(next), keyHashB(next));
  }

  /** lookup for pieces[i], from the pieces' keyHashes. */
  lookupAt(pieces: readonly Piece[], hashes: Int32Array, i: number): string | undefined {
    const before = i > 0 && !pieces[i].sentenceStart;
    const after = i + 1 < pieces.length && !pieces[i + 1].sentenceStart;
    return this.lookupHashed(
      before ? hashes[2 * i - 2] : BOUNDARY_A, before ? hashes[2 * i - 1] : BOUNDARY_B,
      hashes[2 * i], hashes[2 * i + 1],
      after ? hashes[2 * i + 2] : BOUNDARY_A, after ? hashes[2 * i + 3] : BOUNDARY_B,
    );
  }

  private lookupHashed(prevA: number, prevB: number, curA: number, curB: number, nextA: number, nextB: number): string | undefined {
    hashContext(prevA, prevB, curA, curB, nextA, nextB);
    let w = this.find();
    if (w === 0) {
      hashContext(prevA, prevB, curA, curB, EITHER_A, EITHER_B);
      w = this.find();
      if (w === 0) return undefined;
      hashContext(EITHER_A, EITHER_B, curA, curB, nextA, nextB);
      if (this.find() !== w) return undefined;
    }
    return this.words[w - 1];
  }

  /** Binary file: magic, version, entry count, word-list length (bytes), the three key arrays, the words joined by "\n". */
  encode(): Buffer {
    const words = Buffer.from(this.words.join('\n'), 'utf8');
    const n = this.keyA.length;
    const out = Buffer.alloc(16 + 12 * n + words.length);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(VERSION, 4);
    out.writeUInt32LE(n, 8);
    out.writeUInt32LE(words.length, 12);
    for (let e = 0; e < n; e++) {
      out.writeUInt32LE(this.keyA[e], 16 + 4 * e);
      out.writeUInt32LE(this.keyB[e], 16 + 4 * (n + e));
      out.writeUInt32LE(this.word[e], 16 + 4 * (2 * n + e));
    }
    words.copy(out, 16 + 12 * n);
    return out;
  }

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
