/**
 * A document's own places. Nationally the gazetteer has "Tân Thạnh" and "Tân Thành", "Đông Hòa"
 * and "Đồng Hóa"; within one province usually only one of each. A document about communes
 * names the units of one or two provinces, so its places are found first — the region whose
 * name pairs best cover the document's capitalised word pairs, each pair weighted by how few
 * regions share it — and the names of that region (units of both eras, all levels) then get a
 * channel bonus above the national one (restorer.ts, boostPair).
 * A region is a province from 1 July 2025 with the old provinces merged into it (Cà Mau holds
 * the old Cà Mau and Bạc Liêu): documents of 2025 name the old units and the new ones together.
 * Also: the region's name syllables that the decoder does not offer for a capitalised word —
 * "Krông", "Pơng" (not Vietnamese syllable shapes, so not among the LM's variants: offered as
 * its likeliest reading) and "Nà", "Tở", "Hớn" (beyond the candidate list's cut: offered a little
 * above its best reading, for a name pair's bonus to pick).
 * Figures: docs/benchmarks.md (`npm run bench:devdocs`).
 */
import type { Gazetteer } from '../data/index.js';
import type { DecoderLM } from './decoder-lm.js';
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
  /** Every name syllable of the regions' units. */
  syllables: ReadonlySet<string>;
  /** The same by skeleton ("to" → ["tở", "tô"]). */
  bySkeleton: ReadonlyMap<string, readonly string[]>;
  /** A word template → the same with the regions' syllables the decoder lacks in front (null: none for it). */
  offered: Map<SlotTemplate, SlotTemplate | null>;
}

/**
 * Region detection: the best region needs this much evidence (sum over the document's
 * distinct capitalised pairs of 1 / number of regions with that pair) and this share of all
 * regions' evidence. Measured on the dev-docs: each of the 13 merger resolutions scores 100–248
 * for its own province (the next region ≤ 20); the 27 national documents at most 3.2 (a few
 * names of Hà Nội), so none of them gets a region.
 */
export const REGION_MIN_EVIDENCE = 12;
export const REGION_MIN_SHARE = 0.35;
/** A second region is kept when its evidence is at least this share of the best one's (documents on two provinces). */
export const REGION_SECOND_SHARE = 0.5;
/**
 * A gazetteer syllable the LM does not know ("Krông") offered to a capitalised word with its
 * skeleton: its cost is this much below the word's best channel reading ("Pong" has the LM word
 * "pong"). Merger errors (bench:devdocs, default mode) at 1 / 3 / 5: 668 / 670 / 670 — the name
 * pair bonus does most of the work.
 */
export const PLACE_SYLLABLE_ADVANTAGE = 1;
/**
 * A syllable of the regions' names that the decoder has but did not offer (beyond the candidate
 * list's cut: "Nà", "Tở", "Hớn") costs this much above the word's best reading: only a name pair
 * with a neighbour (the place bonuses) makes it win (below 0: not offered). Merger errors at 0 / 1 / 3 / 5: 333 / 332 / 341 /
 * 352 (442 without; odd half 446 / 446 / 450 / 450).
 */
