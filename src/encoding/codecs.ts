/**
 * Byte-level codecs for the legacy Vietnamese schemes, driven by the tables in
 * dictionaries/encodings/. Decoding also counts `unmapped` bytes (undefined in the scheme, or a
 * VNI mark byte with no letter to sit on): they are evidence that the scheme is wrong.
 */
import { isValidSyllable } from '../lang/syllable.js';
import { byteTable, vniSequences, type LegacyScheme } from './tables.js';

export interface LegacyDecoding {
  text: string;
  /** Bytes the scheme leaves undefined, or VNI marks that follow no vowel. */
  unmapped: number;
}

/** Windows-1252 0x80–0x9F, the code points PDF text layers and Windows give those bytes. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const cp1252ToByte = new Map<string, number>([
  ...[...CP1252_HIGH].map((ch, i): [string, number] => [ch, 0x80 + i]),
  // pdf.js names WinAnsi B5 "mu" and gives the Greek letter, not U+00B5 (as pdf-parse 2 extracts it).
  ['\u03bc', 0xb5],
]);

export function cp1252Char(byte: number): string {
  return byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
}

/**
 * The byte a character came from when legacy bytes were decoded as Windows-1252 or Latin-1
 * (what a PDF text layer with .VnTime/VNI-Times fonts gives); undefined for other characters.
 */
export function misdecodedByte(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code <= 0xff) return code;
  return cp1252ToByte.get(ch);
}

export function decodeLegacy(scheme: LegacyScheme, bytes: Uint8Array): LegacyDecoding {
  if (scheme === 'vni') return decodeVni(bytes);
  const { toUnicode } = byteTable(scheme);
  let text = '';
  let unmapped = 0;
  for (const b of bytes) {
    const ch = toUnicode[b];
    if (ch === null) {
      unmapped++;
      text += cp1252Char(b);
    } else text += ch;
  }
  text = text.normalize('NFC');
  if (scheme === 'tcvn3') text = restoreVnTimeHCase(text);
  return { text, unmapped };
}

let vniMarkBytes: Set<number> | undefined;
function markBytes(): Set<number> {
  if (!vniMarkBytes) {
    vniMarkBytes = new Set();
    for (const key of vniSequences().sequences.keys()) if (key.length === 2) vniMarkBytes.add(key.charCodeAt(1));
  }
  return vniMarkBytes;
}

function swapCase(ch: string): string {
  const lower = ch.toLowerCase();
  return lower === ch ? ch.toUpperCase() : lower;
}

function decodeVni(bytes: Uint8Array): LegacyDecoding {
  const { sequences } = vniSequences();
  const marks = markBytes();
  let text = '';
  let unmapped = 0;
  for (let i = 0; i < bytes.length; i++) {
    const first = String.fromCharCode(bytes[i]);
    if (i + 1 < bytes.length && marks.has(bytes[i + 1])) {
      const mark = String.fromCharCode(bytes[i + 1]);
      // Fonts pair marks with the base's case; typists did not always, so accept either.
      const letter = sequences.get(first + mark) ?? sequences.get(first + swapCase(mark));
      if (letter) {
        text += letter;
        i++;
        continue;
      }
    }
    const single = sequences.get(first);
    if (single) text += single;
    else {
      if (marks.has(bytes[i])) unmapped++;
      text += cp1252Char(bytes[i]);
    }
  }
  return { text: text.normalize('NFC'), unmapped };
}

/**
 * ABC (TCVN3) fonts have no upper-case toned letters: headings were set in .VnTimeH fonts that
 * draw the lower-case codes as capitals. A line (or token) whose ASCII letters are all capitals
 * is such a heading, so its lower-case Vietnamese letters are raised back.
 */
export function restoreVnTimeHCase(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (![...line].some((c) => c > '\u007f' && c !== c.toUpperCase())) return line;
      const ascii = line.match(/[A-Za-z]/g) ?? [];
      if (ascii.length >= 4 && ascii.every((c) => c >= 'A' && c <= 'Z')) return line.toUpperCase();
      return line.replace(/\S+/g, (token) => {
        const letters = token.match(/[A-Za-z]/g) ?? [];
        const upper = letters.filter((c) => c >= 'A' && c <= 'Z').length;
        return upper >= 2 && upper === letters.length ? token.toUpperCase() : token;
      });
    })
    .join('\n');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const reverseTables = new Map<LegacyScheme, Map<string, number[]>>();

function reverseTable(scheme: LegacyScheme): Map<string, number[]> {
  const cached = reverseTables.get(scheme);
  if (cached) return cached;
  const reverse = new Map<string, number[]>();
  if (scheme === 'vni') {
    for (let b = 0; b < 0x80; b++) reverse.set(String.fromCharCode(b), [b]);
    for (const [key, letter] of vniSequences().sequences) {
      reverse.set(letter, [...key].map((c) => c.charCodeAt(0)));
    }
  } else {
    byteTable(scheme).toUnicode.forEach((ch, b) => {
      if (ch !== null && !reverse.has(ch)) reverse.set(ch, [b]);
    });
  }
  reverseTables.set(scheme, reverse);
  return reverse;
}

/**
 * Typographic characters VISCII and TCVN3 have no byte for, written the way typists of the era
 * did (straight quotes, hyphen, three dots).
 */
const ASCII_FALLBACK: Record<string, string> = {
  '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '–': '-', '—': '-', '…': '...', '≥': '>=', '≤': '<=', '\u00a0': ' ', '•': '-', '·': '.',
};

