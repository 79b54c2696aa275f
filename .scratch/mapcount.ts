import { readFileSync } from 'node:fs';
import { restoreStage } from '../src/stages/restore.js';
import { emptyDoc } from '../src/document.js';
const text = readFileSync('/tmp/relb/s5.txt', 'utf8').slice(0, 60_000);
const doc = { ...emptyDoc({ path: 'x', relPath: 'x', sha256: '0', bytes: 1 }), text, pages: [{ number: 1, origin: 'text' as const, text }] };
const out = await restoreStage.run(doc, { options: { chunkChars: 20_000 } });
const m = out.textToNormalized!;
console.log('segments', m.length, 'tokens', out.restoration!.totalTokens, 'unequal', m.filter((s) => s.outEnd - s.outStart !== s.inEnd - s.inStart).length);
console.log(m.slice(0, 6), m.filter((s) => s.outEnd - s.outStart !== s.inEnd - s.inStart).slice(0, 3).map((s) => [text.slice(s.inStart, s.inEnd), out.text.slice(s.outStart, s.outEnd)]));