export const PLACE_SYLLABLE_RARE_COST = 1;
/** Per-process memo of region-set lexicons (a document is about one or two of 34 regions; each lexicon memoises its matches). */
const LOCAL_MEMO_LIMIT = 8;
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
  /** Skeleton → gazetteer syllables the decoder does not offer for it, with their LM ids ("krong" → [krông]). */
  readonly unknownSyllables = new Map<string, { word: string; id: number }[]>();

  /**
   * `lm`: the decoder's LM (its ids, and its variants of a skeleton: the readings the channel
   * can offer).
   */
  constructor(places: Iterable<RegionalPlace>, private readonly lm: Pick<DecoderLM, 'id' | 'variantsOf'>) {
    const regionIndex = new Map<string, number>();
    const spellings = new Map<string, Map<string, number>>();
    // Syllables repeat across the ~18,000 units (a few thousand distinct): fold each once.
    const folded = new Map<string, string>();
    const fold = (syllable: string): string => {
      let key = folded.get(syllable);
      if (key === undefined) folded.set(syllable, (key = foldKey(syllable)));
      return key;
    };
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
        const key = `${fold(name[i])} ${fold(name[i + 1])}`;
        const list = this.regionsByPair.get(key);
        if (list === undefined) this.regionsByPair.set(key, [r]);
        else if (list[list.length - 1] !== r && !list.includes(r)) list.push(r);
      }
      for (const syllable of name) {
        if (!/^\p{L}+$/u.test(syllable)) continue;
        const key = fold(syllable);
        let counts = spellings.get(key);
        if (counts === undefined) spellings.set(key, (counts = new Map()));
        counts.set(syllable, (counts.get(syllable) ?? 0) + 1);
      }
    }
    // The gazetteer's commonest spelling of a skeleton the decoder has no marked reading for,
    // unless that is the bare skeleton itself ("Kon Tum" beside a rare "Kôn").
    for (const [key, counts] of spellings) {
      let best = '';
      let most = 0;
      for (const [spelling, count] of counts) if (count > most) { best = spelling; most = count; }
      if (best === key) continue;
      if (!lm.variantsOf(key).some((variant) => variant !== key)) this.unknownSyllables.set(key, [{ word: best, id: lm.id(best) }]);
    }
  }

  /** Every unit of both eras with its from-2025 province (old units through the old → new mapping of their province). */
  static fromGazetteer(g: Gazetteer, lm: Pick<DecoderLM, 'id' | 'variantsOf'>): DocumentPlaces {
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
    return new DocumentPlaces(places, lm);
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

  /**
   * `template` with the syllables of skeleton `key` that the decoder lacks and the regions' names
   * use in front, or undefined when it has none to add.
   */
  withPlaceSyllables(local: LocalPlaces, template: SlotTemplate, key: string): SlotTemplate | undefined {
    const hit = local.offered.get(template);
    if (hit !== undefined) return hit ?? undefined;
    let result: SlotTemplate | null = null;
    const offered = (word: string): boolean => template.candidates.some((c) => c.word === word);
    const unknown = this.unknownSyllables.get(key)?.filter((syllable) => local.syllables.has(syllable.word) && !offered(syllable.word)) ?? [];
    const rare = PLACE_SYLLABLE_RARE_COST >= 0 ? (local.bySkeleton.get(key) ?? []).filter((word) => !offered(word) && !unknown.some((u) => u.word === word) && this.lm.id(word) >= 0) : [];
    if (unknown.length > 0 || rare.length > 0) {
      let best = Infinity;
      for (const c of template.candidates) best = Math.min(best, c.cost);
      if (!Number.isFinite(best)) best = 0;
      const candidates = [...unknown.map((syllable) => ({ word: syllable.word, cost: best - PLACE_SYLLABLE_ADVANTAGE }))];
      const ids = unknown.map((syllable) => syllable.id);
      for (const c of template.candidates) candidates.push({ word: c.word, cost: c.cost });
      ids.push(...template.ids);
      for (const word of rare) {
        candidates.push({ word, cost: best + PLACE_SYLLABLE_RARE_COST });
        ids.push(this.lm.id(word));
      }
      result = makeTemplate(candidates, ids);
    }
    if (local.offered.size >= OFFERED_MEMO_LIMIT) local.offered.clear();
    local.offered.set(template, result);
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
    const syllables = new Set<string>();
    const bySkeleton = new Map<string, string[]>();
    for (const region of regions) {
      const r = this.regionNames.indexOf(region);
      if (r < 0) continue;
      for (const place of this.placesByRegion[r]) {
        const { unit, name } = splitFullName(place.fullName);
        if (unit !== undefined) units.push([unit, name[0]]);
        for (const syllable of name) {
          if (syllables.has(syllable) || !/^\p{L}+$/u.test(syllable)) continue;
          syllables.add(syllable);
          const key = foldKey(syllable);
          const list = bySkeleton.get(key);
          if (list === undefined) bySkeleton.set(key, [syllable]);
          else list.push(syllable);
        }
        for (let i = 0; i + 1 < name.length; i++) names.push([name[i], name[i + 1]]);
      }
    }
    local = { regions, names: PairLexicon.of(names), units: PairLexicon.of(units), syllables, bySkeleton, offered: new Map() };
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

/**
 * Capitalised words whose skeleton spells a syllable of the regions' names that the decoder
 * does not offer get that reading ("Krong" → Krông). Only the regions' syllables: over the whole
 * gazetteer a garbled "Châu" read as "Cheu" became the rare "Chếu" of a Lai Châu commune.
 */
export function offerPlaceSyllables(places: DocumentPlaces, local: LocalPlaces, pieces: readonly Piece[], infos: readonly TokenInfo[], slots: TokenSlot[]): void {
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i].kind !== 'word' || !infos[i].capitalised) continue;
    const key = foldKey(infos[i].lower);
    if (!local.bySkeleton.has(key)) continue;
    const template = places.withPlaceSyllables(local, slots[i].template, key);
    if (template) slots[i] = slotOf(template, slots[i].sentenceStart);
  }
}
