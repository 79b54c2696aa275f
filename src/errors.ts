/**
 * Fatal per-document errors, after OCRmyPDF's example: each has a stable code an operator
 * can grep for and a message that says what to do. Recoverable problems are never thrown;
 * they become diagnostics on the document (see diagnostics.ts).
 */
export const ERROR_CODES = {
  INPUT_NOT_FOUND: 'The input path does not exist. Check the path and try again.',
  INPUT_UNREADABLE:
    'The input file or folder cannot be read (permissions or an I/O error). Give the user running vnplan read access (and search access to folders), or fix the disk, and re-run.',
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
    'A linguistic model under dictionaries/ is missing or unreadable. Reinstall, or rebuild it with the command the message names (`npm run build:lm` for the language model).',
  OUTPUT_LOCKED:
    'Another vnplan run holds the lock on this output folder. Wait for it to finish, or remove the stale lock if no run is active.',
  OUTPUT_NOT_WRITABLE:
    'The output folder cannot be written: it is read-only, not a folder, or the user lacks write permission. Choose another --out or fix its permissions.',
  OUTPUT_WRITE_FAILED:
    'Writing an output file failed (disk full, quota or I/O error); nothing partial was left in place. Free space on the output filesystem (or fix the error named) and re-run: finished documents are kept.',
  QUEUE_UNREACHABLE:
    'The Redis server given with --queue does not answer. Check the URL (redis://HOST:PORT), that redis-server runs and that this machine may connect to it.',
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

type Errno = NodeJS.ErrnoException;
const errnoOf = (err: unknown): string | undefined => (err as Errno | undefined)?.code;
const describeErrno = (err: unknown): string => {
  const code = errnoOf(err);
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${code} (${message.replace(/^\w+: /, '').replace(/, \w+( '.*')?$/, '')})` : message;
};

/** Errnos meaning "no permission / read-only", not "missing". */
const PERMISSION = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A failed read of an input file or folder as a VnplanError (the one rule every reader uses):
 * missing → INPUT_NOT_FOUND, a folder where a file was named → USAGE, anything else
 * (permissions, EIO, a folder that vanished mid-walk) → INPUT_UNREADABLE.
 */
export function inputReadError(err: unknown, path: string): VnplanError {
  if (err instanceof VnplanError) return err;
  const code = errnoOf(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new VnplanError('INPUT_NOT_FOUND', path, { cause: err });
  if (code === 'EISDIR') return new VnplanError('USAGE', `${path} is a folder; use \`vnplan run\` for folders`, { cause: err });
  return new VnplanError('INPUT_UNREADABLE', `cannot read ${path}: ${describeErrno(err)}`, { cause: err });
}

/**
 * A failed write under the output folder: permission, read-only and not-a-folder errnos →
 * OUTPUT_NOT_WRITABLE; everything else (ENOSPC, EDQUOT, EIO, EFBIG …) → OUTPUT_WRITE_FAILED,
 * naming the path, the errno and the folder to free space on. Errors without an errno are not
 * file system faults and stay what they are (INTERNAL unless already a VnplanError).
 */
export function outputWriteError(err: unknown, path: string, outDir: string): VnplanError {
  const code = errnoOf(err);
  // Not a file system error (no errno): a bug, not an operator fault.
  if (err instanceof VnplanError || !code || !/^E[A-Z]+$/.test(code)) return toVnplanError(err);
  if (PERMISSION.has(code) || code === 'ENOTDIR') {
    return new VnplanError('OUTPUT_NOT_WRITABLE', `cannot write ${path}: ${describeErrno(err)}`, { cause: err });
  }
  const where = code === 'ENOSPC' || code === 'EDQUOT' ? `; free space on the filesystem of ${outDir}` : '';
  return new VnplanError('OUTPUT_WRITE_FAILED', `cannot write ${path}: ${describeErrno(err)}${where}`, { cause: err });
}

/** True for errnos after which further writes to the same filesystem will fail too. */
export function isOutputFull(err: unknown): boolean {
  const cause = err instanceof VnplanError ? err.cause : err;
  const code = errnoOf(cause);
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Process exit codes, documented in the README and in `vnplan --help`. */
export const EXIT = { OK: 0, SOME_FAILED: 1, FATAL: 2 } as const;
