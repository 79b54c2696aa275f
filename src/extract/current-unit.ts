/**
 * The current units (from 1 July 2025) of a locality a document names by its pre-2025 name,
 * through the gazetteer's old → new mapping (dictionaries/admin-mapping-2025.json): the
 * issuer's "xã Đại Thắng" (huyện Vụ Bản, Nam Định) → "xã Liên Minh" (Ninh Bình).
 */
import type { AdminUnit } from '../data/index.js';
import type { CurrentUnit } from '../schema/document.js';
import { findUnit, gazetteerOrNull, type Locality } from './issuer.js';

/** The day the 34 provinces and their new communes took effect. */
export const REORGANISATION_DATE = '2025-07-01';

/** The map a document dated `iso` names its units on; undefined without a date. */
export function eraOfDate(iso: string | null | undefined): AdminUnit['era'] | undefined {
  if (!iso) return undefined;
  return iso >= REORGANISATION_DATE ? 'from-2025' : 'before-2025';
}

/** The from-2025 units a before-2025 unit went into ([] for a from-2025 unit). */
export function currentUnitsOf(unit: AdminUnit): CurrentUnit[] {
  const g = gazetteerOrNull();
  if (!g) return [];
  return g.successors(unit).map(({ unit: u, merge }) => ({ name: u.fullName, code: u.code, province: u.provinceName, merge }));
}

const orUndefined = (units: CurrentUnit[]) => (units.length ? units : undefined);

/** The issuer's locality as of now, when the document names it by a pre-2025 unit. */
export function currentOfLocality(loc: Locality | null, foldedText: string, era?: AdminUnit['era']): CurrentUnit[] | undefined {
  if (!loc) return undefined;
  const unit = findUnit(loc, foldedText, era);
  return unit?.era === 'before-2025' ? orUndefined(currentUnitsOf(unit)) : undefined;
}

/**
 * The place line's bare name ("Trực Ninh") as of now: the issuer's own unit when the names
 * agree, else the pre-2025 units of that name when they all went into the same new units.
 * Undefined when the name is a from-2025 unit of the document's era or stays ambiguous.
 */
export function currentOfPlace(place: string | null, own: Locality | null, foldedText: string, era?: AdminUnit['era']): CurrentUnit[] | undefined {
  const g = gazetteerOrNull();
  if (!g || !place) return undefined;
  if (own && own.name.toLowerCase() === place.toLowerCase()) {
    const unit = findUnit(own, foldedText, era);
    if (unit) return unit.era === 'before-2025' ? orUndefined(currentUnitsOf(unit)) : undefined;
  }
  const named = g.findByName(place);
  if (era === 'from-2025' && named.some((u) => u.era === 'from-2025')) return undefined;
  const olds = named.filter((u) => u.era === 'before-2025');
  const sets = new Set(olds.map((u) => JSON.stringify(currentUnitsOf(u))));
  return sets.size === 1 ? orUndefined(currentUnitsOf(olds[0]!)) : undefined;
}
