/**
 * OCR: every page that ingest marked origin 'ocr' (scans, images) is recognised by the
 * shared tesseract.js pool; the page gets its text, word boxes and mean confidence, and its
 * image is dropped to bound memory. PDF pages are rendered here, a bounded window of pages at
 * a time; blank pages (src/ocr/blank.ts) are not OCR'd. Pages with text pass through.
 * Pages already recognised by page-range jobs of a queued run (options.recognisedPages) are
 * taken as they are, and options.pageRange limits the pages read here: the diagnostics are made
 * from each page's `ocr` facts, so a split document gets the record a local run writes.
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
import { inPageRange, recognisedPagesFor } from '../ocr/page-selection.js';

const STAGE = 'ocr';
/** Tesseract word confidence below which a page is worth a human look. */
const LOW_PAGE_CONFIDENCE = 60;

/** OCR settings with everything decided: the engine and model that will read the pages. */
export type ResolvedOcrSettings = OcrSettings & { engine: 'native' | 'tesseractjs'; languages: string; model: string };

export function ocrSettings(ctx: StageContext): ResolvedOcrSettings {
  const workers = ctx.options.ocrWorkers;
  const settings = {
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

/** Renders (if needed), checks for a blank page, recognises, and lets the image go. */
async function ocrPage(page: Page, settings: ResolvedOcrSettings): Promise<Page> {
  const { image: _image, render: _render, ...rest } = page;
  const facts = { engine: settings.engine, languages: settings.languages, model: settings.model };
  const check = page.render ? (await page.render(BLANK_CHECK_DPI)).data : (page.image as Uint8Array);
  const stats = await inkStats(check).catch(() => ({ share: 1, lineRows: undefined }));
  if (isBlankShare(stats.share)) return { ...rest, ocr: { ...facts, blankInkShare: stats.share } };
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
  return { ...rest, text: result.text, words, confidence: result.confidence, ...(garbled ? { needsRestoration: true } : {}), ocr: { ...facts, ...(dpi ? { dpi } : {}) } };
}

/** One value when all pages agree (always, within one run), else the distinct values joined ("native,tesseractjs"). */
function agreed(values: string[]): string {
  return [...new Set(values)].join(',');
}

function scaleBox(b: { x0: number; y0: number; x1: number; y1: number }, k: number, width = Infinity, height = Infinity) {
  return { x0: Math.round(b.x0 * k), y0: Math.round(b.y0 * k), x1: Math.min(width, Math.round(b.x1 * k)), y1: Math.min(height, Math.round(b.y1 * k)) };
}

export const ocrStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx: StageContext): Promise<VDoc> {
    // Pages recognised by page-range jobs are taken as they are; the rest (within the run's
    // page range) are read here.
    const given = recognisedPagesFor(ctx.options, doc.source.sha256);
    const todo = doc.pages.filter((p) => p.origin === 'ocr' && !given.has(p.number) && (p.image || p.render) && inPageRange(ctx.options, p.number));
    const taken = doc.pages.filter((p) => p.origin === 'ocr' && given.has(p.number));
    if (todo.length === 0 && taken.length === 0) return doc;
    const handled = new Map<number, Page>(taken.map((p) => [p.number, given.get(p.number)!]));
    if (todo.length > 0) {
      const settings = ocrSettings(ctx);
      let done = 0;
      ctx.onProgress?.({ stage: STAGE, done, total: todo.length });
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
            handled.set(page.number, await ocrPage(page, settings));
          } catch (err) {
            failed = true;
            throw err;
          }
          ctx.onProgress?.({ stage: STAGE, done: ++done, total: todo.length });
        }
      };
      await Promise.all(Array.from({ length: Math.min(inFlight, todo.length) }, lane));
    }
    const pages = doc.pages.map((p) => handled.get(p.number) ?? p);
    const diagnostics: Diagnostic[] = [];
    const read: Page[] = [];
    for (const p of pages) {
      if (!handled.has(p.number)) continue;
      const blankInkShare = p.ocr?.blankInkShare;
      if (blankInkShare !== undefined) {
        diagnostics.push(
          diag(STAGE, 'warning', 'ocr.blank-page', `Page ${p.number} is blank (ink on ${(blankInkShare * 100).toFixed(3)} % of it); not OCR'd`, { page: p.number }, { inkShare: blankInkShare }),
        );
        continue;
      }
      read.push(p);
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
    const confidences = read.map((p) => p.confidence ?? 0);
    const blankPages = handled.size - read.length;
    const facts = pages.filter((p) => handled.has(p.number)).map((p) => p.ocr!);
    const engine = agreed(facts.map((f) => f.engine));
    const languages = agreed(facts.map((f) => f.languages));
    const model = agreed(facts.map((f) => f.model));
    const dpis = pages.filter((p) => handled.has(p.number) && p.ocr?.dpi).map((p) => ({ page: p.number, dpi: p.ocr!.dpi! }));
    diagnostics.push(
      diag(STAGE, 'info', 'ocr.summary', `OCR'd ${confidences.length} page(s) with ${engine} ${languages}/${model}${blankPages ? `; ${blankPages} blank page(s) skipped` : ''}`, undefined, {
        engine,
        languages,
        model,
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
