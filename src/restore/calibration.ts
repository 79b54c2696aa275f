/**
 * Per-token confidence calibration. The decoder's confidence is a softmax over one slot's
 * candidates; on whole unseen documents it is over-confident where the LM knows little (place
 * and person names, capitalised words) and says nothing about slots with a single candidate.
 * A calibration maps (token class, raw confidence) to the share of such tokens restored right,
 * measured on dev documents: an isotonic (monotone non-decreasing) fit per class, stored as
 * points (raw, calibrated) and read by linear interpolation. The table is built by
 * tools/build/calibration.ts into dictionaries/restore/confidence-calibration.json.
 *
 * Only reported confidences change: the decoder's own confidences (which choose the slots the
 * default mode re-ranks) are left as they are, so the restored text does not depend on this.
 */
import { readFileSync } from 'node:fs';
import { CASE_ALL_CAPS, CASE_TITLE, type CaseShape } from './text.js';

/**
 * Token classes with different reliability at the same raw confidence:
 *  - unknown: one candidate the LM does not know (codes, abbreviations, foreign words: kept as
 *    written, and wrong where the document writes them with marks, "VND" for VNĐ);
 *  - single: one known candidate (nothing to choose; the raw confidence is always 1);
 *  - title: a capitalised word inside a sentence (names of places and people, which the LM knows least);
 *  - caps: a word in capitals (titles, headings);
 *  - lower: every other word.
 */
export const TOKEN_CLASSES = ['unknown', 'single', 'lower', 'title', 'caps'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

/** Indices into TOKEN_CLASSES (the per-token path works with numbers). */
const UNKNOWN = 0;
const SINGLE = 1;
const LOWER = 2;
const TITLE = 3;
const CAPS = 4;

/**
 * The class (index into TOKEN_CLASSES) of a token whose slot has `candidates` candidates, the
 * first with LM id `firstId` (< 0: unknown).
 */
export function tokenClass(candidates: number, firstId: number, shape: CaseShape, sentenceStart: boolean): number {
  if (candidates <= 1) return firstId < 0 ? UNKNOWN : SINGLE;
  if (shape === CASE_ALL_CAPS) return CAPS;
  if (shape === CASE_TITLE && !sentenceStart) return TITLE;
  return LOWER;
}

/**
 * Steps of the lookup table a mapper reads (raw confidence rounded to 1/LUT_STEPS): tokens
 * report confidence to three decimals, and a table read costs less than a curve search per token.
 */
const LUT_STEPS = 1000;

/** Monotone points of one class: raw[i] ascending, calibrated[i] non-decreasing, all in [0, 1]. */
export interface CalibrationCurve { raw: number[]; calibrated: number[]; tokens: number }

export interface CalibrationFile {
  kind: 'vnplan confidence calibration';
  /** How the table was fitted (documents, modes); free text. */
  fittedOn: string;
  /** Key `${channelMode}/${restorerMode}` (e.g. 'stripped/fast') → class → curve. */
  tables: Record<string, Partial<Record<TokenClass, CalibrationCurve>>>;
}

/** Piecewise-linear read of a monotone curve, clamped to its end points (and to [0, 1]). */
export function readCurve(curve: CalibrationCurve, raw: number): number {
  const { raw: xs, calibrated: ys } = curve;
  if (xs.length === 0) return raw;
  if (raw <= xs[0]) return clamp01(ys[0]);
  const last = xs.length - 1;
  if (raw >= xs[last]) return clamp01(ys[last]);
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= raw) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  const f = span > 0 ? (raw - xs[lo]) / span : 1;
  return clamp01(ys[lo] + f * (ys[hi] - ys[lo]));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Pool-adjacent-violators: the non-decreasing fit of `correct` (0/1 or shares) on `raw` with
 * weights, as points (mean raw confidence of a pooled block, its share correct). Input in any
 * order; ties in raw are pooled first.
 */
export function isotonicFit(samples: readonly { raw: number; correct: number; weight?: number }[]): CalibrationCurve {
  const sorted = [...samples].sort((a, b) => a.raw - b.raw);
  const blocks: { x: number; y: number; w: number }[] = [];
  for (const s of sorted) {
    const w = s.weight ?? 1;
    const top = blocks[blocks.length - 1];
    if (top && top.x / top.w === s.raw) { top.x += s.raw * w; top.y += s.correct * w; top.w += w; }
    else blocks.push({ x: s.raw * w, y: s.correct * w, w });
    // Pool while the last block's mean falls below the one before it.
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.y / a.w <= b.y / b.w) break;
      blocks.pop();
      a.x += b.x; a.y += b.y; a.w += b.w;
    }
  }
  const round = (v: number): number => Math.round(v * 10000) / 10000;
  const curve: CalibrationCurve = { raw: [], calibrated: [], tokens: sorted.length };
  for (const b of blocks) {
    const x = round(b.x / b.w);
    const y = round(b.y / b.w);
    // Rounding may tie neighbouring means: keep the later (higher) value at that point.
    if (curve.raw.length && curve.raw[curve.raw.length - 1] >= x) curve.calibrated[curve.calibrated.length - 1] = y;
    else { curve.raw.push(x); curve.calibrated.push(y); }
  }
  return curve;
}

/** A calibration for one mode: (class index, raw confidence in [0, 1]) → calibrated confidence. */
export type ConfidenceMapper = (cls: number, raw: number) => number;

export class ConfidenceCalibration {
  private readonly mappers = new Map<string, ConfidenceMapper | undefined>();

  constructor(readonly file: CalibrationFile) {}

  static load(path: string): ConfidenceCalibration {
    const file = JSON.parse(readFileSync(path, 'utf8')) as CalibrationFile;
    if (file.kind !== 'vnplan confidence calibration' || typeof file.tables !== 'object') throw new Error(`${path}: not a confidence calibration table`);
    return new ConfidenceCalibration(file);
  }

  /** The mapping for one channel mode and restorer mode, or undefined when none was fitted (raw confidences are reported then). */
  mapper(channelMode: string, restorerMode: 'fast' | 'accurate'): ConfidenceMapper | undefined {
    const key = `${channelMode}/${restorerMode}`;
    if (this.mappers.has(key)) return this.mappers.get(key);
    const table = this.file.tables[key];
    let mapper: ConfidenceMapper | undefined;
    if (table) {
      const luts = TOKEN_CLASSES.map((cls) => {
        const curve = table[cls];
        if (!curve) return undefined;
        const lut = new Float64Array(LUT_STEPS + 1);
        for (let i = 0; i <= LUT_STEPS; i++) lut[i] = readCurve(curve, i / LUT_STEPS);
        return lut;
      });
      mapper = (cls, raw) => {
        const lut = luts[cls];
        if (!lut) return raw;
        const at = Math.round(raw * LUT_STEPS);
        return lut[at < 0 ? 0 : at > LUT_STEPS ? LUT_STEPS : at];
      };
    }
    this.mappers.set(key, mapper);
    return mapper;
  }
}
