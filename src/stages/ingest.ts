/**
 * Ingest: bytes -> pages. The input type is decided from content (magic bytes); text is
 * decoded (Unicode or legacy Vietnamese encodings), PDFs are split into text-layer pages and
 * pages to OCR, images become pages to OCR. The raw bytes are dropped afterwards.
 */
import { readFile } from 'node:fs/promises';
import type { Stage, VDoc, StageContext, InputKind, Page } from '../document.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { VnplanError } from '../errors.js';
import { detectType, MIME } from '../ingest/detect.js';
import { ingestText } from '../ingest/text.js';
import { ingestPdf } from '../ingest/pdf.js';
import { ingestImage } from '../ingest/image.js';

const STAGE = 'ingest';
/** Below this the encoding guess is reported as a warning so an operator can force --encoding. */
const LOW_ENCODING_CONFIDENCE = 0.8;

async function loadBytes(doc: VDoc): Promise<Uint8Array> {
  if (doc.bytes) return doc.bytes;
  try {
    return new Uint8Array(await readFile(doc.source.path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new VnplanError('INPUT_NOT_FOUND', doc.source.path, { cause: err });
    throw err;
  }
}

function garbleDiagnostics(pages: Page[]): Diagnostic[] {
  return pages
    .filter((p) => p.needsRestoration)
    .map((p) =>
      diag(STAGE, 'warning', 'ingest.garbled-text', `Page ${p.number} text looks like wrong-language OCR; it will be restored`, { page: p.number }),
    );
}

export const ingestStage: Stage = {
  name: STAGE,
  async run(doc: VDoc, ctx: StageContext): Promise<VDoc> {
    const bytes = await loadBytes(doc);
    if (bytes.length === 0) throw new VnplanError('INPUT_EMPTY', 'The file has 0 bytes');
    const type = detectType(bytes);
    const diagnostics: Diagnostic[] = [];
    let pages: Page[];
    let kind: InputKind;
    let encoding: string | undefined;

    if (type === 'text') {
      const result = ingestText(bytes, { encoding: ctx.options.encoding });
      pages = result.pages;
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
      );
    } else if (type === 'pdf') {
      const result = await ingestPdf(bytes, (done, total) => ctx.onProgress?.({ stage: STAGE, done, total }));
      pages = result.pages;
      kind = result.kind;
      diagnostics.push(
        diag(STAGE, 'info', 'ingest.pdf-pages', `PDF with ${pages.length} page(s): ${kind}`, undefined, {
          pages: result.decisions.map((d) => ({ page: d.page, origin: d.origin, letters: d.letters, ...(d.stats ? { accentedRatio: d.stats.ratio } : {}) })),
        }),
      );
    } else {
      pages = await ingestImage(bytes);
      kind = 'image';
    }
    diagnostics.push(...garbleDiagnostics(pages));

    const { bytes: _dropped, ...rest } = doc;
    return {
      ...rest,
      source: { ...doc.source, mime: MIME[type], kind, ...(encoding ? { encoding } : {}) },
      pages,
      diagnostics: [...doc.diagnostics, ...diagnostics],
    };
  },
};
