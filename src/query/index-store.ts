/**
 * On-disk form of the query index, in <outDir>/.vnplan-index/ (a dot-folder, so the runner and
 * record listings ignore it):
 *   meta.json     per-document summaries (DocMeta[]; ordinal = array position) + build id
 *   terms.json    sorted folded terms and, for each, where its postings start
 *   postings.bin  little-endian uint32 pairs (doc ordinal, term frequency), grouped by term
 * Binary postings load in milliseconds where the same data as JSON would take a large share
 * of the 200 ms query budget to parse. The three files carry one build id; a mismatch (a crash
 * between writes) makes the index count as absent and it is rebuilt.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/write.js';
import type { DocMeta } from './doc-meta.js';

export const INDEX_DIR = '.vnplan-index';
export const INDEX_FORMAT = 1;

export interface StoredMeta {
  format: number;
  buildId: string;
  builtAt: string;
  /** mtime of the output folder when the build listed it (see build-index.ts). */
  dirMtimeMs: number;
  /** Files skipped as corrupt, re-reported by refreshes that take the fast path. */
  warnings: Array<{ file: string; message: string }>;
  docs: DocMeta[];
}

/** Postings as flat [ordinal, tf, ordinal, tf, …] per term. */
export type PostingsMap = Map<string, number[]>;

export interface TermTable {
  terms: string[];
  /** starts[i] .. starts[i+1] are pair indexes of terms[i] in `pairs`. */
  starts: Uint32Array;
  pairs: Uint32Array;
}

export function indexDir(outDir: string): string {
  return join(outDir, INDEX_DIR);
}

export async function readStoredMeta(outDir: string): Promise<StoredMeta | null> {
  try {
    const meta = JSON.parse(await readFile(join(indexDir(outDir), 'meta.json'), 'utf8')) as StoredMeta;
    return meta.format === INDEX_FORMAT && Array.isArray(meta.docs) ? meta : null;
  } catch {
    return null;
  }
}

/** True when terms.json and postings.bin exist and belong to the build `buildId`. */
export async function termTableMatches(outDir: string, buildId: string): Promise<boolean> {
  try {
    const dir = indexDir(outDir);
    const head = JSON.parse(await readFile(join(dir, 'terms.json'), 'utf8')) as { buildId: string; starts: number[] };
    const st = await stat(join(dir, 'postings.bin'));
    return head.buildId === buildId && st.size === head.starts[head.starts.length - 1] * 8;
  } catch {
    return false;
  }
}

export async function readTermTable(outDir: string, buildId: string): Promise<TermTable | null> {
  try {
    const dir = indexDir(outDir);
    const head = JSON.parse(await readFile(join(dir, 'terms.json'), 'utf8')) as { buildId: string; terms: string[]; starts: number[] };
    const buf = await readFile(join(dir, 'postings.bin'));
    const starts = Uint32Array.from(head.starts);
    if (head.buildId !== buildId || buf.byteLength !== starts[starts.length - 1] * 8) return null;
    // Copy into an aligned buffer: Buffer pool slices may not be 4-byte aligned.
    const pairs = new Uint32Array(buf.byteLength / 4);
    new Uint8Array(pairs.buffer).set(buf);
    if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) for (let i = 0; i < pairs.length; i++) pairs[i] = buf.readUInt32LE(i * 4);
    return { terms: head.terms, starts, pairs };
  } catch {
    return null;
  }
}

export function termTableToMap(table: TermTable): PostingsMap {
  const map: PostingsMap = new Map();
  table.terms.forEach((t, i) => map.set(t, Array.from(table.pairs.subarray(table.starts[i] * 2, table.starts[i + 1] * 2))));
  return map;
}

/** Write the three files (postings first, meta last); returns total bytes written. */
export async function writeIndex(
  outDir: string,
  docs: DocMeta[],
  postings: PostingsMap,
  extra: Pick<StoredMeta, 'dirMtimeMs' | 'warnings'>,
): Promise<{ bytes: number; stored: StoredMeta }> {
  const dir = indexDir(outDir);
  await mkdir(dir, { recursive: true });
  const buildId = randomUUID();
  const terms = [...postings.keys()].sort();
  const starts: number[] = [0];
  let total = 0;
  for (const t of terms) starts.push((total += postings.get(t)!.length / 2));
  const bin = Buffer.alloc(total * 8);
  let at = 0;
  for (const t of terms) for (const v of postings.get(t)!) at = bin.writeUInt32LE(v, at);
  const termsJson = JSON.stringify({ buildId, terms, starts });
  const stored: StoredMeta = { format: INDEX_FORMAT, buildId, builtAt: new Date().toISOString(), ...extra, docs };
  const metaJson = JSON.stringify(stored);
  await writeFileAtomic(join(dir, 'postings.bin'), bin);
  await writeFileAtomic(join(dir, 'terms.json'), termsJson);
  await writeFileAtomic(join(dir, 'meta.json'), metaJson);
  return { bytes: bin.byteLength + Buffer.byteLength(termsJson) + Buffer.byteLength(metaJson), stored };
}

/** Rewrite meta.json only (same build id and postings), e.g. to record a new folder mtime. */
export async function rewriteMeta(outDir: string, old: StoredMeta, dirMtimeMs: number, warnings: StoredMeta['warnings']): Promise<{ stored: StoredMeta }> {
  const stored: StoredMeta = { ...old, dirMtimeMs, warnings };
  await writeFileAtomic(join(indexDir(outDir), 'meta.json'), JSON.stringify(stored));
  return { stored };
}
