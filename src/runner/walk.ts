/** The input files of a batch: regular files under a folder, recursively, dotfiles skipped. */
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

export interface InputFile {
  path: string;
  /** Relative to the input folder, '/' separators. */
  relPath: string;
}

/** Sorted by relative path so runs (and the index) are deterministic. `exclude` folders are skipped (the output folder inside the input). */
export async function listInputFiles(dir: string, exclude: string[] = []): Promise<InputFile[]> {
  const root = resolve(dir);
  const excluded = new Set(exclude.map((e) => resolve(e)));
  const files: InputFile[] = [];
  async function walk(folder: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!excluded.has(full)) await walk(full);
      } else if (entry.isFile()) {
        files.push({ path: full, relPath: relative(root, full).split(sep).join('/') });
      }
    }
  }
  await walk(root);
  return files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}
