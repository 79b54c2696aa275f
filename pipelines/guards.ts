/** Stages that belong to pipelines rather than to one processing step. */
import { diag } from '../src/diagnostics.js';
import type { Stage, VDoc } from '../src/document.js';
import { VnplanError } from '../src/errors.js';

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
