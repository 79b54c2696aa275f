/**
 * Page images for the review page, rendered on demand from the document's recorded source file
 * (never any other path) and cached on disk under <outDir>/.vnplan-review/pages. The source is
 * checked against the record's sha256 first: a file changed since the run would show a page
 * that the text and boxes do not belong to. PDFs are rendered with the same pdf.js code as
 * ingest (src/ingest/pdf.ts) and kept open for a few documents; image frames go through sharp.
 * One page is rendered at a time, so a burst of requests cannot hold many canvases at once.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import PQueue from 'p-queue';
import sharp from 'sharp';
import { openPdfPages, RENDER_DPI, type PdfPages } from '../ingest/pdf.js';
import { writeFileAtomic } from '../output/write.js';
import type { DocumentRecord } from '../schema/document.js';

/** Resolution of PDF page images on screen: a page fits a half screen at ~850 px wide. */
export const REVIEW_DPI = 100;
/** Widest image-input page sent (pixels); larger scans are scaled down. */
export const MAX_IMAGE_WIDTH = 1400;
/** Pages rendered ahead of the one asked for. */
export const PREFETCH_PAGES = 2;
/** PDFs kept open (parsing a long PDF again for each page would cost more than the page). */
const OPEN_PDFS = 4;
export const CACHE_DIR = '.vnplan-review';

/** A one-page PDF (pdf.js rebuilds the missing cross-reference table) for warmUp. */
const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

export class PageImageError extends Error {
  constructor(readonly status: 404 | 409 | 422, message: string) {
    super(message);
  }
}

export interface PageInfo {
  number: number;
  /** Scale from the record's bbox pixels (OCR page image) to this page image's pixels. */
  bboxScale: number;
}

export class PageRenderer {
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly pdfs = new Map<string, Promise<PdfPages>>();
  private readonly verified = new Map<string, string>();
  private readonly pending = new Map<string, { job: Promise<Buffer>; wanted: boolean }>();

  constructor(readonly outDir: string) {}

  /** Whether the record has page images to show, and how boxes scale onto them. */
  async pages(record: DocumentRecord): Promise<PageInfo[]> {
    const kind = record.source.kind;
    if (kind === 'text') return [];
    if (kind === 'image') {
      const meta = await sharp(await this.sourceBytes(record)).metadata().catch(() => undefined);
      const width = meta?.autoOrient?.width ?? meta?.width ?? MAX_IMAGE_WIDTH;
      const scale = Math.min(1, MAX_IMAGE_WIDTH / width);
      return record.pages.map((p) => ({ number: p.number, bboxScale: scale }));
    }
    return record.pages.map((p) => ({ number: p.number, bboxScale: REVIEW_DPI / RENDER_DPI }));
  }

  /**
   * PNG of page `n` (1-based) of the record's source, from the cache when there. A page asked
   * for (`wanted`) goes before pages rendered ahead (prefetch) that have not started yet.
   */
  async image(record: DocumentRecord, n: number, wanted = true): Promise<Buffer> {
    if (record.source.kind === 'text' || !record.pages.some((p) => p.number === n)) throw new PageImageError(404, `no page image ${n}`);
    const file = join(this.outDir, CACHE_DIR, 'pages', record.docId, `${record.source.sha256.slice(0, 16)}-${n}-${REVIEW_DPI}.png`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return cached;
    const key = `${record.docId}/${n}`;
    const pending = this.pending.get(key);
    if (pending && (pending.wanted || !wanted)) return pending.job;
    const job = this.queue.add(async () => {
      // Rendered meanwhile by the job this one overtook.
      const done = await readFile(file).catch(() => undefined);
      if (done) return done;
      const png = await this.render(record, n);
      await mkdir(join(this.outDir, CACHE_DIR, 'pages', record.docId), { recursive: true });
      // The cache is only a speed-up: a read-only output folder still serves pages.
      await writeFileAtomic(file, png).catch(() => undefined);
      return png;
    }, { priority: wanted ? 1 : 0 }) as Promise<Buffer>;
    const entry = { job, wanted };
    this.pending.set(key, entry);
    void job.finally(() => { if (this.pending.get(key) === entry) this.pending.delete(key); }).catch(() => undefined);
    return job;
  }

  /**
   * Renders the pages after `from` in the background, PREFETCH_PAGES of them (they are then
   * ready when scrolled to); each page asked for renders its next ones in turn. Rendering all
   * of a long document at once would compete with the pages the reviewer is waiting for.
   */
  prefetch(record: DocumentRecord, from = 0): void {
    if (record.source.kind === 'text') return;
    for (const p of record.pages) {
      if (p.number > from && p.number <= from + PREFETCH_PAGES) void this.image(record, p.number, false).catch(() => undefined);
    }
  }

  /** Loads pdf.js once (its first document costs a second or more) so the first page asked for does not wait for it. */
  warmUp(): void {
    void this.queue.add(async () => {
      const pdf = await openPdfPages(new TextEncoder().encode(MINIMAL_PDF)).catch(() => undefined);
      await pdf?.render(1, 10).catch(() => undefined);
      await pdf?.close();
    }, { priority: 2 });
  }

  async close(): Promise<void> {
    this.queue.clear();
    await this.queue.onIdle();
    for (const pdf of this.pdfs.values()) await (await pdf.catch(() => undefined))?.close();
    this.pdfs.clear();
  }

  private async render(record: DocumentRecord, n: number): Promise<Buffer> {
    if (record.source.kind === 'image') {
      const bytes = await this.sourceBytes(record);
      return sharp(bytes, { page: n - 1 }).rotate().resize({ width: MAX_IMAGE_WIDTH, withoutEnlargement: true }).png({ compressionLevel: 6 }).toBuffer();
    }
    let pdf = this.pdfs.get(record.docId);
    if (!pdf) {
      pdf = this.sourceBytes(record).then((bytes) => openPdfPages(new Uint8Array(bytes)));
      this.pdfs.set(record.docId, pdf);
      pdf.catch(() => this.pdfs.delete(record.docId));
      while (this.pdfs.size > OPEN_PDFS) {
        const [oldest, doc] = this.pdfs.entries().next().value!;
        this.pdfs.delete(oldest);
        void doc.then((d) => d.close()).catch(() => undefined);
      }
    }
    const page = await (await pdf).render(n, REVIEW_DPI);
    return Buffer.from(page.data.buffer, page.data.byteOffset, page.data.byteLength);
  }

  /** The bytes of the record's own source file, only while they still hash to the recorded sha256. */
  private async sourceBytes(record: DocumentRecord): Promise<Buffer> {
    const path = record.source.path;
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) throw new PageImageError(404, `the source file ${record.source.relPath} is no longer at ${path}`);
    const bytes = await readFile(path);
    const stamp = `${path}|${st.size}|${st.mtimeMs}`;
    if (this.verified.get(record.docId) !== stamp) {
      if (createHash('sha256').update(bytes).digest('hex') !== record.source.sha256) {
        throw new PageImageError(409, `${record.source.relPath} changed since the run (sha256 differs); re-run vnplan on it`);
      }
      this.verified.set(record.docId, stamp);
    }
    return bytes;
  }
}
