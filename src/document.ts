/**
 * The one object that flows through every stage (cf. vfile). Stages are pure: they take a
 * VDoc and return a new one (spread, never mutate), appending diagnostics instead of
 * throwing for recoverable problems. Fatal problems throw VnplanError.
 */
import type { Diagnostic } from './diagnostics.js';
import type { DocumentFields, OutlineNode } from './schema/document.js';

export type InputKind = 'text' | 'pdf-text' | 'pdf-scan' | 'pdf-mixed' | 'image';

export interface SourceInfo {
  /** Absolute path (or '-' for stdin). */
  path: string;
  /** Path relative to the batch input folder; the docId derives from it. */
  relPath: string;
  sha256: string;
  bytes: number;
  /** Detected from content (magic bytes), never from the extension. */
  mime?: string;
  kind?: InputKind;
  /** Text encoding decided by ingest for text inputs (utf8, utf16le, tcvn3 …). */
  encoding?: string;
}

/** A page image rendered for OCR: PNG bytes and their pixel size. */
export interface RenderedPage { data: Uint8Array; width: number; height: number }

export interface BBox { x0: number; y0: number; x1: number; y1: number }

export interface OcrWord {
  text: string;
  /** 0..100 as tesseract reports it. */
  confidence: number;
  bbox: BBox;
  /** 0-based line index within the page text. */
  line: number;
  /** Character range of the word within the page text. */
  start: number;
  end: number;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  /** Where the text came from. */
  origin: 'text' | 'text-layer' | 'ocr';
  text: string;
  /** Mean OCR confidence 0..100, when OCR'd. */
  confidence?: number;
  words?: OcrWord[];
  width?: number;
  height?: number;
  /** Rendered/embedded page image for OCR (PNG bytes); dropped after OCR to bound memory. */
  image?: Uint8Array;
  /**
   * Renders the page image on demand at a resolution (PDF pages to OCR): the OCR stage renders,
   * recognises and drops one page at a time instead of holding every page image.
   */
  render?: (dpi?: number) => Promise<RenderedPage>;
  /** True when the page text looks like garbled (wrong-language) OCR and should be restored. */
  needsRestoration?: boolean;
  /** How the OCR stage read this page (set on every page it handled; not part of the record). */
  ocr?: PageOcrFacts;
}

/** What the OCR stage did with one page: the facts its diagnostics are made from. */
export interface PageOcrFacts {
  engine: 'native' | 'tesseractjs';
  languages: string;
  model: string;
  /** Resolution a rendered PDF page was read at (chosen from its text size). */
  dpi?: number;
  /** Set when the page was found blank and not read: the share of its pixels with ink. */
  blankInkShare?: number;
}

/** A page the OCR stage has already handled (no image or renderer): what page-range jobs hand to the joining job. */
export type RecognisedPage = Omit<Page, 'image' | 'render'> & { origin: 'ocr'; ocr: PageOcrFacts };

/** Pages of one document recognised elsewhere, keyed by the document's content so they are never applied to another version of it. */
export interface RecognisedPages {
  sha256: string;
  pages: RecognisedPage[];
}

/** Pages first..last (1-based, inclusive). */
export interface PageRange {
  from: number;
  to: number;
}

/**
 * A monotone piecewise map from offsets in one text to offsets in an earlier text.
 * Each segment says: output [outStart,outEnd) came from input [inStart,inEnd).
 * Composing the maps of successive stages leads from the final text back to the pages.
 */
export interface OffsetSegment { outStart: number; outEnd: number; inStart: number; inEnd: number }
export type OffsetMap = OffsetSegment[];

/** Where a character of the normalized text came from in the paged input. */
export interface SourcePoint { page: number; line: number; column: number }
/** The source point of each character (an array, or the compact src/text/source-points.ts). */
export interface SourcePointList {
  readonly length: number;
  at(index: number): SourcePoint | undefined;
}

export interface RestoredToken {
  input: string;
  output: string;
  /** Offsets of the token in the restored text. */
  start: number;
  end: number;
  /** Posterior-ish confidence 0..1 of the chosen output. */
  confidence: number;
  alternatives?: { output: string; score: number }[];
}

export interface RestorationInfo {
  applied: boolean;
  /** Share of tokens that were valid accented Vietnamese syllables before restoration. */
  accentedRatioBefore: number;
  changedTokens: number;
  totalTokens: number;
  meanConfidence: number;
  tokens?: RestoredToken[];
  /** Word tokens below the review line, with alternatives (kept in every record; see the restore stage). */
  lowConfidence?: { below: number; tokens: Array<Required<Pick<RestoredToken, 'alternatives'>> & Omit<RestoredToken, 'alternatives'>>; omitted: number };
}

export interface VDoc {
  source: SourceInfo;
  /** Raw input bytes; dropped once ingest has produced pages. */
  bytes?: Uint8Array;
  pages: Page[];
  /** The current full text (after normalize; after restore once restored). */
  text: string;
  /** normalized text offset -> source point (page/line/column), filled by normalize. */
  sourcePoints?: SourcePointList;
  /** Offsets of `text` -> offsets of the normalized text (identity until restore changes lengths). */
  textToNormalized?: OffsetMap;
  restoration?: RestorationInfo;
  outline?: OutlineNode[];
  fields?: DocumentFields;
  diagnostics: Diagnostic[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Frees what ingest keeps open for later stages (the PDF that renders pages); called once the pipeline ends. */
  release?: () => Promise<void>;
}

export interface StageContext {
  /** Options given to the pipeline run (CLI flags map onto these). */
  options: PipelineOptions;
  /** Called by long stages (OCR) to report progress within a document. */
  onProgress?: (event: { stage: string; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface PipelineOptions {
  /** Force a text encoding instead of detecting it. */
  encoding?: string;
  /** OCR languages, default 'vie'; 'eng+vie' allowed. */
  ocrLanguages?: string;
  /** Tesseract model variant folder inside @tesseract.js-data/vie, or 'system' (native engine). */
  ocrModel?: string;
  /** 'auto' (default: the system tesseract when installed), 'native' or 'tesseractjs'. */
  ocrEngine?: 'auto' | 'native' | 'tesseractjs';
  /** Diacritic restoration: 'auto' (detect need), 'always', 'never'. */
  restore?: 'auto' | 'always' | 'never';
  /** Tone placement for restored output: 'old' (hóa, Ủy) is the default, 'new' (hoá, Uỷ). */
  toneStyle?: 'old' | 'new';
  /** Keep per-token restoration details in the JSON. */
  restoreTokens?: boolean;
  /** Per-document limits (src/ingest/limits.ts): larger documents fail with INPUT_TOO_LARGE. */
  maxBytes?: number;
  maxPages?: number;
  /**
   * Read only these pages (a page-range job of a queued run): ingest leaves the other pages
   * out of the document (their PDF text layer is not read, their image frames not decoded)
   * and the OCR stage reads only these.
   */
  pageRange?: PageRange;
  /** Pages already recognised (by page-range jobs): the OCR stage takes them instead of reading them again. */
  recognisedPages?: RecognisedPages;
  /** Largest chunk restored at once (default MAX_CHUNK_CHARS of src/text/chunks.ts); for tests and tuning. */
  chunkChars?: number;
  [key: string]: unknown;
}

export interface Stage {
  readonly name: string;
  run(doc: VDoc, ctx: StageContext): Promise<VDoc> | VDoc;
}

export function emptyDoc(source: SourceInfo, bytes?: Uint8Array): VDoc {
  return { source, bytes, pages: [], text: '', diagnostics: [], timings: {} };
}
