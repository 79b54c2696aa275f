/**
 * Where each character of the normalized text came from, stored compactly: a column per
 * character (4 bytes) and a (page, line) per appended run of characters, instead of an
 * object per character (~50 bytes), which made normalize's map the largest structure of a
 * long document.
 */
import type { SourcePoint, SourcePointList } from '../document.js';

const INITIAL_CAPACITY = 1024;

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class SourcePoints implements SourcePointList {
  private columns: Int32Array<ArrayBuffer>;
  /** Per run: the offset of its first character, its page and its line. */
  private runStart = new Int32Array(INITIAL_CAPACITY);
  private runPage = new Int32Array(INITIAL_CAPACITY);
  private runLine = new Int32Array(INITIAL_CAPACITY);
  private runs = 0;
  private size = 0;

  /** `capacity`: the expected number of characters (sized once when known, grown if exceeded). */
  constructor(capacity = INITIAL_CAPACITY) {
    this.columns = new Int32Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** Appends `count` characters of (page, line): column `columnAt(k)` for the k-th. */
  push(page: number, line: number, count: number, columnAt: (k: number) => number): void {
    if (count <= 0) return;
    const r = this.runs;
    const last = r - 1;
    if (r === 0 || this.runPage[last] !== page || this.runLine[last] !== line) {
      this.runStart = grow(this.runStart, r + 1);
      this.runPage = grow(this.runPage, r + 1);
      this.runLine = grow(this.runLine, r + 1);
      this.runStart[r] = this.size;
      this.runPage[r] = page;
      this.runLine[r] = line;
      this.runs = r + 1;
    }
    this.columns = grow(this.columns, this.size + count);
    for (let k = 0; k < count; k++) this.columns[this.size + k] = columnAt(k);
    this.size += count;
  }

  private runOf(index: number): number {
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  at(index: number): SourcePoint | undefined {
    if (index < 0) index += this.size;
    if (!(index >= 0 && index < this.size)) return undefined;
    const r = this.runOf(index);
    return { page: this.runPage[r]!, line: this.runLine[r]!, column: this.columns[index]! };
  }

  /** The page of the character at `index` (no object allocated). */
  pageAt(index: number): number | undefined {
    return index >= 0 && index < this.size ? this.runPage[this.runOf(index)] : undefined;
  }
}
