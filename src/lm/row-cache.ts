/**
 * Score rows for decoders: the LM scores of one candidate list after one context, stored
 * side by side. A beam decoder asks P(w | u v) for every candidate w of a slot after each
 * state (u, v); a per-trigram memo costs one random probe (a cache miss in a table of
 * megabytes) per candidate, a row costs one probe per state and reads its scores from one
 * place. Rows of one decode are allocated in the order the decoder first needs them, so
 * decoding similar text again reads them nearly sequentially.
 *
 * The cache only stores: a new row is NaN throughout and the caller fills in the scores
 * it computes (a candidate skipped by the beam may stay NaN). Values are whatever the
 * caller stores, so reading them back changes no result.
 *
 * Successor hints: each row remembers which row was asked for right after it. Text that
 * repeats (a document restored again, a recurring phrase) asks for rows in the same order,
 * so the hint — usually next to it in `values`, hence in cache — answers without the hash
 * probe, which is a cache miss in a table of megabytes. A hint is only a guess: the row it
 * names is used only when its stored key is the key asked for.
 */

import { growInt32, mixKey53 } from './memo.js';

/** Row-table key fields: 17 bits per context id (+1, so −1 = none is 0), list id × 4 + kind above them (< 2^53). */
const ID_LIMIT = 1 << 17;
const LIST_SHIFT = 2 ** 34;
const LIST_LIMIT = 1 << 17;

export class ScoreRows {
  /** Interned candidate lists: ids back to back in listIds, list i at listStart[i]..listStart[i + 1]. */
  private listIds = new Int32Array(1 << 14);
  private listStart = new Int32Array(1 << 12);
  private lists = 0;
  private readonly listMask: number;
  /** Open addressing, list index + 1 per slot (0 = empty). */
  private readonly listTable: Int32Array;
  private readonly listHash: Int32Array;

  /** Open addressing over [hash, offset of the row's scores] pairs (0 = empty); the row's key and hint precede its scores. */
  private readonly rowMask: number;
  private readonly rowTable: Int32Array;
  private rowsUsed = 0;
  private readonly rowLimit: number;
  /** Per row: its full key, its successor hint (offset, 0 = none), its scores; NaN = not computed yet. */
  values: Float64Array;
  private valuesUsed = 0;
  /** Counts clear() calls: a list id obtained under another generation is stale. */
  generation = 0;
  /** Offset of the row returned last (0 = none): its hint is checked first and then updated. */
  private last = 0;

  constructor(rowBits = 18, valueBits = 21, listBits = 16) {
    const rowCapacity = 1 << rowBits;
    this.rowMask = rowCapacity - 1;
    this.rowTable = new Int32Array(rowCapacity * 2);
    this.rowLimit = (rowCapacity >>> 2) * 3;
    this.values = new Float64Array(1 << valueBits);
    const listCapacity = 1 << listBits;
    this.listMask = listCapacity - 1;
    this.listTable = new Int32Array(listCapacity);
    this.listHash = new Int32Array(listCapacity);
  }

  /** Forgets every row and list (call when the scores' meaning changes, e.g. another LM). */
  clear(): void {
    this.generation++;
    // Nothing stored since the last clear (a new cache's first decode): the tables are all zero
    // already, and filling megabytes the first document would pay for is wasted.
    if (this.rowsUsed === 0 && this.lists === 0) return;
    this.rowTable.fill(0);
    this.rowsUsed = 0;
    this.valuesUsed = 0;
    this.last = 0;
    this.listTable.fill(0);
    this.lists = 0;
  }

