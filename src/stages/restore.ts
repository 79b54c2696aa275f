/**
 * Restore stage: diacritic restoration of the normalized text (noisy-channel decoder, see
 * src/restore). Honours ctx.options.restore ('auto' | 'always' | 'never'), toneStyle and
 * restoreTokens; pages flagged needsRestoration force the decoder in 'auto'. Line-preserving:
 * the offset map (doc.textToNormalized) is built token by token. A long text is restored in
 * bounded chunks (src/text/chunks.ts), each decided on its own, so memory follows the largest
 * chunk; only what the record keeps (text, an offset map merged where lengths are kept,
 * counts) spans the document.
 */
import { diag, type Diagnostic } from '../diagnostics.js';
import type { OffsetMap, RestorationInfo, RestoredToken, Stage, VDoc } from '../document.js';
import { restoreText } from '../restore/index.js';
import { chunkRanges } from '../text/chunks.js';

const STAGE = 'restore';
/** Changed tokens below this confidence are reported for review. */
const LOW_CONFIDENCE = 0.5;
const MAX_LOW_CONFIDENCE_DIAGNOSTICS = 100;
/**
 * Word tokens below this (calibrated) confidence are kept in the record with their alternatives
 * for the review page (issue 17; the line issue 20 measures: tools/lib/dev-docs.ts REVIEW_LINE).
 */
export const REVIEW_CONFIDENCE = 0.9;
/** Alternatives kept per low-confidence token (the decoder's next best outputs). */
export const REVIEW_ALTERNATIVES = 3;
/** Cap on the tokens a record lists for review: a wholly garbled 2,000-page scan would list ~10⁵. */
export const MAX_REVIEW_TOKENS = 20_000;
const LETTER = /\p{L}/u;

/**
 * Appends `segments` shifted by (outBase, inBase) to `map`, merging a segment into the previous
 * one when both keep lengths and follow each other on both sides: offsets map exactly as
 * before the merge, and unchanged text costs one segment instead of two per token.
 */
export function appendOffsetSegments(map: OffsetMap, segments: OffsetMap, outBase: number, inBase: number): void {
  for (const s of segments) {
    const outStart = s.outStart + outBase;
    const outEnd = s.outEnd + outBase;
    const inStart = s.inStart + inBase;
    const inEnd = s.inEnd + inBase;
    const last = map[map.length - 1];
    if (
      last && outEnd - outStart === inEnd - inStart && last.outEnd - last.outStart === last.inEnd - last.inStart
      && last.outEnd === outStart && last.inEnd === inStart
    ) {
      last.outEnd = outEnd;
      last.inEnd = inEnd;
    } else map.push({ outStart, outEnd, inStart, inEnd });
  }
}

export const restoreStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx): Promise<VDoc> {
    const option = ctx.options.restore ?? 'auto';
    if (option === 'never' || doc.text.trim() === '') return doc;
    const flagged = doc.pages.some((p) => p.needsRestoration === true);
    const options = {
      restore: option === 'auto' && flagged ? ('always' as const) : option,
      toneStyle: ctx.options.toneStyle ?? 'old',
      // Alternatives are always asked for: the review page shows them for low-confidence tokens.
      alternatives: REVIEW_ALTERNATIVES,
    };
    const parts: string[] = [];
    let outLength = 0;
    let offsetMap: OffsetMap = [];
    const tokens: RestoredToken[] | undefined = ctx.options.restoreTokens ? [] : undefined;
    const low: RestoredToken[] = [];
    const review: NonNullable<RestorationInfo['lowConfidence']> = { below: REVIEW_CONFIDENCE, tokens: [], omitted: 0 };
    let lowCount = 0;
    let applied = false;
    let changedTokens = 0;
    let totalTokens = 0;
    let confidenceSum = 0;
    let accentedSum = 0;
    let firstStats: { accentedRatioBefore: number; meanConfidence: number } | undefined;
    const ranges = chunkRanges(doc.text, ctx.options.chunkChars);
    for (const [index, range] of ranges.entries()) {
      ctx.signal?.throwIfAborted();
      // A long text takes minutes: say how far it is, chunk by chunk, as OCR does page by page.
      if (ranges.length > 1) ctx.onProgress?.({ stage: STAGE, done: index, total: ranges.length });
      const result = await restoreText(doc.text.slice(range.start, range.end), options);
      const outBase = outLength;
      parts.push(result.text);
      outLength += result.text.length;
      if (result.stats.applied) applied = true;
      // One chunk keeps its token-by-token map; several are merged into one compact map.
      if (ranges.length === 1) offsetMap = result.offsetMap;
      else appendOffsetSegments(offsetMap, result.offsetMap, outBase, range.start);
      for (const t of result.tokens) {
        if (t.output !== t.input && t.confidence < LOW_CONFIDENCE && lowCount++ < MAX_LOW_CONFIDENCE_DIAGNOSTICS) low.push({ ...t, start: t.start + outBase });
        if (t.confidence < REVIEW_CONFIDENCE && (LETTER.test(t.output) || LETTER.test(t.input))) {
          if (review.tokens.length >= MAX_REVIEW_TOKENS) review.omitted++;
          else review.tokens.push({ input: t.input, output: t.output, start: t.start + outBase, end: t.end + outBase, confidence: t.confidence, alternatives: t.alternatives ?? [] });
        }
        tokens?.push(outBase ? { ...t, start: t.start + outBase, end: t.end + outBase } : t);
      }
      const { stats } = result;
      firstStats ??= stats;
      changedTokens += stats.changedTokens;
      totalTokens += stats.totalTokens;
      confidenceSum += stats.meanConfidence * stats.totalTokens;
      accentedSum += stats.accentedRatioBefore * stats.totalTokens;
    }
    const diagnostics: Diagnostic[] = [];
    for (const token of low) {
      diagnostics.push(diag(STAGE, 'info', 'restore.low-confidence', `"${token.input}" restored as "${token.output}" with low confidence`, { offset: token.start }, { input: token.input, output: token.output, confidence: token.confidence }));
    }
    if (lowCount > MAX_LOW_CONFIDENCE_DIAGNOSTICS) {
      diagnostics.push(diag(STAGE, 'info', 'restore.low-confidence-more', `${lowCount - MAX_LOW_CONFIDENCE_DIAGNOSTICS} more low-confidence tokens not listed`));
    }
    // One chunk (every ordinary document): its ratios as the restorer gave them; several: token-weighted means.
    const single = parts.length === 1 ? firstStats : undefined;
    const mean = (sum: number): number => (totalTokens ? Math.round((sum / totalTokens) * 1000) / 1000 : 1);
    return {
      ...doc,
      text: parts.length === 1 ? parts[0]! : parts.join(''),
      textToNormalized: applied ? offsetMap : doc.textToNormalized,
      restoration: {
        applied,
        accentedRatioBefore: single ? single.accentedRatioBefore : mean(accentedSum),
        changedTokens,
        totalTokens,
        meanConfidence: single ? single.meanConfidence : mean(confidenceSum),
        ...(tokens ? { tokens } : {}),
        ...(applied ? { lowConfidence: review } : {}),
      },
      diagnostics: [...doc.diagnostics, ...diagnostics],
    };
  },
};
