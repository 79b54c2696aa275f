/**
 * Deterministic sampling of lines from the gzip'd corpus for rendering. Selection is by a
 * salted FNV-1a hash of the NFC line, so the same corpus always gives the same sample and
 * the LM's held-out lines are never rendered.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { fnv1a, splitOfLine, type Split } from '../../src/lm/corpus.js';

/** 32-bit FNV-1a over the UTF-8 bytes (the LM's implementation, re-exported for sampling hashes). */
export { fnv1a };

/**
 * The LM's held-out rule (src/lm/corpus.ts splitOfLine): a raw corpus line whose FNV-1a
 * hash mod 100 is 0 (test) or 1 (dev) is never rendered or counted here.
 */
export function isLmHeldOut(rawLine: string): boolean {
  return splitOfLine(rawLine) !== 'train';
}

export type LineKind = 'heading' | 'roman' | 'numbered' | 'plain';

/** ALL-CAPS heading-like lines and outline-numbered lines are over-sampled: the documents are full of them. */
export function classifyLine(line: string): LineKind {
  // Roman-numbered section headings ("I. MỤC ĐÍCH, YÊU CẦU") are rare in the corpus but open every plan.
  if (/^[IVX]+\.\s+\S/u.test(line)) return 'roman';
  if (/^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+\S/u.test(line)) return 'numbered';
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 6 && letters === letters.toUpperCase() && line.split(/\s+/).length <= 14) return 'heading';
  return 'plain';
}

export interface SampledLine {
  text: string;
  kind: LineKind;
  file: string;
}

export interface SampleQuota {
  file: string;
  /** How many lines of each kind to keep from this file. */
  plain: number;
  heading: number;
  numbered: number;
  roman: number;
}

/**
 * Stream one corpus file and keep, per kind, the `quota` lines with the smallest salted hash
 * (a deterministic uniform sample; Infinity keeps every line of that kind). `maxChars` drops
 * very long lines before wrapping. Lines come from the LM's `split`: the channel build reads
 * 'train' only (the held-out splits are never rendered for it), the garble bench 'test' or 'dev'.
 */
export async function sampleCorpusFile(path: string, quota: SampleQuota, salt: string, maxChars = 400, split: Split = 'train'): Promise<SampledLine[]> {
  const keep: Record<LineKind, Array<{ h: number; text: string }>> = { plain: [], heading: [], numbered: [], roman: [] };
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const raw of rl) {
    if (splitOfLine(raw) !== split) continue;
    const text = raw.normalize('NFC').trim();
    if (text.length < 8 || text.length > maxChars) continue;
    const kind = classifyLine(text);
    const want = quota[kind];
    if (want === 0) continue;
    const bucket = keep[kind];
    const h = fnv1a(salt + text);
    if (bucket.length >= want && h >= bucket[bucket.length - 1].h) continue;
    // Insertion into a small sorted array; quotas are a few hundred at most.
    let k = bucket.length;
    while (k > 0 && bucket[k - 1].h > h) k--;
    bucket.splice(k, 0, { h, text });
    if (bucket.length > want) bucket.pop();
  }
  const out: SampledLine[] = [];
  for (const kind of ['plain', 'heading', 'numbered', 'roman'] as const) {
    for (const { text } of keep[kind]) out.push({ text, kind, file: quota.file });
  }
  return out;
}

/** Deterministic shuffle (sort by salted hash) so pages mix files and kinds. */
export function shuffleDeterministic<T extends { text: string }>(items: T[], salt: string): T[] {
  return items
    .map((item) => ({ item, h: fnv1a(salt + item.text) }))
    .sort((a, b) => a.h - b.h)
    .map((x) => x.item);
}
