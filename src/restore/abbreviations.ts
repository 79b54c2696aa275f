/**
 * Capital abbreviations with Đ ("TTĐT", "BLĐTBXH", "21/2021/TT-BLĐTBXH", "364/ĐA-CP"), which
 * stripped text and English-model OCR write with D. The corpus counts of each spelling
 * (dictionaries/restore/d-abbreviations.json, tools/build/d-abbreviations.ts) say which
 * letters are (nearly) always written with Đ; only those get their Đ back. Letters the corpus
 * also writes with D ("HD" hướng dẫn beside "HĐ" hợp đồng, "CD") stay as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Piece } from './tokenize.js';

/**
 * Least share of Đ spellings among a run's corpus spellings for it to be restored, and least
 * count of the Đ spelling. On the 40 stripped dev-docs (bench:devdocs --mode fast; 1,679 errors
 * without the lexicon): share 0.5 and 0.7 1,599 errors (odd 772 / even 827), 0.9 1,638 (790 / 848:
 * loses "364/ĐA-CP", which the corpus writes with Đ 12 times in 16).
 */
export const D_SHARE = 0.7;
export const D_MIN_COUNT = 5;

/** An all-capital letter run between non-letters (the parts of "21/2021/TT-BLDTBXH"). */
const CAPITAL_RUN = /(?<!\p{L})[A-Z]{2,10}(?!\p{L})/gu;

export class DAbbreviations {
  constructor(private readonly withD: ReadonlyMap<string, string>) {}

  /** The lexicon file's entries that pass D_SHARE and D_MIN_COUNT. */
  static load(path: string): DAbbreviations {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { abbreviations: Record<string, [string, number, number]> };
    return DAbbreviations.of(Object.entries(raw.abbreviations).map(([letters, [spelling, withD, plain]]) => ({ letters, spelling, withD, plain })));
  }

  /** From counts: letters with D, the Đ spelling, its count and the count of the D spelling. */
  static of(entries: Iterable<{ letters: string; spelling: string; withD: number; plain: number }>): DAbbreviations {
    const map = new Map<string, string>();
    for (const e of entries) if (e.withD >= D_MIN_COUNT && e.withD >= D_SHARE * (e.withD + e.plain)) map.set(e.letters, e.spelling);
    return new DAbbreviations(map);
  }

  static loadIfPresent(path: string): DAbbreviations | undefined {
    return existsSync(path) ? DAbbreviations.load(path) : undefined;
  }

  get size(): number { return this.withD.size; }

  /** The Đ spelling of one run of capitals, or the run as written. */
  spell(run: string): string {
    return this.withD.get(run) ?? run;
  }

  /** `text` with each run of capitals the lexicon knows spelled with Đ. */
  repair(text: string): string {
    if (!text.includes('D')) return text;
    return text.replace(CAPITAL_RUN, (run) => (run.includes('D') ? this.spell(run) : run));
  }

  /**
   * Fixed pieces (codes, symbols, consonant-only abbreviations) get their Đ back; a word piece
   * in capitals that the lexicon knows and that `spellsSyllable` rejects becomes a fixed piece
   * with its Đ spelling. Changes the pieces in place.
   */
  applyTo(pieces: Piece[], spellsSyllable: (lower: string) => boolean): void {
    for (const p of pieces) {
      if (p.kind === 'fixed') p.fixed = this.repair(p.fixed);
      else if (p.kind === 'word' && this.withD.has(p.input) && !spellsSyllable(p.input.toLowerCase())) {
        p.kind = 'fixed';
        p.fixed = this.spell(p.input);
      }
    }
  }
}