function encodeChar(reverse: Map<string, number[]>, scheme: LegacyScheme, ch: string): number[] | undefined {
  const direct = reverse.get(ch);
  if (direct) return direct;
  const nfd = ch.normalize('NFD');
  const tone = nfd.match(TONE_MARKS)?.[0];
  const base = nfd.replace(TONE_MARKS, '').normalize('NFC');
  const baseBytes = reverse.get(base);
  const toneBytes = tone ? reverse.get(tone) : undefined;
  if (baseBytes && toneBytes) return [...baseBytes, ...toneBytes];
  // VNI is a font layout over Windows-1252: its punctuation bytes are cp1252's.
  if (scheme === 'vni' && misdecodedByte(ch) !== undefined) return [misdecodedByte(ch)!];
  return undefined;
}

/**
 * The text as `scheme` can carry it: characters it lacks become their ASCII fallback, or '?'.
 * This is what a round trip through encodeLegacy/decodeLegacy must give back.
 */
export function foldToRepertoire(scheme: LegacyScheme, text: string): string {
  const reverse = reverseTable(scheme);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (encodeChar(reverse, scheme, ch)) out += ch;
    else out += ASCII_FALLBACK[ch] ?? '?';
  }
  return out;
}

/**
 * Unicode -> legacy bytes, for fixtures and benchmarks. Letters a scheme lacks precomposed
 * (Windows-1258) are written as base + combining tone mark, as Windows did. Characters with no
 * representation become their ASCII fallback or '?' (see foldToRepertoire).
 */
export function encodeLegacy(scheme: LegacyScheme, text: string, opts: { vn3?: boolean } = {}): Uint8Array {
  const reverse = reverseTable(scheme);
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    // VN3 (.VnTime/.VnTimeH) has no toned capitals: they were typed with the lower-case codes.
    const bytes = opts.vn3 && scheme === 'tcvn3' ? vn3Bytes(reverse, ch) : encodeChar(reverse, scheme, ch);
    if (bytes) out.push(...bytes);
    else for (const c of ASCII_FALLBACK[ch] ?? '?') out.push(c.charCodeAt(0));
  }
  return Uint8Array.from(out);
}

function vn3Bytes(reverse: Map<string, number[]>, ch: string): number[] | undefined {
  const bytes = encodeChar(reverse, 'tcvn3', ch);
  if (!bytes || bytes.length !== 1) return bytes;
  const b = bytes[0];
  const vn3 = b >= 0x20 && (b < 0x80 || (b >= 0xa0 && !VN1_ONLY.has(b)));
  return vn3 ? bytes : encodeChar(reverse, 'tcvn3', ch.toLowerCase());
}

/** TCVN 5712 VN1 positions of toned capitals that lie inside A0–FF (VN3 leaves them empty). */
const VN1_ONLY = new Set([0xaf, 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xba, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xcd, 0xd9, 0xda, 0xdb, 0xe0, 0xf0, 0xff]);

/** What a PDF text layer or a Windows program shows for legacy bytes: them read as cp1252. */
export function misdecode(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += cp1252Char(b);
  return text;
}

/**
 * Repair a string that is legacy bytes mis-read as cp1252/Latin-1: map each character back to
 * its byte, decode those bytes with `scheme`. Characters that no byte gives (real Unicode
 * letters) are kept and counted in `foreign` — a mis-decoded run has none.
 */
export function decodeMisdecoded(scheme: LegacyScheme, text: string): LegacyDecoding & { foreign: number } {
  const decoded = decodeMisdecodedRaw(scheme, text);
  return SOFT_HYPHEN_IS_LETTER.has(scheme) && IN_WORD_HYPHEN.test(text) ? restoreSoftHyphenLetters(scheme, decoded) : decoded;
}

/**
 * pdf.js extracts byte AD (soft hyphen in cp1252) as '-': in TCVN3 that byte is ư, in VISCII ễ,
 * so "n-íc" is "nước". A hyphen touching a letter is read as that byte when it turns the word into
 * valid syllables and the word with the hyphen is not (KH-UBND stays).
 */
const SOFT_HYPHEN_IS_LETTER = new Set<LegacyScheme>(['tcvn3', 'viscii']);
const IN_WORD_HYPHEN = /\p{L}-|-\p{L}/u;

function restoreSoftHyphenLetters(scheme: LegacyScheme, decoded: LegacyDecoding & { foreign: number }): LegacyDecoding & { foreign: number } {
  const softHyphenLetter = decodeLegacy(scheme, Uint8Array.of(0xad)).text;
  const validWord = (w: string) => w.split(/[-/]/).every((part) => part !== '' && isValidSyllable(part));
  const text = decoded.text.replace(/\S+/g, (token) => {
    if (!IN_WORD_HYPHEN.test(token)) return token;
    const core = token.replace(/^[^\p{L}-]+|[^\p{L}-]+$/gu, '');
    if (validWord(core)) return token;
    const asLetter = core.replace(/(?<=\p{L})-|-(?=\p{L})/gu, softHyphenLetter).normalize('NFC');
    return validWord(asLetter) ? token.replace(core, asLetter) : token;
  });
  return { ...decoded, text };
}

function decodeMisdecodedRaw(scheme: LegacyScheme, text: string): LegacyDecoding & { foreign: number } {
  let out = '';
  let unmapped = 0;
  let foreign = 0;
  let pending: number[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const decoded = decodeLegacy(scheme, Uint8Array.from(pending));
    out += decoded.text;
    unmapped += decoded.unmapped;
    pending = [];
  };
  for (const ch of text) {
    const byte = misdecodedByte(ch);
    if (byte !== undefined) pending.push(byte);
    else {
      flush();
      if (/\p{L}/u.test(ch)) foreign++;
      out += ch;
    }
  }
  flush();
  return { text: out, unmapped, foreign };
}
