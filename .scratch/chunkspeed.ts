import '../src/v8-tuning.js';
import { readFileSync } from 'node:fs';
import { restoreStage } from '../src/stages/restore.js';
import { emptyDoc } from '../src/document.js';
import { normalizePages } from '../src/stages/normalize.js';
const raw = readFileSync('/tmp/relb/c1.txt', 'utf8').slice(0, 400_000);
const { text } = normalizePages([{ number: 1, text: raw, origin: 'text' }]);
const doc = { ...emptyDoc({ path: 'x', relPath: 'x', sha256: '0', bytes: 1 }), text, pages: [{ number: 1, origin: 'text' as const, text }] };
for (const round of [1, 2]) for (const chunkChars of [1e9, 200_000, 50_000]) {
  const t = performance.now(); const out = await restoreStage.run(doc, { options: { chunkChars } });
  console.log(round, chunkChars, Math.round(performance.now() - t), 'ms', out.restoration?.changedTokens);
}
