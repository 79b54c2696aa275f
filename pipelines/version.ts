/**
 * The pipeline version decides incremental skipping: a stored record is reused only when its
 * pipeline.version equals the current one. It changes when the package version, the stage
 * list, a stage's own `version` (optional property on a Stage object) or the linguistic data
 * under dictionaries/ changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stage } from '../src/document.js';

/** The package root: the nearest folder above this module holding vnplan's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'vnplan') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vnplan package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/**
 * Fingerprint of dictionaries/: a manifest.json there (if the data builders write one) is
 * hashed by content; otherwise every data file by path and size. Sizes rather than contents
 * keep this cheap for the large LM files, and a rebuilt model practically always changes size.
 */
export function dictionariesFingerprint(root = packageRoot()): string {
  const dir = join(root, 'dictionaries');
  const hash = createHash('sha256');
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) hash.update(readFileSync(manifest));
  else for (const file of listFiles(dir)) hash.update(`${relative(dir, file)}\0${statSync(file).size}\n`);
  return hash.digest('hex');
}

let cachedFingerprint: string | undefined;

export function pipelineVersion(name: string, stages: Stage[]): string {
  cachedFingerprint ??= dictionariesFingerprint();
  const hash = createHash('sha256');
  for (const stage of stages) hash.update(`${stage.name}@${(stage as { version?: string }).version ?? ''}\n`);
  hash.update(cachedFingerprint);
  return `${name}@${packageVersion()}+${hash.digest('hex').slice(0, 12)}`;
}
