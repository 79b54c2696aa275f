/**
 * Typed loaders for the channel tables, the gazetteer, the mined administrative terms and the
 * abbreviation list, so that the decoder and extraction import data rather than parse files.
 * Each loader caches per path; files are located under the package's dictionaries/ folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaryPath } from '../dictionaries.js';
import { VnplanError } from '../errors.js';
import { ADMIN_ABBREVIATIONS } from './abbreviations.js';
import type { AdminUnit, GazetteerFile } from './gazetteer-types.js';
import type { ChannelTable, Counts } from './channel-table.js';
import { strippedKey } from './tone-style.js';

export type { AdminUnit, AdminUnitType, AdminLevel, GazetteerFile } from './gazetteer-types.js';
export type { ChannelTable, Counts } from './channel-table.js';
export { strippedKey, toOldToneStyle, phraseToOldToneStyle } from './tone-style.js';
export { ADMIN_ABBREVIATIONS } from './abbreviations.js';

const cache = new Map<string, unknown>();

/** A dictionary JSON file, parsed (typed DICTIONARY_MISSING when unreadable); not cached. */
function parseJsonFile<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new VnplanError('DICTIONARY_MISSING', `cannot read ${path}`, { cause: err });
  }
}

function readJson<T>(path: string): T {
  if (cache.has(path)) return cache.get(path) as T;
  const value = parseJsonFile<T>(path);
  cache.set(path, value);
  return value;
}

export type ChannelModelName = 'eng' | 'vie';

/** Path of one channel table: dictionaries/channel/ocr-<model>.json, or ocr-<model>.json in `dir`. */
export function channelTablePath(model: ChannelModelName, dir = dictionaryPath('channel')): string {
  return join(dir, `ocr-${model}.json`);
}

/** The one reader of channel table files, uncached (the restorer keeps only its lookup maps). */
export function readChannelTable(path: string): ChannelTable {
  return parseJsonFile<ChannelTable>(path);
}

/** One channel table, cached per path. */
export function loadChannelTable(model: ChannelModelName, dir?: string): ChannelTable {
  return readJson<ChannelTable>(channelTablePath(model, dir));
}

export function loadChannelTables(dir?: string): Record<ChannelModelName, ChannelTable> {
  return { eng: loadChannelTable('eng', dir), vie: loadChannelTable('vie', dir) };
}

/** Counts → conditional probabilities P(inner | outer), each row summing to 1. */
export function toProbabilities(counts: Counts): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [outer, inner] of Object.entries(counts)) {
    const total = Object.values(inner).reduce((a, b) => a + b, 0);
    out[outer] = Object.fromEntries(Object.entries(inner).map(([k, n]) => [k, n / total]));
  }
  return out;
}

export interface Gazetteer {
  readonly file: GazetteerFile;
  readonly units: readonly AdminUnit[];
  /** Units whose bare name equals `name` (NFC, case-insensitive): "Trực Ninh" → the huyện. */
  findByName(name: string): AdminUnit[];
  /** Units whose name has the same skeleton: "truc ninh", "Truc Ninh", "Trực Ninh" all match. */
  findByStripped(text: string): AdminUnit[];
  /** Distinct accented names for a skeleton: "truc ninh" → ["Trực Ninh"]. */
  namesForStripped(text: string): string[];
}

export function loadGazetteer(path = dictionaryPath('gazetteer.json')): Gazetteer {
  const key = `gazetteer:${path}`;
  if (cache.has(key)) return cache.get(key) as Gazetteer;
  const file = readJson<GazetteerFile>(path);
  const units = [...file.provinces, ...file.districts, ...file.communes];
  const byName = new Map<string, AdminUnit[]>();
  const byStripped = new Map<string, AdminUnit[]>();
  for (const u of units) {
    const n = u.name.toLowerCase();
    byName.set(n, [...(byName.get(n) ?? []), u]);
    const s = strippedKey(u.name);
    byStripped.set(s, [...(byStripped.get(s) ?? []), u]);
  }
  const gazetteer: Gazetteer = {
    file,
    units,
    findByName: (name) => byName.get(name.normalize('NFC').trim().toLowerCase()) ?? [],
    findByStripped: (text) => byStripped.get(strippedKey(text)) ?? [],
    namesForStripped: (text) => file.byStripped[strippedKey(text)] ?? [],
  };
  cache.set(key, gazetteer);
  return gazetteer;
}

export interface AdminTerm {
  /** As usually written: "Ủy ban nhân dân", "cải cách hành chính". */
  surface: string;
  /** Lowercase NFC. */
  key: string;
  syllables: number;
  /** Weighted corpus count (see the file header). */
  count: number;
  pmi: number;
  /** 'corpus' = mined from the in-domain corpus; 'abbreviation' = expansion of a curated abbreviation (count 0). */
  origin: 'corpus' | 'abbreviation';
}

/**
 * Mined terms (most frequent first), then multi-word expansions of the curated abbreviations
 * that the corpus lacks (it has almost no local thi đua / CCHC text: "Chiến sĩ thi đua cơ sở").
 */
export function loadAdminTerms(path = dictionaryPath('admin-terms.txt')): AdminTerm[] {
  const key = `terms:${path}`;
  if (cache.has(key)) return cache.get(key) as AdminTerm[];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new VnplanError('DICTIONARY_MISSING', `cannot read ${path}`, { cause: err });
  }
  const terms: AdminTerm[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [surface, count, pmi] = line.split('\t');
    const syllables = surface.split(' ').length;
    terms.push({ surface, key: surface.toLowerCase(), syllables, count: Number(count), pmi: Number(pmi), origin: 'corpus' });
  }
  const seen = new Set(terms.map((t) => t.key));
  for (const expansions of Object.values(ADMIN_ABBREVIATIONS)) {
    for (const surface of expansions) {
      const k = surface.toLowerCase();
      const syllables = surface.split(' ').length;
      if (syllables < 2 || seen.has(k)) continue;
      seen.add(k);
      terms.push({ surface, key: k, syllables, count: 0, pmi: 0, origin: 'abbreviation' });
    }
  }
  cache.set(key, terms);
  return terms;
}

/** Abbreviation → expansions (commonest first), e.g. UBND → ["Ủy ban nhân dân"]. */
export function loadAbbreviations(): Readonly<Record<string, readonly string[]>> {
  return ADMIN_ABBREVIATIONS;
}
