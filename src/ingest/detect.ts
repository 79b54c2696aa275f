/**
 * Input type detection from content (magic bytes), never from the file extension:
 * archivists' folders hold scans saved as .txt, PDFs without extension, and so on.
 */
export type DetectedType = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'text';

export const MIME: Record<DetectedType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  text: 'text/plain',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00]; // II*\0
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a]; // MM\0*
/** PDF writers may put junk before the header; readers accept it within the first 1 KiB. */
const PDF_HEADER_WINDOW = 1024;

export function detectType(bytes: Uint8Array): DetectedType {
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) return 'tiff';
  if (startsWith(bytes, PDF)) return 'pdf';
  const window = Math.min(bytes.length - PDF.length, PDF_HEADER_WINDOW);
  for (let i = 1; i <= window; i++) if (bytes[i] === 0x25 && startsWith(bytes, PDF, i)) return 'pdf';
  return 'text';
}

/** UTF-16 is recognised by its BOM or by the zero byte in every other position of ASCII-heavy text. */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return utf16ByteOrderWithoutBom(bytes) !== null;
}

/**
 * Byte order of BOM-less UTF-16, from where the zero high bytes of Latin text fall
 * (Vietnamese letters are U+00C0–U+1EF9, so spaces, digits and ASCII letters give the zeros).
 */
export function utf16ByteOrderWithoutBom(bytes: Uint8Array): 'utf16le' | 'utf16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  // One side is mostly zero (high bytes of Latin text), the other almost never.
  if (oddZeros > 0.3 * pairs && evenZeros < 0.05 * pairs) return 'utf16le';
  if (evenZeros > 0.3 * pairs && oddZeros < 0.05 * pairs) return 'utf16be';
  return null;
}

/**
 * Binary that is not text: NUL bytes, or many C0 control characters other than tab/CR/LF/FF.
 * Legacy 8-bit Vietnamese encodings (TCVN3, VNI, VISCII) use bytes ≥ 0x80 and, for VISCII,
 * a few C0 positions (0x02, 0x05, 0x06, 0x14, 0x19, 0x1e), so only a high share counts.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (looksLikeUtf16(bytes)) return false;
  const n = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
    else if (b === 0x7f) controls++;
  }
  return n > 0 && controls / n > 0.05;
}
