/**
 * PDF inputs through pdf-parse v2 (pdf.js 5): per-page text layer, and for pages without
 * one (scans) a 300 dpi rendering for OCR. Each page is decided on its own, so a PDF mixing
 * born-digital and scanned pages is handled ('pdf-mixed').
 * Node 20: pdf-parse loads pdfjs-dist's *legacy* build, which ships its own core-js polyfills
 * (Promise.withResolvers etc.), so nothing needs patching here (checked on Node 20.20).
 */
import { PDFParse, InvalidPDFException, PasswordException, FormatError } from 'pdf-parse';
import { VnplanError } from '../errors.js';
import type { InputKind, Page, RenderedPage } from '../document.js';
import { checkPageCount } from './limits.js';
import type { Diagnostic } from '../diagnostics.js';
import { repairTextLayerPage } from '../encoding/index.js';
import { looksGarbled, type AccentStats } from '../lang/evidence.js';

/** OCR needs ≥ 300 dpi for body text of 10–12 pt; PDF user space is 72 units per inch. */
export const RENDER_DPI = 300;
/** A page whose text layer has fewer letters than this is treated as image-only. */
const MIN_TEXT_LAYER_LETTERS = 16;

export interface PdfPageDecision {
  page: number;
  origin: Page['origin'];
  letters: number;
  garbled?: boolean;
  stats?: AccentStats;
  /** Text-layer pages: 'unicode' or the legacy font encoding the layer was repaired from. */
  encoding?: string;
  /** Confidence 0..1 of that encoding decision. */
  encodingConfidence?: number;
  /** Why a page with a text layer was rendered for OCR instead ('unusable-layer'). */
  reason?: 'no-text-layer' | 'unusable-layer';
}

export interface PdfIngest {
  pages: Page[];
  kind: Extract<InputKind, 'pdf-text' | 'pdf-scan' | 'pdf-mixed'>;
  decisions: PdfPageDecision[];
  /** Per-page encoding repairs (stage 'ingest', code encoding.text-layer-repaired). */
  diagnostics: Diagnostic[];
  /**
   * Closes the PDF. Pages to OCR are rendered on demand (their `render`), so the PDF stays
   * open until the caller has OCR'd them; without such pages it is already closed.
   */
  close: () => Promise<void>;
}

export interface PdfIngestOptions {
  /** --encoding: forces a legacy scheme on every text-layer page; 'utf8' turns the repair off. */
  encoding?: string;
  /** --max-pages: a PDF with more pages fails with INPUT_TOO_LARGE before any page is read. */
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
  /** Read only these pages (a page-range job of a queued run); the others are left out of the page list. */
  pages?: { from: number; to: number };
}

/** The pdf.js objects used to render one page (pdf-parse keeps its loaded document private). */
interface PdfJsCanvas { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: unknown }
interface PdfJsDocument {
  numPages: number;
  canvasFactory: { create(width: number, height: number): PdfJsCanvas; destroy(c: PdfJsCanvas): void };
  getPage(n: number): Promise<{
    getViewport(p: { scale: number }): { width: number; height: number };
    render(p: { canvasContext: unknown; viewport: unknown; canvas: unknown }): { promise: Promise<void> };
    cleanup(): void;
  }>;
}

async function loadDocument(parser: PDFParse): Promise<PdfJsDocument> {
  try {
    return await (parser as unknown as { load(): Promise<PdfJsDocument> }).load();
  } catch (err) {
    throw classifyPdfError(err);
  }
}

/**
 * Renders one page at `dpi` to PNG and frees the canvas at once: pdf-parse's getScreenshot
 * leaves each 300 dpi canvas (~35 MB of native memory) to the garbage collector, which does
 * not see that memory, so a long scan grew by a canvas per page.
 */
async function renderPage(pdf: PdfJsDocument, num: number, dpi: number): Promise<RenderedPage> {
  try {
    const page = await pdf.getPage(num);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const target = pdf.canvasFactory.create(viewport.width, viewport.height);
    try {
      await page.render({ canvasContext: target.context, viewport, canvas: target.canvas }).promise;
      const png = target.canvas.toBuffer('image/png');
      return { data: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: Math.round(viewport.width), height: Math.round(viewport.height) };
    } finally {
      pdf.canvasFactory.destroy(target);
      page.cleanup();
    }
  } catch (err) {
    throw err instanceof VnplanError ? err : classifyPdfError(err);
  }
}

function classifyPdfError(err: unknown): VnplanError {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  if (err instanceof PasswordException || name === 'PasswordException') {
    return new VnplanError('PDF_ENCRYPTED', message, { cause: err });
  }
  if (err instanceof InvalidPDFException || err instanceof FormatError || /Invalid PDF|FormatError|XRef|startxref/i.test(name + message)) {
    return new VnplanError('PDF_CORRUPT', message, { cause: err });
  }
  return new VnplanError('PDF_CORRUPT', `${name || 'Error'}: ${message}`, { cause: err });
}

const letterCount = (s: string): number => (s.match(/\p{L}/gu) ?? []).length;

