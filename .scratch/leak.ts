import '../src/v8-tuning.js';
import { readFileSync } from 'node:fs';
import { restoreText } from '../src/restore/index.js';
const text = readFileSync('/tmp/relb/s5.txt', 'utf8');
for (let i = 0; i < 8; i++) {
  const r = await restoreText(text.slice(i * 200_000, (i + 1) * 200_000), { alternatives: 0 });
  (globalThis as any).gc();
  console.log(i, r.tokens.length, 'heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'rss', Math.round(process.memoryUsage().rss / 1e6));
}
