/**
 * Vietnamese syllable phonotactics: every valid written syllable is generated from
 * onset + rhyme (glide, nucleus, coda) + tone under the spelling rules, so the inventory
 * does not depend on a word list (c/k/q, g/gh, ng/ngh, gi+, qu+, stop codas take only
 * sắc/nặng). Tone numbers: 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
 * Tone placement: 'old' (hóa, thủy, Ủy — the style of the clean seed, the default) and
 * 'new' (hoá, thuỷ, Uỷ); parsing accepts both.
 */

export type Tone = 0 | 1 | 2 | 3 | 4 | 5;
export type ToneStyle = 'old' | 'new';

export interface ParsedSyllable {
  /** Spelled onset as written ('' when none), e.g. 'ngh', 'qu', 'gi'. */
  onset: string;
  /** Rhyme as it would be written without the onset (for gi+i-rhymes the i is shared). */
  rhyme: string;
  glide: '' | 'o' | 'u';
  nucleus: string;
  coda: string;
  tone: Tone;
  /** Lowercase NFC syllable without tone mark. */
  base: string;
}

/** Combining tone marks indexed by tone number (0 = none). */
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const MARK_TO_TONE = new Map<string, Tone>([
  ['\u0300', 1], ['\u0301', 2], ['\u0309', 3], ['\u0303', 4], ['\u0323', 5],
]);

export const ONSETS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
] as const;

/** Rhymes without a glide, grouped by nucleus (spelled as after a consonant onset). */
const PLAIN_RHYMES = [
  'a ac ach ai am an ang anh ao ap at au ay',
  'ăc ăm ăn ăng ăp ăt',
  'âc âm ân âng âp ât âu ây',
  'e ec em en eng ep et eo',
  'ê êch êm ên ênh êp êt êu',
  'i ich im in inh ip it iu ia y',
  'iêc iêm iên iêng iêp iêt iêu',
  'o oc oi om on ong op ot ooc oong',
  'ô ôc ôi ôm ôn ông ôp ôt',
  'ơ ơi ơm ơn ơp ơt',
  'u uc ui um un ung up ut ua',
  'uôc uôi uôm uôn uông uôt',
  'ư ưc ưi ưm ưn ưng ưt ưu ưa',
  'ươc ươi ươm ươn ương ươp ươt ươu',
].join(' ').split(' ');

/** Rhymes with the labial glide (written o before a ă e, u before â ê y ơ). */
const GLIDE_RHYMES = [
  'oa oac oach oai oam oan oang oanh oao oap oat oay',
  'oăc oăm oăn oăng oăt',
  'oe oem oen oeo oet',
  'uân uâng uât uây',
  'uê uêch uênh',
  'uơ',
  'uy uych uynh uyp uyt uyu uya uyên uyêt',
].join(' ').split(' ');

const VOWELS = new Set('aăâeêioôơuưy');
const MODIFIED_VOWELS = new Set('ăâêôơư');
const STOP_CODA = /(?:p|t|c|ch|k)$/;
const FRONT_START = /^[eêi]|^y/;
/** Onsets that never take a glide rhyme (q spells the glide itself, labials do not take it). */
const NO_GLIDE_ONSETS = new Set(['b', 'c', 'k', 'gh', 'gi', 'm', 'p', 'ph', 'v', 'ngh', 'r', 'qu']);

interface RhymeParts { glide: '' | 'o' | 'u'; nucleus: string; coda: string }

function splitRhyme(rhyme: string): RhymeParts {
  let glide: '' | 'o' | 'u' = '';
  let rest = rhyme;
  if (GLIDE_RHYMES.includes(rhyme)) {
    glide = rhyme[0] as 'o' | 'u';
    rest = rhyme.slice(1);
  }
  const m = /^(.*?)(ch|ng|nh|c|k|m|n|p|t)$/.exec(rest);
  if (m && m[1]) return { glide, nucleus: m[1], coda: m[2] };
  // Vowel-final: a final i/y/o/u after another vowel is a semivowel coda, except in the
  // diphthongs ia/ua/ưa/ya and the oo nucleus.
  if (rest.length >= 2 && /[iyou]$/.test(rest) && !/^(?:ia|ua|ưa|ya|oo)$/.test(rest)) {
    return { glide, nucleus: rest.slice(0, -1), coda: rest.slice(-1) };
  }
  return { glide, nucleus: rest, coda: '' };
}

