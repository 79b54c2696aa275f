/**
 * OCR: every page that ingest marked origin 'ocr' (scans, images) is recognised by the
 * shared tesseract.js pool; the page gets its text, word boxes and mean confidence, and its
 * image is dropped to bound memory. PDF pages are rendered here, a bounded window of pages at
 * a time; blank pages (src/ocr/blank.ts) are not OCR'd. Pages with text pass through.
 */
import { availableParallelism } from 'node:os';
import type { Stage, StageContext, VDoc, Page } from '../document.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { recognizeImage, resolveEngine } from '../ocr/recognize.js';
import { DEFAULT_OCR_ENGINE, type OcrEngine, type OcrSettings } from '../ocr/settings.js';
import { DEFAULT_LANGUAGES } from '../ocr/model.js';
import { looksGarbled } from '../lang/evidence.js';
import { BLANK_CHECK_DPI, inkStats, isBlankShare } from '../ocr/blank.js';
import { chooseOcrDpi } from '../ocr/resolution.js';
import { RENDER_DPI } from '../ingest/pdf.js';

const STAGE = 'ocr';
/** Tesseract word confidence below which a page is worth a human look. */
const LOW_PAGE_CONFIDENCE = 60;

export function ocrSettings(ctx: StageContext): OcrSettings {
  const workers = ctx.options.ocrWorkers;
  const settings: OcrSettings = {
    engine: (ctx.options.ocrEngine as OcrEngine | undefined) ?? DEFAULT_OCR_ENGINE,
    languages: ctx.options.ocrLanguages ?? DEFAULT_LANGUAGES,
    ...(ctx.options.ocrModel ? { model: ctx.options.ocrModel } : {}),
    ...(typeof workers === 'number' && workers > 0 ? { workers } : {}),
  };
  // Decided once per document (the same for all its pages): 'auto' becomes the engine used.
  const { engine, model } = resolveEngine(settings);
  return { ...settings, engine, model };
}

/**
 * Pages in flight per OCR worker (rendered, waiting or being recognised): one recognised while
 * the next is rendered. More buys no speed (Tesseract is the bottleneck) and holds more page
 * images, ~35 MB each while a 300 dpi page is drawn.
 */
export const PAGES_IN_FLIGHT_PER_WORKER = 2;

/** What OCR made of one page: recognised text, or nothing because the page is blank. */
type PageResult = { page: Page; blank?: { inkShare: number }; dpi?: number };

/** Renders (if needed), checks for a blank page, recognises, and lets the image go. */
async function ocrPage(page: Page, settings: OcrSettings): Promise<PageResult> {
  const { image: _image, render: _render, ...rest } = page;
  const check = page.render ? (await page.render(BLANK_CHECK_DPI)).data : (page.image as Uint8Array);
  const stats = await inkStats(check).catch(() => ({ share: 1, lineRows: undefined }));
  if (isBlankShare(stats.share)) return { page: rest, blank: { inkShare: stats.share } };
  // A PDF page is rendered at the resolution its text size calls for (resolution.ts); an
  // image page is read at its own resolution.
  const dpi = page.render ? chooseOcrDpi(stats.lineRows, BLANK_CHECK_DPI) : undefined;
  const image = page.render ? (await page.render(dpi)).data : (page.image as Uint8Array);
  const result = await recognizeImage(image, { ...settings, ...(dpi ? { dpi } : {}) });
  const scale = dpi ? RENDER_DPI / dpi : 1;
  // A poor scan (or an 'eng' model choice) can still yield accent-less text worth restoring.
  const { garbled } = looksGarbled(result.text);
  // Word boxes in the page's own pixel space (its width/height are those of a RENDER_DPI render).
  const words = scale === 1 ? result.words : result.words.map((w) => ({ ...w, bbox: scaleBox(w.bbox, scale, rest.width, rest.height) }));
  return { page: { ...rest, text: result.text, words, confidence: result.confidence, ...(garbled ? { needsRestoration: true } : {}) }, ...(dpi ? { dpi } : {}) };
}

function scaleBox(b: { x0: number; y0: number; x1: number; y1: number }, k: number, width = Infinity, height = Infinity) {
  return { x0: Math.round(b.x0 * k), y0: Math.round(b.y0 * k), x1: Math.min(width, Math.round(b.x1 * k)), y1: Math.min(height, Math.round(b.y1 * k)) };
}

export const ocrStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx: StageContext): Promise<VDoc> {
    const todo = doc.pages.filter((p) => p.origin === 'ocr' && (p.image || p.render));
    if (todo.length === 0) return doc;
    const settings = ocrSettings(ctx);
    let done = 0;
    ctx.onProgress?.({ stage: STAGE, done, total: todo.length });
    const results = new Map<number, PageResult>();
    // Pages go through a bounded window, in order: a page's image lives from its rendering to
    // the end of its recognition, so memory does not grow with the page count.
    const inFlight = Math.max(1, (settings.workers ?? availableParallelism()) * PAGES_IN_FLIGHT_PER_WORKER);
    let next = 0;
    let failed = false;
    const lane = async (): Promise<void> => {
      while (!failed && next < todo.length) {
        const page = todo[next++]!;
        ctx.signal?.throwIfAborted();
        try {
          results.set(page.number, await ocrPage(page, settings));
        } catch (err) {
          failed = true;
          throw err;
        }
        ctx.onProgress?.({ stage: STAGE, done: ++done, total: todo.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, todo.length) }, lane));
    const recognised = new Map<number, Page>();
    for (const [n, r] of results) recognised.set(n, r.page);
    const pages = doc.pages.map((p) => recognised.get(p.number) ?? p);
    const diagnostics: Diagnostic[] = [];
    for (const p of pages) {
      if (!recognised.has(p.number)) continue;
      const blank = results.get(p.number)?.blank;
      if (blank) {
        diagnostics.push(
          diag(STAGE, 'warning', 'ocr.blank-page', `Page ${p.number} is blank (ink on ${(blank.inkShare * 100).toFixed(3)} % of it); not OCR'd`, { page: p.number }, { inkShare: blank.inkShare }),
        );
        continue;
      }
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
    const confidences = pages.filter((p) => recognised.has(p.number) && !results.get(p.number)?.blank).map((p) => p.confidence ?? 0);
    const blankPages = todo.length - confidences.length;
    const dpis = [...results.entries()].filter(([, r]) => r.dpi).sort(([a], [b]) => a - b).map(([page, r]) => ({ page, dpi: r.dpi! }));
    diagnostics.push(
      diag(STAGE, 'info', 'ocr.summary', `OCR'd ${confidences.length} page(s) with ${settings.engine} ${settings.languages}/${settings.model}${blankPages ? `; ${blankPages} blank page(s) skipped` : ''}`, undefined, {
        engine: settings.engine,
        languages: settings.languages,
        model: settings.model,
        meanConfidence: confidences.length ? confidences.reduce((s, c) => s + c, 0) / confidences.length : 0,
        ...(blankPages ? { blankPages } : {}),
        // Resolution each rendered PDF page was read at (chosen from its text size, resolution.ts).
        ...(dpis.length ? { dpi: dpis } : {}),
      }),
    );
    return { ...doc, pages, diagnostics: [...doc.diagnostics, ...diagnostics] };
  },
};

export { terminateOcr } from '../ocr/recognize.js';
