/**
 * PDF inputs through pdf-parse v2 (pdf.js 5): per-page text layer, and for pages without
 * one (scans) a 300 dpi rendering for OCR. Each page is decided on its own, so a PDF mixing
 * born-digital and scanned pages is handled ('pdf-mixed').
 * Node 20: pdf-parse loads pdfjs-dist's *legacy* build, which ships its own core-js polyfills
 * (Promise.withResolvers etc.), so nothing needs patching here (checked on Node 20.20).
 */
import { PDFParse, InvalidPDFException, PasswordException, FormatError } from 'pdf-parse';
import { VnplanError } from '../errors.js';
import type { InputKind, Page } from '../document.js';
import { looksGarbled, type AccentStats } from './vietnamese.js';

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
}

export interface PdfIngest {
  pages: Page[];
  kind: Extract<InputKind, 'pdf-text' | 'pdf-scan' | 'pdf-mixed'>;
  decisions: PdfPageDecision[];
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

export async function ingestPdf(bytes: Uint8Array, onPage?: (done: number, total: number) => void): Promise<PdfIngest> {
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: bytes.slice(), verbosity: 0 });
  try {
    let textResult;
    try {
      textResult = await parser.getText({ pageJoiner: '' });
    } catch (err) {
      throw classifyPdfError(err);
    }
    const pages: Page[] = [];
    const decisions: PdfPageDecision[] = [];
    const total = textResult.pages.length;
    for (const { num, text } of textResult.pages) {
      const letters = letterCount(text);
      if (letters >= MIN_TEXT_LAYER_LETTERS) {
        const { garbled, stats } = looksGarbled(text);
        pages.push({ number: num, origin: 'text-layer', text, ...(garbled ? { needsRestoration: true } : {}) });
        decisions.push({ page: num, origin: 'text-layer', letters, garbled, stats });
      } else {
        const shot = await parser
          .getScreenshot({ partial: [num], scale: RENDER_DPI / 72, imageDataUrl: false, imageBuffer: true })
          .catch((err: unknown) => {
            throw classifyPdfError(err);
          });
        const rendered = shot.pages[0];
        if (!rendered?.data) throw new VnplanError('PDF_CORRUPT', `Page ${num} could not be rendered`);
        pages.push({ number: num, origin: 'ocr', text: '', image: rendered.data, width: Math.round(rendered.width), height: Math.round(rendered.height) });
        decisions.push({ page: num, origin: 'ocr', letters });
      }
      onPage?.(pages.length, total);
    }
    if (pages.length === 0) throw new VnplanError('PDF_CORRUPT', 'The PDF has no pages');
    const ocrPages = pages.filter((p) => p.origin === 'ocr').length;
    const kind = ocrPages === 0 ? 'pdf-text' : ocrPages === pages.length ? 'pdf-scan' : 'pdf-mixed';
    return { pages, kind, decisions };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
