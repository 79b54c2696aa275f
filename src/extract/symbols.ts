/**
 * Document numbers and symbols ("08/KH-UBND", "91/2017/NĐ-CP", "05-CT/TU"). OCR reads Đ as
 * D, B or P, so the letter parts are put back into their standard spelling (Decree 30/2020
 * Appendix III abbreviations) when they match one after folding.
 */
import { fold } from './text.js';

const STANDARD = [
  'KH', 'QĐ', 'NĐ', 'CP', 'CT', 'TTg', 'UBND', 'HĐND', 'TT', 'NQ', 'TB', 'BC', 'TTr', 'HD', 'CV', 'BCĐ', 'TU', 'HU',
  'ĐU', 'TW', 'PNV', 'SNV', 'BNV', 'BTC', 'VP', 'QH', 'UBTVQH', 'CTr', 'QC', 'ĐA', 'PA', 'CĐ', 'BB', 'GM', 'TTLT',
  'BTĐKT', 'HĐTĐKT', 'TĐKT', 'UBMTTQ', 'MTTQ', 'BTV', 'BCH', 'ĐTN', 'LĐLĐ', 'SGDĐT', 'PGDĐT', 'BGDĐT', 'BYT',
  'BCA', 'BQP', 'STC', 'SYT', 'STP', 'BTP', 'NHNN', 'KTNN', 'TANDTC', 'VKSNDTC', 'UBKT', 'HĐ', 'VPCP',
  // Party and youth-union issuers.
  'TĐTN', 'HĐTN', 'BTGTW', 'BTCTW', 'VPTW', 'BDVTW', 'UBKTTW', 'BCSĐ', 'ĐUK', 'BTGTU', 'BTCTU', 'BDVTU', 'BTGHU',
];
const EXACT = new Set(STANDARD);
const BY_FOLDED = new Map<string, string>();
for (const s of STANDARD) BY_FOLDED.set(fold(s), s);
// OCR confusions of Đ seen in scans: "QB", "QĐb".
BY_FOLDED.set('qb', 'QĐ');
BY_FOLDED.set('qdb', 'QĐ');
BY_FOLDED.set('nb', 'NĐ');

/** P or B letters of a symbol part at most for trying every Đ reading. */
const MAX_DJ_LETTERS = 4;

/** The standard symbol an English-model OCR made of Đ letters read as P or B ("HPTPKT", "LPLD" → "HĐTĐKT", "LĐLĐ"), if exactly one. */
function djReading(part: string): string | null {
  const at = [...part].flatMap((c, i) => (c === 'P' || c === 'B' ? [i] : []));
  if (!/^[A-Z]{2,8}$/.test(part) || !at.length || at.length > MAX_DJ_LETTERS) return null;
  const found = new Set<string>();
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const r = [...part].map((c, i) => (at.includes(i) && mask & (1 << at.indexOf(i)) ? 'Đ' : c)).join('');
    // With its other Đ letters lost too ("LPLD": LĐLĐ, "HPTDKT": HĐTĐKT), folded.
    const standard = EXACT.has(r) ? r : BY_FOLDED.get(fold(r));
    if (standard) found.add(standard);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** "91/2017/ND-CP" → "91/2017/NĐ-CP"; unknown parts are kept as written. */
export function canonicalNumber(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .split(/([/-])/)
    // A part already in its standard spelling stays ("HD" is Hướng dẫn, not "HĐ").
    .map((part) => (part === '/' || part === '-' || /^\d+$/.test(part) || EXACT.has(part) ? part : BY_FOLDED.get(fold(part)) ?? djReading(part) ?? part))
    .join('');
}

/** Comparison key of a number: case, marks and spaces ignored. */
export function numberKey(n: string): string {
  return fold(canonicalNumber(n)).replace(/\s+/g, '');
}

/** A document number after a type word: "số 08/KH-UBND", "91/2017/NĐ-CP", "05-CT/TU". */
export const NUMBER_AFTER_TYPE = /^\s*(?:s[o0-9e]{0,2}\s*:?\s*)?(\d{1,5}(?:\/\d{4})?[/-][a-z0-9]+(?:-\n?[a-z0-9]+|\/[a-z0-9]+)*)/;
