/**
 * `npm run bench:garble`: restoration accuracy on *garbled OCR of held-out text*. The real inputs
 * are Vietnamese pages read by tesseract's English model; we have only 4 such documents, so this
 * renders LM test-split corpus lines (never used to build the channel tables, the LM or any tuning)
 * into scan-like pages, OCRs them with the English and the Vietnamese model, aligns OCR lines to the
 * drawn lines, restores each page as one document and scores line by line with the judge's scorer.
 *
 *   npx tsx tools/bench/garble.ts [--pages 6] [--lines 40] [--split test|dev] [--font serif|tinos] [--cache out/bench-garble-cache] [--salt garble-v1]
 *
 * OCR results are cached per page under --cache (out/ is git-ignored: it holds raw corpus text).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import type { Worker } from 'tesseract.js';
import { sampleCorpusFile, shuffleDeterministic, type LineKind, type SampledLine } from '../lib/corpus-sample.js';
import { pageStyle, registerSerifFonts, registerTinos, renderPage, type PageStyle } from '../lib/render.js';
import { createOcrWorker, ocrLines, type ChannelModel } from '../lib/ocr-page.js';
import { alignLines, type LinePair } from '../lib/align.js';
import { getDefaultRestorer } from '../../src/restore/index.js';

const opts = new Command()
  .option('--pages <n>', 'pages to render and OCR', '6')
  .option('--lines <n>', 'display lines per page', '40')
  .option('--cache <dir>', 'per-page OCR cache (raw corpus text: keep it under out/)', 'out/bench-garble-cache')
  .option('--corpus <dir>', 'corpus folder', '../shared/corpus')
  .option('--salt <s>', 'sampling and page-style salt', 'garble-v1')
  .option('--split <name>', "corpus split: 'test' to report, 'dev' while tuning (never tune on test)", 'test')
  .option('--font <name>', "'serif': the channel build's fonts (DejaVu/Liberation Serif); 'tinos': Tinos (Times metrics) from @expo-google-fonts/tinos, a face the channel tables never saw", 'serif')
  .parse()
  .opts<{ pages: string; lines: string; cache: string; corpus: string; salt: string; split: string; font: string }>();
if (opts.split !== 'test' && opts.split !== 'dev') throw new Error(`--split must be test or dev, not ${opts.split}`);
const SPLIT = opts.split as 'test' | 'dev';
console.log(`command: npx tsx ${relative(process.cwd(), process.argv[1])} ${process.argv.slice(2).join(' ')}`.trimEnd());

const PAGES = Number(opts.pages);
const LINES = Number(opts.lines);
const MODELS: ChannelModel[] = ['eng', 'vie'];
const FILES = ['admin_word_recommend.txt.gz', 'legal_tvpl_johnpa02.txt.gz'];
const TOOLS = resolve(opts.corpus, '..', 'tools', 'textmetrics.mjs');
function fail(msg: string): never {
  console.error(`bench-garble: ${msg}`);
  process.exit(2);
}
for (const f of FILES) if (!existsSync(join(opts.corpus, f))) fail(`corpus file missing: ${resolve(opts.corpus, f)} (pass --corpus DIR)`);
if (!existsSync(TOOLS)) fail(`scorer missing: ${TOOLS}`);
if (opts.font !== 'serif' && opts.font !== 'tinos') fail(`--font must be serif or tinos, not ${opts.font}`);
const tinos = opts.font === 'tinos' ? registerTinos() : undefined;
if (opts.font === 'tinos' && !tinos) fail('Tinos not installed: npm install (it is a dev dependency, @expo-google-fonts/tinos)');
const fonts = tinos ? [tinos] : registerSerifFonts();
if (fonts.length === 0) fail('no serif font found (install fonts-liberation or fonts-dejavu)');

type Score = { syllables: number; errors: number };
const metrics = (await import(pathToFileURL(TOOLS).href)) as {
  score: (g: string, h: string, byLines?: boolean) => Score; lev: (a: string, b: string) => number; tokens: (line: string) => string[];
};

// 1. Sample test-split lines. The admin file's test split is tiny (~1% of 2.7 k lines) and it is the
// closest to the target documents, so all of it is taken; legal lines fill the rest with the channel
// build's kind mix (tools/build/channel.ts quotas), smallest salted hash first.
const t0 = Date.now();
const sourceNeeded = Math.ceil(PAGES * LINES * 0.9); // wrapped lines average ~1.6 display lines
const legalShare: Record<LineKind, number> = { plain: 0.2, heading: 0.08, numbered: 0.1, roman: 0.03 };
const shareSum = Object.values(legalShare).reduce((a, b) => a + b, 0);
const sampled: SampledLine[] = [];
for (const file of FILES) {
  const remaining = Math.max(0, sourceNeeded - sampled.length);
  const want = (kind: LineKind): number => (file.startsWith('admin') ? Infinity : Math.ceil((remaining * legalShare[kind]) / shareSum));
  const quota = { file, plain: want('plain'), heading: want('heading'), numbered: want('numbered'), roman: want('roman') };
  const got = await sampleCorpusFile(join(opts.corpus, file), quota, opts.salt, 400, SPLIT);
  sampled.push(...got);
  const count = (kind: LineKind): number => got.filter((l) => l.kind === kind).length;
  console.log(`${SPLIT}-split lines from ${file}: plain ${count('plain')}, heading ${count('heading')}, numbered ${count('numbered')}, roman ${count('roman')}`);
}
const queue = shuffleDeterministic(sampled, `order:${opts.salt}`);

// 2. Render pages; OCR both models (concurrently: 2 cores) unless the cache holds this exact page.
interface PageRecord { style: PageStyle; display: string[]; ocr: Record<ChannelModel, string[]>; ocrSeconds: Record<ChannelModel, number> }
const cacheDir = resolve(opts.cache, `${opts.salt}-${SPLIT}${opts.font === 'serif' ? '' : `-${opts.font}`}-L${LINES}`);
mkdirSync(cacheDir, { recursive: true });
const workers = new Map<ChannelModel, Worker>();
const pages: PageRecord[] = [];
let cachedPages = 0;
let cursor = 0;
for (let p = 0; p < PAGES && cursor < queue.length; p++) {
  const style = pageStyle(p, fonts, opts.salt);
  const page = await renderPage(queue.slice(cursor).map((l) => l.text), style, LINES);
  cursor += Math.max(1, page.consumed);
  const file = join(cacheDir, `p${p}.json`);
  const cached = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PageRecord) : undefined;
  if (cached && cached.display.join('\n') === page.lines.join('\n')) {
    pages.push(cached);
    cachedPages++;
    continue;
  }
  for (const m of MODELS) if (!workers.has(m)) workers.set(m, await createOcrWorker(m));
  const rec: PageRecord = { style, display: page.lines, ocr: { eng: [], vie: [] }, ocrSeconds: { eng: 0, vie: 0 } };
  await Promise.all(MODELS.map(async (m) => {
    const s = Date.now();
    rec.ocr[m] = await ocrLines(workers.get(m)!, page.png);
    rec.ocrSeconds[m] = (Date.now() - s) / 1000;
  }));
  writeFileSync(file, JSON.stringify(rec));
  pages.push(rec);
  console.log(`page ${p + 1}: OCR eng ${rec.ocrSeconds.eng.toFixed(1)} s, vie ${rec.ocrSeconds.vie.toFixed(1)} s (concurrent)`);
}
for (const w of workers.values()) await w.terminate();
if (pages.length < PAGES) console.log(`note: the ${SPLIT} split ran out after ${pages.length} pages`);
const gen = (Date.now() - t0) / 1000;

// 3–5. Align, restore each page as one document, score line by line (tone placement ignored, case-insensitive).
const restorer = await getDefaultRestorer();
const collapse = (s: string): string => s.normalize('NFC').split(/\s+/).filter(Boolean).join(' ');
type Variant = 'none' | 'default' | 'accurate';
interface Tally { syllables: number; errors: number; chars: number; charErrors: number }
const tally = (): Tally => ({ syllables: 0, errors: 0, chars: 0, charErrors: 0 });
function addScore(t: Tally, gold: string, hyp: string): number {
  const s = metrics.score(gold, hyp, true);
  const g = collapse(gold);
  t.syllables += s.syllables;
  t.errors += s.errors;
  t.chars += g.length;
  t.charErrors += metrics.lev(g, collapse(hyp));
  return s.errors;
}
interface LineResult { source: string; ocr: string; restored: string; errNone: number; errRestored: number }
const lineResults: Record<ChannelModel, LineResult[]> = { eng: [], vie: [] };
const engLines = lineResults.eng;
const confusions = new Map<string, number>();
/** Token confusions as bench-restore counts them (lines whose token counts agree), skipping pairs the scorer calls equal ("thuỷ" = "thủy"). */
function collectConfusions(gold: string, hyp: string): void {
  const clean = (w: string): string => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '').toLowerCase();
  const gt = gold.split(/\s+/).filter(Boolean).map(clean);
  const ht = hyp.split(/\s+/).filter(Boolean).map(clean);
  if (gt.length !== ht.length) return;
  gt.forEach((a, j) => {
    if (metrics.tokens(a).join(' ') !== metrics.tokens(ht[j]).join(' ')) confusions.set(`${a} → ${ht[j]}`, (confusions.get(`${a} → ${ht[j]}`) ?? 0) + 1);
  });
}
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const restoreMs: Record<'default' | 'accurate', number> = { default: 0, accurate: 0 };

