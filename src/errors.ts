/**
 * Fatal per-document errors, after OCRmyPDF's example: each has a stable code an operator
 * can grep for and a message that says what to do. Recoverable problems are never thrown;
 * they become diagnostics on the document (see diagnostics.ts).
 */
export const ERROR_CODES = {
  INPUT_NOT_FOUND: 'The input path does not exist. Check the path and try again.',
  INPUT_EMPTY: 'The file is empty (0 bytes or only whitespace). Re-export or re-scan it.',
  INPUT_TOO_LARGE:
    'The document exceeds a per-document limit (--max-bytes, default 64 MB; --max-pages, default 2,000 pages). Split it into smaller files, or raise the limit if the machine has the memory for it.',
  UNSUPPORTED_FORMAT:
    'The file is not a text file, PDF, PNG, JPEG or TIFF. Convert it to one of these formats.',
  PDF_CORRUPT: 'The PDF cannot be parsed. Repair it (e.g. `qpdf in.pdf out.pdf`) or re-export it.',
  PDF_ENCRYPTED:
    'The PDF is encrypted or password-protected. Remove the protection (e.g. `qpdf --decrypt`) and retry.',
  IMAGE_CORRUPT: 'The image cannot be decoded. Re-scan or re-export it as PNG, JPEG or TIFF.',
  ENCODING_UNKNOWN:
    'The text encoding could not be determined. Re-run with --encoding (utf8, utf16le, utf16be, cp1258, viscii, tcvn3, vni).',
  OCR_MODEL_MISSING:
    'The Tesseract model package is missing. Run `npm install` (it installs @tesseract.js-data/vie).',
  OCR_FAILED: 'OCR failed on this document. Check that the scan is readable; see the message for details.',
  OCR_REQUIRED: 'The document has image-only pages and this pipeline does not run OCR. Re-run with --pipeline default.',
  DICTIONARY_MISSING:
    'A linguistic model under dictionaries/ is missing or unreadable. Reinstall, or rebuild it with `npm run build:lm`.',
  OUTPUT_LOCKED:
    'Another vnplan run holds the lock on this output folder. Wait for it to finish, or remove the stale lock if no run is active.',
  USAGE: 'Invalid command-line usage. See `vnplan --help`.',
  INTERNAL: 'An unexpected internal error. Please report it with the document if possible.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class VnplanError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const hint = ERROR_CODES[code];
    super(detail ? `${detail} — ${hint}` : hint, options);
    this.name = 'VnplanError';
    this.code = code;
    this.hint = hint;
  }
}

/** Wrap anything thrown into a VnplanError so reports always carry a code. */
export function toVnplanError(err: unknown): VnplanError {
  if (err instanceof VnplanError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new VnplanError('INTERNAL', message, { cause: err });
}

/** Process exit codes, documented in the README and in `vnplan --help`. */
export const EXIT = { OK: 0, SOME_FAILED: 1, FATAL: 2 } as const;
