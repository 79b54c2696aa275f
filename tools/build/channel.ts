/**
 * Builds the OCR channel tables dictionaries/channel/ocr-{eng,vie}.json from synthetic
 * aligned pairs: corpus lines → rendered pages → tesseract.js (English and Vietnamese
 * models) → line/token/char alignment → counts.
 *
 *   npm run build:channel -- [--pages 30] [--lines 40] [--models eng,vie] [--dump DIR]
 *
 * Reads ../shared/corpus (build time only). Deterministic for given options. Tables are
 * rewritten every few pages, so an interrupted long run still leaves usable tables.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Worker } from 'tesseract.js';
import { sampleCorpusFile, shuffleDeterministic, type SampledLine } from '../lib/corpus-sample.js';
import { pageStyle, registerSerifFonts, renderPage } from '../lib/render.js';
import { createOcrWorker, ocrLines, type ChannelModel } from '../lib/ocr-page.js';
import { ChannelCounter, topConfusions, type ChannelTable } from '../lib/channel-counter.js';

const program = new Command()
  .option('--pages <n>', 'pages to render and OCR', '30')
  .option('--lines <n>', 'display lines per page', '40')
  .option('--models <list>', 'comma-separated models', 'eng,vie')
  .option('--corpus <dir>', 'corpus folder', '../shared/corpus')
  .option('--out <dir>', 'output folder', 'dictionaries/channel')
  .option('--salt <s>', 'sampling salt', 'channel-v1')
  .option('--dump <dir>', 'also write page PNGs and source/OCR lines here (never commit: raw corpus text)')
  .option('--save-every <n>', 'rewrite tables every n pages', '5')
  .parse();
const opts = program.opts<{
  pages: string; lines: string; models: string; corpus: string; out: string; salt: string; dump?: string; saveEvery: string;
}>();

const pages = Number(opts.pages);
const linesPerPage = Number(opts.lines);
const models = opts.models.split(',') as ChannelModel[];
const outDir = resolve(opts.out);
mkdirSync(outDir, { recursive: true });
if (opts.dump) mkdirSync(opts.dump, { recursive: true });

// Wrapped source lines average ~1.6 display lines; oversample so pages never run dry.
const sourceNeeded = Math.ceil(pages * linesPerPage * 0.9);
const share = (f: number) => Math.ceil(sourceNeeded * f);
const quotas = [
  // Administrative text is closest to the target documents: largest share, many headings.
  { file: 'admin_word_recommend.txt.gz', plain: share(0.3), heading: share(0.06), numbered: share(0.08), roman: share(0.01) },
  { file: 'legal_tvpl_johnpa02.txt.gz', plain: share(0.2), heading: share(0.08), numbered: share(0.1), roman: share(0.03) },
  { file: 'viwiki.txt.gz', plain: share(0.18), heading: 0, numbered: 0, roman: 0 },
];

const t0 = Date.now();
const sampled: SampledLine[] = [];
for (const q of quotas) {
  const got = await sampleCorpusFile(join(opts.corpus, q.file), q, opts.salt);
  console.log(`sampled ${got.length} lines from ${q.file}`);
  sampled.push(...got);
}
// A different salt from sampling: selection kept the smallest sampling hashes, which would order
// the big plain pools first.
const queue = shuffleDeterministic(sampled, `order:${opts.salt}`);
console.log(`sampling: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${queue.length} source lines`);

const fonts = registerSerifFonts();
if (fonts.length === 0) throw new Error('No serif font found (install fonts-liberation or fonts-dejavu)');
console.log(`fonts: ${fonts.map((f) => f.family).join(', ')}`);

const workers = new Map<ChannelModel, Worker>();
for (const m of models) workers.set(m, await createOcrWorker(m));
const counters = new Map<ChannelModel, ChannelCounter>(models.map((m) => [m, new ChannelCounter()]));
const ocrSeconds = new Map<ChannelModel, number>(models.map((m) => [m, 0]));

function save(pagesDone: number): void {
  for (const m of models) {
    const table: ChannelTable = counters.get(m)!.toTable(`tesseract.js 7 / @tesseract.js-data/${m} 4.0.0_best_int`);
    writeFileSync(join(outDir, `ocr-${m}.json`), JSON.stringify(table));
    const top = topConfusions(table.charConfusions, 50)
      .map((r, i) => `${String(i + 1).padStart(2)}. ${JSON.stringify(r.source)} → ${JSON.stringify(r.observed)}  ${r.count}  p=${r.p.toFixed(3)}`)
      .join('\n');
    const secs = ocrSeconds.get(m)! / Math.max(1, pagesDone);
    writeFileSync(
      join(outDir, `top-confusions-${m}.txt`),
      `# ${m}: top 50 character confusions (case-sensitive, source → observed, count, P(obs|src))\n` +
        `# pages ${table.pages}, lines ${table.lines}, tokens ${table.tokens}, OCR ${secs.toFixed(1)} s/page\n${top}\n`,
    );
  }
}

let cursor = 0;
for (let p = 0; p < pages && cursor < queue.length; p++) {
  const style = pageStyle(p, fonts, opts.salt);
  const page = await renderPage(queue.slice(cursor).map((l) => l.text), style, linesPerPage);
  cursor += Math.max(1, page.consumed);
  const results = await Promise.all(
    models.map(async (m) => {
      const s = Date.now();
      const lines = await ocrLines(workers.get(m)!, page.png);
      ocrSeconds.set(m, ocrSeconds.get(m)! + (Date.now() - s) / 1000);
      return [m, lines] as const;
    }),
  );
  for (const [m, lines] of results) {
    counters.get(m)!.addPage(page.lines, lines);
    if (opts.dump) writeFileSync(join(opts.dump, `p${p}-${m}.txt`), lines.join('\n'));
  }
  if (opts.dump) {
    writeFileSync(join(opts.dump, `p${p}.png`), page.png);
    writeFileSync(join(opts.dump, `p${p}-src.txt`), page.lines.join('\n'));
  }
  const el = (Date.now() - t0) / 1000;
  console.log(`page ${p + 1}/${pages} ${page.lines.length} lines ${JSON.stringify(style)} elapsed ${el.toFixed(0)} s`);
  if ((p + 1) % Number(opts.saveEvery) === 0) save(p + 1);
}
save(Math.min(pages, counters.get(models[0])!.pages));
for (const w of workers.values()) await w.terminate();
for (const m of models) {
  const c = counters.get(m)!;
  console.log(`${m}: ${c.pages} pages, ${(ocrSeconds.get(m)! / Math.max(1, c.pages)).toFixed(1)} s/page OCR (wall, concurrent models)`);
}
console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
