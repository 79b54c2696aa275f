/**
 * English-model OCR garble of the dev documents, as bench:garble makes it for corpus lines:
 * render a scan-like page (tools/lib/render.ts), OCR it with tesseract's English model
 * (tools/lib/ocr-page.ts), align OCR lines to the drawn lines (tools/lib/align.ts).
 *
 * OCR of all 40 documents (~400 pages of 20 lines) takes hours on the shared 2-core machine, so each
 * document contributes one page: PAGE_LINES display lines drawn from a contiguous run of its
 * lines that starts at a seeded position (FNV-1a of salt and document id), in the page style
 * pageStyle(document index). OCR output is cached under CACHE_DIR (git-ignored out/) in a file
 * named by the SHA-256 of the drawn lines, the style and the model: re-runs OCR nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Worker } from 'tesseract.js';
import { fnv1a } from './corpus-sample.js';
import { pageStyle, registerSerifFonts, renderPage, type PageStyle } from './render.js';
import { createOcrWorker, ocrLines } from './ocr-page.js';
import { alignLines, type LinePair } from './align.js';
import type { DevDoc } from './dev-docs.js';

/** Display lines per page: half of bench:garble's 40, so one OCR pass over the 40 documents takes minutes, not an hour. */
export const PAGE_LINES = 20;
/** Salt of the page positions and styles; a new salt draws a new sample. */
export const GARBLE_SALT = 'devdocs-garble-v1';
export const CACHE_DIR = 'out/bench-restore-cache/ocr';

export interface GarbledPage { id: string; group: DevDoc['group']; style: PageStyle; pairs: LinePair[]; displayLines: number; cached: boolean; ocrSeconds: number }

interface CacheRecord { display: string[]; style: PageStyle; ocr: string[]; ocrSeconds: number }

/** The first source line of a document's page: seeded, leaving room for a page when the document is long enough. */
export function pageStart(doc: DevDoc, lineCount: number): number {
  return fnv1a(`${GARBLE_SALT}:${doc.id}`) % Math.max(1, lineCount - PAGE_LINES / 2);
}

/** One OCR'd page per document (cached); `log` hears of each page OCR'd. */
export async function garbledDevPages(docs: readonly DevDoc[], log: (m: string) => void = () => {}): Promise<GarbledPage[]> {
  const fonts = registerSerifFonts();
  if (fonts.length === 0) throw new Error('no serif font found (install fonts-liberation or fonts-dejavu)');
  const dir = resolve(CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  let worker: Worker | undefined;
  const pages: GarbledPage[] = [];
  try {
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      const lines = doc.text.split('\n').filter((l) => l.trim());
      const style = pageStyle(d, fonts, GARBLE_SALT);
      const page = await renderPage(lines.slice(pageStart(doc, lines.length)), style, PAGE_LINES);
      const key = createHash('sha256').update(JSON.stringify({ display: page.lines, style, model: 'eng' })).digest('hex').slice(0, 24);
      const file = join(dir, `${key}.json`);
      let rec: CacheRecord;
      const cached = existsSync(file);
      if (cached) rec = JSON.parse(readFileSync(file, 'utf8')) as CacheRecord;
      else {
        worker ??= await createOcrWorker('eng');
        const t0 = Date.now();
        const ocr = await ocrLines(worker, page.png);
        rec = { display: page.lines, style, ocr, ocrSeconds: (Date.now() - t0) / 1000 };
        writeFileSync(file, JSON.stringify(rec));
        log(`OCR ${doc.id}: ${page.lines.length} lines in ${rec.ocrSeconds.toFixed(1)} s`);
      }
      pages.push({ id: doc.id, group: doc.group, style, pairs: alignLines(rec.display, rec.ocr), displayLines: rec.display.length, cached, ocrSeconds: rec.ocrSeconds });
    }
  } finally {
    await worker?.terminate();
  }
  return pages;
}
