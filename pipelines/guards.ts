/** Stages that belong to pipelines rather than to one processing step. */
import { diag } from '../src/diagnostics.js';
import type { Stage, VDoc } from '../src/document.js';
import { VnplanError } from '../src/errors.js';
import { NOT_VIETNAMESE_DIAGNOSTIC, notVietnameseMessage } from '../src/ingest/language.js';
import { looksNotVietnamese } from '../src/lang/evidence.js';

/** A page that carries no text yet: it must be OCR'd before anything else can read it. */
function lacksText(page: VDoc['pages'][number]): boolean {
  return page.text.trim().length === 0;
}

/**
 * For pipelines without OCR: a document whose pages are all image-only cannot be processed
 * (fatal OCR_REQUIRED); a document with some image-only pages continues with a warning per
 * page, since its text pages still carry content.
 */
export const requireTextStage: Stage = {
  name: 'require-text',
  run(doc: VDoc): VDoc {
    const imageOnly = doc.pages.filter(lacksText);
    if (doc.pages.length === 0 || imageOnly.length === doc.pages.length) {
      throw new VnplanError('OCR_REQUIRED', `${doc.source.relPath}: ${doc.pages.length || 'no'} page(s) without a text layer`);
    }
    const diagnostics = imageOnly.map((p) =>
      diag('require-text', 'warning', 'pipeline.page-needs-ocr', `Page ${p.number} has no text layer and this pipeline does not run OCR`, { page: p.number }),
    );
    return { ...doc, diagnostics: [...doc.diagnostics, ...diagnostics] };
  },
};

/**
 * Wraps the restoration stage so it runs only on Vietnamese text. Restoring English or French
 * would "correct" it into Vietnamese ("du" → "đủ", "Le" → "Lệ"); an archivist expects a foreign
 * document kept as it is, with a warning, not failed. Ingest flags text it judged foreign; text
 * that only OCR produced is judged here. The option restore: 'always' still forces restoration.
 */
export function vietnameseOnly(inner: Stage): Stage {
  return {
    name: inner.name,
    // Part of the pipeline version: records restored before this guard existed are redone.
    version: `${(inner as { version?: string }).version ?? ''}+vi-guard1`,
    async run(doc, ctx) {
      if (ctx.options.restore === 'always') return inner.run(doc, ctx);
      const flagged = doc.diagnostics.some((d) => d.code === NOT_VIETNAMESE_DIAGNOSTIC);
      const judged = flagged ? undefined : looksNotVietnamese(doc.text);
      if (!flagged && !judged?.notVietnamese) return inner.run(doc, ctx);
      const diagnostics = [
        ...(judged
          ? [
              diag(inner.name, 'warning', NOT_VIETNAMESE_DIAGNOSTIC, notVietnameseMessage(judged.evidence), undefined, { ...judged.evidence }),
            ]
          : []),
        diag(inner.name, 'info', 'restore.skipped-not-vietnamese', 'Diacritic restoration skipped: the text is not Vietnamese (use restore: "always" to force it)'),
      ];
      return { ...doc, diagnostics: [...doc.diagnostics, ...diagnostics] };
    },
  } as Stage;
}
