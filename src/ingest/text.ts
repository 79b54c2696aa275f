/** Plain-text inputs: decode (Unicode or legacy Vietnamese encodings), split on form feeds. */
import { decodeText } from '../encoding/index.js';
import { VnplanError } from '../errors.js';
import type { Page } from '../document.js';
import type { Diagnostic } from '../diagnostics.js';
import { looksBinary, utf16ByteOrderWithoutBom } from './detect.js';
import { looksGarbled } from '../lang/evidence.js';

export interface TextIngest {
  pages: Page[];
  encoding: string;
  encodingConfidence: number;
  /** The decoder's decision details (encoding.detected|forced|repaired|mixed|not-vietnamese). */
  diagnostics: Diagnostic[];
}

export function ingestText(bytes: Uint8Array, opts: { encoding?: string } = {}): TextIngest {
  if (bytes.length === 0) throw new VnplanError('INPUT_EMPTY', 'The file has 0 bytes');
  if (!opts.encoding && looksBinary(bytes)) {
    throw new VnplanError('UNSUPPORTED_FORMAT', 'The file holds binary data (NUL or control bytes) and no known magic number; if it is text in an unusual encoding, force one with --encoding');
  }
  // BOM-less UTF-16 is valid UTF-8 byte-wise (NULs included), so name it before decoding.
  const hasBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const encoding = opts.encoding ?? (hasBom ? undefined : (utf16ByteOrderWithoutBom(bytes) ?? undefined));
  const decoded = decodeText(bytes, { encoding });
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new VnplanError('INPUT_EMPTY', 'The file holds only whitespace');
  // OCR engines and printers-to-text separate pages with form feeds; keep them as pages.
  const chunks = text.split('\f');
  const pages: Page[] = [];
  chunks.forEach((chunk, i) => {
    if (chunks.length > 1 && chunk.trim() === '' && i === chunks.length - 1) return; // trailing \f
    const { garbled } = looksGarbled(chunk);
    pages.push({ number: pages.length + 1, origin: 'text', text: chunk, ...(garbled ? { needsRestoration: true } : {}) });
  });
  return { pages, encoding: decoded.encoding, encodingConfidence: decoded.confidence, diagnostics: decoded.diagnostics ?? [] };
}
