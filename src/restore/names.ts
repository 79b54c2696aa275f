/**
 * Personal names: a prior over the syllables of Vietnamese person names, used where the
 * restorer sees a capitalised run that looks like a name ("Nguyen Quang Hai" after "Ông", a
 * signature line). The language model knows names poorly — it would read "Nguyễn Quảng"
 * (Quảng Nam, Quảng Ninh) — while name syllables have their own, very skewed distribution
 * (quang ≫ quảng as a given name). The statistics (dictionaries/restore/names.json) are
 * harvested from capitalised runs of the corpus training split by tools/build/names.ts,
 * with the same run rules as here (harvestNameRuns).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Slot } from './decoder.js';
import { changeCost } from './slots.js';
import { toToneStyle } from '../lang/syllable.js';
import { foldKey } from '../lang/fold.js';
import type { Piece } from './tokenize.js';

/** Common Vietnamese surnames (old tone style, lowercase): a run starting with one may be a name. */
export const SURNAMES: readonly string[] = [
  'nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'phan', 'vũ', 'võ', 'đặng', 'bùi', 'đỗ', 'hồ', 'ngô', 'dương', 'lý',
  'đinh', 'đoàn', 'trịnh', 'mai', 'trương', 'lâm', 'lương', 'hà', 'cao', 'tạ', 'lưu', 'chu', 'đào', 'tô', 'thái', 'kiều',
  'quách', 'lại', 'triệu', 'mạc', 'phùng', 'vương', 'la', 'tăng', 'khổng', 'tống', 'hứa', 'thân', 'châu', 'giang', 'âu',
  'nông', 'lò', 'diệp', 'từ', 'nghiêm', 'khúc', 'lã', 'cù', 'đàm', 'doãn', 'văn', 'bạch', 'ninh', 'kim', 'tôn', 'hầu',
];
const SURNAME_SET: ReadonlySet<string> = new Set(SURNAMES);
/**
 * Surnames that are rarely anything else once stripped or misread: a capitalised run without a
 * title must start with one of these ("Le", "Van", "Vu", "Do", "Truong" are also lễ, văn, vụ,
 * do, trường — Title-case headings are full of them).
 */
const DISTINCT_SURNAME_SKELETONS = new Set(['nguyen', 'tran', 'pham', 'hoang', 'huynh', 'phan', 'bui', 'ngo', 'trinh', 'doan', 'vuong', 'quach', 'kieu', 'phung', 'trieu', 'nghiem']);
/** Words that introduce a person's name ("Ông", "bà", "đồng chí"), as skeletons of one or two tokens. */
const TITLE_SKELETONS = new Set(['ong', 'ba', 'dong chi', 'd/c', 'dc']);
/** Marked forms of the titles, for harvesting from correct text. */
const TITLES = new Set(['ông', 'bà', 'đồng chí', 'đ/c']);
const MIN_RUN = 2;
/** A skeleton seen fewer times than this in names says nothing about its marks. */
const MIN_NAME_COUNT = 5;
/** Extra cost (nats, times the name weight) of a name reading whose letters differ from the written ones when those spell a known name syllable. */
const OTHER_LETTERS_COST = 2;
const MAX_RUN = 4;

export interface NameStats { surnames: Record<string, number>; given: Record<string, number> }

/** One capitalised run of a line, as token indices [start, end) of its whitespace tokens. */
export interface NameRun { start: number; end: number; titled: boolean }

const TITLE_CASE = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
const trimPunct = (t: string): string => t.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');

/**
 * Name runs of a correct (marked) line: 2–4 Title-case syllables starting with a surname, either
 * after a title word (ông, bà, đồng chí) or filling the whole line (a signature), or 3–4 long
 * anywhere (three capitalised syllables starting with a surname are nearly always a name).
 * The run stops at punctuation. Used to build the statistics and to measure names in the bench.
 */
