/**
 * `npm run bench:review`: the review page's targets (issue 17), in a real browser (Debian's
 * chromium through puppeteer-core):
 *   - open a 20-page document (text + first page image): first open after the server starts,
 *     with the page-image cache cleared, and cached; measured in the page (route start → text
 *     shown and first page image loaded) and around the navigation;
 *   - next low-confidence token (n): the key handler's time, in the page;
 *   - corrections surviving `vnplan run --force`: every low-confidence token of the run corrected
 *     through the API, plus a field per document; re-run unchanged, then with a line added at the
 *     top of every text input;
 *   - share of restoration errors shown as low-confidence on the 4 garbled seeds (needs
 *     ../shared: gold text and scorer), at the restore stage's review line.
 * The 20-page document is seed 001 stripped of its marks, repeated, set as a text-layer PDF.
 * A scanned PDF (fixtures/001_scan.pdf, OCR'd by the run) shows field boxes on the page image.
 * --screenshots writes docs/review-list.png, docs/review-document.png and docs/review-fields.png.
 * Usage: npx tsx tools/bench/review.ts [--shared DIR] [--screenshots] [--runs N] [--quick (open and n only)]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { makeTextPdf, paginate, stripMarkdown, wrapLines } from '../build/fixtures.js';
import { buildReviewWeb } from '../build/review-web.js';
import { chromiumMissing, launchChromium } from '../lib/chromium.js';
import { loadTextMetrics, sharedDir, strip } from '../lib/dev-docs.js';
import { labelSeedWords } from '../lib/seed-errors.js';
import { runFolder } from '../../src/runner/run-folder.js';
import { docIdFor } from '../../src/output/docid.js';
import { startReviewServer } from '../../src/review/server.js';
import { REVIEW_CONFIDENCE, REVIEW_ALTERNATIVES } from '../../src/stages/restore.js';
import { getDefaultRestorer } from '../../src/restore/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 5);
const PAGES = 20;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

const missing = chromiumMissing();
if (missing) {
  console.error(`bench:review needs a browser: ${missing}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'vnplan-bench-review-'));
const inDir = join(work, 'in');
const outDir = join(work, 'out');
mkdirSync(inDir, { recursive: true });

// Inputs: the 20-page PDF, the four garbled seeds and an empty file (a failure row in the list).
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
GlobalFonts.registerFromPath(FONT, 'DejaVu Serif');
const measureCtx = createCanvas(10, 10).getContext('2d');
measureCtx.font = '50px "DejaVu Serif"';
const measure = (s: string) => measureCtx.measureText(s).width;
const seed = strip(stripMarkdown(readFileSync(join(ROOT, 'fixtures', '001_b5b6068bbf0ccc88.txt'), 'utf8')));
let pages: string[][] = [];
for (let copies = 1; pages.length < PAGES; copies++) pages = paginate(wrapLines(Array(copies).fill(seed).join('\n\n'), 2480 - 2 * 236, measure));
writeFileSync(join(inDir, 'ke-hoach-20-trang.pdf'), await makeTextPdf(pages.slice(0, PAGES)));
for (const f of readdirSync(join(ROOT, 'fixtures')).filter((n) => /^00[0234]_.*\.txt$/.test(n))) copyFileSync(join(ROOT, 'fixtures', f), join(inDir, f));
writeFileSync(join(inDir, 'trang-trong.txt'), '');
writeFileSync(join(inDir, 'ke-hoach-khong-dau.txt'), seed);
// A scanned PDF (OCR'd by the run): its fields have boxes on the page image. --quick: timings only.
const QUICK = process.argv.includes('--quick');
if (!QUICK) copyFileSync(join(ROOT, 'fixtures', '001_scan.pdf'), join(inDir, 'ke-hoach-scan.pdf'));
const scanId = docIdFor('ke-hoach-scan.pdf');
const bigId = docIdFor('ke-hoach-20-trang.pdf');

let t = performance.now();
await runFolder(inDir, { out: outDir, concurrency: 1 });
console.log(`run: ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

const webDir = await buildReviewWeb(join(work, 'web'));
const server = await startReviewServer({ outDir, port: 0, webDir, user: 'bench' });
const chromium = await launchChromium();
const page = await chromium.browser.newPage();
await page.setViewport({ width: 1440, height: 900 });

/** inPage: route start → text shown and first page image loaded; load: the same from the navigation's start (page, bundle, API included); wall: around puppeteer's navigation. */
async function openDocument(docId: string): Promise<{ inPage: number; load: number; wall: number }> {
  await page.goto('about:blank');
  const t0 = performance.now();
  await page.goto(`${server.url}#/doc/${docId}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction('window.__review && window.__review.openMs !== null', { timeout: 60_000, polling: 5 });
  const wall = performance.now() - t0;
  const [inPage, load] = (await page.evaluate('[window.__review.openMs, window.__review.sinceNavigationMs]')) as [number, number];
  return { inPage, load, wall };
}

const cacheOf = (docId: string) => join(outDir, '.vnplan-review', 'pages', docId);
const first = await openDocument(bigId);
const cold: { inPage: number; load: number; wall: number }[] = [];
const warm: { inPage: number; load: number; wall: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  await new Promise((r) => setTimeout(r, 3000)); // let background rendering of the next pages finish
  rmSync(cacheOf(bigId), { recursive: true, force: true });
  cold.push(await openDocument(bigId));
  await new Promise((r) => setTimeout(r, 500));
  warm.push(await openDocument(bigId));
}
const tokenCount = (await page.$$('.tok.low')).length;

// n: the key handler's own time (marking, focus, scrolling text and page pane), and around the key press.
await page.evaluate('window.__review.navMs = []');
const pressWall: number[] = [];
for (let i = 0; i < Math.min(60, tokenCount); i++) {
  const t1 = performance.now();
  await page.keyboard.press('n');
  pressWall.push(performance.now() - t1);
}
const navMs = (await page.evaluate('window.__review.navMs')) as number[];

if (process.argv.includes('--screenshots') && !QUICK) {
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('table.docs tbody tr');
  await page.screenshot({ path: join(ROOT, 'docs', 'review-list.png') });
  await openDocument(bigId);
  await page.click('button.value[data-field="title"]');
  await page.focus('#text');
  for (let i = 0; i < 2; i++) await page.keyboard.press('n');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.popover');
  await page.screenshot({ path: join(ROOT, 'docs', 'review-document.png') });
  await openDocument(scanId);
  await page.click('button.value[data-field="issuingBody.name"]');
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: join(ROOT, 'docs', 'review-fields.png') });
  console.log('screenshots: docs/review-list.png, docs/review-document.png, docs/review-fields.png');
}
await chromium.close();

if (QUICK) {
  console.log(`open (20 pages): first ${ms(first.load)}, cache cleared ${ms(median(cold.map((x) => x.load)))}, cached ${ms(median(warm.map((x) => x.load)))} from navigation start; n: ${ms(median(navMs))} median, ${ms(Math.max(...navMs))} max; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  await server.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// Corrections surviving re-runs.
type Doc = { text: string; lowConfidence: { tokens: { start: number; end: number; output: string; alternatives: { output: string }[] }[] }; fields: { path: string; machineValue: string | null }[]; corrections: { status: string }[] };
const api = async (path: string, body?: unknown): Promise<Doc> => {
  const res = await fetch(new URL(path, server.url), body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Doc;
};
const docIds = readdirSync(outDir).filter((n) => n.endsWith('.json') && n !== 'run-report.json').map((n) => n.slice(0, -5));
let made = 0;
for (const docId of docIds) {
  const doc = await api(`/api/documents/${docId}`);
  for (const tok of doc.lowConfidence.tokens) {
    const alt = tok.alternatives[0]?.output;
    await api(`/api/documents/${docId}/corrections`, alt ? { target: 'text', start: tok.start, end: tok.end, original: tok.output, value: alt, action: 'pick' } : { target: 'text', start: tok.start, end: tok.end, original: tok.output, value: tok.output, action: 'accept' });
    made++;
  }
  const f = doc.fields.find((x) => x.path === 'documentType')!;
  await api(`/api/documents/${docId}/corrections`, { target: 'field', field: 'documentType', original: f.machineValue, value: 'Kế hoạch' });
  made++;
}
async function survival(): Promise<{ applied: number; moved: number; stale: number }> {
  const counts = { applied: 0, moved: 0, stale: 0 };
  for (const docId of docIds) for (const c of (await api(`/api/documents/${docId}`)).corrections) counts[c.status as keyof typeof counts]++;
  return counts;
}
t = performance.now();
await runFolder(inDir, { out: outDir, concurrency: 1, force: true });
const afterForce = await survival();
for (const f of readdirSync(inDir).filter((n) => n.endsWith('.txt') && n !== 'trang-trong.txt')) writeFileSync(join(inDir, f), `Ghi chu them o dau van ban.\n${readFileSync(join(inDir, f), 'utf8')}`);
await runFolder(inDir, { out: outDir, concurrency: 1, force: true });
const afterEdit = await survival();
await server.close();

// Restoration errors shown as low-confidence, on the garbled seeds.
let seedLine = 'seeds: ../shared not found, not measured';
const shared = sharedDir();
if (existsSync(join(shared, 'fixtures', 'gold'))) {
  const metrics = await loadTextMetrics(shared);
  const restorer = await getDefaultRestorer();
  let errors = 0;
  let shown = 0;
  let words = 0;
  let flagged = 0;
  let dropped = 0;
  for (const f of readdirSync(join(shared, 'fixtures', 'gold')).sort()) {
    const result = restorer.restore(readFileSync(join(shared, 'seeds', f), 'utf8'), { alternatives: REVIEW_ALTERNATIVES });
    const labelled = labelSeedWords(metrics, readFileSync(join(shared, 'fixtures', 'gold', f), 'utf8'), result);
    dropped += labelled.dropped;
    for (const w of labelled.words) {
      words++;
      if (w.confidence < REVIEW_CONFIDENCE) flagged++;
      if (w.error) { errors++; if (w.confidence < REVIEW_CONFIDENCE) shown++; }
    }
  }
  seedLine = `seeds: ${shown}/${errors} restoration errors on output words shown as low-confidence (${(100 * shown / Math.max(1, errors)).toFixed(1)} %), ${flagged}/${words} words flagged (${(100 * flagged / words).toFixed(1)} %); ${dropped} gold words dropped (no output word to mark)`;
}

const pct = (n: number) => `${((100 * n) / made).toFixed(1)} %`;
console.log(`20-page document (${pages.length >= PAGES ? PAGES : pages.length} pages, ${tokenCount} low-confidence tokens):`);
const line = (name: string, xs: { inPage: number; load: number; wall: number }[]) =>
  console.log(`  ${name}: ${ms(median(xs.map((x) => x.load)))} from navigation start (${ms(median(xs.map((x) => x.inPage)))} from route start), ${ms(median(xs.map((x) => x.wall)))} around puppeteer's navigation`);
line('first open after server start', [first]);
line(`open, page-image cache cleared (median of ${RUNS})`, cold);
line(`open, cached (median of ${RUNS})`, warm);
console.log(`next low-confidence token (n, ${navMs.length} presses): handler median ${ms(median(navMs))}, max ${ms(Math.max(...navMs))}; key press round trip median ${ms(median(pressWall))}`);
console.log(`corrections: ${made} made; after run --force: ${afterForce.applied + afterForce.moved}/${made} applied (${pct(afterForce.applied + afterForce.moved)}), ${afterForce.stale} stale; after a line added above every text input: ${afterEdit.applied + afterEdit.moved}/${made} (${pct(afterEdit.applied + afterEdit.moved)}; ${afterEdit.moved} moved), ${afterEdit.stale} stale`);
console.log(seedLine);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
