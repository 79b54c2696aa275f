/**
 * Certain contexts: skeleton trigrams of the training corpus ("thuc hien nhiem" — the previous,
 * this and the next syllable with marks stripped) in which one spelling of the middle syllable
 * is (nearly) always the one written ("hiện"). In stripped text the default mode fixes such a
 * syllable before decoding, so the Viterbi and the re-ranking spend their LM queries on the
 * syllables that are really in doubt. A trigram never seen (or seen once) falls back to the two
 * one-sided bigrams ("thuc hien ·", "· hien nhiem"): both certain and agreeing, or one certain
 * and frequent (STRONG) while the other side was never seen (seen but split: no); a trigram
 * seen often enough with its spellings split vetoes that fallback.
 *
 * Where those leave a syllable open (split or unknown contexts: "anh thi dua"), wider windows
 * decide it: the five-syllable window, else the two four-syllable ones ("p2 p1 cur ·",
 * "· cur n1 n2") — both certain and agreeing, or one certain while the other was seen fewer
 * than twice (a four-syllable side seen with its spellings split vetoes the other; a split
 * five-syllable window is not kept: its sides then decide).
 * They are counted only at the training positions the narrow contexts leave open, so each
 * says what follows in exactly the cases it is asked about (tools/lib/certain-counts.ts).
 * tools/build/certain.ts builds the table from the LM's train split and prints what it
 * decides on the dev split. The file keys each context by two 32-bit hashes; in memory a
 * lookup compares 47 bits of them.
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { foldKey } from '../lang/fold.js';
import type { Piece } from './tokenize.js';

/**
 * Training lines (FNV-1a hash % 100 in [from, to)) the table is not built from, so that the speed
 * bench (tools/bench/restore-rss.ts) has a long run of text whose contexts it never counted.
 */
export const SPEED_LINES = { from: 2, to: 12 } as const;

const MAGIC = 0x564e4354; // "VNCT"
const LITTLE_ENDIAN = endianness() === 'LE';
const VERSION = 5;
/** A context boundary: a line's start or end, a sentence mark, a clause start. */
export const BOUNDARY = '|';
/** Any number as a neighbour ("ngày 15 tháng"). */
const NUMBER = '0';
/** Stands for the side a one-sided bigram context leaves out ("thuc hien ·" and "· hien nhiem"). */
export const ANY = '\u0001';
/** Spelling index of a veto: a context seen with its spellings split (a trigram: no bigram fallback; a one-sided context: the other side cannot decide alone). */
export const VETO = 0xffffffff;
/** In-memory slot tail of a veto (spelling indices take 1..0xfffe). */
const VETO_TAIL = 0xffff;
/** Spelling-index flag of a one-sided bigram certain enough to decide alone when the other side was never seen. */
export const STRONG = 0x80000000;
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
    keys[i] = piece.kind === 'number' ? NUMBER : piece.kind === 'fixed' ? foldKey(piece.fixed) : skeletonOf(piece, i);
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

/**
 * The five keys around pieces[i] — two before, its own, two after — with BOUNDARY past a
 * context's edge (and beyond it: a boundary ends the window).
 */