/**
 * A text layer whose characters are mostly not text — U+FFFD, private-use code points or C0
 * controls, which is what pdf.js gives for fonts with neither a ToUnicode map nor a standard
 * encoding — cannot be repaired; the page is re-OCR'd from its image instead (what OCRmyPDF's
 * --redo-ocr does). Share of such characters among non-space characters:
 */
const UNUSABLE_LAYER_SHARE = 0.3;
const JUNK = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000E-\u001F]/gu;

export function textLayerUsable(text: string): boolean {
  const visible = text.replace(/\s+/g, '').length;
  if (visible === 0) return false;
  return (text.match(JUNK) ?? []).length / visible < UNUSABLE_LAYER_SHARE;
}

export async function ingestPdf(bytes: Uint8Array, opts: PdfIngestOptions = {}): Promise<PdfIngest> {
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy. The PDF is untrusted:
  // isEvalSupported false keeps pdf.js from compiling its functions with eval/new Function
  // (pdf-parse passes these options straight to pdf.js getDocument).
  const parser = new PDFParse({ data: bytes.slice(), verbosity: 0, isEvalSupported: false });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await parser.destroy().catch(() => undefined);
  };
  let handedOver = false;
  try {
    const pdf = await loadDocument(parser);
    checkPageCount(pdf.numPages, { maxPages: opts.maxPages });
    let textResult;
    try {
      const range = opts.pages;
      const partial = range ? Array.from({ length: Math.max(0, Math.min(range.to, pdf.numPages) - range.from + 1) }, (_, k) => range.from + k) : undefined;
      if (partial && partial.length === 0) throw new VnplanError('INTERNAL', `pages ${range!.from}-${range!.to} asked of a PDF of ${pdf.numPages} page(s)`);
      textResult = await parser.getText({ pageJoiner: '', ...(partial ? { partial } : {}) });
    } catch (err) {
      throw classifyPdfError(err);
    }
    const pages: Page[] = [];
    const decisions: PdfPageDecision[] = [];
    const diagnostics: Diagnostic[] = [];
    const total = textResult.pages.length;
    for (const { num, text: layer } of textResult.pages) {
      const usable = textLayerUsable(layer);
      // Legacy font encodings (.VnTime = TCVN3, VNI-Times) come out as cp1252 mojibake:
      // repair per page before judging how much text there is and whether it is garbled.
      const fixed = usable ? repairTextLayerPage(layer, num, { encoding: opts.encoding }) : undefined;
      const text = fixed?.text ?? layer;
      const letters = letterCount(text);
      if (fixed && letters >= MIN_TEXT_LAYER_LETTERS) {
        const { garbled, stats } = looksGarbled(text);
        pages.push({ number: num, origin: 'text-layer', text, ...(garbled ? { needsRestoration: true } : {}) });
        decisions.push({ page: num, origin: 'text-layer', letters, garbled, stats, encoding: fixed.encoding, encodingConfidence: fixed.confidence });
        diagnostics.push(...fixed.diagnostics);
      } else {
        // Rendered later, one page at a time, by the OCR stage (a page image is ~35 MB while drawn).
        const viewport = await pdf
          .getPage(num)
          .then((page) => page.getViewport({ scale: RENDER_DPI / 72 }))
          .catch((err: unknown) => {
            throw classifyPdfError(err);
          });
        const render = (dpi: number = RENDER_DPI): Promise<RenderedPage> => {
          if (closed) return Promise.reject(new VnplanError('INTERNAL', `Page ${num} rendered after its PDF was closed`));
          return renderPage(pdf, num, dpi);
        };
        pages.push({ number: num, origin: 'ocr', text: '', render, width: Math.round(viewport.width), height: Math.round(viewport.height) });
        decisions.push({ page: num, origin: 'ocr', letters, reason: !usable && layer.trim() !== '' ? 'unusable-layer' : 'no-text-layer' });
      }
      opts.onPage?.(pages.length, total);
    }
    if (pages.length === 0) throw new VnplanError('PDF_CORRUPT', 'The PDF has no pages');
    const ocrPages = pages.filter((p) => p.origin === 'ocr').length;
    const kind = ocrPages === 0 ? 'pdf-text' : ocrPages === pages.length ? 'pdf-scan' : 'pdf-mixed';
    handedOver = ocrPages > 0;
    return { pages, kind, decisions, diagnostics, close };
  } finally {
    if (!handedOver) await close();
  }
}

/** A PDF opened only to render its pages (the review page's page images). */
export interface PdfPages {
  numPages: number;
  render(page: number, dpi: number): Promise<RenderedPage>;
  close(): Promise<void>;
}

export async function openPdfPages(bytes: Uint8Array): Promise<PdfPages> {
  const parser = new PDFParse({ data: bytes.slice(), verbosity: 0, isEvalSupported: false });
  try {
    const pdf = await loadDocument(parser);
    return {
      numPages: pdf.numPages,
      render: (page, dpi) => {
        if (!Number.isInteger(page) || page < 1 || page > pdf.numPages) return Promise.reject(new VnplanError('USAGE', `no page ${page} (the PDF has ${pdf.numPages})`));
        return renderPage(pdf, page, dpi);
      },
      close: () => parser.destroy().catch(() => undefined),
    };
  } catch (err) {
    await parser.destroy().catch(() => undefined);
    throw err;
  }
}