export function harvestNameRuns(line: string): NameRun[] {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const runs: NameRun[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = trimPunct(tokens[i]);
    if (!TITLE_CASE.test(first) || !SURNAME_SET.has(toToneStyle(first.toLowerCase(), 'old'))) continue;
    if (tokens[i] !== first && !/^["“(]/u.test(tokens[i])) continue;
    let end = i + 1;
    while (end < tokens.length && end - i < MAX_RUN + 1 && TITLE_CASE.test(trimPunct(tokens[end])) && !/[\p{P}]$/u.test(tokens[end - 1])) end++;
    const length = end - i;
    if (length < MIN_RUN || length > MAX_RUN) { i = end - 1; continue; }
    const before = i >= 2 ? `${tokens[i - 2]} ${tokens[i - 1]}` : '';
    const titled = (i >= 1 && TITLES.has(tokens[i - 1].toLowerCase())) || TITLES.has(before.toLowerCase());
    const wholeLine = i === 0 && end === tokens.length;
    if (titled || wholeLine || length >= 3) runs.push({ start: i, end, titled });
    i = end - 1;
  }
  return runs;
}

/** Counts of surname and given/middle-name syllables over lines (the build script's core). */
export function countNameSyllables(lines: Iterable<string>): NameStats {
  const surnames: Record<string, number> = {};
  const given: Record<string, number> = {};
  for (const line of lines) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    for (const run of harvestNameRuns(line)) {
      for (let i = run.start; i < run.end; i++) {
        const syl = toToneStyle(trimPunct(tokens[i]).toLowerCase(), 'old');
        const table = i === run.start ? surnames : given;
        table[syl] = (table[syl] ?? 0) + 1;
      }
    }
  }
  return { surnames, given };
}

/**
 * −ln P(variant | skeleton) among a name position's variants, from the harvested counts: a
 * per-skeleton distribution (like a channel), so it only chooses between marks of the same letters.
 */
export class NamePrior {
  private readonly surnames: Map<string, number>;
  private readonly given: Map<string, number>;
  /** Total name count per skeleton, per table. */
  private readonly surnameTotals = new Map<string, number>();
  private readonly givenTotals = new Map<string, number>();
  readonly surnameSkeletons: ReadonlySet<string>;

  constructor(stats: NameStats) {
    this.surnames = new Map(Object.entries(stats.surnames));
    this.given = new Map(Object.entries(stats.given));
    for (const [table, totals] of [[this.surnames, this.surnameTotals], [this.given, this.givenTotals]] as const) {
      for (const [syl, n] of table) totals.set(foldKey(syl), (totals.get(foldKey(syl)) ?? 0) + n);
    }
    this.surnameSkeletons = new Set(SURNAMES.map((s) => foldKey(s)));
  }

  static load(path: string): NamePrior | undefined {
    if (!existsSync(path)) return undefined;
    return new NamePrior(JSON.parse(readFileSync(path, 'utf8')) as NameStats);
  }

  /** How often names show `word`'s skeleton in this position (surname or given). */
  total(word: string, surname: boolean): number {
    return (surname ? this.surnameTotals : this.givenTotals).get(foldKey(word)) ?? 0;
  }

  /** True when `word` (lowercase, marked) is a listed surname. */
  isSurname(word: string): boolean { return SURNAME_SET.has(word); }

  /** True when a title word's skeleton ("ong", "dong chi") introduces a name. */
  static isTitleSkeleton(skeleton: string): boolean { return TITLE_SKELETONS.has(skeleton); }

  /**
   * Cost (nats, ≥ 0) of reading a name position as `word`: −ln P(word | its skeleton) with
   * add-½ smoothing over `variants` competing forms; undefined when the skeleton was seen
   * too rarely in names to say anything.
   */
  cost(word: string, surname: boolean, variants: number): number | undefined {
    const table = surname ? this.surnames : this.given;
    const total = this.total(word, surname);
    if (total < MIN_NAME_COUNT) return undefined;
    const n = table.get(word) ?? 0;
    return -Math.log((n + 0.5) / (total + 0.5 * Math.max(1, variants)));
  }
}

/** Role of a token in a detected name run. */
export const NAME_NONE = 0;
export const NAME_SURNAME = 1;
export const NAME_GIVEN = 2;

/** Title case in noisy input: a capital (or Latin-OCR Đ: "P", "D", "|") then no capitals. */
const TITLE_INPUT = /^[\p{Lu}|][^\p{Lu}]*$/u;

/**
 * Name runs in a text about to be decoded: 2–4 adjacent Title-case word pieces on one line
 * whose first piece can be read as a surname, and that are introduced by a title word
 * (ông / bà / đồng chí), fill their line (a signature), or are 3–4 long inside prose (in a
 * capitalised heading only when the surname is hardly anything else: Nguyen, Tran, Pham…). Returns the role of
 * every piece (NAME_NONE / NAME_SURNAME / NAME_GIVEN), or undefined when there is no name.
 */
export function nameRoles(
  pieces: readonly Piece[], slots: readonly Slot[], text: string, prior: NamePrior,
): Int8Array | undefined {
  let roles: Int8Array | undefined;
  const n = pieces.length;
  const isName = (i: number): boolean => {
    const piece = pieces[i];
    if (piece.kind !== 'word') return false;
    // Most words start with an ASCII lowercase letter: no name, without the regex.
    const first = piece.input.charCodeAt(0);
    return !(first >= 0x61 && first <= 0x7a) && TITLE_INPUT.test(piece.input);
  };
  for (let i = 0; i < n; i++) {
    if (!isName(i) || pieces[i].input.length < 2 || !slots[i].candidates.some((c) => prior.isSurname(c.word))) continue;
    let end = i + 1;
    while (end < n && end - i <= MAX_RUN && isName(end) && !pieces[end].sentenceStart && pieces[end].line === pieces[i].line
      && /^\s+$/u.test(text.slice(pieces[end - 1].start + pieces[end - 1].input.length, pieces[end].start))) end++;
    const length = end - i;
    if (length < MIN_RUN || length > MAX_RUN) { i = end - 1; continue; }
    const titled = NamePrior.isTitleSkeleton(skeletonBefore(pieces, i, 1)) || NamePrior.isTitleSkeleton(`${skeletonBefore(pieces, i, 2)} ${skeletonBefore(pieces, i, 1)}`);
    const lineStart = i === 0 || pieces[i - 1].line !== pieces[i].line;
    const lineEnd = end === n || pieces[end].line !== pieces[i].line;
    if (!titled && !(lineStart && lineEnd)) {
      if (length < 3) continue;
      // In a Title-case or ALL-CAPS heading every word is capitalised: only a distinct surname starts a name there.
      if (headingLine(pieces, i) && !DISTINCT_SURNAME_SKELETONS.has(foldKey(pieces[i].input))) continue;
    }
    roles ??= new Int8Array(n);
    roles[i] = NAME_SURNAME;
    for (let k = i + 1; k < end; k++) roles[k] = NAME_GIVEN;
    i = end - 1;
  }
  return roles;
}

/**
 * Skeleton of the piece k places before piece i on its line ('' when none). A module
 * function, not a closure in nameRoles' loop: capturing the loop index would allocate a
 * context for every piece.
 */
function skeletonBefore(pieces: readonly Piece[], i: number, k: number): string {
  const p = pieces[i - k];
  return p && p.line === pieces[i].line ? foldKey(p.input) : '';
}

/** True when most word pieces of piece i's line are capitalised (a heading, not prose). */
function headingLine(pieces: readonly Piece[], i: number): boolean {
  const line = pieces[i].line;
  let words = 0;
  let capitalised = 0;
  for (let k = i; k >= 0 && pieces[k].line === line; k--) if (pieces[k].kind === 'word') { words++; if (/^[\p{Lu}|]/u.test(pieces[k].input)) capitalised++; }
  for (let k = i + 1; k < pieces.length && pieces[k].line === line; k++) if (pieces[k].kind === 'word') { words++; if (/^[\p{Lu}|]/u.test(pieces[k].input)) capitalised++; }
  return capitalised * 2 > words;
}

/**
 * Adds the name prior (weight × −ln P(variant | skeleton)) to a name slot's candidate costs.
 * A candidate whose skeleton never occurs in names (a garble reading of other letters) costs
 * as much as an unseen variant of the best-attested skeleton; a slot without any attested
 * candidate is left alone. The slot's candidate list must be its own (the restorer's ownSlot);
 * the candidate objects are replaced, not written, since they may be shared with other slots.
 */
export function applyNamePrior(slot: Slot, role: number, prior: NamePrior, weight: number, written?: string): void {
  if (role === NAME_NONE) return;
  const surname = role === NAME_SURNAME;
  const k = slot.candidates.length;
  let unseen = -Infinity;
  for (const c of slot.candidates) {
    const total = prior.total(c.word, surname);
    if (total >= MIN_NAME_COUNT) unseen = Math.max(unseen, -Math.log(0.5 / (total + 0.5 * k)));
  }
  if (unseen === -Infinity) return;
  // Written letters that already spell a name syllable the prior knows ("Thinh"): a reading
  // with other letters ("Thành") is the channel's guess, not the name's.
  const lower = written?.toLowerCase();
  const writtenKey = lower && prior.total(lower, surname) >= MIN_NAME_COUNT ? foldKey(lower) : undefined;
  for (let j = 0; j < k; j++) {
    const c = slot.candidates[j];
    const otherLetters = writtenKey !== undefined && foldKey(c.word) !== writtenKey ? OTHER_LETTERS_COST : 0;
    changeCost(slot, j, c.cost + weight * ((prior.cost(c.word, surname, k) ?? unseen) + otherLetters));
  }
}