export function contextKeys(pieces: readonly Piece[], keys: readonly string[], i: number): [string, string, string, string, string] {
  const before = keyBefore(pieces, keys, i);
  const after = keyAfter(pieces, keys, i);
  return [
    before === BOUNDARY ? BOUNDARY : keyBefore(pieces, keys, i - 1), before,
    keys[i],
    after, after === BOUNDARY ? BOUNDARY : keyAfter(pieces, keys, i + 1),
  ];
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

/** Hashes of a trigram context from its keys (the build side's): [A, B]. */
export function trigramHashes(prev: string, cur: string, next: string): [number, number] {
  hashContext(keyHashA(prev), keyHashB(prev), keyHashA(cur), keyHashB(cur), keyHashA(next), keyHashB(next));
  return [contextA, contextB];
}

/** The ordered combination of five key hashes (wide windows; another seed than trigrams'). */
function combineWide(seed: number, p2: number, p1: number, cur: number, n1: number, n2: number): number {
  return combine(seed, combine(seed, p2, p1, cur), n1, n2);
}

function hashWide(p2A: number, p2B: number, p1A: number, p1B: number, curA: number, curB: number, n1A: number, n1B: number, n2A: number, n2B: number): void {
  contextA = combineWide(0x510e527f, p2A, p1A, curA, n1A, n2A);
  contextB = combineWide(0x9b05688c, p2B, p1B, curB, n1B, n2B);
}

/** Hashes of a wide window from its five keys (ANY for the sides a four-syllable window leaves out): [A, B]. */
export function wideHashes(keys: readonly [string, string, string, string, string]): [number, number] {
  const [p2, p1, cur, n1, n2] = keys;
  hashWide(keyHashA(p2), keyHashB(p2), keyHashA(p1), keyHashB(p1), keyHashA(cur), keyHashB(cur), keyHashA(n1), keyHashB(n1), keyHashA(n2), keyHashB(n2));
  return [contextA, contextB];
}

export class CertainContexts {
  /**
   * Open addressing, two numbers per slot (8 bytes: the probe of a lookup is one cache line):
   * the first context hash, then the second's high 16 bits over the slot's tail — spelling
   * index + 1, VETO_TAIL for a veto, 0 for an empty slot. A context's first slot is the top bits
   * of its first hash: the entries come sorted by that hash, so building the table writes it
   * front to back instead of in random order.
   */
  private readonly table: Uint32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(
    readonly words: readonly string[],
    readonly contextHashA: Uint32Array,
    readonly contextHashB: Uint32Array,
    /** Per context: index into words (| STRONG), or VETO. */
    readonly spellingIndex: Uint32Array,
  ) {
    if (words.length > 0xfffe) throw new Error(`certain-contexts table: ${words.length} spellings, at most 65,534 fit`);
    let capacity = 16;
    let bits = 4;
    // Load factor at most 0.8: a miss's probes stay within a cache line or two (8 slots per line).
    while (capacity * 0.8 < contextHashA.length) { capacity *= 2; bits++; }
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    this.shift = 32 - bits;
    for (let e = 0; e < contextHashA.length; e++) {
      const w = spellingIndex[e] === VETO ? VETO : (spellingIndex[e] & ~STRONG) >>> 0;
      if (w !== VETO && w >= words.length) throw new Error(`certain-contexts table damaged (spelling ${w} of ${words.length}): run npm run build:certain`);
      let slot = contextHashA[e] >>> this.shift;
      while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = contextHashA[e];
      const strongBit = w !== VETO && spellingIndex[e] & STRONG ? STRONG : 0;
      this.table[slot * 2 + 1] = (strongBit | (contextHashB[e] & 0x7fff0000) | (w === VETO ? VETO_TAIL : w + 1)) >>> 0;
    }
  }

  /** A table of [hash A, hash B, spelling index] entries, sorted (the file is then the same whatever the corpus's line order). */
  static fromEntries(words: readonly string[], entries: [number, number, number][]): CertainContexts {
    entries.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    return new CertainContexts(words, Uint32Array.from(entries, (e) => e[0]), Uint32Array.from(entries, (e) => e[1]), Uint32Array.from(entries, (e) => e[2]));
  }

  /** Contexts in the table, vetoes included. */
  get size(): number { return this.contextHashA.length; }

  /** Vetoes: trigrams and four-syllable windows seen with their spellings split and, with one-sided decisions, bigrams seen twice but not certain. */
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
    for (let slot = a >>> this.shift; ; slot = (slot + 1) & this.mask) {
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

  /** The certain spelling of the middle key of a window (as contextKeys gives it), if any. */
  lookup(context: readonly [string, string, string, string, string]): string | undefined {
    const h = context.map((key) => [keyHashA(key), keyHashB(key)]);
    return this.lookupHashed(h[0][0], h[0][1], h[1][0], h[1][1], h[2][0], h[2][1], h[3][0], h[3][1], h[4][0], h[4][1]);
  }

  /** lookup for pieces[i], from the pieces' keyHashes (the window contextKeys would give). */
  lookupAt(pieces: readonly Piece[], hashes: Int32Array, i: number): string | undefined {
    const before = !opensContext(pieces, i);
    const after = i + 1 < pieces.length && !opensContext(pieces, i + 1);
    const before2 = before && !opensContext(pieces, i - 1);
    const after2 = after && i + 2 < pieces.length && !opensContext(pieces, i + 2);
    return this.lookupHashed(
      before2 ? hashes[2 * i - 4] : BOUNDARY_A, before2 ? hashes[2 * i - 3] : BOUNDARY_B,
      before ? hashes[2 * i - 2] : BOUNDARY_A, before ? hashes[2 * i - 1] : BOUNDARY_B,
      hashes[2 * i], hashes[2 * i + 1],
      after ? hashes[2 * i + 2] : BOUNDARY_A, after ? hashes[2 * i + 3] : BOUNDARY_B,
      after2 ? hashes[2 * i + 4] : BOUNDARY_A, after2 ? hashes[2 * i + 5] : BOUNDARY_B,
    );
  }

  private lookupHashed(
    p2A: number, p2B: number, prevA: number, prevB: number, curA: number, curB: number,
    nextA: number, nextB: number, n2A: number, n2B: number,
  ): string | undefined {
    const tail = this.narrow(prevA, prevB, curA, curB, nextA, nextB);
    if (tail !== 0) return this.words[tail - 1];
    return this.wide(p2A, p2B, prevA, prevB, curA, curB, nextA, nextB, n2A, n2B);
  }

  /** The trigram and its one-sided bigrams: a spelling index + 1, or 0 (open). */
  private narrow(prevA: number, prevB: number, curA: number, curB: number, nextA: number, nextB: number): number {
    hashContext(prevA, prevB, curA, curB, nextA, nextB);
    const tail = this.find();
    if (tail === VETO_TAIL) return 0;
    if (tail !== 0) return tail;
    hashContext(prevA, prevB, curA, curB, ANY_A, ANY_B);
    const left = this.find();
    const leftStrong = foundStrong;
    hashContext(ANY_A, ANY_B, curA, curB, nextA, nextB);
    const right = this.find();
    if (left !== 0 && left !== VETO_TAIL && left === right) return left;
    if (left === 0 && right !== 0 && right !== VETO_TAIL && foundStrong) return right;
    if (right === 0 && left !== 0 && left !== VETO_TAIL && leftStrong) return left;
    return 0;
  }

  /** The wide windows, asked where narrow() leaves a syllable open. */
  private wide(
    p2A: number, p2B: number, p1A: number, p1B: number, curA: number, curB: number,
    n1A: number, n1B: number, n2A: number, n2B: number,
  ): string | undefined {
    hashWide(p2A, p2B, p1A, p1B, curA, curB, n1A, n1B, n2A, n2B);
    const whole = this.find();
    if (whole !== 0 && whole !== VETO_TAIL) return this.words[whole - 1];
    hashWide(p2A, p2B, p1A, p1B, curA, curB, ANY_A, ANY_B, ANY_A, ANY_B);
    const left = this.find();
    hashWide(ANY_A, ANY_B, ANY_A, ANY_B, curA, curB, n1A, n1B, n2A, n2B);
    const right = this.find();
    const leftCertain = left !== 0 && left !== VETO_TAIL;
    const rightCertain = right !== 0 && right !== VETO_TAIL;
    // Both certain: they must agree; one certain: the other absent, i.e. seen fewer than twice (seen but split: a veto).
    if (leftCertain ? (rightCertain ? left === right : right === 0) : rightCertain && left === 0) return this.words[(leftCertain ? left : right) - 1];
    return undefined;
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
    // The file is little-endian: on such a machine the arrays are copied whole.
    const array = (at: number): Uint32Array => {
      if (LITTLE_ENDIAN) return new Uint32Array(data.buffer.slice(data.byteOffset + at, data.byteOffset + at + 4 * n));
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
