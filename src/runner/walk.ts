/**
 * The input files of a batch: regular files under a folder, recursively, dotfiles skipped.
 * Symbolic links are not followed (a link to /etc/passwd must not end up in the archive); each
 * one skipped is reported as a diagnostic, as are FIFOs, sockets and devices (reading a FIFO would block). A subfolder that cannot be read becomes a failed
 * entry (INPUT_UNREADABLE) and the walk goes on; only an unreadable input folder itself throws.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics.js';
import { inputReadError, type VnplanError } from '../errors.js';

export interface InputFile {
  path: string;
  /** Relative to the input folder, '/' separators. */
  relPath: string;
  /** Set for a folder that could not be listed: the entry fails with this error. */
  unreadable?: VnplanError;
}

export interface InputListing {
  files: InputFile[];
  /** Entries skipped on purpose (symbolic links), stage 'walk'. */
  diagnostics: Diagnostic[];
}

/** Sorted by relative path so runs (and the index) are deterministic. `exclude` folders are skipped (the output folder inside the input). */
export async function listInputs(dir: string, exclude: string[] = []): Promise<InputListing> {
  const root = resolve(dir);
  const excluded = new Set(exclude.map((e) => resolve(e)));
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const rel = (full: string) => relative(root, full).split(sep).join('/');
  async function walk(folder: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (folder === root) throw inputReadError(err, folder);
      files.push({ path: folder, relPath: `${rel(folder)}/`, unreadable: inputReadError(err, folder) });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!excluded.has(full)) await walk(full);
      } else if (entry.isFile()) {
        files.push({ path: full, relPath: rel(full) });
      } else if (entry.isSymbolicLink()) {
        diagnostics.push(diag('walk', 'warning', 'input.symlink-skipped', `${rel(full)} is a symbolic link; links are not followed. Copy the file into the folder to process it.`, undefined, { relPath: rel(full) }));
      } else {
        diagnostics.push(diag('walk', 'warning', 'input.special-skipped', `${rel(full)} is not a regular file (a FIFO, socket or device); skipped.`, undefined, { relPath: rel(full) }));
      }
    }
  }
  await walk(root);
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { files, diagnostics };
}

/** The files only (for tools and tests that do not report). */
export async function listInputFiles(dir: string, exclude: string[] = []): Promise<InputFile[]> {
  return (await listInputs(dir, exclude)).files;
}
