/**
 * Where the package's linguistic data lives. Modules run from src/ (tsx, tests) and from
 * dist/src/ (the built CLI), so the folder is found by walking up from this module rather
 * than from the working directory, which is the user's, not ours.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Absolute path of `dictionaries/<parts…>` in this package. */
export function dictionaryPath(...parts: string[]): string {
  if (!root) {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 5 && !root; i++) {
      if (existsSync(join(dir, 'dictionaries', 'lm', 'MANIFEST.json'))) root = join(dir, 'dictionaries');
      dir = dirname(dir);
    }
    // Not found: a relative path keeps the loaders' DICTIONARY_MISSING errors meaningful.
    root ??= resolve('dictionaries');
  }
  return join(root, ...parts);
}
