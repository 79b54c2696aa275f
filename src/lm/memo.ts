/**
 * Allocation-free memo for n-gram scores: open addressing over two 32-bit keys (an n-gram of
 * up to four 16-bit ids packs into 64 bits exactly, which a float Map key cannot hold).
 * When half full it is cleared, so memory stays bounded (capacity × 16 bytes).
 */
export class NgramMemo {
  private readonly mask: number;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly values: Float64Array;
  /** 0 = empty slot, else the generation that wrote it (clearing bumps the generation). */
  private readonly gen: Uint32Array;
  private generation = 1;
  private size = 0;
  private readonly limit: number;

  constructor(capacityLog2 = 20) {
    const capacity = 1 << capacityLog2;
    this.mask = capacity - 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Float64Array(capacity);
    this.gen = new Uint32Array(capacity);
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

  /** The stored value, or NaN when absent. */
  get(hi: number, lo: number): number {
    const g = this.generation;
    for (let i = this.slot(hi, lo); ; i = (i + 1) & this.mask) {
      if (this.gen[i] !== g) return NaN;
      if (this.hi[i] === hi && this.lo[i] === lo) return this.values[i];
    }
  }

  set(hi: number, lo: number, value: number): void {
    if (this.size >= this.limit) this.clear();
    const g = this.generation;
    let i = this.slot(hi, lo);
    while (this.gen[i] === g) {
      if (this.hi[i] === hi && this.lo[i] === lo) { this.values[i] = value; return; }
      i = (i + 1) & this.mask;
    }
    this.gen[i] = g;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.values[i] = value;
    this.size++;
  }

  clear(): void {
    this.size = 0;
    this.generation++;
    if (this.generation === 0xffffffff) { this.gen.fill(0); this.generation = 1; }
  }
}
