/**
 * Text decoding for ingest: bytes -> Unicode NFC string plus the encoding decided.
 * Unicode forms (UTF-8 with/without BOM, UTF-16 LE/BE) are decided here; the legacy
 * Vietnamese 8-bit encodings are added by the legacy-encoding module.
 */
import { VnplanError } from '../errors.js';

export interface DecodedText {
  text: string;
  encoding: string;
  /** 0..1 confidence of the encoding decision. */
  confidence: number;
}

export function decodeText(bytes: Uint8Array, opts: { encoding?: string } = {}): DecodedText {
  const forced = opts.encoding?.toLowerCase().replace(/[-_]/g, '');
  if (forced === 'utf16le' || forced === 'utf16be' || forced === 'utf8') {
    const label = forced === 'utf8' ? 'utf-8' : forced === 'utf16le' ? 'utf-16le' : 'utf-16be';
    return { text: new TextDecoder(label).decode(bytes).normalize('NFC'), encoding: forced, confidence: 1 };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)).normalize('NFC'), encoding: 'utf8', confidence: 1 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)).normalize('NFC'), encoding: 'utf16le', confidence: 1 };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)).normalize('NFC'), encoding: 'utf16be', confidence: 1 };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.normalize('NFC'), encoding: 'utf8', confidence: 1 };
  } catch {
    throw new VnplanError('ENCODING_UNKNOWN', 'The bytes are not valid UTF-8 or UTF-16');
  }
}