/** Spelling of onset + rhyme, or null when the combination is not written Vietnamese. */
function spell(onset: string, rhyme: string): string | null {
  const glide = GLIDE_RHYMES.includes(rhyme);
  const front = FRONT_START.test(rhyme);
  if (glide && NO_GLIDE_ONSETS.has(onset)) return null;
  if (onset === 'c' && (front || /^(?:ia|iê)/.test(rhyme))) return null;
  if (onset === 'k' && !front) return null;
  if ((onset === 'g' || onset === 'ng') && front) return null;
  if ((onset === 'gh' || onset === 'ngh') && !front) return null;
  if ((onset === 'gh' || onset === 'ngh') && rhyme.startsWith('y')) return null;
  // y as a plain rhyme-initial vowel: open y only (lý, kỹ, mỹ, ý), iê is written yê without onset.
  if (rhyme.startsWith('y') && rhyme !== 'y') return null;
  if (rhyme === 'y' && !['', 'h', 'k', 'l', 'm', 's', 't', 'v', 'qu', 'th', 'ph'].includes(onset)) return null;
  if (onset === '') {
    if (rhyme.startsWith('iê')) return 'y' + rhyme.slice(1);
    return rhyme;
  }
  if (onset === 'qu') {
    // qu carries the glide: following rhyme starts with a ă â e ê i y ơ ô (quốc).
    if (!/^[aăâeêiyơô]/.test(rhyme) || rhyme === 'ia' || rhyme.startsWith('ya')) return null;
    if (rhyme.startsWith('iê')) return 'quy' + rhyme.slice(1);
    if (rhyme.startsWith('i') && rhyme !== 'i') return 'quy' + rhyme.slice(1); // quỳnh, quýt, quých
    return onset + rhyme;
  }
  if (onset === 'gi') {
    if (rhyme === 'ia') return null; // same spelling as gi + a
    if (rhyme.startsWith('i')) return 'g' + rhyme; // gì, gìn, giếng: the i is shared
    if (/^[uư]?y/.test(rhyme)) return null;
    return onset + rhyme;
  }
  if (glide && rhyme.startsWith('uyê')) return onset + rhyme;
  return onset + rhyme;
}

interface SyllableEntry extends RhymeParts {
  onset: string;
  rhyme: string;
  base: string;
  /** Letter index of the tone-bearing vowel in `base`, old and new placement. */
  oldPos: number;
  newPos: number;
}

function tonePositions(base: string, onset: string, glideRhyme: boolean): [number, number] {
  let start = onset.length;
  if (onset === 'gi' && (base.length === 2 || !VOWELS.has(base[2]))) start = 1; // gì, gìn
  if (onset === 'gi' && base.startsWith('giê')) start = 1; // giếng
  let end = start;
  while (end < base.length && VOWELS.has(base[end])) end++;
  const cluster = base.slice(start, end);
  const hasCoda = end < base.length;
  let modified = -1;
  for (let i = 0; i < cluster.length; i++) if (MODIFIED_VOWELS.has(cluster[i])) modified = i;
  let pos: number;
  if (modified >= 0) pos = modified;
  else if (hasCoda) pos = cluster.length - 1;
  else if (cluster.length === 3) pos = 1;
  else if (cluster.length === 2 && glideRhyme) return [start, start + 1]; // hóa / hoá, thủy / thuỷ
  else pos = 0;
  return [start + pos, start + pos];
}

function buildTable(): Map<string, SyllableEntry> {
  const table = new Map<string, SyllableEntry>();
  for (const onset of ONSETS) {
    for (const rhyme of [...PLAIN_RHYMES, ...GLIDE_RHYMES]) {
      const base = spell(onset, rhyme);
      if (base === null || table.has(base)) continue;
      const glideRhyme = GLIDE_RHYMES.includes(rhyme) && onset !== 'qu';
      const [oldPos, newPos] = tonePositions(base, onset, glideRhyme);
      table.set(base, { onset, rhyme, base, oldPos, newPos, ...splitRhyme(rhyme) });
    }
  }
  return table;
}

/**
 * Established spellings outside the general rules: Central Highlands place names with a k coda
 * (Đắk Lắk, Đắk Nông), the province Bắc Kạn, and the loan xe buýt.
 */
const EXCEPTIONS: [onset: string, rhyme: string][] = [['đ', 'ăk'], ['l', 'ăk'], ['k', 'an'], ['b', 'uyt']];

const TABLE = buildTable();
for (const [onset, rhyme] of EXCEPTIONS) {
  const base = onset + rhyme;
  const glideRhyme = GLIDE_RHYMES.includes(rhyme);
  const [oldPos, newPos] = tonePositions(base, onset, glideRhyme);
  TABLE.set(base, { onset, rhyme, base, oldPos, newPos, ...splitRhyme(rhyme) });
}

interface Decomposed { base: string; tone: Tone; markIndex: number }

/** Lowercase, separate the (single) tone mark from the letters. */
function decompose(word: string): Decomposed | null {
  const nfd = word.normalize('NFD').toLowerCase();
  let tone: Tone = 0;
  let markIndex = -1;
  let letters = 0;
  let stripped = '';
  for (const ch of nfd) {
    const t = MARK_TO_TONE.get(ch);
    if (t !== undefined) {
      if (tone !== 0) return null;
      tone = t;
      markIndex = letters - 1;
      continue;
    }
    if (!/\p{M}/u.test(ch)) letters++;
    stripped += ch;
  }
  return { base: stripped.normalize('NFC'), tone, markIndex };
}

