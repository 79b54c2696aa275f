/** Shape of dictionaries/gazetteer.json (written by tools/build/gazetteer.ts). */

export type AdminUnitType = 'tỉnh' | 'thành phố' | 'quận' | 'huyện' | 'thị xã' | 'thị trấn' | 'xã' | 'phường';
export type AdminLevel = 'province' | 'district' | 'commune';

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
}

export interface GazetteerFile {
  source: { package: string; version: string; note: string };
  builtAt: string;
  provinces: AdminUnit[];
  districts: AdminUnit[];
  communes: AdminUnit[];
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
