/**
 * A place filter across the 2025 reorganisation: the names of the units of the other era
 * linked to the one asked for, so "--place 'Liên Minh'" (a commune from 1 July 2025) also finds
 * records placed in the communes merged into it ("Đại Thắng", …) and the reverse. Accepts an
 * optional unit type ("xã Đại Thắng") and province after a comma ("Đại Thắng, Nam Định") to
 * narrow homonyms. Without the gazetteer only the name itself is matched.
 */
import { gazetteerOrNull, type AdminUnit, type Gazetteer } from '../data/index.js';
import { foldText } from './fold.js';

const UNIT_TYPES = ['thành phố', 'thị trấn', 'thị xã', 'đặc khu', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'] as const;
const fold = (s: string) => foldText(s.normalize('NFC')).replace(/\s+/g, ' ').trim();

/** "xã Đại Thắng, tỉnh Nam Định" → type xã, folded name "dai thang", folded province "nam dinh". */
function parsePlace(query: string): { type?: (typeof UNIT_TYPES)[number]; name: string; province: string | null } {
  const [namePart, provincePart] = query.split(',', 2) as [string, string | undefined];
  let name = fold(namePart);
  const type = UNIT_TYPES.find((t) => name.startsWith(`${fold(t)} `));
  if (type) name = name.slice(fold(type).length + 1);
  const province = provincePart ? fold(provincePart).replace(/^(tinh|thanh pho) /, '') : null;
  return { type, name, province };
}

/** The units a place query names: "xã Đại Thắng, Nam Định" → that commune (either era). */
export function unitsForPlace(query: string, g: Gazetteer): AdminUnit[] {
  const { type, name, province } = parsePlace(query);
  return g
    .findByStripped(name)
    .filter((u) => (!type || u.type === type) && (!province || fold(u.provinceName ?? u.name) === province));
}

/**
 * Folded names a record's place may carry for `query`: the name itself (without its unit type
 * and province), then the names of the
 * units of the other era linked to it (successors of a pre-2025 unit, predecessors of a
 * from-2025 one, whole or partial).
 */
export function placeAliases(query: string): string[] {
  const own = parsePlace(query).name;
  const g = gazetteerOrNull();
  if (!g) return [own];
  const names = new Set<string>();
  for (const u of unitsForPlace(query, g)) {
    for (const linked of [...g.successors(u), ...g.predecessors(u)]) names.add(fold(linked.unit.name));
  }
  names.delete(own);
  return [own, ...[...names].sort()];
}
