/**
 * Document numbers/symbols ("số hiệu") as citation keys. Writers and OCR vary spacing, case,
 * dash style, đ vs d and leading zeros: "25/KH-UBND", "25 / kh-ubnd", "025/KH–UBND",
 * "05/2019/QĐ-UBND" vs "5/2019/QD-UBND" must meet on one key.
 */
import { foldText } from './fold.js';

export function symbolKey(symbol: string): string | null {
  const key = foldText(symbol.normalize('NFC'))
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212_]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^SO:?/, '')
    // Leading zeros of each numeric part: "05" and "5" are the same number.
    .replace(/(^|[/-])0+(?=\d)/g, '$1');
  // A bare "/KH-UBND" (number left blank) identifies nothing.
  return /^\d/.test(key) && key.includes('/') ? key : /^\d+[-A-Z]/.test(key) ? key : null;
}
