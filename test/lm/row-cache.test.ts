import { describe, expect, it } from 'vitest';
import { ScoreRows } from '../../src/lm/row-cache.js';
import { seededInts } from '../support/prng.js';

describe('ScoreRows', () => {
  it('interns candidate lists by content', () => {
    const rows = new ScoreRows(8, 10, 6);
    const a = rows.listOf([5, 7, -1], 3);
    expect(rows.listOf([5, 7, -1], 3)).toBe(a);
    expect(rows.listOf(Int32Array.from([5, 7, -1]), 3)).toBe(a);
    // Order, length and content all count; only the first k ids are read.
    const others = [rows.listOf([7, 5, -1], 3), rows.listOf([5, 7], 2), rows.listOf([5, 7, 0], 3), rows.listOf([5, 7, -1, 9], 3)];
    expect(others.slice(0, 3).every((id) => id !== a)).toBe(true);
    expect(new Set(others.slice(0, 3)).size).toBe(3);
    expect(others[3]).toBe(a);
    // Ids the key cannot hold are refused rather than aliased.
    expect(rows.listOf([1 << 17], 1)).toBe(-1);
    expect(rows.listOf([-2], 1)).toBe(-1);
  });

  it('keeps one NaN-initialised row per (list, kind, context) and returns it again', () => {
    const rows = new ScoreRows(8, 10, 6);
    const list = rows.listOf([3, 4], 2);
    rows.reserve(4, 2);
    const r = rows.row(list, 0, 1, 2, 2);
    expect(Number.isNaN(rows.values[r]) && Number.isNaN(rows.values[r + 1])).toBe(true);
    rows.values[r + 1] = -1.5;
    const others = [rows.row(list, 1, 1, 2, 2), rows.row(list, 0, 2, 1, 2), rows.row(list, 0, -1, 2, 2)];
    expect(new Set([r, ...others]).size).toBe(4);
    expect(rows.row(list, 0, 1, 2, 2)).toBe(r);
    expect(rows.values[r + 1]).toBe(-1.5);
    expect(rows.row(-1, 0, 1, 2, 2)).toBe(-1);
    expect(rows.row(list, 0, 1 << 17, 2, 2)).toBe(-1);
  });

  it('drops its rows when full (reserve), list ids stay valid', () => {
    const rows = new ScoreRows(4, 8, 6); // 16 row slots, at most 12 rows, 256 values
    const list = rows.listOf([1, 2, 3, 4], 4);
    const at: number[] = [];
    for (let v = 0; v < 12; v++) {
      rows.reserve(1, 4);
      at.push(rows.row(list, 0, 0, v, 4));
      rows.values[at[v]] = v + 0.25;
    }
    for (let v = 0; v < 12; v++) expect(rows.values[rows.row(list, 0, 0, v, 4)]).toBe(v + 0.25);
    rows.reserve(1, 4); // no room for a 13th row: everything goes
    expect(rows.listOf([1, 2, 3, 4], 4)).toBe(list);
    expect(Number.isNaN(rows.values[rows.row(list, 0, 0, 5, 4)])).toBe(true);
    // More rows than the table holds: the surplus is not cached (-1), never an endless probe.
    rows.reserve(40, 4);
    const offsets = Array.from({ length: 40 }, (_, v) => rows.row(list, 1, 0, v, 4));
    expect(offsets.filter((at) => at >= 0)).toHaveLength(12);
    expect(offsets.slice(12).every((at) => at === -1)).toBe(true);
    // Rows wider than the value store still fit.
    rows.reserve(1, 1000);
    const wide = rows.row(rows.listOf(Array.from({ length: 1000 }, (_, i) => i), 1000), 0, 0, 0, 1000);
    expect(rows.values.length).toBeGreaterThanOrEqual(wide + 1000);
  });

  it('answers from successor hints only with the row asked for, across drops', () => {
    const rows = new ScoreRows(6, 9, 6); // 64 row slots, at most 48 rows: frequent drops
    const widths = [2, 1, 3];
    const lists = [rows.listOf([1, 2], 2), rows.listOf([3], 1), rows.listOf([4, 5, 6], 3)];
    const rnd = seededInts(7);
    const key = () => [rnd(3), rnd(4), rnd(5) - 1, rnd(5) - 1];
    // Repeated runs of one sequence (hints hit) mixed with random requests (hints miss).
    const pattern = Array.from({ length: 30 }, key);
    const tags = new Map<string, number>();
    let repeats = 0;
    for (let round = 0; round < 60; round++) {
      const run = round % 3 === 2 ? Array.from({ length: 20 }, key) : pattern.slice(0, 10 + rnd(20));
      for (const [l, kind, u, v] of run) {
        rows.reserve(1, widths[l]);
        const at = rows.row(lists[l], kind, u, v, widths[l]);
        expect(at).toBeGreaterThanOrEqual(0);
        const name = `${l}/${kind}/${u}/${v}`;
        if (!tags.has(name)) tags.set(name, tags.size + 0.5);
        // A row that holds a score must hold this key's score: never another row's.
        if (!Number.isNaN(rows.values[at])) { expect(rows.values[at]).toBe(tags.get(name)); repeats++; }
        for (let j = 0; j < widths[l]; j++) rows.values[at + j] = tags.get(name)!;
      }
    }
    expect(repeats).toBeGreaterThan(300);
  });
});

