// Digest of what vnplan outputs, to show that a refactoring changes no output: compare the
// file it writes before and after the change (`diff before.digest after.digest`).
// It hashes `vnplan run fixtures` (each output file, JSON with volatile keys such as timings
// and paths removed) and `vnplan restore` on the bench inputs: every seed of <shared>/seeds
// and every dev document of <shared>/corpus/dev-docs with its marks stripped. It runs
// <repo>/bin/vnplan.js, i.e. the built dist/: run `npm run build` first.
//
// Usage: node tools/bench/digest.mjs [--repo .] [--shared ../shared] [--out vnplan.digest]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const repo = resolve(arg('repo', '.'));
const shared = resolve(arg('shared', join(repo, '..', 'shared')));
const outFile = resolve(arg('out', 'vnplan.digest'));
const cli = join(repo, 'bin/vnplan.js');

const VOLATILE = new Set(['createdAt', 'timings', 'seconds', 'time', 'path', 'version', 'startedAt', 'finishedAt', 'durationMs', 'elapsed']);
const clean = (v) => Array.isArray(v) ? v.map(clean) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => !VOLATILE.has(k)).map((k) => [k, clean(v[k])])) : v;
const h = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

const lines = [];
const out = mkdtempSync(join(tmpdir(), 'vnplan-digest-'));
execFileSync('node', [cli, 'run', join(repo, 'fixtures'), '--out', out], { stdio: 'ignore' });
for (const f of readdirSync(out).sort()) {
  if (f === 'run-report.json' || f === 'index.jsonl') continue;
  const txt = readFileSync(join(out, f), 'utf8');
  lines.push(`run ${f} ${h(f.endsWith('.json') ? JSON.stringify(clean(JSON.parse(txt))) : txt)}`);
}
rmSync(out, { recursive: true });

const inputs = [];
const seeds = join(shared, 'seeds');
for (const f of readdirSync(seeds).sort()) inputs.push([`seed ${f}`, readFileSync(join(seeds, f), 'utf8')]);
const dev = join(shared, 'corpus/dev-docs');
for (const f of readdirSync(dev).sort()) if (f.endsWith('.txt')) inputs.push([`dev-stripped ${f}`, strip(readFileSync(join(dev, f), 'utf8'))]);
for (const [name, text] of inputs) {
  const restored = execFileSync('node', [cli, 'restore', '-'], { input: text, maxBuffer: 1 << 28 }).toString();
  lines.push(`restore ${name} ${h(restored)}`);
}

const all = lines.join('\n') + '\n';
writeFileSync(outFile, all);
console.log(`${outFile}: ${lines.length} items, overall ${h(all)}`);
