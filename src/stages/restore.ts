/**
 * Restore stage: diacritic restoration of the normalized text (noisy-channel decoder, see
 * src/restore). Honours ctx.options.restore ('auto' | 'always' | 'never'), toneStyle and
 * restoreTokens; pages flagged needsRestoration force the decoder in 'auto'. Line-preserving:
 * the offset map (doc.textToNormalized) is built token by token.
 */
import { diag, type Diagnostic } from '../diagnostics.js';
import type { Stage, VDoc } from '../document.js';
import { restoreText } from '../restore/index.js';

const STAGE = 'restore';
/** Changed tokens below this confidence are reported for review. */
const LOW_CONFIDENCE = 0.5;
const MAX_LOW_CONFIDENCE_DIAGNOSTICS = 100;

export const restoreStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx): Promise<VDoc> {
    const option = ctx.options.restore ?? 'auto';
    if (option === 'never' || doc.text.trim() === '') return doc;
    const flagged = doc.pages.some((p) => p.needsRestoration === true);
    const result = await restoreText(doc.text, {
      restore: option === 'auto' && flagged ? 'always' : option,
      toneStyle: ctx.options.toneStyle ?? 'old',
      alternatives: ctx.options.restoreTokens ? 3 : 0,
    });
    const diagnostics: Diagnostic[] = [];
    const low = result.tokens.filter((t) => t.output !== t.input && t.confidence < LOW_CONFIDENCE);
    for (const token of low.slice(0, MAX_LOW_CONFIDENCE_DIAGNOSTICS)) {
      diagnostics.push(diag(STAGE, 'info', 'restore.low-confidence', `"${token.input}" restored as "${token.output}" with low confidence`, { offset: token.start }, { input: token.input, output: token.output, confidence: token.confidence }));
    }
    if (low.length > MAX_LOW_CONFIDENCE_DIAGNOSTICS) {
      diagnostics.push(diag(STAGE, 'info', 'restore.low-confidence-more', `${low.length - MAX_LOW_CONFIDENCE_DIAGNOSTICS} more low-confidence tokens not listed`));
    }
    const { stats } = result;
    return {
      ...doc,
      text: result.text,
      textToNormalized: stats.applied ? result.offsetMap : doc.textToNormalized,
      restoration: {
        applied: stats.applied,
        accentedRatioBefore: stats.accentedRatioBefore,
        changedTokens: stats.changedTokens,
        totalTokens: stats.totalTokens,
        meanConfidence: stats.meanConfidence,
        ...(ctx.options.restoreTokens ? { tokens: result.tokens } : {}),
      },
      diagnostics: [...doc.diagnostics, ...diagnostics],
    };
  },
};