export function parseSyllable(word: string): ParsedSyllable | null {
  const d = decompose(word);
  if (!d) return null;
  const entry = TABLE.get(d.base);
  if (!entry) return null;
  if (d.tone !== 0 && d.markIndex !== entry.oldPos && d.markIndex !== entry.newPos) return null;
  if (STOP_CODA.test(entry.base) && d.tone !== 0 && d.tone !== 2 && d.tone !== 5) return null;
  if (STOP_CODA.test(entry.base) && d.tone === 0) return null;
  const { onset, rhyme, glide, nucleus, coda, base } = entry;
  return { onset, rhyme, glide, nucleus, coda, tone: d.tone, base };
}

/**
 * How strictly a word must be a syllable:
 * - 'spelling' (default): written Vietnamese, spelling and tone placement included (parseSyllable);
 * - 'shape': onset letters + rhyme letters + at most one tone mark anywhere, ignoring the spelling
 *   rules (c/k, g/gh, stop codas' tones, the tone's vowel). What garble detection counts: an
 *   English-model misreading ("thyc", "hién") fails even this, a restorable text passes it.
 */
export type SyllableCheck = 'spelling' | 'shape';

export function isValidSyllable(word: string, check: SyllableCheck = 'spelling'): boolean {
  return check === 'shape' ? hasSyllableShape(word) : parseSyllable(word) !== null;
}

/** Rhymes as written after any onset, spelling rules ignored (iê is yê after no onset; uynh). */
const SHAPE_RHYMES = new Set([
  ...PLAIN_RHYMES, ...GLIDE_RHYMES,
  ...PLAIN_RHYMES.filter((r) => r.startsWith('iê')).map((r) => 'y' + r.slice(1)),
  'ynh', 'uyn', 'uyêu', 'oeng',
]);
for (const r of ['yêc', 'yêp', 'ooc', 'oong', 'oem', 'uơ', 'uyp']) SHAPE_RHYMES.delete(r);
const ANY_TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;

function hasSyllableShape(word: string): boolean {
  const nfd = word.normalize('NFC').toLowerCase().normalize('NFD');
  const tones = nfd.match(ANY_TONE_MARK);
  if (tones && tones.length > 1) return false;
  const base = nfd.replace(ANY_TONE_MARK, '').normalize('NFC');
  for (const onset of ONSETS) if (base.startsWith(onset) && SHAPE_RHYMES.has(base.slice(onset.length))) return true;
  return false;
}

export function toneOf(syl: string): Tone | null {
  return parseSyllable(syl)?.tone ?? null;
}

function placeTone(base: string, tone: Tone, style: ToneStyle): string | null {
  const entry = TABLE.get(base);
  if (!entry) return null;
  if (STOP_CODA.test(base) && tone !== 2 && tone !== 5) return null;
  if (tone === 0) return base;
  const pos = style === 'new' ? entry.newPos : entry.oldPos;
  const chars = [...base];
  chars[pos] = (chars[pos].normalize('NFD') + TONE_MARKS[tone]).normalize('NFC');
  return chars.join('');
}

/**
 * The syllable with `tone` (placed in `style`), case of the input kept; null when the
 * input is not a syllable or the tone is impossible for it (stop coda + huyền/hỏi/ngã/ngang).
 */
export function withTone(syl: string, tone: Tone, style: ToneStyle = 'old'): string | null {
  const p = parseSyllable(syl);
  if (!p) return null;
  const out = placeTone(p.base, tone, style);
  return out === null ? null : matchCase(syl, out);
}

/** Re-place the tone mark in `style`; non-syllables are returned unchanged. */
export function toToneStyle(syl: string, style: ToneStyle = 'old'): string {
  const p = parseSyllable(syl);
  if (!p) return syl;
  return matchCase(syl, placeTone(p.base, p.tone, style) ?? syl);
}

/** Lowercase NFC with old-style tone placement: equal for "hoá"/"Hóa". */
export function canonicalKey(syl: string): string {
  const lower = syl.normalize('NFC').toLowerCase();
  const p = parseSyllable(lower);
  if (!p) return lower;
  return placeTone(p.base, p.tone, 'old') ?? lower;
}

/** Apply the letter case pattern of `template` (ALL CAPS, Title, lower) to `word`. */
export function matchCase(template: string, word: string): string {
  const letters = [...template].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (letters.length === 0) return word;
  const isUpper = (c: string) => c === c.toUpperCase() && c !== c.toLowerCase();
  if (letters.every(isUpper) && (letters.length > 1 || [...word].length === 1)) return word.toUpperCase();
  if (isUpper(letters[0])) {
    const [first, ...rest] = [...word.toLowerCase()];
    return (first ?? '').toUpperCase() + rest.join('');
  }
  return word.toLowerCase();
}

/** Every toned syllable (lowercase NFC), in the given tone placement style. */
export function generateInventory(style: ToneStyle = 'old'): string[] {
  const out: string[] = [];
  for (const base of TABLE.keys()) {
    for (let t = 0; t <= 5; t++) {
      const s = placeTone(base, t as Tone, style);
      if (s !== null) out.push(s);
    }
  }
  return out;
}

/** Toneless bases of the inventory (e.g. for legacy-encoding scoring). */
export function baseInventory(): string[] {
  return [...TABLE.keys()];
}