console.log(`\n== ${pages.length} pages, ${LINES} display lines max (${cachedPages} from cache ${relative(process.cwd(), cacheDir)}) ==`);
for (const m of MODELS) {
  const totals: Record<Variant, Tally> = { none: tally(), default: tally(), accurate: tally() };
  let displayLines = 0;
  let pairsKept = 0;
  let srcSyl = 0;
  let keptSyl = 0;
  let worse = 0;
  let better = 0;
  const modes: string[] = [];
  pages.forEach((page, p) => {
    const pairs: LinePair[] = alignLines(page.display, page.ocr[m]);
    displayLines += page.display.length;
    pairsKept += pairs.length;
    srcSyl += page.display.join(' ').split(/\s+/).filter(Boolean).length;
    keptSyl += pairs.reduce((n, x) => n + x.source.split(/\s+/).filter(Boolean).length, 0);
    const input = pairs.map((x) => x.observed).join('\n');
    const out: Partial<Record<'default' | 'accurate', string[]>> = {};
    const pageModes: string[] = [];
    for (const variant of ['default', 'accurate'] as const) {
      const s = performance.now();
      const r = restorer.restore(input, variant === 'accurate' ? { mode: 'accurate' } : {});
      restoreMs[variant] += performance.now() - s;
      out[variant] = r.text.split('\n');
      if (out[variant]!.length !== pairs.length) console.log(`warning: ${m} page ${p + 1} ${variant}: ${out[variant]!.length} output lines for ${pairs.length} input lines`);
      pageModes.push(r.stats.channelMode);
    }
    const st = page.style;
    const look = `${st.family.split(' ')[0]} ${st.pointSize}pt${st.bold ? ' bold' : ''}${st.upperCase ? ' CAPS' : ''}${st.noiseAmplitude ? ' degraded' : ''}`;
    modes.push(`p${p + 1} [${look}] ${pageModes[0]}${pageModes[1] !== pageModes[0] ? `/${pageModes[1]}` : ''}`);
    const pageTally = tally();
    pairs.forEach((pair, i) => {
      addScore(pageTally, pair.source, out.default![i] ?? '');
      const errNone = addScore(totals.none, pair.source, pair.observed);
      const restored = out.default![i] ?? '';
      const errRestored = addScore(totals.default, pair.source, restored);
      addScore(totals.accurate, pair.source, out.accurate![i] ?? '');
      if (errRestored > errNone) worse++;
      if (errRestored < errNone) better++;
      lineResults[m].push({ source: pair.source, ocr: pair.observed, restored, errNone, errRestored });
      if (m === 'eng') collectConfusions(pair.source, restored);
    });
    modes[modes.length - 1] += ` ${pct(1 - pageTally.errors / Math.max(1, pageTally.syllables))}`;
  });
  console.log(`\n-- ${m} model OCR --`);
  console.log(`aligned ${pairsKept} line pairs from ${displayLines} display lines; source syllables kept ${keptSyl}/${srcSyl} (${pct(1 - keptSyl / Math.max(1, srcSyl))} dropped by alignment)`);
  for (const v of ['none', 'default', 'accurate'] as const) {
    const t = totals[v];
    const label = v === 'none' ? 'do-nothing (OCR as is)' : `restored ${v}`;
    console.log(`${label.padEnd(24)} syllable accuracy ${pct(1 - t.errors / Math.max(1, t.syllables))}  CER ${pct(t.charErrors / Math.max(1, t.chars))}  (${t.syllables} syl)`);
  }
  console.log(`lines (default mode) better than OCR: ${better}, worse: ${worse}`);
  console.log(`per page: [style] channelMode (default/accurate if different), default-mode syllable accuracy: ${modes.join(', ')}`);
}

