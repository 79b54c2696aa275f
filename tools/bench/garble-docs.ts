/**
 * `npm run bench:garble-docs`: English-model OCR garble of the synthetic documents, for scoring
 * extraction on the genre's worst real input (bench:extract's "English-model OCR" group).
 *
 * Each test/fixtures/synthetic/<id>.txt that has an annotation (<id>.json) is rendered whole as
 * scan-like pages (tools/lib/render.ts, as bench:garble renders corpus lines), every page is OCR'd
 * with tesseract's English model (tools/lib/ocr-page.ts), and the OCR lines of all pages are
 * written to test/fixtures/garbled/<id>.txt, as an English-model OCR dump of a Vietnamese scan
 * reads. The files are committed (synthetic text, not corpus) so the bench and the tests score
 * them without tesseract; OCR output is cached under out/ (SHA-256 of drawn lines, style, model).
 *
 *   npx tsx tools/bench/garble-docs.ts [--only id,id] [--lines 40]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Worker } from 'tesseract.js';
import { fnv1a } from '../lib/corpus-sample.js';
import { pageStyle, registerSerifFonts, renderPage } from '../lib/render.js';
import { createOcrWorker, ocrLines } from '../lib/ocr-page.js';

const opts = new Command()
  .option('--only <ids>', 'comma-separated document ids (default: every annotated synthetic document)')
  .option('--lines <n>', 'display lines per page', '40')
  .parse()
  .opts<{ only?: string; lines: string }>();

const root = resolve(import.meta.dirname, '..', '..');
const SOURCE_DIR = join(root, 'test/fixtures/synthetic');
const OUT_DIR = join(root, 'test/fixtures/garbled');
const CACHE_DIR = join(root, 'out/bench-garble-docs-cache');
/** Salt of the page styles; a new salt draws new fonts and degradations. */
const SALT = 'garble-docs-v1';
/**
 * renderPage keeps at most 3 wrapped display lines of a source line (so corpus pages mix
 * sources); a document must be drawn whole, so longer lines are cut at a space before this many
 * characters (3 lines of the widest face at 14 pt bold hold more).
 */
const MAX_SOURCE_CHARS = 150;
const LINES = Number(opts.lines);

function chunks(line: string): string[] {
  const out: string[] = [];
  let rest = line.trim();
  while (rest.length > MAX_SOURCE_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_SOURCE_CHARS);
    const at = cut > 0 ? cut : MAX_SOURCE_CHARS;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

function printed(line: string): string {
  return line.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|__/g, '');
}

const fonts = registerSerifFonts();
if (fonts.length === 0) throw new Error('no serif font found (install fonts-liberation or fonts-dejavu)');
mkdirSync(OUT_DIR, { recursive: true });
mkdirSync(CACHE_DIR, { recursive: true });
const only = opts.only ? new Set(opts.only.split(',')) : null;
const ids = readdirSync(SOURCE_DIR)
  .filter((f) => f.endsWith('.json') && existsSync(join(SOURCE_DIR, f.replace(/\.json$/, '.txt'))))
  .map((f) => f.replace(/\.json$/, ''))
  .filter((id) => !only || only.has(id))
  .sort();
let worker: Worker | undefined;
try {
  for (const id of ids) {
    // A printed page shows no Markdown: a Markdown export is drawn as its text (no "**", "##").
    const source = readFileSync(join(SOURCE_DIR, `${id}.txt`), 'utf8').split('\n').map(printed).flatMap(chunks);
    const ocr: string[] = [];
    let cursor = 0;
    for (let p = 0; cursor < source.length; p++) {
      // Pages of one document share a face (one printer); the degradation varies by page. The
      // documents' own capitals are kept: bench:garble's all-caps pages are not a document's look.
      const style = { ...pageStyle(fnv1a(`${SALT}:${id}:${p}`) % 100000, fonts, SALT), upperCase: false };
      style.family = pageStyle(fnv1a(`${SALT}:${id}`) % 100000, fonts, SALT).family;
      const page = await renderPage(source.slice(cursor), style, LINES);
      cursor += Math.max(1, page.consumed);
      const key = createHash('sha256').update(JSON.stringify({ display: page.lines, style, model: 'eng' })).digest('hex').slice(0, 24);
      const file = join(CACHE_DIR, `${key}.json`);
      let lines: string[];
      if (existsSync(file)) lines = (JSON.parse(readFileSync(file, 'utf8')) as { ocr: string[] }).ocr;
      else {
        worker ??= await createOcrWorker('eng');
        const t0 = Date.now();
        lines = await ocrLines(worker, page.png);
        writeFileSync(file, JSON.stringify({ display: page.lines, style, ocr: lines }));
        console.log(`${id} page ${p + 1}: ${page.lines.length} lines, OCR ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      ocr.push(...lines);
    }
    writeFileSync(join(OUT_DIR, `${id}.txt`), `${ocr.join('\n')}\n`);
  }
} finally {
  await worker?.terminate();
}
console.log(`wrote ${ids.length} documents to ${OUT_DIR}`);
