/**
 * Allocation-free memo for n-gram scores: open addressing over two 32-bit keys (an n-gram of
 * up to four 16-bit ids packs into 64 bits exactly, which a float Map key cannot hold).
 * Each entry is [hi, lo, generation, value] in one Float64Array, so a probe touches a single
 * cache line. When half full it is cleared (by bumping the generation), so memory stays
 * bounded at capacity × 32 bytes.
 */
const STRIDE = 4;

export class NgramMemo {
  private readonly mask: number;
  private readonly table: Float64Array;
  /** 0 = never written; clearing bumps the generation, which empties every slot at once. */
  private generation = 1;
  private size = 0;
  private readonly limit: number;

  constructor(capacityLog2 = 19) {
    const capacity = 1 << capacityLog2;
    this.mask = capacity - 1;
    this.table = new Float64Array(capacity * STRIDE);
    this.limit = capacity >>> 1;
  }

  private slot(hi: number, lo: number): number {
    // Multiplicative mixing of both halves (Math.imul keeps it in int32).
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The stored value, or NaN when absent. hi and lo are unsigned 32-bit integers. */
  get(hi: number, lo: number): number {
    const t = this.table;
    const g = this.generation;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (t[at + 2] !== g) return NaN;
      if (t[at] === hi && t[at + 1] === lo) return t[at + 3];
    }
  }

  set(hi: number, lo: number, value: number): void {
    if (this.size >= this.limit) this.clear();
    const t = this.table;
    const g = this.generation;
    let i = this.slot(hi, lo);
    for (; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (t[at + 2] !== g) break;
      if (t[at] === hi && t[at + 1] === lo) { t[at + 3] = value; return; }
    }
    const at = i * STRIDE;
    t[at] = hi;
    t[at + 1] = lo;
    t[at + 2] = g;
    t[at + 3] = value;
    this.size++;
  }

  clear(): void {
    this.size = 0;
    this.generation++;
  }
}

/**
 * Memo keyed by one exact integer below 2^53 (a trigram of 16-bit ids fits): entries are
 * [key, value] pairs in one Float64Array, -1 marks an empty slot. Half the footprint of
 * NgramMemo per entry, so more of it stays in cache.
 */
export class KeyMemo {
  private readonly mask: number;
  private readonly table: Float64Array;
  private size = 0;
  private readonly limit: number;

  constructor(capacityLog2 = 20) {
    const capacity = 1 << capacityLog2;
    this.mask = capacity - 1;
    this.table = new Float64Array(capacity * 2).fill(-1);
    this.limit = capacity >>> 1;
  }

  private slot(key: number): number {
    return mixKey53(key) & this.mask;
  }

  /** The stored value, or NaN when absent; key is a non-negative integer below 2^53. */
  get(key: number): number {
    const t = this.table;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = t[2 * i];
      if (k === key) return t[2 * i + 1];
      if (k === -1) return NaN;
    }
  }

  set(key: number, value: number): void {
    if (this.size >= this.limit) this.clear();
    const t = this.table;
    let i = this.slot(key);
    for (; ; i = (i + 1) & this.mask) {
      const k = t[2 * i];
      if (k === key) { t[2 * i + 1] = value; return; }
      if (k === -1) break;
    }
    t[2 * i] = key;
    t[2 * i + 1] = value;
    this.size++;
  }

  clear(): void {
    this.size = 0;
    this.table.fill(-1);
  }
}

/** 32-bit hash of an exact integer key below 2^53 (both halves mixed, Math.imul keeps it in int32). */
export function mixKey53(key: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A copy of `a` in a larger array of `size` entries (the rest zero). */
export function growInt32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a);
  return next;
}