console.log('\n== eng: 20 most frequent remaining confusions, default mode (gold → output) ==');
for (const [k, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${String(n).padStart(4)}  ${k}`);

// The worst lines after restoration show what the channel/LM still gets wrong on garble (printed only, never stored).
const worseCount = engLines.filter((l) => l.errRestored > l.errNone).length;
console.log(`\n== eng: 5 lines with the most syllable errors after default restoration (${worseCount} lines worse than the OCR) ==`);
const worst = [...engLines].sort((a, b) => b.errRestored - b.errNone - (a.errRestored - a.errNone) || b.errRestored - a.errRestored);
for (const l of (worseCount > 0 ? worst : [...engLines].sort((a, b) => b.errRestored - a.errRestored)).slice(0, 5)) {
  console.log(`source:   ${l.source}\nOCR:      ${l.ocr}   [${l.errNone} err]\nrestored: ${l.restored}   [${l.errRestored} err]\n`);
}
// On the Vietnamese model's near-clean output, any line the restorer makes worse is a regression to look at.
const vieWorse = lineResults.vie.filter((l) => l.errRestored > l.errNone);
console.log(`== vie: lines made worse by default restoration (${vieWorse.length}; up to 5 shown) ==`);
for (const l of vieWorse.slice(0, 5)) console.log(`source:   ${l.source}\nOCR:      ${l.ocr}   [${l.errNone} err]\nrestored: ${l.restored}   [${l.errRestored} err]\n`);

const ocrPages = pages.length - cachedPages;
const ocrTotal = (m: ChannelModel): number => pages.reduce((s, p) => s + p.ocrSeconds[m], 0);
console.log('== timing ==');
console.log(`OCR (recorded when each page was OCR'd, models concurrent on one machine): eng ${(ocrTotal('eng') / Math.max(1, pages.length)).toFixed(1)} s/page, vie ${(ocrTotal('vie') / Math.max(1, pages.length)).toFixed(1)} s/page; OCR'd this run: ${ocrPages} pages`);
console.log(`restore (both models' pages, first call includes JIT warm-up): default ${(restoreMs.default / 1000).toFixed(2)} s, accurate ${(restoreMs.accurate / 1000).toFixed(2)} s`);
console.log(`sampling + render + OCR ${gen.toFixed(0)} s, total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(0);
