/**
 * Memory of the restorer alone, for `npm run bench:restore` (the bench's own process also
 * holds corpus lines and scoring data, so its RSS is not the restorer's): loads the default
 * restorer, then restores the text on stdin as documents of DOC_LINES lines, PASSES times over,
 * the way a nightly run restores document after document. Prints one JSON line:
 * { loadMs, loadRssMB, peakRssMB, heapUsedMB }.
 */
import { getDefaultRestorer } from '../src/restore/index.js';

const DOC_LINES = 80;
const PASSES = Number(process.argv[2] ?? 10);

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const lines = Buffer.concat(chunks).toString('utf8').split('\n');
const docs: string[] = [];
for (let i = 0; i < lines.length; i += DOC_LINES) docs.push(lines.slice(i, i + DOC_LINES).join('\n'));

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const start = performance.now();
const restorer = await getDefaultRestorer();
const loadMs = Math.round(performance.now() - start);
const loadRssMB = mb(process.memoryUsage().rss);
for (let pass = 0; pass < PASSES; pass++) for (const doc of docs) restorer.restore(doc);
console.log(JSON.stringify({ loadMs, loadRssMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), heapUsedMB: mb(process.memoryUsage().heapUsed) }));
