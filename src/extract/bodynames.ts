/**
 * Repairs names of bodies in short list entries (Nơi nhận): the words in them come from a
 * small vocabulary, so residual OCR/restoration damage can be undone without a language
 * model. Two repairs:
 *  - acronyms where OCR read Đ as P, B or D ("HPND", "TPKT" → "HĐND", "TĐKT"), when exactly
 *    one reading is a known acronym and the written one is not;
 *  - locality words with the wrong marks ("Tĩnh", "Tình" → "Tỉnh"; "huyên" → "huyện"),
 *    which in a list of addressees are the administrative unit unless a word after them
 *    makes another word of them ("tình hình", "tinh thần").
 */
import { ADMIN_ABBREVIATIONS } from '../data/abbreviations.js';
import { fold as foldLetters } from '../lang/fold.js';
import { fold } from './text.js';

/** Acronyms of bodies and roles met in addressee lists, beyond the abbreviation list. */
const EXTRA_ACRONYMS = [
  'UBND', 'HĐND', 'TĐKT', 'HĐTĐKT', 'BCĐ', 'PGĐ', 'GĐ', 'PCVP', 'CVP', 'TĐTN', 'HĐTN', 'ĐU', 'HU', 'TU', 'TW', 'MTTQ', 'CBCC', 'CBCCVC', 'VP', 'PCT', 'CT', 'VT',
  'ĐTN', 'LĐLĐ', 'BTV', 'BCH', 'UBKT', 'HĐ', 'ĐBQH', 'TAND', 'VKSND', 'CA', 'BHXH', 'KBNN', 'GD&ĐT', 'GDĐT',
  'LĐTBXH', 'TN&MT', 'TNMT', 'NN&PTNT', 'VH-TT', 'VHTT', 'TT&TT', 'KT-HT', 'TC-KH', 'TCKH', 'VH&TT', 'YT',
];
const KNOWN = new Set([...Object.keys(ADMIN_ABBREVIATIONS), ...EXTRA_ACRONYMS].filter((a) => /^[A-ZĐ&-]+$/u.test(a)));

/** The acronym meant by an upper-case token with a misread Đ, or null. */
/** P/B/D letters of an acronym at most for trying every Đ reading (2^n readings). */
const MAX_DJ_POSITIONS = 4;

export function repairAcronym(token: string): string | null {
  // "ƯBND": a capital with a stray mark (Ư, Ơ, Ú …) in an otherwise plain acronym.
  if (/^[\p{Lu}]{2,8}$/u.test(token) && !KNOWN.has(token) && /[^A-ZĐ]/.test(token)) {
    const plain = foldLetters(token, { scope: 'marks' });
    if (/^[A-ZĐ]+$/.test(plain) && KNOWN.has(plain)) return plain;
  }
  if (!/^[A-Z]{2,8}$/.test(token) || KNOWN.has(token) || !/[PBD]/.test(token)) return null;
  const readings = new Set<string>();
  for (let i = 0; i < token.length; i++) {
    if (!'PBD'.includes(token[i]!)) continue;
    readings.add(token.slice(0, i) + 'Đ' + token.slice(i + 1));
    // "ĐP" / "DP" for one Đ: the stroke read as a second letter.
    if (i + 1 < token.length && 'PBD'.includes(token[i + 1]!)) readings.add(token.slice(0, i) + 'Đ' + token.slice(i + 2));
  }
  // Every Đ misread ("HPTPKT" for HĐTĐKT): each subset of the P/B/D letters (few per acronym).
  const at = [...token].flatMap((c, i) => ('PBD'.includes(c) ? [i] : []));
  if (at.length > 1 && at.length <= MAX_DJ_POSITIONS) {
    for (let mask = 1; mask < 1 << at.length; mask++) {
      readings.add([...token].map((c, i) => (at.includes(i) && mask & (1 << at.indexOf(i)) ? 'Đ' : c)).join(''));
    }
  }
  const known = [...readings].filter((r) => KNOWN.has(r));
  return known.length === 1 ? known[0]! : null;
}

/** Locality words: folded → spelt. */
// Not "quan"/"phuong": "cơ quan", "liên quan", "địa phương" are everywhere.
const LOCALITY_WORDS: Record<string, string> = { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' };
/** Words after which "tinh"/"xa"… is another word ("tình hình", "xa xôi", "quan tâm"). */
const NOT_LOCALITY_BEFORE = /^(?:hinh|than|trang|nguyen|yeu|cam|thuc|chat|giam|gon|te|hoa|xoi|la|lanh)$/;

/** A locality word with wrong marks, respelt in its own case; null when it is not one or is right. */
function repairLocalityWord(word: string, next: string | undefined): string | null {
  // "Giám đốc Số" for "Sở": a capitalised "Số" not followed by a number names the department.
  if (/^S[ốồổỗộô]$/u.test(word) && !(next && /^\d/.test(next))) return 'Sở';
  const right = LOCALITY_WORDS[fold(word)];
  if (!right || word.toLocaleLowerCase('vi') === right) return null;
  if (next && NOT_LOCALITY_BEFORE.test(fold(next))) return null;
  return word.charAt(0) === word.charAt(0).toLocaleUpperCase('vi') ? right.charAt(0).toLocaleUpperCase('vi') + right.slice(1) : right;
}

/** An addressee or body name with misread acronyms and locality words repaired. */
export function repairBodyName(value: string): string {
  const parts = value.split(/(\s+|[,;:()/\-–]+)/);
  const words = parts.map((p, i) => ({ p, i })).filter((x) => /\p{L}/u.test(x.p));
  for (const [k, { p, i }] of words.entries()) {
    const after = parts.slice(i + 1).find((x) => x.trim());
    const fixed = repairAcronym(p) ?? repairLocalityWord(p, after && /^\d/.test(after) ? after : words[k + 1]?.p);
    if (fixed) parts[i] = fixed;
  }
  return parts.join('');
}
