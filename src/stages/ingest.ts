/**
 * Ingest: bytes -> pages. The input type is decided from content (magic bytes); text is
 * decoded (Unicode or legacy Vietnamese encodings), PDFs are split into text-layer pages and
 * pages to OCR, images become pages to OCR. The raw bytes are dropped afterwards.
 */
import { readFile } from 'node:fs/promises';
import type { Stage, VDoc, StageContext, InputKind, Page } from '../document.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { inputReadError, VnplanError } from '../errors.js';
import { detectType, MIME } from '../ingest/detect.js';
import { checkInputBytes, checkPageCount, limitsOf } from '../ingest/limits.js';
import { ingestText } from '../ingest/text.js';
import type { PdfPageDecision } from '../ingest/pdf.js';
import { NOT_VIETNAMESE_DIAGNOSTIC, notVietnameseMessage } from '../ingest/language.js';
import { looksNotVietnamese } from '../lang/evidence.js';
import { inPageRange, pageImageWanted } from '../ocr/page-selection.js';

const STAGE = 'ingest';
/** Below this the encoding guess is reported as a warning so an operator can force --encoding. */
const LOW_ENCODING_CONFIDENCE = 0.8;

async function loadBytes(doc: VDoc): Promise<Uint8Array> {
  if (doc.bytes) return doc.bytes;
  try {
    return new Uint8Array(await readFile(doc.source.path));
  } catch (err) {
    throw inputReadError(err, doc.source.path);
  }
}

function garbleDiagnostics(pages: Page[]): Diagnostic[] {
  return pages
    .filter((p) => p.needsRestoration)
    .map((p) =>
      diag(STAGE, 'warning', 'ingest.garbled-text', `Page ${p.number} text looks like wrong-language OCR; it will be restored`, { page: p.number }),
    );
}

/** A warning when the pages that already carry text are not Vietnamese (English, French …). */
function judgeLanguage(pages: Page[]): Diagnostic | undefined {
  const text = pages.map((p) => p.text).join('\n');
  const { notVietnamese, evidence } = looksNotVietnamese(text);
  return notVietnamese ? diag(STAGE, 'warning', NOT_VIETNAMESE_DIAGNOSTIC, notVietnameseMessage(evidence), undefined, { ...evidence }) : undefined;
}

/** The legacy scheme most repaired text-layer pages were in, if any page was repaired. */
function legacyLayerEncoding(decisions: PdfPageDecision[]): string | undefined {
  const counts = new Map<string, number>();
  for (const d of decisions) if (d.encoding && d.encoding !== 'unicode') counts.set(d.encoding, (counts.get(d.encoding) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export const ingestStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx: StageContext): Promise<VDoc> {
    const bytes = await loadBytes(doc);
    if (bytes.length === 0) throw new VnplanError('INPUT_EMPTY', 'The file has 0 bytes');
    const limits = limitsOf(ctx.options);
    checkInputBytes(bytes.length, limits);
    const type = detectType(bytes);
    const diagnostics: Diagnostic[] = [];
    let pages: Page[];
    let kind: InputKind;
    let encoding: string | undefined;
    let release: (() => Promise<void>) | undefined;

    if (type === 'text') {
      const result = ingestText(bytes, { encoding: ctx.options.encoding });
      pages = result.pages;
      checkPageCount(pages.length, limits);
      kind = 'text';
      encoding = result.encoding;
      diagnostics.push(
        diag(
          STAGE,
          result.encodingConfidence < LOW_ENCODING_CONFIDENCE ? 'warning' : 'info',
          'ingest.encoding',
          `Text decoded as ${result.encoding} (confidence ${result.encodingConfidence.toFixed(2)})`,
          undefined,
          { encoding: result.encoding, confidence: result.encodingConfidence, forced: Boolean(ctx.options.encoding) },
        ),
        ...result.diagnostics,
      );
    } else if (type === 'pdf') {
      // pdf.js and sharp load on first use: a folder of text files never pays their import.
      const { ingestPdf } = await import('../ingest/pdf.js');
      const result = await ingestPdf(bytes, {
        encoding: ctx.options.encoding,
        maxPages: limits.maxPages,
        ...(ctx.options.pageRange ? { pages: ctx.options.pageRange } : {}),
        onPage: (done, total) => ctx.onProgress?.({ stage: STAGE, done, total }),
      });
      pages = result.pages;
      kind = result.kind;
      release = result.close;
      encoding = legacyLayerEncoding(result.decisions);
      diagnostics.push(
        diag(STAGE, 'info', 'ingest.pdf-pages', `PDF with ${pages.length} page(s): ${kind}`, undefined, {
          pages: result.decisions.map((d) => ({
            page: d.page,
            origin: d.origin,
            letters: d.letters,
            ...(d.stats ? { accentedRatio: d.stats.ratio } : {}),
            ...(d.encoding ? { encoding: d.encoding, encodingConfidence: d.encodingConfidence } : {}),
            ...(d.reason ? { reason: d.reason } : {}),
          })),
        }),
        ...result.diagnostics,
        ...result.decisions
          .filter((d) => d.reason === 'unusable-layer')
          .map((d) =>
            diag(STAGE, 'warning', 'ingest.text-layer-unusable', `Page ${d.page}: the text layer is not readable text (unmapped font glyphs); the page is OCR'd from its image instead`, { page: d.page }),
          ),
      );
    } else {
      const { ingestImage } = await import('../ingest/image.js');
      pages = await ingestImage(bytes, limits, (n) => (!inPageRange(ctx.options, n) ? 'skip' : pageImageWanted(ctx.options, doc.source.sha256, n) ? 'read' : 'list'));
      kind = 'image';
    }
    const language = judgeLanguage(pages);
    if (language) {
      // A foreign document is not garbled Vietnamese: keep it as is, restoration is skipped.
      pages = pages.map(({ needsRestoration: _n, ...page }) => page);
      diagnostics.push(language);
    }
    diagnostics.push(...garbleDiagnostics(pages));

    const { bytes: _dropped, ...rest } = doc;
    return {
      ...rest,
      source: { ...doc.source, mime: MIME[type], kind, ...(encoding ? { encoding } : {}) },
      pages,
      diagnostics: [...doc.diagnostics, ...diagnostics],
      ...(release ? { release } : {}),
    };
  },
};
