/**
 * Folding: text with its Vietnamese marks (tone, hat, horn, breve) removed, the one
 * implementation behind lookup keys, search terms and alignment costs. Folders differ only
 * in the options below: whether case is kept, whether đ becomes d, and whether foreign Latin
 * letters are folded too (the `diacritics` package table: ø → o, æ → ae), and whether the
 * result keeps the text's length so offsets found in it are offsets in the text.
 */
import { remove as removeDiacritics } from 'diacritics';

/**
 * What is folded:
 * - 'marks': combining marks only (NFD, U+0300–U+036F); đ and every other letter kept;
 * - 'vietnamese': marks and đ/Đ → d/D; other letters and garble glyphs ("6", "&", "¢") kept;
 * - 'latin': the `diacritics` table on NFC text: marks, đ, and foreign Latin letters (ø, æ, ł …).
 */
export type FoldScope = 'marks' | 'vietnamese' | 'latin';

export interface FoldOptions {
  /** Lowercase the result (default: case kept). */
  lowercase?: boolean;
  /** Default 'vietnamese'. */
  scope?: FoldScope;
  /**
   * Fold each UTF-16 unit to exactly one unit, so the result has the text's length: a unit's
   * NFD base letter without its marks (of any kind), đ/Đ → d/D; a unit whose fold is not one
   * unit (a ligature, a lone combining mark, a surrogate) is kept. Scope 'vietnamese' only.
   */
  keepLength?: boolean;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐ]/g;

/** `text` folded as `options` say; the result is not re-composed (NFD letters stay apart). */
export function fold(text: string, options: FoldOptions = {}): string {
  const { lowercase = false, scope = 'vietnamese', keepLength = false } = options;
  if (keepLength) {
    if (scope !== 'vietnamese') throw new RangeError(`fold: keepLength needs scope 'vietnamese', not '${scope}'`);
    return foldUnits(text, lowercase);
  }
  let out: string;
  if (scope === 'latin') out = removeDiacritics(text.normalize('NFC'));
  else {
    out = text.normalize('NFD').replace(COMBINING_MARKS, '');
    if (scope === 'vietnamese') out = out.replace(D_STROKE, (d) => (d === 'đ' ? 'd' : 'D'));
  }
  return lowercase ? out.toLowerCase() : out;
}

/**
 * Lowercase, every mark stripped, đ→d: "Nhiệm Đ" → "nhiem d"; garble glyphs ("6", "&") kept.
 * The key of syllable variants and of channel alignment (fold with lowercase, scope 'vietnamese'),
 * written out because the restorer calls it per token.
 */
export function foldKey(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd').toLowerCase();
}

/** All diacritics removed and đ→d, case kept ("Đường" → "Duong"): fold with scope 'latin'. */
export function stripMarks(text: string): string {
  return fold(text, { scope: 'latin' });
}

const ANY_MARK = /\p{M}/gu;
/** Non-ASCII units folded by foldUnits, lowercase and case kept (a document uses a few hundred distinct units). */
const unitFolds = [new Map<number, number>(), new Map<number, number>()];
const UTF16 = new TextDecoder('utf-16le');

/**
 * fold with keepLength: one unit for one, ASCII only lowercased (or kept). Written into a
 * UTF-16 buffer and decoded once: appending unit by unit builds a rope of one node per
 * character, ~30 bytes each, which made folding a 20 MB text cost half a gigabyte.
 */
function foldUnits(text: string, lowercase: boolean): string {
  const cache = unitFolds[lowercase ? 1 : 0]!;
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      units[i] = lowercase && code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
      continue;
    }
    let folded = cache.get(code);
    if (folded === undefined) {
      folded = foldUnit(String.fromCharCode(code), lowercase).charCodeAt(0);
      cache.set(code, folded);
    }
    units[i] = folded;
  }
  return UTF16.decode(units);
}

function foldUnit(c: string, lowercase: boolean): string {
  if (c === 'đ' || c === 'Đ') return lowercase || c === 'đ' ? 'd' : 'D';
  const base = c.normalize('NFD').replace(ANY_MARK, '');
  if (!lowercase) return base.length === 1 ? base : c;
  const out = base.length === 1 ? base.toLowerCase() : c.toLowerCase();
  return out.length === 1 ? out : c;
}
