/**
 * The diagnostic of a document that is not Vietnamese at all (the judgment itself is
 * src/lang/evidence.ts's looksNotVietnamese): ingest keeps such a document untouched instead of
 * "restoring" French into Vietnamese ("du" → "đủ").
 */
import type { LanguageEvidence } from '../lang/evidence.js';

/** Diagnostic code of a document judged not Vietnamese (kept as is, restoration skipped). */
export const NOT_VIETNAMESE_DIAGNOSTIC = 'ingest.not-vietnamese';

export function notVietnameseMessage(evidence: LanguageEvidence): string {
  return (
    `The text does not look like Vietnamese (${evidence.syllableWords} of ${evidence.words} words are Vietnamese syllables): ` +
    'it is kept as it is, without diacritic restoration; fields may be empty. If it is Vietnamese in a legacy encoding, re-run with --encoding'
  );
}
