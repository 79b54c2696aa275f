/**
 * The legacy Vietnamese conversion tables, kept as data in dictionaries/encodings/ (see the
 * README there for the standard each comes from) and loaded once per process.
 */
import { readFileSync } from 'node:fs';
import { dictionaryPath } from '../dictionaries.js';
import { VnplanError } from '../errors.js';

/**
 * In order of prevalence in Vietnamese archives (TCVN3/ABC was the national standard and most
 * used, then VNI); ties between readings that score the same go to the earlier one.
 */
export const LEGACY_SCHEMES = ['tcvn3', 'vni', 'cp1258', 'viscii'] as const;
export type LegacyScheme = (typeof LEGACY_SCHEMES)[number];

/** One byte -> Unicode; null marks a byte the standard leaves undefined. */
export interface ByteTable {
  scheme: LegacyScheme;
  standard: string;
  toUnicode: (string | null)[];
}
/** VNI: one- or two-byte sequences (base letter + mark byte) -> one Unicode letter. */
export interface SequenceTable {
  scheme: 'vni';
  standard: string;
  /** key: the sequence as a Latin-1 string. */
  sequences: Map<string, string>;
}


function readTableFile(name: string): Record<string, unknown> {
  const path = dictionaryPath('encodings', `${name}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new VnplanError('DICTIONARY_MISSING', `cannot read encoding table ${path}`, { cause: err });
  }
}

const byteTables = new Map<LegacyScheme, ByteTable>();
let vniTable: SequenceTable | undefined;

/** Byte table of a single-byte scheme; bytes absent from the file are ASCII identity. */
export function byteTable(scheme: Exclude<LegacyScheme, 'vni'>): ByteTable {
  const cached = byteTables.get(scheme);
  if (cached) return cached;
  const file = readTableFile(scheme) as { standard: string; bytes: Record<string, string | null> };
  const toUnicode: (string | null)[] = [];
  for (let b = 0; b < 256; b++) toUnicode.push(String.fromCharCode(b));
  for (const [hex, value] of Object.entries(file.bytes)) toUnicode[parseInt(hex, 16)] = value;
  const table: ByteTable = { scheme, standard: file.standard, toUnicode };
  byteTables.set(scheme, table);
  return table;
}

export function vniSequences(): SequenceTable {
  if (vniTable) return vniTable;
  const file = readTableFile('vni') as { standard: string; sequences: Record<string, string> };
  const sequences = new Map<string, string>();
  for (const [hex, value] of Object.entries(file.sequences)) {
    let key = '';
    for (let i = 0; i < hex.length; i += 2) key += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    sequences.set(key, value);
  }
  vniTable = { scheme: 'vni', standard: file.standard, sequences };
  return vniTable;
}
