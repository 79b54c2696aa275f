/**
 * A document's own places. Nationally the gazetteer has "Tân Thạnh" and "Tân Thành", "Đông Hòa"
 * and "Đồng Hóa"; within one province usually only one of each. A document about communes
 * names the units of one or two provinces, so its places are found first — the region whose
 * name pairs best cover the document's capitalised word pairs, each pair weighted by how few
 * regions share it — and the names of that region (units of both eras, all levels) then get a
 * channel bonus above the national one (restorer.ts, boostPair).
 * A region is a province from 1 July 2025 with the old provinces merged into it (Cà Mau holds
 * the old Cà Mau and Bạc Liêu): documents of 2025 name the old units and the new ones together.
 * Also: gazetteer syllables the LM does not know ("Krông", "Pơng", "Dliê"), offered as readings
 * of a capitalised word with that skeleton (the LM alone has no candidate for them).
 * Figures: docs/benchmarks.md (`npm run bench:devdocs`).
 */
import type { Gazetteer } from '../data/index.js';
import { foldKey } from '../lang/fold.js';
import { PairLexicon } from './pairs.js';
import { makeTemplate, slotOf, type SlotTemplate, type TokenInfo, type TokenSlot } from './slots.js';
import type { Piece } from './tokenize.js';

/** A unit's full name as written ("phường Tân Thạnh") and the region (from-2025 province) it lies in. */
export interface RegionalPlace {
  fullName: string;
  region: string;
}

/** The place-name lexicons of the regions a document is about. */
export interface LocalPlaces {
  regions: readonly string[];
  /** Adjacent syllables of the regions' unit names ("tân" → "thạnh"). */
  names: PairLexicon;
  /** Unit word → first syllable of a name of that unit in the regions ("xã" → "tân"). */
  units: PairLexicon;
}

/**
 * Region detection: the best region needs this much evidence (sum over the document's
 * distinct capitalised pairs of 1 / number of regions with that pair) and this share of all
 * regions' evidence. Measured on dev-docs (bench:devdocs): the 13 merger resolutions score
 * 40–200 for their own province; national documents stay under it (a few names of Hà Nội or
 * "Việt Nam" only).
 */
export const REGION_MIN_EVIDENCE = 12;
export const REGION_MIN_SHARE = 0.35;
/** A second region is kept when its evidence is at least this share of the best one's (documents on two provinces). */
export const REGION_SECOND_SHARE = 0.5;
/**
 * A gazetteer syllable the LM does not know ("Krông") offered to a capitalised word with its
 * skeleton: its cost is this much below the word's best channel reading ("Pong" has the LM word
 * "pong"; the unknown "pơng" must outweigh the LM's preference for a known word).
 */
export const PLACE_SYLLABLE_ADVANTAGE = 3;
/** Per-process memo of region-set lexicons (a document is about one or two of 34 regions). */
const LOCAL_MEMO_LIMIT = 64;
const OFFERED_MEMO_LIMIT = 10_000;

/** The unit words and the name syllables of a full name: "thị trấn Đầm Dơi" → ["thị trấn", ["đầm", "dơi"]]. */
export function splitFullName(fullName: string): { unit: string | undefined; name: string[] } {
  const words = fullName.split(' ');
  let start = 0;
  while (start < words.length - 1 && words[start] === words[start].toLowerCase()) start++;
  const lower = fullName.toLowerCase().split(' ');
  return { unit: start > 0 ? lower[start - 1] : undefined, name: lower.slice(start) };
}

export class DocumentPlaces {
  /** Skeleton pair ("tan thanh") → indexes of the regions with a name holding it. */
  private readonly regionsByPair = new Map<string, number[]>();
  private readonly regionNames: string[] = [];
  private readonly placesByRegion: RegionalPlace[][] = [];
  private readonly memo = new Map<string, LocalPlaces>();
  /** A word template → the same with the gazetteer syllables the LM lacks in front (null: none for it). */
  private readonly offered = new Map<SlotTemplate, SlotTemplate | null>();
  /** Skeleton → gazetteer syllables the LM does not know ("krong" → ["krông"]). */
  readonly unknownSyllables = new Map<string, string[]>();

  /** `known`: whether the LM knows a lowercase syllable. */
  constructor(places: Iterable<RegionalPlace>, known: (syllable: string) => boolean) {
    const regionIndex = new Map<string, number>();
    for (const place of places) {
      let r = regionIndex.get(place.region);
      if (r === undefined) {
        r = this.regionNames.length;
        regionIndex.set(place.region, r);
        this.regionNames.push(place.region);
        this.placesByRegion.push([]);
      }
      this.placesByRegion[r].push(place);
      const { name } = splitFullName(place.fullName);
      for (let i = 0; i + 1 < name.length; i++) {
        const key = `${foldKey(name[i])} ${foldKey(name[i + 1])}`;
        const list = this.regionsByPair.get(key);
        if (list === undefined) this.regionsByPair.set(key, [r]);
        else if (list[list.length - 1] !== r && !list.includes(r)) list.push(r);
      }
      for (const syllable of name) {
        if (/\d/.test(syllable) || known(syllable)) continue;
        const key = foldKey(syllable);
        const list = this.unknownSyllables.get(key);
        if (list === undefined) this.unknownSyllables.set(key, [syllable]);
        else if (!list.includes(syllable)) list.push(syllable);
      }
    }
  }

