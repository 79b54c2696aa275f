/**
 * The public development set ../shared/corpus/dev-docs/ (40 whole documents no training file
 * uses): reading, grouping, stripping, scoring with the judge's scorer, and per-token error
 * labels for confidence measurement. Shared by bench:restore and the calibration build.
 *
 * Groups come from the set's README table: documents from the dvhcvn/20250701 source are the
 * commune-merger resolutions ('merger'), the rest the national decrees and circulars ('national').
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RestoreResult } from '../../src/restore/index.js';

export type DevGroup = 'national' | 'merger';
export interface DevDoc { id: string; group: DevGroup; text: string }
export interface Score { syllables: number; errors: number }

/**
 * The shared data folder: --shared DIR when given, else ../shared beside the repository (a
 * worktree one level deeper finds it at ../../shared).
 */
export function sharedDir(argv: readonly string[] = process.argv): string {
  const i = argv.indexOf('--shared');
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1]);
  const near = resolve('../shared');
  return existsSync(near) || !existsSync(resolve('../../shared')) ? near : resolve('../../shared');
}

/** The confidence line under which the review page lists tokens first (issue 20's measure). */
export const REVIEW_LINE = 0.9;

/** The README table's source of the commune-merger resolutions. */
const MERGER_SOURCE = 'dvhcvn/20250701';

export function readDevDocs(dir: string): DevDoc[] {
  const sourceOf = new Map<string, string>();
  for (const row of readFileSync(join(dir, 'README.md'), 'utf8').split('\n')) {
    const cells = row.split('|').map((c) => c.trim());
    // | id | source | path | title | type | syllables |
    if (cells.length >= 7 && /^dv\d+_/.test(cells[1])) sourceOf.set(cells[1], cells[2]);
  }
  const docs: DevDoc[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const id = file.replace(/\.txt$/, '');
    const source = sourceOf.get(id);
    if (source === undefined) throw new Error(`dev-docs: ${file} has no row in ${join(dir, 'README.md')}`);
    docs.push({ id, group: source === MERGER_SOURCE ? 'merger' : 'national', text: readFileSync(join(dir, file), 'utf8').normalize('NFC') });
  }
  return docs;
}

/** Marks and đ removed; lengths kept (NFC Vietnamese letters decompose to one base letter plus marks). */
export function strip(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export interface TextMetrics {
  score: (g: string, h: string, lines?: boolean) => Score & { accuracy: number };
  tokens: (line: string) => string[];
  lev: (a: string, b: string) => number;
}

export async function loadTextMetrics(shared: string): Promise<TextMetrics> {
  return (await import(pathToFileURL(join(shared, 'tools', 'textmetrics.mjs')).href)) as TextMetrics;
}

/** textmetrics --lines, summed line by line (its whole-text CER is quadratic in the text length). */
export function scoreLines(metrics: TextMetrics, gold: string, hyp: string): Score {
  const g = gold.split('\n');
  const h = hyp.split('\n');
  let syllables = 0;
  let errors = 0;
  for (let i = 0; i < Math.max(g.length, h.length); i++) {
    const r = metrics.score(g[i] ?? '', h[i] ?? '', true);
    syllables += r.syllables;
    errors += r.errors;
  }
  return { syllables, errors };
}

export function addScore(a: Score, b: Score): Score {
  return { syllables: a.syllables + b.syllables, errors: a.errors + b.errors };
}

export function accuracy(s: Score): number {
  return 1 - s.errors / Math.max(1, s.syllables);
}

/** A restored word token (index into result.tokens) with its reported confidence and whether it is wrong. */
export interface LabelledToken { index: number; confidence: number; error: boolean }

/**
 * Word tokens of a restore result of strip(gold), each labelled wrong when its output differs
 * from the gold token at the same input offsets under the scorer's token rule (case, edge
 * punctuation and tone placement ignored). Stripping keeps lengths, so input offsets (from the
 * result's offset map) are gold offsets; a token whose input does not strip-match the gold is
 * counted as misaligned and left out.
 */
export function labelTokens(metrics: Pick<TextMetrics, 'tokens'>, gold: string, result: RestoreResult): { tokens: LabelledToken[]; misaligned: number } {
  const tokens: LabelledToken[] = [];
  let misaligned = 0;
  let s = 0;
  const map = result.offsetMap;
  for (let index = 0; index < result.tokens.length; index++) {
    const t = result.tokens[index];
    // The token's own segment: the next one that starts and ends where the token does in the output.
    while (s < map.length && !(map[s].outStart === t.start && map[s].outEnd === t.end && map[s].inEnd - map[s].inStart === t.input.length)) s++;
    if (s === map.length) throw new Error('labelTokens: a token without its offset-map segment');
    const { inStart, inEnd } = map[s++];
    if (!/\p{L}/u.test(t.input)) continue;
    const g = gold.slice(inStart, inEnd);
    if (strip(g) !== t.input) { misaligned++; continue; }
    const a = metrics.tokens(g).join(' ');
    const b = metrics.tokens(t.output).join(' ');
    tokens.push({ index, confidence: t.confidence, error: a !== b });
  }
  return { tokens, misaligned };
}

/** Of labelled tokens: the share of errors whose confidence is below `line`, and the share of all tokens below it. */
export function confidenceShares(tokens: readonly LabelledToken[], line: number): { errorsBelow: number; tokensBelow: number; errors: number; tokens: number } {
  let errors = 0;
  let errorsBelow = 0;
  let below = 0;
  for (const t of tokens) {
    if (t.confidence < line) below++;
    if (t.error) { errors++; if (t.confidence < line) errorsBelow++; }
  }
  return { errorsBelow: errorsBelow / Math.max(1, errors), tokensBelow: below / Math.max(1, tokens.length), errors, tokens: tokens.length };
}

/**
 * The calibration's fit and check halves: within each group, documents in id order alternate
 * (even positions fit, odd positions check), so both halves hold both kinds of document.
 */
export function calibrationHalf(docs: readonly DevDoc[], doc: DevDoc): 'fit' | 'check' {
  const same = docs.filter((d) => d.group === doc.group).map((d) => d.id).sort();
  return same.indexOf(doc.id) % 2 === 0 ? 'fit' : 'check';
}
