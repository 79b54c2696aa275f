/**
 * OCR: every page that ingest marked origin 'ocr' (scans, images) is recognised by the
 * shared tesseract.js pool; the page gets its text, word boxes and mean confidence, and its
 * image is dropped to bound memory. Pages with text (text files, text layers) pass through.
 */
import type { Stage, StageContext, VDoc, Page } from '../document.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { recognizeImage, type OcrSettings } from '../ocr/pool.js';
import { DEFAULT_LANGUAGES, DEFAULT_MODEL } from '../ocr/model.js';
import { looksGarbled } from '../lang/evidence.js';

const STAGE = 'ocr';
/** Tesseract word confidence below which a page is worth a human look. */
const LOW_PAGE_CONFIDENCE = 60;

export function ocrSettings(ctx: StageContext): OcrSettings {
  const workers = ctx.options.ocrWorkers;
  return {
    languages: ctx.options.ocrLanguages ?? DEFAULT_LANGUAGES,
    model: ctx.options.ocrModel ?? DEFAULT_MODEL,
    ...(typeof workers === 'number' && workers > 0 ? { workers } : {}),
  };
}

export const ocrStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx: StageContext): Promise<VDoc> {
    const todo = doc.pages.filter((p) => p.origin === 'ocr' && p.image);
    if (todo.length === 0) return doc;
    const settings = ocrSettings(ctx);
    let done = 0;
    ctx.onProgress?.({ stage: STAGE, done, total: todo.length });
    const recognised = new Map<number, Page>();
    // All pages are queued at once; the pool's scheduler runs as many as it has workers.
    await Promise.all(
      todo.map(async (page) => {
        ctx.signal?.throwIfAborted();
        const result = await recognizeImage(page.image as Uint8Array, settings);
        const { image: _dropped, ...rest } = page;
        // A poor scan (or an 'eng' model choice) can still yield accent-less text worth restoring.
        const { garbled } = looksGarbled(result.text);
        recognised.set(page.number, {
          ...rest,
          text: result.text,
          words: result.words,
          confidence: result.confidence,
          ...(garbled ? { needsRestoration: true } : {}),
        });
        ctx.onProgress?.({ stage: STAGE, done: ++done, total: todo.length });
      }),
    );
    const pages = doc.pages.map((p) => recognised.get(p.number) ?? p);
    const diagnostics: Diagnostic[] = [];
    for (const p of pages) {
      if (!recognised.has(p.number)) continue;
      const confidence = Math.round((p.confidence ?? 0) * 10) / 10;
      if (p.needsRestoration) {
        diagnostics.push(diag(STAGE, 'warning', 'ocr.garbled-text', `OCR text of page ${p.number} lacks Vietnamese accents; it will be restored`, { page: p.number }));
      }
      if (p.text.trim() === '') {
        diagnostics.push(diag(STAGE, 'warning', 'ocr.empty-page', `OCR found no text on page ${p.number}`, { page: p.number }));
      } else if ((p.confidence ?? 0) < LOW_PAGE_CONFIDENCE) {
        diagnostics.push(
          diag(STAGE, 'warning', 'ocr.low-confidence', `Low OCR confidence ${confidence} on page ${p.number}`, { page: p.number }, { confidence }),
        );
      }
    }
    const confidences = pages.filter((p) => recognised.has(p.number)).map((p) => p.confidence ?? 0);
    diagnostics.push(
      diag(STAGE, 'info', 'ocr.summary', `OCR'd ${todo.length} page(s) with ${settings.languages}/${settings.model}`, undefined, {
        languages: settings.languages,
        model: settings.model,
        meanConfidence: confidences.reduce((s, c) => s + c, 0) / confidences.length,
      }),
    );
    return { ...doc, pages, diagnostics: [...doc.diagnostics, ...diagnostics] };
  },
};

export { terminateOcr } from '../ocr/pool.js';