  /**
   * Id of the candidate list ids[0..k) (equal contents, equal id), or -1 when it cannot be
   * keyed (an id outside 0..2^17−2 other than −1).
   */
  listOf(ids: ArrayLike<number>, k: number): number {
    let h = k;
    for (let i = 0; i < k; i++) {
      const id = ids[i];
      if (id < -1 || id >= ID_LIMIT - 1) return -1;
      h = Math.imul(h ^ (id + 1), 0x9e3779b1);
      h ^= h >>> 15;
    }
    const mask = this.listMask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const entry = this.listTable[s];
      if (entry === 0) break;
      if (this.listHash[s] === h && this.sameList(entry - 1, ids, k)) return entry - 1;
    }
    // New list: drop everything when the tables are full (a long run meets an open-ended set).
    if (this.lists >= LIST_LIMIT || this.lists >= (mask >>> 1)) this.clear();
    const index = this.lists++;
    if (this.listStart.length <= index + 1) this.listStart = growInt32(this.listStart, (index + 2) * 2);
    const from = this.listStart[index];
    if (this.listIds.length < from + k) this.listIds = growInt32(this.listIds, (from + k) * 2);
    for (let i = 0; i < k; i++) this.listIds[from + i] = ids[i];
    this.listStart[index + 1] = from + k;
    let s = h & mask;
    while (this.listTable[s] !== 0) s = (s + 1) & mask;
    this.listTable[s] = index + 1;
    this.listHash[s] = h;
    return index;
  }

  private sameList(index: number, ids: ArrayLike<number>, k: number): boolean {
    const from = this.listStart[index];
    if (this.listStart[index + 1] - from !== k) return false;
    for (let i = 0; i < k; i++) if (this.listIds[from + i] !== ids[i]) return false;
    return true;
  }

  /**
   * Makes room for `rowCount` new rows of up to `k` scores each: when the cache cannot take
   * them, every row is dropped (keeps memory bounded; list ids stay valid). Call before the
   * row() calls of one step; row offsets stay valid until the next reserve() or listOf().
   */
  reserve(rowCount: number, k: number): void {
    // Two header values per row: key and successor hint.
    const values = rowCount * (k + 2);
    if (this.rowsUsed + rowCount <= this.rowLimit && this.valuesUsed + values <= this.values.length) return;
    this.rowTable.fill(0);
    this.rowsUsed = 0;
    this.valuesUsed = 0;
    // Hints point into this generation of rows only: dropping the rows drops the chain too.
    this.last = 0;
    if (values > this.values.length) this.values = new Float64Array(values * 2);
  }

  /**
   * Offset in `values` of the row of list `list` (k scores) after context (u, v), created
   * NaN-filled when new; -1 when it cannot be keyed, or when the table is full (more rows
   * than it holds were asked for since reserve()). `kind` (0–3) tells rows of different
   * meaning apart (a decoder's left trigrams, right trigrams…). Needs room made by reserve().
   */
  row(list: number, kind: number, u: number, v: number, k: number): number {
    if (list < 0 || u < -1 || v < -1 || u >= ID_LIMIT - 1 || v >= ID_LIMIT - 1) { this.last = 0; return -1; }
    const key = (list * 4 + kind) * LIST_SHIFT + (u + 1) * ID_LIMIT + (v + 1);
    const values = this.values;
    const last = this.last;
    if (last > 0) {
      // Every hint was set since the last clear, so it names the start of a live row.
      const hint = values[last - 1];
      if (hint > 0 && values[hint - 2] === key) { this.last = hint; return hint; }
    }
    const t = this.rowTable;
    const mask = this.rowMask;
    const h = mixKey53(key);
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const off = t[2 * i + 1];
      if (off === 0) break;
      if (t[2 * i] === h && values[off - 2] === key) {
        if (last > 0) values[last - 1] = off;
        this.last = off;
        return off;
      }
    }
    // Full even after reserve() (more rows asked than the table holds): not cached.
    if (this.rowsUsed >= this.rowLimit || this.valuesUsed + k + 2 > values.length) { this.last = 0; return -1; }
    const at = this.valuesUsed + 2;
    values[at - 2] = key;
    values[at - 1] = 0;
    // A loop, not values.fill(): rows are a handful of scores and the builtin's call costs more.
    for (let j = at; j < at + k; j++) values[j] = NaN;
    this.valuesUsed += k + 2;
    t[2 * i] = h;
    t[2 * i + 1] = at;
    this.rowsUsed++;
    if (last > 0) values[last - 1] = at;
    this.last = at;
    return at;
  }
}