  /** Every unit of both eras with its from-2025 province (old units through the old → new mapping of their province). */
  static fromGazetteer(g: Gazetteer, known: (syllable: string) => boolean): DocumentPlaces {
    const regionOfOldProvince = new Map<string, string>();
    for (const p of g.file.provinces) {
      const next = g.successors(p);
      if (next.length > 0) regionOfOldProvince.set(p.name, next[0].unit.name);
    }
    const places: RegionalPlace[] = [];
    for (const u of g.units) {
      const province = u.level === 'province' ? u.name : u.provinceName;
      if (province === null) continue;
      const region = u.era === 'from-2025' ? province : regionOfOldProvince.get(province);
      if (region !== undefined) places.push({ fullName: u.fullName, region });
    }
    return new DocumentPlaces(places, known);
  }

  /**
   * The regions a document is about, from the skeletons of its adjacent capitalised words
   * (each distinct pair once): none when the evidence is weak or spread over many regions.
   */
  regionsOf(capitalisedPairs: Iterable<string>): string[] {
    const evidence = new Float64Array(this.regionNames.length);
    const seen = new Set<string>();
    let total = 0;
    for (const pair of capitalisedPairs) {
      if (seen.has(pair)) continue;
      seen.add(pair);
      const regions = this.regionsByPair.get(pair);
      if (regions === undefined) continue;
      for (const r of regions) evidence[r] += 1 / regions.length;
      total += 1;
    }
    let best = -1;
    for (let r = 0; r < evidence.length; r++) if (best < 0 || evidence[r] > evidence[best]) best = r;
    if (best < 0 || evidence[best] < REGION_MIN_EVIDENCE || evidence[best] < REGION_MIN_SHARE * total) return [];
    const chosen = [best];
    for (let r = 0; r < evidence.length; r++) if (r !== best && evidence[r] >= REGION_SECOND_SHARE * evidence[best]) chosen.push(r);
    return chosen.map((r) => this.regionNames[r]).sort();
  }

  /** `template` with the gazetteer syllables of skeleton `key` the LM lacks in front, or undefined when it has none to add. */
  withPlaceSyllables(template: SlotTemplate, key: string): SlotTemplate | undefined {
    const hit = this.offered.get(template);
    if (hit !== undefined) return hit ?? undefined;
    const syllables = this.unknownSyllables.get(key);
    let result: SlotTemplate | null = null;
    const missing = syllables?.filter((syllable) => !template.candidates.some((c) => c.word === syllable)) ?? [];
    if (missing.length > 0) {
      let best = Infinity;
      for (const c of template.candidates) best = Math.min(best, c.cost);
      const cost = (Number.isFinite(best) ? best : 0) - PLACE_SYLLABLE_ADVANTAGE;
      result = makeTemplate(
        [...missing.map((word) => ({ word, cost })), ...template.candidates.map((c) => ({ word: c.word, cost: c.cost }))],
        [...missing.map(() => -1), ...template.ids],
      );
    }
    if (this.offered.size >= OFFERED_MEMO_LIMIT) this.offered.clear();
    this.offered.set(template, result);
    return result ?? undefined;
  }

  /** The name and unit lexicons of the given regions (memoised per region set); undefined for none. */
  local(regions: readonly string[]): LocalPlaces | undefined {
    if (regions.length === 0) return undefined;
    const key = regions.join('|');
    let local = this.memo.get(key);
    if (local !== undefined) return local;
    const names: [string, string][] = [];
    const units: [string, string][] = [];
    for (const region of regions) {
      const r = this.regionNames.indexOf(region);
      if (r < 0) continue;
      for (const place of this.placesByRegion[r]) {
        const { unit, name } = splitFullName(place.fullName);
        if (unit !== undefined) units.push([unit, name[0]]);
        for (let i = 0; i + 1 < name.length; i++) names.push([name[i], name[i + 1]]);
      }
    }
    local = { regions, names: PairLexicon.of(names), units: PairLexicon.of(units) };
    if (this.memo.size >= LOCAL_MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, local);
    return local;
  }
}

/** Adjacent capitalised words on one line, one space apart (the shape of a place name). */
function capitalisedPair(pieces: readonly Piece[], infos: readonly TokenInfo[], i: number): boolean {
  const a = pieces[i];
  const b = pieces[i + 1];
  return a.kind === 'word' && b.kind === 'word' && a.line === b.line && b.start === a.start + a.input.length + 1 && infos[i].capitalised && infos[i + 1].capitalised;
}

/**
 * The regions a text is about (DocumentPlaces.regionsOf), from the skeletons of its slots' best
 * readings (the input's own skeleton in stripped text; garble's likeliest reading otherwise).
 */
export function documentRegions(places: DocumentPlaces, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: readonly TokenSlot[]): string[] {
  const skeleton = (i: number): string => foldKey(slots[i].candidates[0]?.word ?? infos[i].lower);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < pieces.length; i++) if (capitalisedPair(pieces, infos, i)) pairs.push(`${skeleton(i)} ${skeleton(i + 1)}`);
  return places.regionsOf(pairs);
}

/** Capitalised words whose skeleton spells a gazetteer syllable the LM lacks get that reading ("Krong" → Krông). */
export function offerPlaceSyllables(places: DocumentPlaces, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[]): void {
  if (places.unknownSyllables.size === 0) return;
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i].kind !== 'word' || !infos[i].capitalised) continue;
    const key = foldKey(infos[i].lower);
    if (!places.unknownSyllables.has(key)) continue;
    const template = places.withPlaceSyllables(slots[i].template, key);
    if (template) slots[i] = slotOf(template, slots[i].sentenceStart);
  }
}
