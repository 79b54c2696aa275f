/**
 * Issuing bodies and localities. A body is a head ("Ủy ban nhân dân", "Ban Chỉ đạo …",
 * "Phòng Nội vụ") plus a locality ("huyện Vụ Bản"). The gazetteer (dictionaries/gazetteer.json,
 * see src/data) gives each locality's superior unit, disambiguated by the other
 * place names the document mentions; when it has nothing, the document's own mentions do.
 */
import { gazetteerOrNull, type AdminUnit, type Gazetteer } from '../data/index.js';
import { editDistance, fold, titleCase } from './text.js';

export const LOCALITY_TYPES = ['thành phố', 'thị trấn', 'thị xã', 'đặc khu', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'] as const;
export type LocalityType = (typeof LOCALITY_TYPES)[number];
const FOLDED_TYPES = LOCALITY_TYPES.map((t) => [fold(t), t] as const);
/** From 1 July 2025 communes and wards sit directly under the province: tried after SUPERIOR. */
const SUPERIOR_FROM_2025: Record<string, LocalityType[]> = { xã: ['tỉnh'], phường: ['tỉnh'] };
const SUPERIOR: Record<string, LocalityType[]> = {
  xã: ['huyện', 'thị xã', 'thành phố', 'quận'],
  phường: ['quận', 'thị xã', 'thành phố'],
  'đặc khu': ['tỉnh', 'thành phố'],
  'thị trấn': ['huyện'],
  huyện: ['tỉnh', 'thành phố'],
  quận: ['thành phố'],
  'thị xã': ['tỉnh', 'thành phố'],
  'thành phố': ['tỉnh', 'thành phố'],
};

export interface Locality { type: LocalityType; name: string }

export { gazetteerOrNull };

/** "xã ĐẠI THẮNG" / "XA PAI THANG" → { type: 'xã', name: 'Đại Thắng' } (gazetteer spelling when known).
 * With the document's folded text, a name the restorer got slightly wrong ("Có Là") is
 * matched to the unit of that type with the closest skeleton whose superior the text names. */
export function parseLocality(s: string, foldedText?: string): Locality | null {
  const f = fold(s).trim();
  for (const [ft, type] of FOLDED_TYPES) {
    if (f.startsWith(ft + ' ')) {
      const raw = s.trim().slice(ft.length).trim().replace(/[.,;:]+$/, '');
      if (!raw) return null;
      const g = gazetteerOrNull();
      let known = g?.namesForStripped(raw) ?? [];
      // OCR reads Đ as P, B or D ("Pai Thắng"): try the Đ reading of word-initial P/B.
      if (!known.length && g && /(^|\s)[PB]/.test(raw)) known = g.namesForStripped(raw.replace(/(^|\s)[PB]/g, '$1Đ'));
      if (!known.length && g && foldedText) {
        const near = nearestUnit(g, type, raw, foldedText);
        if (near) known = [near];
      }
      const name = known.find((n) => n.toLowerCase() === raw.toLowerCase()) ?? known[0] ?? titleCase(raw);
      return { type, name };
    }
  }
  return null;
}

/** "huyện Vụ Bản" mentions in a text, most frequent first. */
export function localityMentions(text: string): { type: LocalityType; name: string; count: number }[] {
  const counts = new Map<string, { type: LocalityType; name: string; count: number }>();
  const re = /(?<![\p{L}])(thành phố|thị trấn|thị xã|đặc khu|tỉnh|huyện|quận|xã|phường)\s+((?:[\p{Lu}][\p{Ll}]*\s?){1,3})/gu;
  for (const m of text.matchAll(re)) {
    const name = m[2]!.trim();
    const key = `${m[1]}|${name}`;
    const e = counts.get(key) ?? { type: m[1] as LocalityType, name, count: 0 };
    e.count++;
    counts.set(key, e);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/**
 * The gazetteer unit for a locality, choosing among homonyms by the names the text mentions.
 * Units of `era` (the document's, from its issue date; before-2025 when unknown) are preferred:
 * a name kept in the 2025 reorganisation is one unit in each era.
 */
export function findUnit(loc: Locality, foldedText: string, era: AdminUnit['era'] = 'before-2025'): AdminUnit | null {
  const g = gazetteerOrNull();
  if (!g) return null;
  let cands = g.findByStripped(loc.name).filter((u) => u.type === loc.type);
  if (cands.some((u) => u.era === era)) cands = cands.filter((u) => u.era === era);
  if (cands.length <= 1) return cands[0] ?? null;
  let best: AdminUnit | null = null;
  let bestScore = 0;
  let tie = false;
  for (const u of cands) {
    const score = mentionScore(g, u, foldedText);
    if (score > bestScore) { best = u; bestScore = score; tie = false; }
    else if (score === bestScore && score > 0) tie = true;
  }
  return best && !tie ? best : null;
}

/** Confidence of a superior locality found in the gazetteer's parent codes. */
const SUPERIOR_FROM_GAZETTEER = 0.9;
/** Confidence of a superior locality guessed as the text's most mentioned one of a superior type. */
const SUPERIOR_FROM_MENTIONS = 0.6;

/** The unit one level up, as a locality ("xã Đại Thắng" → "huyện Vụ Bản"). */
export function superiorLocality(loc: Locality, text: string, foldedText: string, era?: AdminUnit['era']): { locality: Locality; confidence: number } | null {
  const unit = findUnit(loc, foldedText, era);
  const g = gazetteerOrNull();
  if (unit?.parentCode && g) {
    const parent = g.parentOf(unit);
    if (parent) return { locality: { type: parent.type, name: parent.name }, confidence: SUPERIOR_FROM_GAZETTEER };
  }
  // No gazetteer answer: the most mentioned locality of a superior type.
  const mentions = localityMentions(text).filter((x) => fold(x.name) !== fold(loc.name));
  const m =
    mentions.find((x) => (SUPERIOR[loc.type] ?? []).includes(x.type)) ??
    mentions.find((x) => (SUPERIOR_FROM_2025[loc.type] ?? []).includes(x.type));
  return m ? { locality: { type: m.type, name: m.name }, confidence: SUPERIOR_FROM_MENTIONS } : null;
}

export function localityText(l: Locality): string {
  return `${l.type} ${l.name}`;
}

/** The unit of `type` whose name is within a small edit distance of `raw` and whose district
 * or province the text mentions; null when none or several tie. */
function nearestUnit(g: Gazetteer, type: LocalityType, raw: string, foldedText: string): string | null {
  const key = fold(raw).replace(/\s+/g, ' ').trim();
  const syllables = key.split(' ').length;
  const maxDist = Math.max(1, Math.floor(key.length / 4));
  let best: { name: string; dist: number; score: number } | null = null;
  let tie = false;
  for (const u of g.units) {
    if (u.type !== type) continue;
    const uk = fold(u.name);
    if (uk.split(' ').length !== syllables || Math.abs(uk.length - key.length) > maxDist) continue;
    const dist = editDistance(uk, key);
    if (dist > maxDist) continue;
    const score = mentionScore(g, u, foldedText);
    if (score === 0) continue;
    const better = !best || score > best.score || (score === best.score && dist < best.dist);
    if (better) { best = { name: u.name, dist, score }; tie = false; }
    else if (best && score === best.score && dist === best.dist && u.name !== best.name) tie = true;
  }
  return best && !tie ? best.name : null;
}

/**
 * How clearly the text places a unit: 2 when it names the superior unit with its type
 * ("huyện Vụ Bản"), +1 for the province ("tỉnh Nam Định"). Bare names are not counted:
 * "Văn Bàn" folds to the everyday "văn bản".
 */
function mentionScore(g: Gazetteer, u: AdminUnit, foldedText: string): number {
  if (!u.parentCode) return 0;
  const parent = g.parentOf(u);
  const province = parent?.level === 'district' ? g.parentOf(parent) : null;
  let score = 0;
  if (parent && foldedText.includes(fold(parent.fullName))) score += 2;
  if (province && foldedText.includes(fold(province.fullName))) score += 1;
  return score;
}
